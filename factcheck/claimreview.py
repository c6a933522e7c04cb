"""schema.org ClaimReview for published fact-checks, and the DataCommons DataFeed of them.

https://schema.org/ClaimReview; Google's and DataCommons' guidance name the fields used here:
claimReviewed, reviewRating (ratingValue, bestRating, worstRating, alternateName),
itemReviewed (a Claim with appearance and firstAppearance), author, datePublished, url.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings

from factcheck import ratings
from factcheck.models import Claim, Verdict

CONTEXT = "https://schema.org"


def organisation() -> dict[str, Any]:
    publisher = {"@type": "Organization", "name": settings.FACTDESK_ORGANISATION_NAME}
    if settings.FACTDESK_ORGANISATION_URL:
        publisher["url"] = settings.FACTDESK_ORGANISATION_URL
    return publisher


def _appearance(claim: Claim) -> dict[str, Any]:
    source = claim.source
    work: dict[str, Any] = {"@type": "CreativeWork", "headline": source.title}
    if source.url:
        work["url"] = source.url
    if source.published_at:
        work["datePublished"] = source.published_at.isoformat()
    if source.outlet_id:
        work["publisher"] = {"@type": "Organization", "name": source.outlet.name}
    return work


def claim_review(verdict: Verdict, appearances: Sequence[Claim], *, url: str) -> dict[str, Any]:
    """The ClaimReview object of one published verdict (``url``: its public page)."""
    rating = ratings.get(verdict.rating)
    worst, best = ratings.bounds()
    review_rating: dict[str, Any] = {
        "@type": "Rating",
        "bestRating": best,
        "worstRating": worst,
        "alternateName": rating.label if rating else verdict.rating,
    }
    if rating is not None and rating.value is not None:
        review_rating["ratingValue"] = rating.value
    ordered = sorted(
        appearances,
        key=lambda claim: (claim.source.published_at is None, claim.source.published_at, claim.pk),
    )
    item: dict[str, Any] = {"@type": "Claim"}
    if ordered:
        item["appearance"] = [_appearance(claim) for claim in ordered]
        item["firstAppearance"] = _appearance(ordered[0])
        if ordered[0].source.published_at:
            item["datePublished"] = ordered[0].source.published_at.date().isoformat()
        speaker = next((claim.speaker for claim in ordered if claim.speaker), "")
        if speaker:
            item["author"] = {"@type": "Person", "name": speaker}
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": verdict.group.canonical_text,
        "datePublished": verdict.published_at.date().isoformat(),
        "author": organisation(),
        "reviewRating": review_rating,
        "itemReviewed": item,
    }
    if verdict.last_corrected_at:
        review["dateModified"] = verdict.last_corrected_at.isoformat()
    return review


def data_feed(reviews: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The DataCommons fact-check feed: a schema.org DataFeed of ClaimReview items."""
    elements = []
    for review in reviews:
        item = {key: value for key, value in review.items() if key != "@context"}
        elements.append(
            {
                "@type": "DataFeedItem",
                "dateCreated": review["datePublished"],
                "item": [item],
            }
        )
    return {"@context": CONTEXT, "@type": "DataFeed", "dataFeedElement": elements}

"""Public fact-check pages: the list (searchable, paginated) and one fact-check.

Only published and corrected verdicts are ever shown. A withdrawn one answers 410 Gone, and
saying so is public record (its date), but not its text. Every other state answers exactly
like a slug that never existed, so the page reveals nothing about unpublished work.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from factcheck import ratings
from factcheck.claimreview import claim_review
from factcheck.models import Claim, Verdict, VerdictState
from factcheck.selectors import public_factchecks

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200

# The escapes of django.utils.html.json_script: "<", ">" and "&" cannot end the script
# element or start a comment inside it, whatever a claim's text contains.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def ld_json_script(data: dict) -> SafeString:
    """``data`` as a <script type="application/ld+json"> element, safe to put in HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_JSON_SCRIPT_ESCAPES)),  # escaped just above
    )


def _web_url(url: str) -> str:
    """The URL if it is http(s), else "": a stored javascript: URL must never become a link."""
    return url if url and urlsplit(url).scheme in ("http", "https") else ""


@dataclass(frozen=True, slots=True)
class ScaleStep:
    label: str
    value: int
    current: bool


@dataclass(frozen=True, slots=True)
class Appearance:
    title: str
    url: str
    outlet: str
    published_at: datetime | None
    sentence: str


def _listed() -> QuerySet[Verdict]:
    # The list shows no appearances or evidence: skip those prefetches altogether.
    return (
        public_factchecks()
        .prefetch_related(None)
        .exclude(slug__isnull=True)
        .exclude(slug="")
        .order_by("-published_at", "-id")
    )


def factcheck_list(request: HttpRequest) -> HttpResponse:
    # No database text holds a NUL (psycopg refuses to send one), so it can match nothing.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    verdicts = _listed()
    if query:
        verdicts = verdicts.filter(
            Q(group__canonical_text__icontains=query)
            | Q(summary__icontains=query)
            | Q(explanation__icontains=query)
        )
    paginator = Paginator(verdicts, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("No such page.") from None
    return render(
        request,
        "factchecks/list.html",
        {
            "page": page,
            "query": query,
            "organisation": settings.FACTDESK_ORGANISATION_NAME,
        },
    )


def factcheck_detail(request: HttpRequest, slug: str) -> HttpResponse:
    verdict = public_factchecks().filter(slug=slug).first()
    if verdict is None:
        withdrawn = (
            Verdict.objects.filter(slug=slug, state=VerdictState.WITHDRAWN)
            .only("slug", "withdrawn_at")
            .first()
        )
        if withdrawn is None:
            # Drafts, verdicts in review and approved ones land here too, on purpose.
            raise Http404("No fact-check here.")
        return render(
            request,
            "factchecks/withdrawn.html",
            {"verdict": withdrawn, "organisation": settings.FACTDESK_ORGANISATION_NAME},
            status=410,
        )

    appearances: list[Claim] = verdict.group.appearances
    url = request.build_absolute_uri(reverse("factchecks:detail", args=[verdict.slug]))
    rating = ratings.get(verdict.rating)
    on_scale = sorted(
        (step for step in ratings.scale() if step.value is not None), key=lambda s: s.value
    )
    if rating is not None and rating.value is not None and on_scale:
        worst, best = on_scale[0], on_scale[-1]
        scale_position = (
            f"{rating.value} on a scale from {worst.value} ({worst.label}) "
            f"to {best.value} ({best.label})."
        )
    else:
        scale_position = ""
    corrections = [
        (correction, ratings.get(correction.previous_rating))
        for correction in reversed(verdict.corrections.all())  # newest first
    ]
    return render(
        request,
        "factchecks/detail.html",
        {
            "verdict": verdict,
            "group": verdict.group,
            "rating": rating,
            "rating_label": rating.label if rating else verdict.rating,
            "scale": [
                ScaleStep(step.label, step.value, rating is not None and step.key == rating.key)
                for step in on_scale
            ],
            "scale_position": scale_position,
            "appearances": [_appearance(claim) for claim in appearances],
            "evidence": [(item, _web_url(item.url)) for item in verdict.group.evidence.all()],
            "corrections": corrections,
            "canonical_url": url,
            "organisation": settings.FACTDESK_ORGANISATION_NAME,
            "organisation_url": _web_url(settings.FACTDESK_ORGANISATION_URL or ""),
            "json_ld": ld_json_script(claim_review(verdict, appearances, url=url)),
        },
    )


def _appearance(claim: Claim) -> Appearance:
    source = claim.source
    return Appearance(
        title=source.title,
        url=_web_url(source.url),
        outlet=source.outlet.name if source.outlet_id else "",
        published_at=source.published_at,
        sentence=claim.text,
    )

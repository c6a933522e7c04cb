"""Claim extraction: finding a source's check-worthy claims and keeping their ids stable
across re-extraction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from factcheck.models import MEMBERSHIP_FROZEN_STATES, Claim, Verdict
from factcheck.pipeline import extract
from factcheck.services.comparison import compare_claims, index_claims, unindex_claims
from sources.models import Source
from sources.services import ImportResult, ImportStatus

# Fields the extractor owns; an editor's fields (status, note, reviewer) are never in here.
_MACHINE_FIELDS = [
    "source_version",
    "start",
    "end",
    "paragraph",
    "score",
    "claim_type",
    "is_attributed",
    "is_quote",
    "speaker",
    "facts",
    "context",
]


@dataclass(frozen=True, slots=True)
class ExtractionResult:
    created: int = 0
    updated: int = 0  # same sentence as before: kept its id, machine fields refreshed
    removed: int = 0  # machine-only claims no longer found
    kept: int = 0  # claims an editor worked on whose sentence is gone; kept as they were


def analyse_source(*, source: Source) -> ExtractionResult:
    """Extract a source's claims, then compare them with every stored claim.

    Two transactions: extraction and indexing commit first, then the comparison runs. That
    order is what lets parallel workers find each other's claims. A transaction sees only
    what was committed before each of its statements, so two articles compared at the same
    time inside their import transactions would never see each other. With the keys
    committed first, of two articles processed at once the one compared second always sees
    the other's keys. A crash between the steps leaves claims without ``compared_at``, which
    a re-import of the same document or ``compare_pending`` finishes.
    """
    with transaction.atomic():
        result, claims = _extract_and_index(source)
    compare_claims(claims=claims, reindex=False)
    return result


def _extract_and_index(source: Source) -> tuple[ExtractionResult, list[Claim]]:
    result, matched, new = _extract(source)
    # A new claim has no keys yet, so only the matched ones are unindexed first.
    index_claims(matched + new, unindex=[claim.pk for claim in matched])
    return result, sorted(matched + new, key=lambda claim: claim.pk)


def extract_claims(*, source: Source) -> ExtractionResult:
    """(Re-)extract the claims of a source's current text.

    Idempotent, and safe for editorial work: a claim whose sentence is still extracted keeps
    its id (and so its group, links and review) and only its machine fields are refreshed;
    claims no longer extracted are deleted unless an editor has touched them, in which case
    they are kept pointing at the version they were found in.
    """
    return _extract(source)[0]


def _extract(source: Source) -> tuple[ExtractionResult, list[Claim], list[Claim]]:
    """The extraction, and the claims on the current version: matched (kept) and new."""
    published = timezone.localtime(source.published_at) if source.published_at else None
    found = (
        extract.extract_claims(source.body, published=published)
        if extract.mines(source.language)
        else []  # imported and searchable, but not mined with English rules
    )
    with transaction.atomic():
        existing = Claim.objects.select_for_update().filter(source=source)
        by_text: dict[str, list[Claim]] = {}
        # Claims already on the current version match first, so a re-run keeps every span.
        for claim in sorted(existing, key=lambda c: (c.source_version != source.version, c.pk)):
            by_text.setdefault(claim.text, []).append(claim)
        matched: list[Claim] = []
        new: list[Claim] = []
        for item in found:
            values = {"source_version": source.version, **machine_values(item)}
            candidates = by_text.get(item.text)
            if candidates:
                claim = candidates.pop(0)
                for name, value in values.items():
                    setattr(claim, name, value)
                matched.append(claim)
            else:
                new.append(Claim(source=source, **values))
        leftovers = [claim for claims in by_text.values() for claim in claims]
        # An appearance in an approved or published fact-check is kept like an editor's work:
        # only a publisher changes what a fact-check lists.
        frozen = set(
            Verdict.objects.filter(
                group_id__in={claim.group_id for claim in leftovers if claim.group_id},
                state__in=MEMBERSHIP_FROZEN_STATES,
            ).values_list("group_id", flat=True)
        )
        to_delete = [
            claim.pk for claim in leftovers if not claim.is_touched and claim.group_id not in frozen
        ]
        unindex_claims(to_delete)
        Claim.objects.filter(pk__in=to_delete).delete()
        Claim.objects.bulk_update(matched, _MACHINE_FIELDS)
        Claim.objects.bulk_create(new)
    result = ExtractionResult(
        created=len(new),
        updated=len(matched),
        removed=len(to_delete),
        kept=len(leftovers) - len(to_delete),
    )
    return result, matched, new


def machine_values(item: extract.ExtractedClaim) -> dict[str, object]:
    """The Claim fields an extracted claim fills (what the benchmarks' generator stores too)."""
    return {
        "text": item.text,
        "start": item.start,
        "end": item.end,
        "paragraph": item.paragraph,
        "score": item.score,
        "claim_type": item.claim_type,
        "is_attributed": item.is_attributed,
        "is_quote": item.is_quote,
        "speaker": (item.speaker or "")[:300],
        "facts": item.facts.to_json(),
        "context": item.context.text if item.context else "",
    }


# What factcheck runs on every imported document (registered in FactcheckConfig.ready()).


def extract_imported(result: ImportResult) -> dict[str, int]:
    """Inside the import's transaction: a new text's claims and their retrieval keys, so the
    source and its claims are stored together or not at all."""
    if result.status == ImportStatus.UNCHANGED:
        return {}
    extraction, _ = _extract_and_index(result.source)
    return {"claims found": extraction.created + extraction.updated}


def compare_imported(results: Sequence[ImportResult]) -> dict[str, int]:
    """Once the imports are committed (see ``analyse_source`` for why): compare new texts'
    claims, together; for unchanged ones, those a run that stopped between the two steps left."""
    changed = [r.source.pk for r in results if r.status != ImportStatus.UNCHANGED]
    unchanged = [r.source.pk for r in results if r.status == ImportStatus.UNCHANGED]
    claims = Claim.objects.filter(
        Q(source_id__in=changed, source_version=F("source__version"))
        | Q(source_id__in=unchanged, compared_at__isnull=True)
    ).order_by("pk")
    result = compare_claims(claims=list(claims), reindex=False)
    if not result.compared:
        return {}
    return {"new links": result.new_links, "new contradictions": result.new_contradictions}

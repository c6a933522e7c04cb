"""Write actions for claims: extraction (and, later, comparison and publishing).

Commands, admin actions, tasks and tests all call these functions; nothing else writes claims.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from factcheck.models import Claim
from factcheck.pipeline import extract
from sources.models import Source
from sources.readers import Document
from sources.services import ImportResult, ImportStatus, import_article

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


def import_and_extract(*, document: Document) -> ImportResult:
    """Import one document and, when its text is new, extract its claims: all or nothing."""
    with transaction.atomic():
        result = import_article(document=document)
        if result.status != ImportStatus.UNCHANGED:
            extract_claims(source=result.source)
    return result


def extract_claims(*, source: Source) -> ExtractionResult:
    """(Re-)extract the claims of a source's current text.

    Idempotent, and safe for editorial work: a claim whose sentence is still extracted keeps
    its id (and so its group, links and review) and only its machine fields are refreshed;
    claims no longer extracted are deleted unless an editor has touched them, in which case
    they are kept pointing at the version they were found in.
    """
    published = timezone.localtime(source.published_at) if source.published_at else None
    found = extract.extract_claims(source.body, published=published)
    with transaction.atomic():
        existing = Claim.objects.select_for_update().filter(source=source)
        by_text: dict[str, list[Claim]] = {}
        # Claims already on the current version match first, so a re-run keeps every span.
        for claim in sorted(existing, key=lambda c: (c.source_version != source.version, c.pk)):
            by_text.setdefault(claim.text, []).append(claim)
        matched: list[Claim] = []
        new: list[Claim] = []
        for item in found:
            values = _machine_values(source, item)
            candidates = by_text.get(item.text)
            if candidates:
                claim = candidates.pop(0)
                for name, value in values.items():
                    setattr(claim, name, value)
                matched.append(claim)
            else:
                new.append(Claim(source=source, **values))
        leftovers = [claim for claims in by_text.values() for claim in claims]
        to_delete = [claim.pk for claim in leftovers if not claim.is_touched]
        Claim.objects.filter(pk__in=to_delete).delete()
        Claim.objects.bulk_update(matched, _MACHINE_FIELDS)
        Claim.objects.bulk_create(new)
    return ExtractionResult(
        created=len(new),
        updated=len(matched),
        removed=len(to_delete),
        kept=len(leftovers) - len(to_delete),
    )


def _machine_values(source: Source, item: extract.ExtractedClaim) -> dict[str, object]:
    return {
        "source_version": source.version,
        "text": item.text,
        "start": item.start,
        "end": item.end,
        "paragraph": item.paragraph,
        "score": item.score,
        "claim_type": item.claim_type,
        "is_attributed": item.is_attributed,
        "is_quote": item.is_quote,
        "speaker": (item.speaker or "")[:300],
        "facts": item.facts.as_json(),
        "context": item.context.text if item.context else "",
    }

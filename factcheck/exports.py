"""The export format of claims: one flat record per claim, for JSON Lines and CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.db.models import Q

from factcheck.models import Claim, ClaimLink

CSV_COLUMNS = [
    "id",
    "text",
    "type",
    "score",
    "status",
    "speaker",
    "is_attributed",
    "is_quote",
    "start",
    "end",
    "paragraph",
    "context",
    "facts",
    "group",
    "links",
    "source_id",
    "source_title",
    "source_url",
    "source_outlet",
    "source_origin",
]


def claims_for_export(chunk_size: int = 2000) -> Iterator[tuple[Claim, list[dict[str, Any]]]]:
    """Every claim with its links, in chunks so memory stays flat on large tables."""
    claims = Claim.objects.select_related("source__outlet").order_by("source_id", "start", "id")
    for chunk in _chunks(claims.iterator(chunk_size=chunk_size), chunk_size):
        ids = [claim.pk for claim in chunk]
        links: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
        rows = ClaimLink.objects.filter(Q(left_id__in=ids) | Q(right_id__in=ids)).values_list(
            "left_id", "right_id", "relation", "reason", "decision"
        )
        for left, right, relation, reason, decision in rows.order_by("id"):
            entry = {"relation": relation, "reason": reason, "decision": decision}
            if left in links:
                links[left].append({"claim": right, **entry})
            if right in links:
                links[right].append({"claim": left, **entry})
        for claim in chunk:
            yield claim, links[claim.pk]


def _chunks(items: Iterator[Claim], size: int) -> Iterator[list[Claim]]:
    chunk: list[Claim] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def claim_record(claim: Claim, links: list[dict[str, Any]]) -> dict[str, Any]:
    source = claim.source
    return {
        "id": claim.pk,
        "text": claim.text,
        "type": claim.claim_type,
        "score": claim.score,
        "status": claim.status,
        "speaker": claim.speaker or None,
        "is_attributed": claim.is_attributed,
        "is_quote": claim.is_quote,
        "start": claim.start,
        "end": claim.end,
        "paragraph": claim.paragraph,
        "context": claim.context or None,
        "facts": claim.facts,
        "group": claim.group_id,
        "links": links,
        "source": {
            "id": source.pk,
            "title": source.title,
            "url": source.url or None,
            "outlet": source.outlet.name if source.outlet else None,
            "origin": source.origin,
        },
    }


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    count = 0
    for record in records:
        row = {key: value for key, value in record.items() if key in CSV_COLUMNS}
        row["facts"] = json.dumps(record["facts"], ensure_ascii=False)
        row["links"] = json.dumps(record["links"], ensure_ascii=False)
        for key, value in record["source"].items():
            row[f"source_{key}"] = value
        writer.writerow(row)
        count += 1
    return count

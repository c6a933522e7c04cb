"""The export format of claims: one flat record per claim, for JSON Lines and CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from factcheck.models import Claim

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
    "source_id",
    "source_title",
    "source_url",
    "source_outlet",
    "source_origin",
]


def claims_for_export() -> Iterator[Claim]:
    return (
        Claim.objects.select_related("source__outlet")
        .order_by("source_id", "start", "id")
        .iterator(chunk_size=2000)
    )


def claim_record(claim: Claim) -> dict[str, Any]:
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
        for key, value in record["source"].items():
            row[f"source_{key}"] = value
        writer.writerow(row)
        count += 1
    return count

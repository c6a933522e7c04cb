"""The in-memory index behind "has this been checked?", kept in step with the database.

Built from every published fact-check (ours and imported ones) on first use in a process,
and rebuilt when what is published changes. The change check is two aggregate queries, made at
most every ``CHECK_SECONDS``, so a busy API does not pay for it on every request.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.db.models import Count, Max
from django.urls import reverse

from factcheck import ratings
from factcheck.models import PUBLIC_STATES, ExternalFactCheck, Verdict
from factcheck.pipeline.matching import MATCH_THRESHOLD, MatchIndex

CHECK_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class Entry:
    path_or_url: str  # our page's path, or the other publisher's URL
    claim_reviewed: str
    rating: str
    publisher: str
    date_published: object
    fact_check: int | None


class PublishedIndex:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._signature: tuple | None = None
        self._checked_at = 0.0
        self._index = MatchIndex()
        self._entries: dict[tuple[str, int], Entry] = {}

    def search(self, text: str, *, limit: int, threshold: float = MATCH_THRESHOLD):
        self._refresh_if_changed()
        matches = self._index.search(text, limit=limit)
        return [
            (self._entries[match.doc_id], match.score)
            for match in matches
            if match.score >= threshold
        ]

    def _refresh_if_changed(self) -> None:
        if time.monotonic() - self._checked_at < CHECK_SECONDS and self._signature is not None:
            return
        signature = _signature()
        with self._lock:
            self._checked_at = time.monotonic()
            if signature != self._signature:
                self._index, self._entries = _build()
                self._signature = signature


def _signature() -> tuple:
    ours = Verdict.objects.filter(state__in=PUBLIC_STATES).aggregate(
        count=Count("id"), latest=Max("updated_at")
    )
    theirs = ExternalFactCheck.objects.aggregate(count=Count("id"), latest=Max("updated_at"))
    return (ours["count"], ours["latest"], theirs["count"], theirs["latest"])


def _build() -> tuple[MatchIndex, dict[tuple[str, int], Entry]]:
    index = MatchIndex()
    entries: dict[tuple[str, int], Entry] = {}
    verdicts = Verdict.objects.filter(state__in=PUBLIC_STATES).select_related("group")
    for verdict in verdicts.iterator(chunk_size=2000):
        key = ("own", verdict.pk)
        rating = ratings.get(verdict.rating)
        entries[key] = Entry(
            path_or_url=reverse("factchecks:detail", args=[verdict.slug]),
            claim_reviewed=verdict.group.canonical_text,
            rating=rating.label if rating else verdict.rating,
            publisher="",
            date_published=verdict.published_at.date() if verdict.published_at else None,
            fact_check=verdict.pk,
        )
        index.add(key, verdict.group.canonical_text, fields={"title": verdict.summary})
    for check in ExternalFactCheck.objects.iterator(chunk_size=2000):
        key = ("external", check.pk)
        entries[key] = Entry(
            path_or_url=check.url,
            claim_reviewed=check.claim_reviewed,
            rating=check.rating_text,
            publisher=check.publisher_name,
            date_published=check.date_published,
            fact_check=None,
        )
        headline = str(check.raw.get("name") or check.raw.get("headline") or "")
        index.add(key, check.claim_reviewed, fields={"title": headline} if headline else None)
    return index, entries


published_index = PublishedIndex()

"""The in-memory index behind "has this been checked?", kept in step with the database.

Built from every published fact-check (ours and imported ones) once per process (under
gunicorn, in the master before it forks the workers: ``warm()`` from
``config/gunicorn.conf.py``, so workers share it and never build it inside a request), then
kept current incrementally: only rows updated since the last look are re-indexed; a full
rebuild happens only when something left the published set. The change check is two
aggregate queries, made at most every ``CHECK_SECONDS``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.urls import reverse

from factcheck import ratings
from factcheck.models import PUBLIC_STATES, ExternalFactCheck, Verdict
from factcheck.pipeline.matching import MATCH_THRESHOLD, MatchIndex

CHECK_SECONDS = 5.0
# On CheckThat! 2021 2A (bench/bench_checkthat.py), runners-up below this score add nothing to
# MAP@5 (train 0.7612 with every runner-up, 0.7597 above 0.01, 0.7446 with none) while they
# are two thirds of what would be shown.
RUNNER_UP_FLOOR = 0.01


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

    def reset(self) -> None:
        """Forget everything (tests, whose databases are rolled back under the index)."""
        with self._lock:
            self._signature, self._checked_at = None, 0.0
            self._index, self._entries = MatchIndex(), {}

    def warm(self) -> None:
        """Build now (at server start) rather than on the first request."""
        self._checked_at = 0.0
        self._refresh_if_changed()

    def search(self, text: str, *, limit: int, threshold: float = MATCH_THRESHOLD):
        """The best matches, or nothing when even the best scores below ``threshold``.

        The threshold answers "has this been checked?"; once the answer is yes, the runners-up
        are shown with their (lower) scores too, the right fact-check being often second, but
        not those scoring below ``RUNNER_UP_FLOOR``, which are only noise.
        """
        self._refresh_if_changed()
        matches = self._index.search(text, limit=limit)
        if not matches or matches[0].score < threshold:
            return []
        return [
            (self._entries[match.doc_id], match.score)
            for match in matches
            if match is matches[0] or match.score >= RUNNER_UP_FLOOR
        ]

    def _refresh_if_changed(self) -> None:
        if time.monotonic() - self._checked_at < CHECK_SECONDS and self._signature is not None:
            return
        signature = _signature()
        with self._lock:
            self._checked_at = time.monotonic()
            if signature == self._signature:
                return
            previous = self._signature
            # Rows are added, updated or withdrawn (an update); if any were deleted, start over.
            shrank = previous is None or signature[1] < previous[1] or signature[3] < previous[3]
            if shrank:
                self._index, self._entries = MatchIndex(), {}
                _add_rows(self._index, self._entries, since_ours=None, since_theirs=None)
            else:
                _add_rows(
                    self._index, self._entries, since_ours=previous[2], since_theirs=previous[4]
                )
            self._signature = signature


def _signature() -> tuple:
    # The latest change over every verdict, published or not: a withdrawal changes it too.
    ours = Verdict.objects.aggregate(
        public=Count("id", filter=Q(state__in=PUBLIC_STATES)),
        count=Count("id"),
        latest=Max("updated_at"),
    )
    theirs = ExternalFactCheck.objects.aggregate(count=Count("id"), latest=Max("updated_at"))
    return (ours["public"], ours["count"], ours["latest"], theirs["count"], theirs["latest"])


def _add_rows(index: MatchIndex, entries: dict, *, since_ours, since_theirs) -> None:
    """(Re-)index the published rows updated after the given times (all when None)."""
    verdicts = Verdict.objects.select_related("group")
    if since_ours is None:
        verdicts = verdicts.filter(state__in=PUBLIC_STATES)
    else:
        verdicts = verdicts.filter(updated_at__gt=since_ours)
    for verdict in verdicts.iterator(chunk_size=2000):
        key = ("own", verdict.pk)
        rating = ratings.get(verdict.rating)
        if key in entries:
            index.remove(key)
            del entries[key]
        if verdict.state not in PUBLIC_STATES:
            continue  # withdrawn (or never published): never matched again
        entries[key] = Entry(
            path_or_url=reverse("factchecks:detail", args=[verdict.slug]),
            claim_reviewed=verdict.group.canonical_text,
            rating=rating.label if rating else verdict.rating,
            publisher="",
            date_published=verdict.published_at.date() if verdict.published_at else None,
            fact_check=verdict.pk,
        )
        index.add(key, verdict.group.canonical_text, fields={"title": verdict.summary})
    checks = ExternalFactCheck.objects.all()
    if since_theirs is not None:
        checks = checks.filter(updated_at__gt=since_theirs)
    for check in checks.iterator(chunk_size=2000):
        key = ("external", check.pk)
        if key in entries:
            index.remove(key)
            del entries[key]
        entries[key] = Entry(
            path_or_url=check.url,
            claim_reviewed=check.claim_reviewed,
            rating=check.rating_text,
            publisher=check.publisher_name,
            date_published=check.date_published,
            fact_check=None,
        )
        raw = check.raw or {}
        extra = {
            "title": str(raw.get("name") or raw.get("headline") or ""),
            "subtitle": str(raw.get("description") or ""),
        }
        index.add(key, check.claim_reviewed, fields={k: v for k, v in extra.items() if v})


published_index = PublishedIndex()

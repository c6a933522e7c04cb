"""The in-memory index behind "has this been checked?", kept in step with the database.

Built from every published fact-check (ours and imported ones) once per process (under
gunicorn, in the master before it forks the workers: ``warm()`` from
``config/gunicorn.conf.py``, so workers share it and never build it inside a request), then
kept current incrementally: only rows updated since the last look are re-indexed; a full
rebuild happens only when something left the published set. The change check is two
aggregate queries, made at most every ``CHECK_SECONDS``.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.urls import reverse

from factcheck import ratings
from factcheck.models import PUBLIC_STATES, ExternalFactCheck, MatchVector, Verdict
from factcheck.pipeline import embedding
from factcheck.pipeline.matching import MATCH_THRESHOLD, RUNNER_UP_FLOOR, MatchIndex

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

    def __len__(self) -> int:
        return len(self._entries)

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
        if not self._entries:
            return []  # nothing published: no need to encode the query
        query_vector = None
        if embedding.available():
            (query_vector,) = embedding.encode([text])
        matches = self._index.search(text, limit=limit, query_vector=query_vector)
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
    rows: list[tuple[tuple[str, int], Entry | None, str, dict[str, str]]] = []
    for verdict in verdicts.iterator(chunk_size=2000):
        if verdict.state not in PUBLIC_STATES:
            rows.append((("own", verdict.pk), None, "", {}))  # withdrawn: never matched again
            continue
        rating = ratings.get(verdict.rating)
        entry = Entry(
            path_or_url=reverse("factchecks:detail", args=[verdict.slug]),
            claim_reviewed=verdict.group.canonical_text,
            rating=rating.label if rating else verdict.rating,
            publisher="",
            date_published=verdict.published_at.date() if verdict.published_at else None,
            fact_check=verdict.pk,
        )
        rows.append((("own", verdict.pk), entry, entry.claim_reviewed, {"title": verdict.summary}))
    checks = ExternalFactCheck.objects.all()
    if since_theirs is not None:
        checks = checks.filter(updated_at__gt=since_theirs)
    for check in checks.iterator(chunk_size=2000):
        entry = Entry(
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
        rows.append((("external", check.pk), entry, entry.claim_reviewed, extra))
    vectors = stored_vectors([text for _, entry, text, _ in rows if entry is not None])
    for key, entry, text, extra in rows:
        if key in entries:
            index.remove(key)
            del entries[key]
        if entry is None:
            continue
        entries[key] = entry
        index.add(
            key,
            text,
            fields={k: v for k, v in extra.items() if v},
            vector=vectors.get(text) if vectors is not None else None,
        )


def _vector_key(text: str) -> str:
    return hashlib.sha256(f"{embedding.MODEL}\n{text}".encode()).hexdigest()


def stored_vectors(texts: list[str]) -> dict[str, object] | None:
    """Each text's sentence embedding: stored ones read back, missing ones encoded and stored.

    None when the embedding model is not installed (the matcher then ranks without it).
    Called by the index and by ``import_factchecks``, which encodes what it imported so the
    index never has to.
    """
    if not embedding.available():
        return None
    import numpy as np

    keys = {text: _vector_key(text) for text in set(texts)}
    found: dict[str, bytes] = {}
    wanted = sorted(keys.values())
    for start in range(0, len(wanted), 2000):
        chunk = wanted[start : start + 2000]
        found.update(MatchVector.objects.filter(key__in=chunk).values_list("key", "vector"))
    missing = [text for text, key in keys.items() if key not in found]
    for start in range(0, len(missing), 1000):
        chunk = missing[start : start + 1000]
        encoded = embedding.encode(chunk)
        rows = [
            MatchVector(key=keys[text], vector=vector.tobytes())
            for text, vector in zip(chunk, encoded, strict=True)
        ]
        MatchVector.objects.bulk_create(rows, ignore_conflicts=True)
        found.update((row.key, row.vector) for row in rows)
    return {text: np.frombuffer(bytes(found[key]), dtype=np.float32) for text, key in keys.items()}


published_index = PublishedIndex()

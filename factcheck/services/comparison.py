"""Cross-source comparison: the retrieval key index, links between claims, and groups of the
same claim. Incremental and idempotent; editors' decisions are never overridden."""

from __future__ import annotations

import itertools
import logging
import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import OperationalError, connection, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from factcheck.models import (
    MEMBERSHIP_FROZEN_STATES,
    Claim,
    ClaimGroup,
    ClaimKey,
    ClaimLink,
    KeyFrequency,
    LinkDecision,
    LinkRelation,
    Verdict,
)
from factcheck.pipeline import grouping, retrieval
from factcheck.pipeline.comparison import (
    SAME_CLAIM_CONFIDENCE,
    ClaimView,
    Comparison,
    compare,
    events,
    strongest_links,
)
from factcheck.pipeline.context import needs_context
from factcheck.pipeline.facts import Facts, FactsError
from sources.models import Source

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ComparisonResult:
    compared: int = 0
    links: int = 0
    contradictions: int = 0
    groups_created: int = 0
    joined: int = 0
    new_links: int = 0  # links that did not exist before (``links`` counts refreshed ones too)
    new_contradictions: int = 0

    def __add__(self, other: ComparisonResult) -> ComparisonResult:
        return ComparisonResult(
            *(getattr(self, name) + getattr(other, name) for name in self.__slots__)
        )


def compare_claims(*, claims: Iterable[Claim], reindex: bool = True) -> ComparisonResult:
    """Compare claims with every stored claim: links, then groups. Incremental and idempotent.

    Candidates come from the key index (``factcheck.pipeline.retrieval``), never from all
    pairs. The claims' machine links are recomputed; links an editor decided on stay as they
    are, and a rejected pair is never linked again. Claims join or found groups
    (``factcheck.pipeline.grouping``); a claim an editor placed is never moved.
    """
    batch = list(claims)
    if not batch:
        return ComparisonResult()
    # Workers comparing at the same time lock some of the same rows (links, partner claims'
    # flags) in different orders, so PostgreSQL may abort one of them as a deadlock. The
    # comparison is idempotent: run it again. Inside a caller's transaction, let it decide.
    attempts = 1 if connection.in_atomic_block else _COMPARE_ATTEMPTS
    for attempt in range(1, attempts + 1):
        try:
            with transaction.atomic():
                return _compare(batch, reindex=reindex)
        except OperationalError as error:
            if attempt == attempts or not _is_transient(error):
                raise
            time.sleep(random.uniform(0.05, 0.2) * attempt)
    raise AssertionError("unreachable")


_COMPARE_ATTEMPTS = 5
# PostgreSQL's deadlock_detected and serialization_failure: retrying is the documented remedy.
_TRANSIENT_SQLSTATES = {"40P01", "40001"}


def _is_transient(error: OperationalError) -> bool:
    return getattr(error.__cause__, "sqlstate", None) in _TRANSIENT_SQLSTATES


def _compare(batch: list[Claim], *, reindex: bool) -> ComparisonResult:
    if reindex:
        index_claims(batch)
    links = _compute_links(batch)
    first_time = {claim.pk for claim in batch if claim.compared_at is None}
    stored, contradictions, new_links, new_contradictions = _store_links(
        [claim.pk for claim in batch], links, first_time
    )
    groups_created, joined = _update_groups(batch)
    Claim.objects.filter(pk__in=[claim.pk for claim in batch]).update(compared_at=timezone.now())
    return ComparisonResult(
        compared=len(batch),
        links=stored,
        contradictions=contradictions,
        groups_created=groups_created,
        joined=joined,
        new_links=new_links,
        new_contradictions=new_contradictions,
    )


def compare_all(*, batch_size: int = 500, progress=None) -> ComparisonResult:
    """Rebuild the key index exactly, then compare every claim (``compare_claims --all``)."""
    with transaction.atomic():
        ClaimKey.objects.all().delete()
        KeyFrequency.objects.all().delete()
        ids = list(Claim.objects.order_by("id").values_list("id", flat=True))
        for start in range(0, len(ids), batch_size):
            index_claims(Claim.objects.filter(pk__in=ids[start : start + batch_size]))
    total = ComparisonResult()
    for start in range(0, len(ids), batch_size):
        chunk = Claim.objects.filter(pk__in=ids[start : start + batch_size]).order_by("id")
        total += compare_claims(claims=chunk, reindex=False)
        if progress is not None:
            progress(min(start + batch_size, len(ids)), len(ids))
    return total


def index_claims(claims: Iterable[Claim], *, unindex: Sequence[int] | None = None) -> None:
    """(Re-)write the retrieval keys of these claims and the key frequencies.

    ``unindex``: the claims that may have keys already (default: all of them)."""
    claims = list(claims)
    unindex_claims([claim.pk for claim in claims] if unindex is None else unindex)
    rows = [
        (key, claim.pk)
        for claim in claims
        for key in retrieval.claim_keys(claim.text, claim.context, _facts_of(claim))
    ]
    # Plain multi-row INSERTs: ~20 keys a claim, and building a model instance for each was a
    # fifth of a bulk import's time.
    _insert_rows(ClaimKey, ("key", "claim_id"), rows)
    _adjust_frequencies(Counter(key for key, _ in rows))


def _insert_rows(model, columns: Sequence[str], rows: Sequence[tuple], suffix: str = "") -> None:
    """INSERT ``rows`` into ``model``'s table, 500 to a statement; ``suffix`` follows VALUES
    (an ON CONFLICT clause). ``{table}`` in it is the quoted table name."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for chunk in itertools.batched(rows, 500, strict=False):
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES {', '.join([placeholders] * len(chunk))}"
                + suffix.format(table=table),
                [item for row in chunk for item in row],
            )


def unindex_claims(claim_ids: Sequence[int]) -> None:
    if not claim_ids:
        return
    keys = ClaimKey.objects.filter(claim_id__in=claim_ids)
    removed = Counter(keys.values_list("key", flat=True))
    keys.delete()
    _adjust_frequencies(Counter({key: -count for key, count in removed.items()}))


def _adjust_frequencies(changes: Counter[str]) -> None:
    """Add these changes to the key frequencies, as increments made by the database.

    Common keys are hot rows every import touches. Increments in the database (no read, then
    write) lose nothing when workers overlap, and taking the rows in one order (sorted keys)
    means two workers can wait for each other but never deadlock.
    """
    added = sorted((key, n) for key, n in changes.items() if n > 0)
    _insert_rows(
        KeyFrequency,
        ("key", "claims"),
        added,
        ' ON CONFLICT ("key") DO UPDATE SET "claims" = {table}."claims" + EXCLUDED."claims"',
    )
    removed: defaultdict[int, list[str]] = defaultdict(list)
    for key, n in changes.items():
        if n < 0:
            removed[-n].append(key)
    for n, keys in sorted(removed.items()):
        KeyFrequency.objects.filter(key__in=sorted(keys)).update(
            claims=Greatest(F("claims") - n, Value(0))
        )


def _approximate_claim_count() -> int:
    """The number of claims, for IDF weights, without a full count on big tables.

    On PostgreSQL the planner's estimate is exact enough for weighting and costs nothing; a
    full COUNT(*) took half a second at a million claims. The estimate is only refreshed by
    (auto)vacuum and ANALYZE, so the live-row count of the statistics system, which every
    commit updates, stands in when it is higher (a table filled since, or autovacuum off).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT GREATEST(reltuples::bigint, pg_stat_get_live_tuples(oid)) "
                "FROM pg_class WHERE oid = %s::regclass",
                [Claim._meta.db_table],
            )
            row = cursor.fetchone()
        if row and row[0] >= 10_000:
            return int(row[0])
    return max(Claim.objects.count(), 1)


def _facts_of(claim: Claim) -> Facts:
    try:
        return Facts.from_json(claim.facts)
    except FactsError as error:
        raise FactsError(f"claim {claim.pk}: {error}") from error


def _view(claim: Claim, event: dict[str, float] | None = None) -> ClaimView:
    published = claim.source.published_at
    return ClaimView(
        id=claim.pk,
        source_id=claim.source_id,
        text=claim.text,
        facts=_facts_of(claim),
        context=claim.context,
        published=timezone.localtime(published).date() if published else None,
        event=event,
    )


@dataclass(slots=True)
class _EventEntry:
    words: dict[str, float]  # events.event_words: kept, so re-weighting needs no body read
    vector: dict[str, float]
    encoded: tuple  # the vector in _EVENT_SPACE, for the gate
    weighted_at: int  # collection size the vector's IDFs were computed at


# (source id, content hash) -> its event words and vector. One article meets many candidates,
# so its vector is computed once and re-weighted only when the collection has grown enough
# to move its IDFs.
_EVENT_VECTORS: dict[tuple[int, str], _EventEntry] = {}
_EVENT_SPACE = events.EventSpace()
_EVENT_VECTORS_LIMIT = 50_000
_REWEIGHT_GROWTH = 1.25


def _event_entries(
    sources: Iterable[tuple[int, str]], collection_size: int
) -> dict[int, _EventEntry]:
    """Each source's event vector (comparison.events), its words weighted by their IDF."""
    global _EVENT_SPACE
    wanted = set(sources)
    if len(_EVENT_VECTORS) + len(wanted - _EVENT_VECTORS.keys()) > _EVENT_VECTORS_LIMIT:
        _EVENT_VECTORS.clear()
        _EVENT_SPACE = events.EventSpace()
    unread = [key for key in wanted if key not in _EVENT_VECTORS]
    words: dict[tuple[int, str], dict[str, float]] = {}
    for start in range(0, len(unread), 500):
        chunk = unread[start : start + 500]
        rows = Source.objects.filter(pk__in=[pk for pk, _ in chunk]).values_list(
            "pk", "content_hash", "title", "body"
        )
        for pk, content_hash, title, body in rows:
            words[pk, content_hash] = events.event_words(title, body)
    for key in wanted:
        entry = _EVENT_VECTORS.get(key)
        if entry is not None and collection_size > _REWEIGHT_GROWTH * entry.weighted_at:
            words[key] = entry.words
    frequencies = _key_frequencies(f"w:{word}" for found in words.values() for word in found)
    # A small collection says little about which words are rare: every word would look
    # either unique or common. A prior of typical news stands in until the collection is big.
    prior = collection_size + events.PRIOR_CLAIMS

    def weight(word: str) -> float:
        return retrieval.idf(frequencies.get(f"w:{word}", 1), prior)

    for key, found in words.items():
        vector = events.event_vector(found, weight)
        _EVENT_VECTORS[key] = _EventEntry(
            found, vector, _EVENT_SPACE.encode(vector), collection_size
        )
    return {key[0]: _EVENT_VECTORS[key] for key in wanted if key in _EVENT_VECTORS}


def _same_event_pairs(
    pairs: Iterable[tuple[int, int]], entries: dict[int, _EventEntry]
) -> set[tuple[int, int]]:
    """The pairs of sources whose articles report one event (``events.SAME_EVENT``).

    Each pair is (older, newer): the newer article, usually one being imported, is compared
    with all its candidates' articles at once."""
    by_newer: defaultdict[int, list[int]] = defaultdict(list)
    for older, newer in pairs:
        by_newer[newer].append(older)
    same: set[tuple[int, int]] = set()
    for newer, olders in by_newer.items():
        # An article without a vector is of unknown event: the same, as events.event_similarity
        if newer not in entries:
            same.update((older, newer) for older in olders)
            continue
        known = [older for older in olders if older in entries]
        same.update((older, newer) for older in olders if older not in entries)
        if known:
            scores = _EVENT_SPACE.similarities(
                entries[newer].encoded, [entries[older].encoded for older in known]
            )
            same.update(
                (older, newer)
                for older, score in zip(known, scores, strict=True)
                if score >= events.SAME_EVENT
            )
    return same


def _key_frequencies(keys: Iterable[str]) -> dict[str, int]:
    keys = sorted(set(keys))
    found: dict[str, int] = {}
    for start in range(0, len(keys), 2000):
        chunk = keys[start : start + 2000]
        found.update(KeyFrequency.objects.filter(key__in=chunk).values_list("key", "claims"))
    return found


def _compute_links(batch: list[Claim]) -> dict[tuple[int, int], Comparison]:
    """Compare each claim of the batch with its retrieved candidates."""
    # The keys the batch was just indexed under (index_claims ran first), in the order
    # claim_keys gave them: one query instead of re-reading every claim.
    own_keys: dict[int, list[str]] = {claim.pk: [] for claim in batch}
    for claim_id, key in (
        ClaimKey.objects.filter(claim_id__in=own_keys).order_by("id").values_list("claim_id", "key")
    ):
        own_keys[claim_id].append(key)
    all_keys = {key for keys in own_keys.values() for key in keys}
    frequencies = _key_frequencies(all_keys)
    lookups = {pk: retrieval.keys_to_look_up(keys, frequencies) for pk, keys in own_keys.items()}
    postings: dict[str, set[int]] = defaultdict(set)
    wanted = {key for keys in lookups.values() for key in keys}
    for key, claim_id in ClaimKey.objects.filter(key__in=wanted).values_list("key", "claim_id"):
        postings[key].add(claim_id)
    collection_size = _approximate_claim_count()
    candidates = {
        pk: retrieval.rank_candidates(keys, postings, frequencies, collection_size, exclude=[pk])
        for pk, keys in lookups.items()
    }
    # The event gate first, per pair of articles and on ids alone: most candidates come from
    # other stories, and their rows need never be loaded.
    needed = {other for ranked in candidates.values() for other, _ in ranked}
    needed.update(claim.pk for claim in batch)
    source_of = {
        pk: (source, content_hash)
        for pk, source, content_hash in Claim.objects.filter(pk__in=needed).values_list(
            "pk", "source_id", "source__content_hash"
        )
    }
    entries = _event_entries(set(source_of.values()), collection_size)

    def source_pair(left: int, right: int) -> tuple[int, int]:
        a, b = source_of[left][0], source_of[right][0]
        return (a, b) if a < b else (b, a)

    # Links join sources; one article's sentences are not compared.
    claim_pairs = {
        (min(pk, other), max(pk, other))
        for pk, ranked in candidates.items()
        for other, _ in ranked
        if other in source_of and source_of[pk][0] != source_of[other][0]
    }
    same_event = _same_event_pairs({source_pair(*pair) for pair in claim_pairs}, entries)
    pairs = {pair for pair in claim_pairs if source_pair(*pair) in same_event}
    involved = {claim for pair in pairs for claim in pair}
    views: dict[int, ClaimView] = {}
    for claim in (
        Claim.objects.filter(pk__in=involved)
        .select_related("source")
        .only("id", "source_id", "text", "facts", "context", "source__published_at")
    ):
        try:
            views[claim.pk] = _view(
                claim, entries[claim.source_id].vector if claim.source_id in entries else None
            )
        except FactsError as error:
            # One stored claim this version cannot read (written by a newer one, or edited by
            # hand) must not stop every other comparison; it is left out, and said so.
            logger.warning("not compared: %s", error)
    links: dict[tuple[int, int], Comparison] = {}
    for pair in sorted(pairs):
        if pair[0] not in views or pair[1] not in views:
            continue
        comparison = compare(views[pair[0]], views[pair[1]])
        if comparison is not None:
            links[pair] = comparison
    return strongest_links(links)


def _store_links(
    batch_ids: list[int], links: dict[tuple[int, int], Comparison], first_time: set[int]
) -> tuple[int, int, int, int]:
    """Store the machine links; (links stored, contradictions, new links, new contradictions)."""
    existing = {
        (link.left_id, link.right_id): link
        for link in ClaimLink.objects.filter(Q(left_id__in=batch_ids) | Q(right_id__in=batch_ids))
    }
    decided = {pair for pair, link in existing.items() if link.decision != LinkDecision.PENDING}
    # A machine link this comparison did not find again is stale, unless the claim is being
    # compared for the first time: then the link was made by another worker that compared
    # its own claim with this one in the meantime, and is as good as ours.
    stale = [
        link.pk
        for pair, link in existing.items()
        if pair not in decided and pair not in links and not first_time.intersection(pair)
    ]
    ClaimLink.objects.filter(pk__in=stale).delete()
    to_create, to_update = [], []
    for pair, comparison in links.items():
        if pair in decided:
            continue
        values = {
            "relation": comparison.relation,
            "confidence": round(comparison.confidence, 4),
            "reason": comparison.reason,
            "differences": [
                {
                    "fact": d.fact,
                    "left": d.left,
                    "right": d.right,
                    "explanation": d.explanation,
                }
                for d in comparison.differences
            ],
        }
        if pair in existing:
            link = existing[pair]
            for name, value in values.items():
                setattr(link, name, value)
            to_update.append(link)
        else:
            to_create.append(ClaimLink(left_id=pair[0], right_id=pair[1], **values))
    ClaimLink.objects.bulk_update(to_update, ["relation", "confidence", "reason", "differences"])
    # Two workers may find the same new pair at once; both computed the same link, so the
    # second one keeps the first's. Sorted, so concurrent inserts take locks in one order.
    to_create.sort(key=lambda link: (link.left_id, link.right_id))
    ClaimLink.objects.bulk_create(to_create, ignore_conflicts=True)
    stored = to_create + to_update
    touched = set(batch_ids)
    touched.update(claim for pair in links for claim in pair)
    touched.update(claim for pair in existing for claim in pair)
    refresh_contradiction_flags(touched)

    def contradicting(rows: list[ClaimLink]) -> int:
        return sum(link.relation == LinkRelation.CONTRADICTS for link in rows)

    return len(stored), contradicting(stored), len(to_create), contradicting(to_create)


def _update_groups(batch: list[Claim]) -> tuple[int, int]:
    batch_ids = [claim.pk for claim in batch]
    same = list(
        ClaimLink.objects.filter(Q(left_id__in=batch_ids) | Q(right_id__in=batch_ids))
        .filter(relation=LinkRelation.AGREES)
        .exclude(decision=LinkDecision.REJECTED)
        .filter(Q(confidence__gte=SAME_CLAIM_CONFIDENCE) | Q(decision=LinkDecision.CONFIRMED))
        .values_list("left_id", "right_id", "confidence")
    )
    if not same:
        return 0, 0
    involved = {pk for left, right, _ in same for pk in (left, right)}
    state = {
        row["id"]: row
        for row in Claim.objects.filter(pk__in=involved).values(
            "id", "group_id", "group_locked", "text", "score", "is_quote", "context"
        )
    }
    plan = grouping.plan_groups(
        same,
        {pk: row["group_id"] for pk, row in state.items()},
        locked=[pk for pk, row in state.items() if row["group_locked"]],
    )
    joining: dict[int, list[int]] = defaultdict(list)
    for claim_id, group_id in plan.joins.items():
        joining[group_id].append(claim_id)
    # The machine never changes which claims an approved or published fact-check lists; its
    # agreement links still show editors the new appearance, to add by hand.
    for group_id in Verdict.objects.filter(
        group_id__in=joining, state__in=MEMBERSHIP_FROZEN_STATES
    ).values_list("group_id", flat=True):
        del joining[group_id]
    for group_id, claim_ids in joining.items():
        Claim.objects.filter(pk__in=claim_ids, group__isnull=True).update(group_id=group_id)
    for members in plan.new_groups:
        best = grouping.canonical_member(
            grouping.Member(
                id=pk,
                text=state[pk]["text"],
                score=state[pk]["score"],
                needs_context=bool(state[pk]["context"]) or needs_context(state[pk]["text"]),
                is_quote=state[pk]["is_quote"],
            )
            for pk in members
        )
        group = ClaimGroup.objects.create(canonical_text=best.text, canonical_claim_id=best.id)
        if not Claim.objects.filter(pk__in=members, group__isnull=True).update(group=group):
            # Another worker grouped these claims first; an empty group helps nobody.
            group.delete()
    return len(plan.new_groups), sum(map(len, joining.values()))


def refresh_contradiction_flags(claim_ids: Iterable[int]) -> None:
    """Recompute ``Claim.has_contradiction`` (the queue's first sort key) for these claims."""
    ids = set(claim_ids)
    if not ids:
        return
    open_links = (
        ClaimLink.objects.filter(relation=LinkRelation.CONTRADICTS)
        .exclude(decision=LinkDecision.REJECTED)
        .filter(Q(left_id__in=ids) | Q(right_id__in=ids))
        .values_list("left_id", "right_id")
    )
    contradicted = {claim for pair in open_links for claim in pair} & ids
    Claim.objects.filter(pk__in=contradicted, has_contradiction=False).update(
        has_contradiction=True
    )
    Claim.objects.filter(pk__in=ids - contradicted, has_contradiction=True).update(
        has_contradiction=False
    )


def compare_pending(*, batch_size: int = 500, progress=None) -> ComparisonResult:
    """Compare every claim not compared yet (after a bulk import, or a worker crash)."""
    pending = list(
        Claim.objects.filter(compared_at__isnull=True).order_by("id").values_list("id", flat=True)
    )
    total = ComparisonResult()
    for start in range(0, len(pending), batch_size):
        chunk = Claim.objects.filter(pk__in=pending[start : start + batch_size]).order_by("id")
        total += compare_claims(claims=chunk)
        if progress is not None:
            progress(min(start + batch_size, len(pending)), len(pending))
    return total

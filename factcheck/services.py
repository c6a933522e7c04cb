"""Write actions for claims: extraction (and, later, comparison and publishing).

Commands, admin actions, tasks and tests all call these functions; nothing else writes claims.
"""

from __future__ import annotations

import itertools
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, IntegrityError, OperationalError, connection, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.text import slugify

from factcheck import ratings, selectors
from factcheck.models import (
    MEMBERSHIP_FROZEN_STATES,
    Claim,
    ClaimGroup,
    ClaimKey,
    ClaimLink,
    Correction,
    InvalidTransition,
    KeyFrequency,
    LinkDecision,
    LinkRelation,
    ReviewStatus,
    Transition,
    Verdict,
)
from factcheck.pipeline import extract, grouping, retrieval
from factcheck.pipeline.comparison import (
    SAME_CLAIM_CONFIDENCE,
    ClaimView,
    Comparison,
    compare,
    events,
    strongest_links,
)
from factcheck.pipeline.context import needs_context
from sources.importing import read_inputs
from sources.models import Feed, ImportJob, JobStatus, Source
from sources.readers import Document, Metadata, ReadError
from sources.services import ImportRejected, ImportResult, ImportStatus, import_article

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


@dataclass(slots=True)
class ImportTally:
    """What an import run did, document by document (the command and the jobs report it)."""

    created: int = 0
    new_versions: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.new_versions + self.unchanged

    @property
    def counts(self) -> dict[str, int]:
        return {
            "created": self.created,
            "new_versions": self.new_versions,
            "unchanged": self.unchanged,
            "failed": self.failed,
        }

    def fail(self, error: ReadError) -> None:
        self.failed += 1
        self.errors.append(str(error))

    def add(self, status: ImportStatus) -> None:
        if status == ImportStatus.CREATED:
            self.created += 1
        elif status == ImportStatus.NEW_VERSION:
            self.new_versions += 1
        else:
            self.unchanged += 1


def import_documents(
    documents: Iterable[Document],
    *,
    tally: ImportTally | None = None,
    on_error: Callable[[ReadError], None] | None = None,
    on_progress: Callable[[int, ImportTally], None] | None = None,
) -> ImportTally:
    """Import, extract and compare each document in its own transaction; one bad document
    is counted and reported, and the others still go in."""
    tally = tally if tally is not None else ImportTally()
    for done, document in enumerate(documents, start=1):
        try:
            result = import_and_extract(document=document)
        except (ImportRejected, DatabaseError) as error:
            failure = ReadError(document.origin, str(error))
            tally.fail(failure)
            if on_error is not None:
                on_error(failure)
        else:
            tally.add(result.status)
        if on_progress is not None:
            on_progress(done, tally)
    return tally


def import_and_extract(*, document: Document) -> ImportResult:
    """Import one document and, when its text is new, extract and compare its claims.

    The source, its claims and their retrieval keys are stored together or not at all; the
    comparison follows in its own transaction (see ``analyse_source`` for why).
    """
    with transaction.atomic():
        result = import_article(document=document)
        if result.status == ImportStatus.UNCHANGED:
            # A run that stopped between the two steps left these; a retry finishes them.
            claims = list(result.source.claims.filter(compared_at__isnull=True).order_by("pk"))
        else:
            _, claims = _extract_and_index(result.source)
    compare_claims(claims=claims, reindex=False)
    return result


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
    result = extract_claims(source=source)
    claims = list(source.claims.filter(source_version=source.version).order_by("pk"))
    index_claims(claims)
    return result, claims


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
        _unindex(to_delete)
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


@dataclass(frozen=True, slots=True)
class ComparisonResult:
    compared: int = 0
    links: int = 0
    contradictions: int = 0
    groups_created: int = 0
    joined: int = 0

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
    stored, contradictions = _store_links([claim.pk for claim in batch], links, first_time)
    groups_created, joined = _update_groups(batch)
    Claim.objects.filter(pk__in=[claim.pk for claim in batch]).update(compared_at=timezone.now())
    return ComparisonResult(len(batch), stored, contradictions, groups_created, joined)


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


def index_claims(claims: Iterable[Claim]) -> None:
    """(Re-)write the retrieval keys of these claims and the key frequencies."""
    claims = list(claims)
    _unindex([claim.pk for claim in claims])
    rows = [
        ClaimKey(claim_id=claim.pk, key=key)
        for claim in claims
        for key in retrieval.claim_keys(claim.text, claim.context, claim.facts)
    ]
    ClaimKey.objects.bulk_create(rows, batch_size=2000)
    _adjust_frequencies(Counter(row.key for row in rows))


def _unindex(claim_ids: Sequence[int]) -> None:
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
    table = connection.ops.quote_name(KeyFrequency._meta.db_table)
    for chunk in itertools.batched(added, 500, strict=False):
        values = ", ".join(["(%s, %s)"] * len(chunk))
        with connection.cursor() as cursor:
            cursor.execute(
                f'INSERT INTO {table} ("key", "claims") VALUES {values} ON CONFLICT ("key") '
                f'DO UPDATE SET "claims" = {table}."claims" + EXCLUDED."claims"',
                [item for row in chunk for item in row],
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


def _view(claim: Claim, event: dict[str, float] | None = None) -> ClaimView:
    published = claim.source.published_at
    return ClaimView(
        id=claim.pk,
        source_id=claim.source_id,
        text=claim.text,
        facts=claim.facts,
        context=claim.context,
        published=timezone.localtime(published).date() if published else None,
        event=event,
    )


# (source id, content hash) -> (event vector, collection size it was weighted at). One article
# meets many candidates, so its vector is
# computed once and re-weighted only when the collection has grown enough to move its IDFs.
_EVENT_VECTORS: dict[tuple[int, str], tuple[dict[str, float], int]] = {}
_EVENT_VECTORS_LIMIT = 50_000
_REWEIGHT_GROWTH = 1.25


def _event_vectors(
    sources: Iterable[tuple[int, str]], collection_size: int
) -> dict[int, dict[str, float]]:
    """Each source's event vector (comparison.events), its words weighted by their IDF."""
    wanted = set(sources)
    stale = [
        key
        for key in wanted
        if key not in _EVENT_VECTORS or collection_size > _REWEIGHT_GROWTH * _EVENT_VECTORS[key][1]
    ]
    if len(_EVENT_VECTORS) + len(stale) > _EVENT_VECTORS_LIMIT:
        _EVENT_VECTORS.clear()
    words: dict[tuple[int, str], dict[str, float]] = {}
    for start in range(0, len(stale), 500):
        chunk = stale[start : start + 500]
        rows = Source.objects.filter(pk__in=[pk for pk, _ in chunk]).values_list(
            "pk", "content_hash", "title", "body"
        )
        for pk, content_hash, title, body in rows:
            words[pk, content_hash] = events.event_words(title, body)
    frequencies = _key_frequencies(f"w:{word}" for found in words.values() for word in found)
    # A small collection says little about which words are rare: every word would look
    # either unique or common. A prior of typical news stands in until the collection is big.
    prior = collection_size + events.PRIOR_CLAIMS

    def weight(word: str) -> float:
        return retrieval.idf(frequencies.get(f"w:{word}", 1), prior)

    for key, found in words.items():
        _EVENT_VECTORS[key] = (events.event_vector(found, weight), collection_size)
    return {key[0]: _EVENT_VECTORS[key][0] for key in wanted if key in _EVENT_VECTORS}


def _key_frequencies(keys: Iterable[str]) -> dict[str, int]:
    keys = sorted(set(keys))
    found: dict[str, int] = {}
    for start in range(0, len(keys), 2000):
        chunk = keys[start : start + 2000]
        found.update(KeyFrequency.objects.filter(key__in=chunk).values_list("key", "claims"))
    return found


def _compute_links(batch: list[Claim]) -> dict[tuple[int, int], Comparison]:
    """Compare each claim of the batch with its retrieved candidates."""
    own_keys = {
        claim.pk: retrieval.claim_keys(claim.text, claim.context, claim.facts) for claim in batch
    }
    all_keys = {key for keys in own_keys.values() for key in keys}
    frequencies = _key_frequencies(all_keys)
    lookups = {pk: retrieval.keys_to_look_up(keys, frequencies) for pk, keys in own_keys.items()}
    postings: dict[str, list[int]] = defaultdict(list)
    wanted = {key for keys in lookups.values() for key in keys}
    for key, claim_id in ClaimKey.objects.filter(key__in=wanted).values_list("key", "claim_id"):
        postings[key].append(claim_id)
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
    vectors = _event_vectors(set(source_of.values()), collection_size)
    same_event: dict[tuple[int, int], bool] = {}

    def gate(pk: int, other: int) -> bool:
        sources = (source_of[pk][0], source_of[other][0])
        if sources[0] == sources[1]:
            return False  # links join sources; one article's sentences are not compared
        if sources not in same_event:
            similarity = events.event_similarity(vectors.get(sources[0]), vectors.get(sources[1]))
            same_event[sources] = same_event[sources[::-1]] = similarity >= events.SAME_EVENT
        return same_event[sources]

    pairs = {
        (min(pk, other), max(pk, other))
        for pk, ranked in candidates.items()
        for other, _ in ranked
        if other in source_of and gate(pk, other)
    }
    involved = {claim for pair in pairs for claim in pair}
    views = {
        claim.pk: _view(claim, vectors.get(claim.source_id))
        for claim in Claim.objects.filter(pk__in=involved)
        .select_related("source")
        .only("id", "source_id", "text", "facts", "context", "source__published_at")
    }
    links: dict[tuple[int, int], Comparison] = {}
    for pair in sorted(pairs):
        comparison = compare(views[pair[0]], views[pair[1]])
        if comparison is not None:
            links[pair] = comparison
    return strongest_links(links)


def _store_links(
    batch_ids: list[int], links: dict[tuple[int, int], Comparison], first_time: set[int]
) -> tuple[int, int]:
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
    return len(stored), sum(link.relation == LinkRelation.CONTRADICTS for link in stored)


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


# ---------------------------------------------------------------------------- editorial review


def _save_as(obj, user, reason: str = "") -> None:
    """Save, recording ``user`` (and why) in the object's history, in a request or not."""
    obj._history_user = user
    if reason:
        obj._change_reason = reason
    obj.save()


def _require(user, permission: str, action: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied(f"You do not have permission to {action}.")


def decide_link(*, link: ClaimLink, user, decision: str) -> ClaimLink:
    """An editor confirms or rejects a machine link; the decision is final for the machine.

    Confirming an agreement puts both claims in one group (the editor has said they are the
    same claim), and neither is moved by recomputation afterwards.
    """
    _require(user, "factcheck.change_claimlink", "decide on links")
    if decision not in (LinkDecision.CONFIRMED, LinkDecision.REJECTED):
        raise ValueError(f"not a decision: {decision!r}")
    with transaction.atomic():
        link.decision = decision
        link.decided_by = user
        link.decided_at = timezone.now()
        _save_as(link, user)
        if decision == LinkDecision.CONFIRMED and link.relation == LinkRelation.AGREES:
            left, right = link.left, link.right
            group = left.group or right.group
            if group is None:
                group = ClaimGroup.objects.create(canonical_text=left.text, canonical_claim=left)
            for claim in (left, right):
                if claim.group_id is None:
                    _may_change_membership(group, claim, user)
                    claim.group = group
                    claim.group_locked = True
                    _save_as(claim, user, "Confirmed as the same claim")
        refresh_contradiction_flags([link.left_id, link.right_id])
    return link


class GroupFrozen(Exception):
    """A claim cannot join or leave this group now (its fact-check was approved or published)."""


def _may_change_membership(group: ClaimGroup, claim: Claim, user) -> None:
    """Adding or removing an appearance of an approved or published fact-check changes what
    the reviewer approved and, once published, what readers see at once: only a publisher may,
    and only with a claim a person has looked at."""
    verdict = Verdict.objects.filter(group=group).only("state").first()
    if verdict is None or verdict.state not in MEMBERSHIP_FROZEN_STATES:
        return
    label = "a published fact-check" if verdict.is_public else "an approved fact-check"
    if not user.has_perm("factcheck.publish_verdict"):
        raise GroupFrozen(
            f"Group #{group.pk} is {label}; only a publisher can change which claims it lists."
        )
    if claim.status != ReviewStatus.IN_REVIEW:
        raise GroupFrozen(
            f"Claim #{claim.pk} is {claim.get_status_display().lower()}; review it before "
            f"adding it to {label}."
        )


def move_claim(*, claim: Claim, user, group: ClaimGroup | None) -> ClaimGroup:
    """Put a claim in another group, or in a new one of its own (``group=None``)."""
    _require(user, "factcheck.change_claim", "move claims between groups")
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        if claim.group_id is not None and claim.group_id != getattr(group, "pk", None):
            _may_change_membership(claim.group, claim, user)
        if group is None:
            group = ClaimGroup.objects.create(canonical_text=claim.text, canonical_claim=claim)
        else:
            group = ClaimGroup.objects.select_for_update().get(pk=group.pk)
            _may_change_membership(group, claim, user)
        claim.group = group
        claim.group_locked = True
        _save_as(claim, user, f"Moved to group #{group.pk}")
    return group


def set_claims_status(*, claims: Iterable[Claim], user, status: str) -> int:
    _require(user, "factcheck.change_claim", "change the status of claims")
    count = 0
    with transaction.atomic():
        for claim in claims:
            if claim.status != status:
                claim.status = status
                claim.reviewed_by = user
                _save_as(claim, user)
                count += 1
    return count


def assign_claims(*, claims: Iterable[Claim], user) -> int:
    _require(user, "factcheck.change_claim", "take claims")
    count = 0
    with transaction.atomic():
        for claim in claims:
            if claim.assigned_to_id != user.pk:
                claim.assigned_to = user
                if claim.status == ReviewStatus.NEEDS_REVIEW:
                    claim.status = ReviewStatus.IN_REVIEW
                _save_as(claim, user, "Assigned")
                count += 1
    return count


class StaleVerdict(Exception):
    """The verdict is not the one this person read: someone changed or started it since."""


def _stale(verdict: Verdict, what: str) -> StaleVerdict:
    return StaleVerdict(
        f"Someone else ({selectors.last_editor(verdict)}) {what} after you opened it, so your "
        "changes were not saved. Reload the page to see their version."
    )


def check_verdict_draft(*, group: ClaimGroup, version: int | None) -> Verdict | None:
    """The verdict a writer may save over, locked until the transaction ends.

    ``version`` is the one the writer opened (``None``: the group had no verdict then). Raises
    ``StaleVerdict`` if that is no longer the current one, ``InvalidTransition`` if the verdict
    has left the stages where its text may change.
    """
    # Locking the group serialises two editors writing its first verdict at the same moment.
    ClaimGroup.objects.select_for_update().get(pk=group.pk)
    current = Verdict.objects.select_for_update().filter(group=group).first()
    if current is None:
        return None
    if version is None:
        raise _stale(current, "started a verdict on this group")
    if version != current.version:
        raise _stale(current, "saved this verdict")
    if not current.is_editable:
        raise InvalidTransition(
            "This verdict has left the draft stage; correct it with the Correct button instead."
        )
    return current


def save_verdict(
    *,
    group: ClaimGroup,
    user,
    rating: str,
    summary: str,
    explanation: str,
    version: int | None,
) -> Verdict:
    """Write a group's first verdict, or a new version of its text while it is editable."""
    if ratings.get(rating) is None:
        raise ValueError(f"Unknown rating {rating!r}.")
    with transaction.atomic():
        verdict = check_verdict_draft(group=group, version=version)
        if verdict is None:
            _require(user, "factcheck.add_verdict", "write verdicts")
            verdict = Verdict(group=group, author=user)
        else:
            _require(user, "factcheck.change_verdict", "edit verdicts")
            if (verdict.rating, verdict.summary, verdict.explanation) == (
                rating,
                summary,
                explanation,
            ):
                return verdict
            verdict.version += 1
        verdict.rating, verdict.summary, verdict.explanation = rating, summary, explanation
        try:
            with transaction.atomic():
                _save_as(verdict, user)
        except IntegrityError as error:
            # Only reachable where the lock above does not serialise writers (SQLite).
            raise StaleVerdict(
                "Someone else started a verdict on this group at the same moment; reload the "
                "page to see it."
            ) from error
    return verdict


def verdict_writers(verdict: Verdict) -> set[int]:
    """Everyone who wrote any of the verdict's text (rating, summary or explanation)."""
    writers = {verdict.author_id}
    previous = None
    for record in verdict.history.order_by("history_id").only(
        "history_user_id", "rating", "summary", "explanation"
    ):
        text = (record.rating, record.summary, record.explanation)
        if text != previous and record.history_user_id is not None:
            writers.add(record.history_user_id)
        previous = text
    return writers


_TRANSITION_PERMISSION = {
    Transition.SUBMIT: ("factcheck.change_verdict", "send verdicts for review"),
    Transition.RETURN: ("factcheck.approve_verdict", "return verdicts to draft"),
    Transition.APPROVE: ("factcheck.approve_verdict", "approve verdicts"),
    Transition.PUBLISH: ("factcheck.publish_verdict", "publish verdicts"),
    Transition.CORRECT: ("factcheck.publish_verdict", "correct published verdicts"),
    Transition.WITHDRAW: ("factcheck.publish_verdict", "withdraw published verdicts"),
}


def may_transition(*, verdict: Verdict, user, transition: str) -> bool:
    """Can this user make this move now? (What the buttons show; the services enforce it.)"""
    permission, _ = _TRANSITION_PERMISSION[transition]
    if not verdict.allowed(transition):
        return False
    if transition == Transition.RETURN and verdict.author_id == user.pk:
        return True  # authors may take their own verdict back to work on it
    if not user.has_perm(permission):
        return False
    return not (
        transition == Transition.APPROVE
        and settings.FACTDESK_FORBID_SELF_APPROVAL
        and user.pk in verdict_writers(verdict)
    )


def transition_verdict(
    *, verdict: Verdict, user, transition: str, note: str = "", version: int | None = None
) -> Verdict:
    """Move a verdict one step in its workflow, recording who did it and why.

    An approval names the ``version`` the reviewer read: text changed since is not approved.
    """
    if transition in (Transition.CORRECT, Transition.WITHDRAW) and not note.strip():
        raise ValueError("Say what changed and why; readers see this note.")
    if transition == Transition.CORRECT:
        raise ValueError("Use correct_verdict() to correct a verdict.")
    permission, action = _TRANSITION_PERMISSION[transition]
    if not (transition == Transition.RETURN and verdict.author_id == user.pk):
        _require(user, permission, action)
    with transaction.atomic():
        verdict = Verdict.objects.select_for_update().get(pk=verdict.pk)
        if transition == Transition.APPROVE:
            if settings.FACTDESK_FORBID_SELF_APPROVAL and user.pk in verdict_writers(verdict):
                raise InvalidTransition(
                    "An editor cannot approve their own verdict."
                    if user.pk == verdict.author_id
                    else "A reviewer cannot approve text they wrote."
                )
            if version != verdict.version and verdict.allowed(transition):
                raise StaleVerdict(
                    "The verdict changed since you opened it (or the approval did not say "
                    "which version you read); read it again before approving."
                )
        verdict.move(transition, by=user)
        if transition == Transition.PUBLISH and not verdict.slug:
            verdict.slug = _unique_slug(verdict)
        verdict.version += 1
        _save_as(verdict, user, note or Transition(transition).label)
    return verdict


def correct_verdict(
    *, verdict: Verdict, user, rating: str, summary: str, explanation: str, note: str
) -> Verdict:
    """Change a published verdict; its earlier wording stays visible as a correction note."""
    _require(user, *_TRANSITION_PERMISSION[Transition.CORRECT])
    if not note.strip():
        raise ValueError("Say what changed and why; readers see this note.")
    if ratings.get(rating) is None:
        raise ValueError(f"Unknown rating {rating!r}.")
    with transaction.atomic():
        verdict = Verdict.objects.select_for_update().get(pk=verdict.pk)
        previous = (verdict.rating, verdict.summary, verdict.explanation)
        verdict.move(Transition.CORRECT, by=user)
        Correction.objects.create(
            verdict=verdict,
            previous_rating=previous[0],
            previous_summary=previous[1],
            previous_explanation=previous[2],
            note=note,
            corrected_by=user,
            corrected_at=verdict.last_corrected_at,
        )
        verdict.rating, verdict.summary, verdict.explanation = rating, summary, explanation
        verdict.version += 1
        _save_as(verdict, user, f"Corrected: {note}")
    return verdict


def withdraw_verdict(*, verdict: Verdict, user, note: str) -> Verdict:
    return transition_verdict(verdict=verdict, user=user, transition=Transition.WITHDRAW, note=note)


def _unique_slug(verdict: Verdict) -> str:
    base = slugify(verdict.group.canonical_text)[:100].strip("-") or "fact-check"
    return f"{base}-{verdict.pk}"


# ------------------------------------------------------------------------ background imports

# A running job whose worker has not reported for this long is presumed dead and may be
# claimed again (imports are idempotent, so the rerun duplicates nothing).
STALE_JOB_AFTER = timedelta(minutes=10)
_HEARTBEAT_EVERY = 20  # documents


def start_import(*, kind: str, target: str, user=None, feed: Feed | None = None) -> ImportJob:
    """Queue an import of a file, a URL or a feed; it runs once the transaction commits."""
    from factcheck import tasks

    job = ImportJob.objects.create(kind=kind, target=target, requested_by=user, feed=feed)
    transaction.on_commit(lambda: tasks.run_import_job.enqueue(job.pk))
    return job


def retry_import(*, job: ImportJob) -> ImportJob:
    """Queue a failed job again (an editor's retry from the admin)."""
    from factcheck import tasks

    updated = ImportJob.objects.filter(pk=job.pk, status=JobStatus.FAILED).update(
        status=JobStatus.QUEUED, finished_at=None
    )
    if updated:
        transaction.on_commit(lambda: tasks.run_import_job.enqueue(job.pk))
    job.refresh_from_db()
    return job


def claim_job(job_id: int) -> bool:
    """Take a queued (or abandoned) job for this worker; False if someone else has it."""
    now = timezone.now()
    return bool(
        ImportJob.objects.filter(pk=job_id)
        .filter(
            Q(status=JobStatus.QUEUED)
            | Q(status=JobStatus.RUNNING, heartbeat_at__lt=now - STALE_JOB_AFTER)
        )
        .update(
            status=JobStatus.RUNNING,
            attempts=F("attempts") + 1,
            started_at=now,
            heartbeat_at=now,
        )
    )


def run_import_job(*, job_id: int) -> ImportJob | None:
    """Run one import job to the end, reporting progress and problems on the job."""
    if not claim_job(job_id):
        return None
    job = ImportJob.objects.get(pk=job_id)
    tally = ImportTally()

    def heartbeat(done: int, tally: ImportTally) -> None:
        if done % _HEARTBEAT_EVERY == 0:
            ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now(), **tally.counts)

    try:
        documents, failures = read_inputs([job.target], Metadata())
        for failure in failures:
            tally.fail(failure)
        ImportJob.objects.filter(pk=job.pk).update(documents=len(documents))
        import_documents(documents, tally=tally, on_progress=heartbeat)
        status = JobStatus.FAILED if tally.failed and not tally.imported else JobStatus.SUCCEEDED
    except Exception as error:  # the job must end as failed, whatever broke, then re-raise
        ImportJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            errors="\n".join([*tally.errors, f"{type(error).__name__}: {error}"]),
            finished_at=timezone.now(),
            **tally.counts,
        )
        raise
    errors = "\n".join(tally.errors)
    ImportJob.objects.filter(pk=job.pk).update(
        status=status, errors=errors, finished_at=timezone.now(), **tally.counts
    )
    if job.feed_id:
        _record_poll(job.feed_id, ok=status == JobStatus.SUCCEEDED, error=errors)
    job.refresh_from_db()
    return job


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


def stale_jobs() -> list[int]:
    """Running imports whose worker stopped reporting: to be queued again."""
    cutoff = timezone.now() - STALE_JOB_AFTER
    return list(
        ImportJob.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=cutoff).values_list(
            "pk", flat=True
        )
    )


def due_feeds():
    return Feed.objects.filter(active=True, next_poll_at__lte=timezone.now())


def poll_feed(*, feed_id: int) -> ImportJob | None:
    """Import a feed now; its next poll is scheduled when the job ends."""
    feed = Feed.objects.filter(pk=feed_id, active=True).first()
    if feed is None:
        return None
    # Push the next poll out first, so a slow poll is never started twice by the scheduler.
    Feed.objects.filter(pk=feed.pk).update(
        next_poll_at=timezone.now() + timedelta(minutes=feed.interval_minutes)
    )
    job = ImportJob.objects.create(kind="feed", target=feed.url, feed=feed)
    return run_import_job(job_id=job.pk)


def _record_poll(feed_id: int, *, ok: bool, error: str) -> None:
    """Schedule the next poll: the interval after success, exponential backoff after errors."""
    feed = Feed.objects.get(pk=feed_id)
    now = timezone.now()
    if ok:
        feed.consecutive_failures = 0
        feed.last_error = ""
        delay = timedelta(minutes=feed.interval_minutes)
    else:
        feed.consecutive_failures += 1
        feed.last_error = error[:5000]
        delay = min(
            timedelta(minutes=feed.interval_minutes) * 2**feed.consecutive_failures,
            settings.FACTDESK_FEED_MAX_BACKOFF,
        )
    feed.last_polled_at = now
    feed.next_poll_at = now + delay
    feed.save()

"""Write actions for sources: storing an imported document, idempotently and by version, and
running what other apps registered to happen after each import."""

from __future__ import annotations

import enum
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

from dateutil import parser as date_parser
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from sources import language
from sources.cleaning import clean_article, normalise_text
from sources.models import Outlet, Source, SourceVersion
from sources.readers import Document, ReadError

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Nothing was printed as news before the 1500s, and dates centuries ahead are typos or
# "no date" placeholders (0001-01-01, 9999-12-31). Near either end of the calendar the
# storage in UTC, local time and the relative dates read against it would overflow too.
_EARLIEST_PUBLICATION = datetime(1500, 1, 1, tzinfo=UTC)
_LATEST_PUBLICATION = datetime(3000, 1, 1, tzinfo=UTC)


class ImportStatus(enum.StrEnum):
    CREATED = "created"
    NEW_VERSION = "new version"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class ImportResult:
    status: ImportStatus
    source: Source
    # What the after-import steps made of it, in their words ("claims found": 12, ...).
    derived: Mapping[str, int] = field(default_factory=dict)


class ImportRejected(Exception):
    """The document cannot be stored; the message says why."""


def import_article(*, document: Document) -> ImportResult:
    """Store one document: create it, record a new version of it, or leave it as it is.

    Identity: a canonical URL when known; without one, identical content, and then the
    same origin (file path). Runs in one transaction, so nothing is half-written; when a
    concurrent import stores the same document first, the unique constraints stop the
    second one and it is retried once against what is now there.
    """
    fields = _prepare(document)
    try:
        return _store(fields)
    except IntegrityError:
        return _store(fields)


@dataclass(frozen=True, slots=True)
class _Prepared:
    origin: str
    format: str
    raw_text: str
    title: str
    body: str
    removed_blocks: list[dict[str, str]]
    url: str
    outlet: str | None
    byline: str
    published_at: datetime | None
    language: str
    content_hash: str


def _prepare(document: Document) -> _Prepared:
    cleaned = clean_article(normalise_text(document.text), title=document.title)
    if not cleaned.body.strip():
        raise ImportRejected("no article text left after removing boilerplate")
    title = " ".join((document.title or cleaned.title or "").split())
    if not title:
        raise ImportRejected("no title found and none could be derived")
    title = title[:500]
    published_at = publication_time(document.published_at or _parse_dateline(cleaned.dateline))
    return _Prepared(
        origin=document.origin[:2000],
        format=document.format,
        raw_text=document.raw_text,
        title=title,
        body=cleaned.body,
        removed_blocks=[{"reason": b.reason, "text": b.text} for b in cleaned.removed],
        url=canonical_url(document.url),
        outlet=(document.outlet or cleaned.outlet or "").strip()[:200] or None,
        byline=(document.byline or cleaned.byline or "").strip()[:300],
        published_at=published_at,
        language=language.resolve(document.language, language.detect(cleaned.body)),
        content_hash=hashlib.sha256(f"{title}\n\n{cleaned.body}".encode()).hexdigest(),
    )


def _store(fields: _Prepared) -> ImportResult:
    with transaction.atomic():
        existing = _find_existing(fields)
        if existing is None:
            source = Source.objects.create(
                outlet=_outlet_for(fields.outlet, fields.url),
                title=fields.title,
                byline=fields.byline,
                url=fields.url,
                published_at=fields.published_at,
                language=fields.language,
                body=fields.body,
                raw_text=fields.raw_text,
                removed_blocks=fields.removed_blocks,
                origin=fields.origin,
                format=fields.format,
                content_hash=fields.content_hash,
            )
            return ImportResult(ImportStatus.CREATED, source)
        if existing.content_hash == fields.content_hash:
            return ImportResult(ImportStatus.UNCHANGED, existing)
        _archive_current_text(existing)
        existing.title = fields.title
        existing.byline = fields.byline or existing.byline
        existing.published_at = fields.published_at or existing.published_at
        existing.language = fields.language or existing.language
        existing.outlet = existing.outlet or _outlet_for(fields.outlet, fields.url)
        existing.body = fields.body
        existing.raw_text = fields.raw_text
        existing.removed_blocks = fields.removed_blocks
        existing.origin = fields.origin
        existing.format = fields.format
        existing.content_hash = fields.content_hash
        existing.version += 1
        existing.version_imported_at = timezone.now()
        existing.save()
        return ImportResult(ImportStatus.NEW_VERSION, existing)


def _find_existing(fields: _Prepared) -> Source | None:
    locked = Source.objects.select_for_update()
    if fields.url:
        return locked.filter(url=fields.url).first()
    return (
        locked.filter(url="", content_hash=fields.content_hash).first()
        or locked.filter(url="", origin=fields.origin).first()
    )


def _archive_current_text(source: Source) -> None:
    SourceVersion.objects.create(
        source=source,
        version=source.version,
        title=source.title,
        byline=source.byline,
        published_at=source.published_at,
        body=source.body,
        raw_text=source.raw_text,
        origin=source.origin,
        content_hash=source.content_hash,
        imported_at=source.version_imported_at,
    )


def _outlet_for(name: str | None, url: str) -> Outlet | None:
    if not name:
        return None
    outlet = Outlet.objects.alias(lower_name=Lower("name")).filter(lower_name=name.lower()).first()
    if outlet is not None:
        return outlet
    domain = domain_of(url)
    if domain and Outlet.objects.filter(domain=domain).exists():
        domain = ""
    return Outlet.objects.create(name=name, domain=domain)


def publication_time(value: datetime | None) -> datetime | None:
    """``value`` made aware (a naive one is in the current time zone), if it is plausible.

    Raises ``ImportRejected`` for a time outside the years 1500 to 2999.
    """
    if value is None:
        return None
    try:
        aware = timezone.make_aware(value) if timezone.is_naive(value) else value
        plausible = _EARLIEST_PUBLICATION <= aware < _LATEST_PUBLICATION
    except (OverflowError, ValueError):  # next to year 1 or 9999, the offset leaves the calendar
        plausible = False
    if not plausible:
        raise ImportRejected(
            f"the publication date {value.isoformat()} is not between the years "
            f"{_EARLIEST_PUBLICATION.year} and {_LATEST_PUBLICATION.year - 1}"
        )
    return aware


def canonical_url(url: str | None) -> str:
    """The URL without fragment, with lower-case scheme and host; '' when none given."""
    if not url or not url.strip():
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # an unclosed "[" of an IPv6 address, for one
        raise ImportRejected(f"URL is not a valid address: {url!r}") from None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        raise ImportRejected(f"URL is not an http(s) address: {url!r}")
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, "")
    )[:2000]


def domain_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _parse_dateline(dateline: str | None) -> datetime | None:
    """A timestamp line found in the text ("Mar 18, 2025 - 20:39"); None if unreadable."""
    # Relative stamps ("6 hours ago") say nothing without the time they were read.
    if not dateline or not _YEAR.search(dateline):
        return None
    try:
        return date_parser.parse(dateline.replace(" - ", " "), fuzzy=True)
    except (ValueError, OverflowError):
        return None


# ---------------------------------------------------------------- what runs after an import


@dataclass(frozen=True, slots=True)
class AfterImport:
    """Work another app does on every imported document (factcheck: extract and compare claims).

    ``in_transaction`` runs inside the import's transaction, so the source and what is derived
    from it are stored together or not at all; ``after_commit`` runs once that has committed,
    for work that must see what other workers committed meanwhile. It receives the committed
    documents of a run in batches (``AFTER_COMMIT_BATCH``): comparing fifty articles' claims
    together costs a few queries where one article at a time cost fifty times as many. Each may
    return counts of what it did, for the import's summary. Sources knows nothing of what the
    steps do: the dependency runs one way, from the apps that register them.
    """

    name: str
    in_transaction: Callable[[ImportResult], Mapping[str, int] | None]
    after_commit: Callable[[Sequence[ImportResult]], Mapping[str, int] | None]


_AFTER_IMPORT: dict[str, AfterImport] = {}

# Documents whose after-commit steps run together. Their claims wait for comparison at most
# this many documents; a run that stops in between leaves them for the next import
# (``compare_imported`` picks up uncompared claims of unchanged documents).
AFTER_COMMIT_BATCH = 50


def register_after_import(step: AfterImport) -> None:
    """Called from an app's ``ready()``; registering a name again replaces its step."""
    _AFTER_IMPORT[step.name] = step


def import_document(*, document: Document) -> ImportResult:
    """Store one document and run every registered after-import step on it."""
    result = _import_in_transaction(document)
    derived = Counter(result.derived)
    derived.update(_after_commit([result]))
    return replace(result, derived=dict(derived))


def _import_in_transaction(document: Document) -> ImportResult:
    derived: Counter[str] = Counter()
    with transaction.atomic():
        result = import_article(document=document)
        for step in _AFTER_IMPORT.values():
            derived.update(step.in_transaction(result) or {})
    return replace(result, derived=dict(derived))


def _after_commit(results: Sequence[ImportResult]) -> Counter[str]:
    derived: Counter[str] = Counter()
    if results:
        for step in _AFTER_IMPORT.values():
            derived.update(step.after_commit(results) or {})
    return derived


# ------------------------------------------------------------------------- runs of imports


@dataclass(slots=True)
class ImportTally:
    """What an import run did, document by document (the command and the jobs report it)."""

    created: int = 0
    new_versions: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    derived: Counter[str] = field(default_factory=Counter)

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

    @property
    def summary(self) -> str:
        """ "Imported 5 new, 0 new versions, 0 unchanged, 0 failed.", then what the after-import
        steps reported ("claims found: 62") on a line of its own."""
        text = (
            f"Imported {self.created} new, {self.new_versions} new versions, "
            f"{self.unchanged} unchanged, {self.failed} failed."
        )
        if self.derived:
            text += "\n" + ", ".join(f"{name}: {n}" for name, n in self.derived.items()) + "."
        return text

    def add(self, result: ImportResult) -> None:
        self.derived.update(result.derived)
        status = result.status
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
    """Import each document (and run the after-import steps) in its own transaction; one bad
    document is counted and reported, and the others still go in. The after-commit steps run
    on batches of ``AFTER_COMMIT_BATCH`` committed documents, and on what is left at the end,
    also when the run is interrupted."""
    tally = tally if tally is not None else ImportTally()
    committed: list[ImportResult] = []
    try:
        for done, document in enumerate(documents, start=1):
            try:
                result = _import_in_transaction(document)
            except (ImportRejected, DatabaseError) as error:
                failure = ReadError(document.origin, str(error))
                tally.fail(failure)
                if on_error is not None:
                    on_error(failure)
            else:
                tally.add(result)
                committed.append(result)
            if len(committed) >= AFTER_COMMIT_BATCH:
                batch, committed = committed, []
                _after_commit_of_run(batch, tally, on_error)
            if on_progress is not None:
                on_progress(done, tally)
    finally:
        batch, committed = committed, []
        _after_commit_of_run(batch, tally, on_error)
    return tally


def _after_commit_of_run(
    committed: Sequence[ImportResult],
    tally: ImportTally,
    on_error: Callable[[ReadError], None] | None,
) -> None:
    """The after-commit steps of a batch. The documents are stored whatever happens here, so
    a database error, or data a step cannot read (a ``ValueError``: a stored record written
    by a newer version, say), is reported, not counted as a failed import, and the run goes
    on with the next documents."""
    if not committed:
        return
    try:
        tally.derived.update(_after_commit(committed))
    except (DatabaseError, ValueError) as error:
        problem = ReadError(
            committed[0].source.origin or str(committed[0].source),
            f"stored with {len(committed) - 1} other document(s), but the steps after the "
            f"import failed ({error}); the next import of these documents runs them again",
        )
        tally.errors.append(str(problem))
        if on_error is not None:
            on_error(problem)

"""import_factchecks: store other organisations' ClaimReview fact-checks (files or URLs)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, IntegrityError, transaction

from factcheck.claimreview_import import ExternalReview, ParseError, parse
from factcheck.match_index import stored_vectors
from factcheck.models import ExternalFactCheck
from sources import fetching
from sources.importing import URL, fetch_policy

USER_AGENT = "Factdesk/1.0 (+fact-check import)"
# Where publishers put ClaimReview markup: JSON-LD files and feeds, or their article pages.
CONTENT_TYPES = (
    "application/ld+json",
    "application/json",
    "application/x-ndjson",
    "application/jsonl",
    "text/html",
    "application/xhtml+xml",
    "text/plain",
)

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
# The fields a re-import compares and updates; imported_from alone changing is not news.
FIELDS = (
    "claim_reviewed",
    "publisher_name",
    "publisher_url",
    "rating_text",
    "rating_value",
    "best_rating",
    "worst_rating",
    "date_published",
    "claim_author",
    "claim_date",
    "appearance_url",
    "raw",
)


class FetchError(Exception):
    """The input could not be read: missing file, refused scheme, HTTP error, too large."""


@dataclass
class ImportResult:
    counts: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return (
            f"Imported {self.counts[CREATED]} new, {self.counts[UPDATED]} updated, "
            f"{self.counts[UNCHANGED]} unchanged, {len(self.errors)} failed."
        )


def is_url(argument: str) -> bool:
    """Anything with a scheme is a URL (the fetcher then refuses all but http/https)."""
    return URL.match(argument) is not None


def fetch(url: str) -> str:
    """The text at an http(s) URL, fetched as ``import_articles`` fetches: the same refusal
    of private addresses, size limit, redirect limit and timeouts (FACTDESK_FETCH_*)."""
    policy = replace(
        fetch_policy(),
        user_agent=USER_AGENT,
        content_types=CONTENT_TYPES,
        content_description="ClaimReview markup (JSON-LD, JSON, JSON Lines or an HTML page)",
    )
    try:
        fetched = fetching.fetch(url, policy=policy)
    except fetching.FetchError as error:
        raise FetchError(str(error)) from None
    return _decode(fetched.content, fetched.charset or "utf-8")


def read_path(path: str, *, max_bytes: int) -> str:
    file = Path(path)
    try:
        if file.stat().st_size > max_bytes:
            raise FetchError(f"{path}: larger than the import limit of {max_bytes:,} bytes")
        return _decode(file.read_bytes(), "utf-8")
    except (FileNotFoundError, IsADirectoryError, PermissionError) as error:
        raise FetchError(f"{path}: {error.strerror or error}") from None


def _decode(body: bytes, charset: str) -> str:
    try:
        return body.decode(charset if charset.lower() != "utf-8" else "utf-8-sig")
    except (LookupError, UnicodeDecodeError):
        return body.decode("utf-8", errors="replace")


def store(review: ExternalReview, *, imported_from: str) -> str:
    """Create or update one external fact-check in its own transaction; returns the status."""
    values = {name: getattr(review, name) for name in FIELDS}
    for attempt in range(2):
        try:
            with transaction.atomic():
                existing = (
                    ExternalFactCheck.objects.select_for_update().filter(url=review.url).first()
                )
                if existing is None:
                    ExternalFactCheck.objects.create(
                        url=review.url, imported_from=imported_from, **values
                    )
                    return CREATED
                changed = [name for name in FIELDS if getattr(existing, name) != values[name]]
                if not changed:
                    return UNCHANGED
                for name in changed:
                    setattr(existing, name, values[name])
                existing.imported_from = imported_from
                existing.save(update_fields=[*changed, "imported_from", "updated_at"])
                return UPDATED
        except IntegrityError:
            # Another import created the same URL between our lookup and insert: update it.
            if attempt:
                raise
    raise AssertionError("unreachable")


def import_text(text: str, *, origin: str) -> ImportResult:
    """Parse ``text`` and store every good ClaimReview in it; bad ones are listed in errors."""
    result = ImportResult()
    for item in parse(text, origin=origin):
        if isinstance(item, ParseError):
            result.errors.append(str(item))
            continue
        try:
            result.counts[store(item, imported_from=origin)] += 1
        except DatabaseError as error:
            result.errors.append(f"{origin}: {_where(item)}: not stored ({error})")
    return result


def _where(review: ExternalReview) -> str:
    return review.where if review.where.startswith("record") else f"line {review.where}"


class Command(BaseCommand):
    help = (
        "Import fact-checks published by other organisations from their schema.org ClaimReview "
        "markup: a JSON-LD file or URL (one object, a list, a DataFeed, an @graph), JSON Lines, "
        "or an HTML page with application/ld+json scripts. Re-importing updates by URL."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sources", nargs="+", metavar="FILE|URL")

    def handle(self, *args, **options) -> None:
        max_bytes = settings.FACTDESK_MAX_IMPORT_BYTES
        total = ImportResult()
        for source in options["sources"]:
            try:
                text = fetch(source) if is_url(source) else read_path(source, max_bytes=max_bytes)
            except FetchError as error:
                total.errors.append(str(error))
                self.stderr.write(self.style.ERROR(str(error)))
                continue
            result = import_text(text, origin=source)
            for error in result.errors:
                self.stderr.write(self.style.ERROR(error))
            total.counts.update(result.counts)
            total.errors.extend(result.errors)
        self.stdout.write(total.summary)
        # Encode what is new now, so the matcher's index (built at server start) never has to.
        stored_vectors(list(ExternalFactCheck.objects.values_list("claim_reviewed", flat=True)))
        if total.errors:
            raise CommandError(f"{len(total.errors)} record(s) or input(s) could not be imported.")

import sys
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from sources.importing import read_inputs
from sources.readers import Document, Metadata, ReadError, parse_timestamp
from sources.services import ImportRejected, ImportTally, import_documents, publication_time


class Command(BaseCommand):
    help = (
        "Import news articles from files and directories (recursive): plain text, Markdown, "
        "HTML pages, JSON Lines (one article per line) and RSS/Atom feeds, and extract the "
        "claims of every new or changed article. A manifest.json beside the files supplies "
        "what their text does not say (outlet, URL, date). A PATH may also be an http(s) URL "
        "of an article page or a feed, fetched with the FACTDESK_FETCH_* limits."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="File, directory or URL.")
        parser.add_argument("--outlet", help="Outlet name for every document imported.")
        parser.add_argument(
            "--published-at",
            help="Publication time (ISO 8601) for every document, e.g. 2025-03-18T20:39+01:00.",
        )
        parser.add_argument("--url", help="Canonical URL (single document only).")
        parser.add_argument("--title", help="Title (single document only).")
        parser.add_argument("--byline", help="Byline for every document imported.")
        parser.add_argument("--language", help="Language code for every document, e.g. en.")
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show the progress bar."
        )

    def handle(self, *args, **options) -> None:
        overrides = self._overrides(options)
        documents, failures = self._read(options["paths"], overrides)
        if (overrides.url or overrides.title) and len(documents) > 1:
            raise CommandError("--url and --title apply to a single document only.")

        tally = ImportTally()
        for failure in failures:
            tally.fail(failure)
        progress = tqdm(
            documents,
            desc="Importing",
            unit="doc",
            # None: shown only on a terminal, so logs and CI output stay clean.
            disable=options["no_progress"] or None,
            file=sys.stderr,
        )
        import_documents(progress, tally=tally, on_error=self._print_while_progressing)
        self.stdout.write(tally.summary)
        if tally.failed:
            raise CommandError(f"{tally.failed} document(s) or file(s) could not be imported.")

    def _overrides(self, options: dict) -> Metadata:
        published_at: datetime | None = None
        if options["published_at"]:
            published_at = parse_timestamp(options["published_at"])
            if published_at is None:
                raise CommandError(
                    f"--published-at is not an ISO 8601 date: {options['published_at']!r}"
                )
            try:
                published_at = publication_time(published_at)
            except ImportRejected as error:
                # Every document would be refused for it: better said once, before any work.
                raise CommandError(f"--published-at: {error}") from None
        return Metadata(
            outlet=options["outlet"],
            url=options["url"],
            published_at=published_at,
            byline=options["byline"],
            language=options["language"],
            title=options["title"],
        )

    def _read(
        self, paths: list[str], overrides: Metadata
    ) -> tuple[list[Document], list[ReadError]]:
        return read_inputs(paths, overrides, on_error=self._print_error)

    def _print_error(self, error: ReadError) -> None:
        self.stderr.write(self.style.ERROR(f"error: {error}"))

    def _print_while_progressing(self, error: ReadError) -> None:
        with tqdm.external_write_mode():
            self._print_error(error)

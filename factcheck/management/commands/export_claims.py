import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from factcheck.exports import claim_record, claims_for_export, write_csv, write_jsonl


class Command(BaseCommand):
    help = "Export every claim with its facts and source, as JSON Lines (default) or CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
        parser.add_argument("--output", metavar="FILE", help="Write here instead of stdout.")

    def handle(self, *args, format: str, output: str | None, **options) -> None:
        writer = write_csv if format == "csv" else write_jsonl
        records = (claim_record(claim, links) for claim, links in claims_for_export())
        if output is None:
            count = writer(records, self.stdout)
        else:
            path = Path(output)
            partial = path.with_name(path.name + ".partial")
            try:
                # Written aside and renamed, so a failed export never leaves half a file.
                with partial.open("w", encoding="utf-8", newline="") as out:
                    count = writer(records, out)
                partial.replace(path)
            except OSError as error:
                partial.unlink(missing_ok=True)
                raise CommandError(f"{output}: {error.strerror or error}") from error
        print(f"Exported {count} claims.", file=sys.stderr)

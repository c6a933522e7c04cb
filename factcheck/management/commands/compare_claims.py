import sys

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from factcheck.services import compare_all, compare_pending

BATCH = 500


class Command(BaseCommand):
    help = (
        "Compare claims across sources: link agreeing, contradicting and related claims and "
        "group the same claim. Without --all, only claims not compared yet. Idempotent; links "
        "editors decided on and claims they placed are never changed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="Rebuild the index and recompare every claim."
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, all: bool, no_progress: bool, **options) -> None:
        bar = tqdm(desc="Comparing", unit="claim", disable=no_progress or None, file=sys.stderr)

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        compare = compare_all if all else compare_pending
        result = compare(batch_size=BATCH, progress=progress)
        bar.close()
        self.stdout.write(
            f"Compared {result.compared} claims: {result.links} links "
            f"({result.contradictions} contradictions), {result.groups_created} new groups, "
            f"{result.joined} claims joined a group."
        )

import sys

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from factcheck.models import Claim
from factcheck.services import ComparisonResult, compare_all, compare_claims

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
        if all:
            bar = tqdm(desc="Comparing", unit="claim", disable=no_progress or None, file=sys.stderr)

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            result = compare_all(batch_size=BATCH, progress=progress)
            bar.close()
        else:
            pending = list(
                Claim.objects.filter(compared_at__isnull=True)
                .order_by("id")
                .values_list("id", flat=True)
            )
            result = ComparisonResult()
            for start in tqdm(
                range(0, len(pending), BATCH),
                desc="Comparing",
                unit="batch",
                disable=no_progress or None,
                file=sys.stderr,
            ):
                chunk = Claim.objects.filter(pk__in=pending[start : start + BATCH]).order_by("id")
                result += compare_claims(claims=chunk)
        self.stdout.write(
            f"Compared {result.compared} claims: {result.links} links "
            f"({result.contradictions} contradictions), {result.groups_created} new groups, "
            f"{result.joined} claims joined a group."
        )

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from factcheck.services import analyse_source
from sources.models import Source


class Command(BaseCommand):
    help = (
        "Re-extract the claims of sources, index them and compare them with every other "
        "source, as an import does. Safe to re-run: claims editors have worked on are kept, "
        "and unchanged sentences keep their claim ids."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", type=int, nargs="+", default=[], metavar="ID")
        parser.add_argument("--all", action="store_true", help="Every source.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, source: list[int], all: bool, no_progress: bool, **options) -> None:
        if bool(source) == all:
            raise CommandError("Give either --source ID [ID ...] or --all.")
        sources = Source.objects.order_by("id")
        if source:
            sources = sources.filter(pk__in=source)
            missing = set(source) - set(sources.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No source with id {', '.join(map(str, sorted(missing)))}.")
        totals = {"created": 0, "updated": 0, "removed": 0, "kept": 0}
        ids = list(sources.values_list("pk", flat=True))
        for pk in tqdm(
            ids, desc="Extracting", unit="source", disable=no_progress or None, file=sys.stderr
        ):
            result = analyse_source(source=Source.objects.get(pk=pk))
            for name in totals:
                totals[name] += getattr(result, name)
        self.stdout.write(
            f"Extracted claims from {len(ids)} sources: {totals['created']} new, "
            f"{totals['updated']} unchanged or refreshed, {totals['removed']} removed, "
            f"{totals['kept']} kept because editors worked on them."
        )

import time

from django.core.management.base import BaseCommand

from factcheck.match_index import published_index
from factcheck.models import MatchVector


class Command(BaseCommand):
    help = (
        "Build the 'has this been checked?' index now, encoding (and storing) the sentence "
        "embedding of every published claim that has none yet. Run on each release before "
        "restarting the web servers, which would otherwise encode them at start-up."
    )

    def handle(self, *args, **options) -> None:
        before = MatchVector.objects.count()
        started = time.perf_counter()
        published_index.reset()
        published_index.warm()
        encoded = MatchVector.objects.count() - before
        self.stdout.write(
            f"Match index ready: {len(published_index)} fact-checks, {encoded} newly encoded, "
            f"in {time.perf_counter() - started:.1f} s."
        )

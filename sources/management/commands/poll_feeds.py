import time

from django.core.management.base import BaseCommand, CommandParser

from sources import jobs


class Command(BaseCommand):
    help = (
        "Queue a poll of every registered feed that is due (and re-queue imports whose worker "
        "died). Runs once with --once (for cron or a systemd timer), else every --every seconds."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true")
        parser.add_argument("--every", type=int, default=60, metavar="SECONDS")

    def handle(self, *args, once: bool, every: int, **options) -> None:
        while True:
            feeds = list(jobs.due_feeds().values_list("pk", flat=True))
            for feed_id in feeds:
                jobs.poll_feed_task.enqueue(feed_id)
            stale = jobs.stale_jobs()
            for job_id in stale:
                jobs.run_import_job_task.enqueue(job_id)
            self.stdout.write(f"Queued {len(feeds)} feed polls and {len(stale)} stalled imports.")
            if once:
                return
            time.sleep(every)

"""Background imports: jobs (a file, a URL or a feed to import), feeds polled on a schedule,
and the ``django.tasks`` tasks that run them.

Each task takes ids, never objects, and does its work through the functions here, so running
it twice (or in two workers at once) is safe: jobs are claimed with conditional updates and
imports are idempotent.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.tasks import task
from django.utils import timezone

from sources.importing import read_inputs
from sources.models import Feed, ImportJob, JobStatus
from sources.readers import Metadata
from sources.services import ImportTally, import_documents


@task()
def run_import_job_task(job_id: int) -> None:
    run_import_job(job_id=job_id)


@task()
def poll_feed_task(feed_id: int) -> None:
    poll_feed(feed_id=feed_id)


# A running job whose worker has not reported for this long is presumed dead and may be
# claimed again (imports are idempotent, so the rerun duplicates nothing).
STALE_JOB_AFTER = timedelta(minutes=10)
_HEARTBEAT_EVERY = 20  # documents


def start_import(*, kind: str, target: str, user=None, feed: Feed | None = None) -> ImportJob:
    """Queue an import of a file, a URL or a feed; it runs once the transaction commits."""
    job = ImportJob.objects.create(kind=kind, target=target, requested_by=user, feed=feed)
    transaction.on_commit(lambda: run_import_job_task.enqueue(job.pk))
    return job


def retry_import(*, job: ImportJob) -> ImportJob:
    """Queue a failed job again (an editor's retry from the admin)."""
    updated = ImportJob.objects.filter(pk=job.pk, status=JobStatus.FAILED).update(
        status=JobStatus.QUEUED, finished_at=None
    )
    if updated:
        transaction.on_commit(lambda: run_import_job_task.enqueue(job.pk))
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

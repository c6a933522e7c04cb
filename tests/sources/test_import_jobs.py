"""Imports in the background: claimed once, idempotent when rerun, failures visible."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from factcheck.roles import EDITOR
from sources import jobs
from sources.models import Feed, ImportJob, JobStatus, Source

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Port reopens after strike\n\n"
    "The city's port reopened on Tuesday after a 12-day strike, the harbour authority said.\n\n"
    "About 4,000 dock workers returned after accepting a 6% pay rise."
)


def write(tmp_path, name="port.txt", text=ARTICLE):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_a_queued_import_runs_after_commit_and_reports_its_result(
    tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = jobs.start_import(kind="file", target=write(tmp_path))
        assert ImportJob.objects.get(pk=job.pk).status == JobStatus.QUEUED
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert (job.status, job.documents, job.created, job.attempts) == (
        JobStatus.SUCCEEDED,
        1,
        1,
        1,
    )
    assert Source.objects.get().claims.exists()


def test_a_job_is_claimed_by_one_worker_only():
    job = ImportJob.objects.create(kind="file", target="/nowhere")
    assert jobs.claim_job(job.pk) is True
    assert jobs.claim_job(job.pk) is False


def test_a_job_whose_worker_died_is_claimed_again_and_rerun_without_duplicates(tmp_path):
    job = ImportJob.objects.create(kind="file", target=write(tmp_path))
    jobs.run_import_job(job_id=job.pk)
    # As if a worker took it again and died half-way: stale heartbeat, still "running".
    ImportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, heartbeat_at=timezone.now() - timedelta(hours=1)
    )
    assert jobs.stale_jobs() == [job.pk]
    rerun = jobs.run_import_job(job_id=job.pk)
    assert rerun.status == JobStatus.SUCCEEDED
    assert (rerun.created, rerun.unchanged, rerun.attempts) == (0, 1, 2)
    assert Source.objects.count() == 1


def test_a_failed_job_shows_why_and_can_be_retried(tmp_path, django_capture_on_commit_callbacks):
    missing = str(tmp_path / "missing.txt")
    job = ImportJob.objects.create(kind="file", target=missing)
    jobs.run_import_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "missing.txt: no such file or directory" in job.errors
    (tmp_path / "missing.txt").write_text(ARTICLE)
    with django_capture_on_commit_callbacks(execute=True):
        jobs.retry_import(job=job)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.attempts == 2


def test_an_editor_uploads_a_file_in_the_admin_and_sees_the_result(
    client_for, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    editor = client_for(EDITOR)
    upload = SimpleUploadedFile("port.txt", ARTICLE.encode(), content_type="text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(reverse("admin:sources_importjob_add"), {"upload": upload})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert (job.status, job.created, job.requested_by) == (JobStatus.SUCCEEDED, 1, editor.user)
    listing = editor.get(reverse("admin:sources_importjob_changelist")).content.decode()
    assert "Succeeded" in listing
    assert editor.post(reverse("admin:sources_importjob_add"), {}).status_code == 200


def test_the_admin_retries_failed_jobs(client_for, django_capture_on_commit_callbacks):
    editor = client_for(EDITOR)
    job = ImportJob.objects.create(kind="file", target="/nowhere.txt", status=JobStatus.FAILED)
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(
            reverse("admin:sources_importjob_changelist"),
            {"action": "retry", "_selected_action": [str(job.pk)]},
        )
    job.refresh_from_db()
    assert job.attempts == 1
    assert job.status == JobStatus.FAILED  # still missing, but it ran again


def test_feed_errors_back_off_exponentially_and_success_resets(settings):
    settings.FACTDESK_FEED_MAX_BACKOFF = timedelta(hours=2)
    feed = Feed.objects.create(url="https://wire.example/feed.xml", interval_minutes=15)
    for failures, minutes in [(1, 30), (2, 60), (3, 120), (4, 120)]:
        jobs._record_poll(feed.pk, ok=False, error="timed out")
        feed.refresh_from_db()
        assert feed.consecutive_failures == failures
        delay = feed.next_poll_at - feed.last_polled_at
        assert delay == timedelta(minutes=minutes)
    jobs._record_poll(feed.pk, ok=True, error="")
    feed.refresh_from_db()
    assert (feed.consecutive_failures, feed.last_error) == (0, "")
    assert feed.next_poll_at - feed.last_polled_at == timedelta(minutes=15)


def test_only_active_due_feeds_are_polled():
    now = timezone.now()
    due = Feed.objects.create(url="https://a.example/feed", next_poll_at=now - timedelta(minutes=1))
    Feed.objects.create(url="https://b.example/feed", next_poll_at=now + timedelta(hours=1))
    Feed.objects.create(url="https://c.example/feed", active=False, next_poll_at=now)
    assert list(jobs.due_feeds()) == [due]

"""Background work, through Django's own ``django.tasks``: the backend is a setting.

Each task takes ids, never objects, and does its work through a service, so running it twice
(or in two workers at once) is safe: the services claim work with conditional updates and
imports are idempotent.
"""

from django.tasks import task

from factcheck import services


@task()
def run_import_job(job_id: int) -> None:
    services.run_import_job(job_id=job_id)


@task()
def poll_feed(feed_id: int) -> None:
    services.poll_feed(feed_id=feed_id)

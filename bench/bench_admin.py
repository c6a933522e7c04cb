"""Page times of the review screens on a large database (the queue and the claim page).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factdesk_bench_1m \\
        .venv/bin/python bench/bench_admin.py [--repeats 7]

Build the database first with ``bench/generate.py``. Pages are rendered in-process through
Django's test client with DEBUG off (no query logging), logged in as an editor, so the times
are the server's own: database plus template rendering, without network or browser.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-used-anywhere-else-xx")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("FACTDESK_LOG_FORMAT", "plain")
# With DEBUG off, pages name their static files from collectstatic's manifest.
os.environ.setdefault("DJANGO_STATIC_ROOT", "/tmp/benchcmp/static")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.test import Client

    call_command("collectstatic", interactive=False, verbosity=0)

    from factcheck.models import Claim, ClaimLink
    from factcheck.roles import EDITOR
    from tests.factories import UserFactory

    call_command("migrate", verbosity=0)
    editor = UserFactory(username="bench-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    client = Client()
    client.force_login(editor)

    contradicted = (
        ClaimLink.objects.filter(relation="contradicts").values_list("left_id", flat=True).first()
    )
    busiest = Claim.objects.order_by("-score").values_list("pk", flat=True).first()
    pages = {
        "queue (default order)": "/admin/factcheck/claim/",
        "queue, page 50": "/admin/factcheck/claim/?p=50",
        "queue, needs review": "/admin/factcheck/claim/?status__exact=needs_review",
        "queue, contradicted": "/admin/factcheck/claim/?has_contradiction__exact=1",
        "queue, quantity, high score": (
            "/admin/factcheck/claim/?claim_type__exact=quantity&score=high"
        ),
        "queue, search": "/admin/factcheck/claim/?q=minister",
        "claim page (contradicted)": f"/admin/factcheck/claim/{contradicted or busiest}/change/",
        "claim page (top score)": f"/admin/factcheck/claim/{busiest}/change/",
        "dashboard": "/admin/",
    }
    print(f"claims: {Claim.objects.count():,}, links: {ClaimLink.objects.count():,}")
    print("| page | median ms | max ms |\n| --- | ---: | ---: |")
    for name, url in pages.items():
        client.get(url)  # warm caches (content types, templates)
        times = []
        for _ in range(args.repeats):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        print(f"| {name} | {statistics.median(times):.0f} | {max(times):.0f} |")
    editor.delete()


if __name__ == "__main__":
    main()

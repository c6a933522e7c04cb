"""The whole review flow in a real headless Chromium, one role after another.

An editor opens a contradiction from the queue, confirms it, puts the claim in a group and
drafts a verdict with evidence; a reviewer approves it; a publisher publishes it. Screenshots
of the claim page and the group page are saved under ``artifacts/`` for people to look at.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from factcheck.models import ClaimLink, LinkDecision, Verdict, VerdictState
from factcheck.roles import EDITOR, PUBLISHER, REVIEWER

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("FACTDESK_ARTIFACTS", Path(settings.BASE_DIR) / "artifacts"))
PASSWORD = "correct horse battery staple"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("FACTDESK_REQUIRE_BROWSER"):
            pytest.fail(f"FACTDESK_REQUIRE_BROWSER is set but {CHROMIUM} is missing")
        pytest.skip("Chromium is not installed (apt install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright runs an event loop in this thread; the ORM calls the test makes between
    # page actions are ordinary blocking calls, which Django must be told are fine here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def log_in(browser, live_server, username: str):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    return page


def test_contradiction_to_published_fact_check(browser, live_server, make_role_user):
    call_command("import_articles", str(Path(settings.BASE_DIR) / "seeds"), "--no-progress")
    for role in (EDITOR, REVIEWER, PUBLISHER):
        user = make_role_user(role)
        user.set_password(PASSWORD)
        user.save()
    ARTIFACTS.mkdir(exist_ok=True)

    # The editor starts in the queue: contradicted claims come first.
    editor = log_in(browser, live_server, "editor")
    editor.goto(f"{live_server.url}/admin/factcheck/claim/")
    first_row = editor.locator("#result_list tbody tr").first
    assert first_row.locator(".factdesk-contradicts").count() == 1
    first_row.locator("th a").click()
    editor.wait_for_selector(".factdesk-link-contradicts")
    editor.screenshot(path=ARTIFACTS / "claim-page.png", full_page=True)
    claim_url = editor.url

    contradiction = editor.locator(".factdesk-link-contradicts").first
    link_id = int(contradiction.get_attribute("id").removeprefix("link-"))
    contradiction.locator("button[name=confirm]").click()
    editor.wait_for_selector(".messagelist")
    assert ClaimLink.objects.get(pk=link_id).decision == LinkDecision.CONFIRMED

    # A group of its own for the claim, then the verdict with evidence on the group page.
    editor.fill("#factdesk-move-group", "new")
    editor.click(".factdesk-move button")
    editor.wait_for_url(claim_url)
    editor.click("#factdesk-group-link")
    editor.select_option("#id_verdict-0-rating", "false")
    editor.fill("#id_verdict-0-summary", "The count cited is wrong.")
    editor.fill("#id_verdict-0-explanation", "The treaty's depositary lists a different number.")
    editor.fill("#id_evidence-0-title", "Depositary status list")
    editor.fill("#id_evidence-0-url", "https://treaties.example/status")
    editor.fill("#id_evidence-0-publisher", "Treaty depositary")
    editor.click("input[name=_continue]")
    editor.wait_for_selector(".factdesk-workflow .button")
    verdict = Verdict.objects.get()
    assert verdict.state == VerdictState.DRAFT
    assert verdict.group.evidence.count() == 1
    editor.click("text=Send for review")
    editor.click("input[type=submit][value='Send for review']")
    editor.wait_for_selector(".messagelist")
    group_url = editor.url
    editor.close()

    reviewer = log_in(browser, live_server, "reviewer")
    reviewer.goto(group_url)
    reviewer.click(".factdesk-workflow >> text=Approve")
    reviewer.click("input[type=submit][value='Approve']")
    reviewer.wait_for_selector(".messagelist")
    reviewer.close()

    publisher = log_in(browser, live_server, "publisher")
    publisher.goto(group_url)
    publisher.click(".factdesk-workflow >> text=Publish")
    publisher.click("input[type=submit][value='Publish']")
    publisher.wait_for_selector(".messagelist")
    publisher.screenshot(path=ARTIFACTS / "group-page.png", full_page=True)
    publisher.close()

    verdict.refresh_from_db()
    assert verdict.state == VerdictState.PUBLISHED
    assert verdict.author.username == "editor"
    assert verdict.reviewer.username == "reviewer"
    assert (ARTIFACTS / "claim-page.png").stat().st_size > 10_000
    assert (ARTIFACTS / "group-page.png").stat().st_size > 10_000

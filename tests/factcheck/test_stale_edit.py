"""Two editors on one verdict: the second save of a stale form is refused, nothing is lost."""

import pytest
from django.urls import reverse

from factcheck.roles import EDITOR
from tests.factcheck.test_review_admin import group_form_data
from tests.factories import VerdictFactory

pytestmark = pytest.mark.django_db


def test_the_second_save_of_a_stale_form_is_refused_and_its_text_shown_back(client_for):
    anna, ben = client_for(EDITOR, "anna"), client_for(EDITOR, "ben")
    verdict = VerdictFactory(author=anna.user)
    page = reverse("admin:factcheck_claimgroup_change", args=[verdict.group.pk])
    stale = group_form_data(verdict.group, verdict)  # both opened the page at version 1

    first = anna.post(page, stale | {"verdict-0-summary": "Anna's summary."})
    assert first.status_code == 302

    second = ben.post(page, stale | {"verdict-0-summary": "Ben's summary, typed carefully."})
    assert second.status_code == 200
    html = second.content.decode()
    assert "Someone else (anna) saved this verdict after you opened it" in html
    assert "Ben&#x27;s summary, typed carefully." in html

    verdict.refresh_from_db()
    assert verdict.summary == "Anna's summary."
    assert verdict.version == 2


def test_a_save_on_the_current_version_goes_through_and_bumps_it(client_for):
    anna = client_for(EDITOR, "anna")
    verdict = VerdictFactory(author=anna.user)
    page = reverse("admin:factcheck_claimgroup_change", args=[verdict.group.pk])
    anna.post(page, group_form_data(verdict.group, verdict, summary="First."))
    verdict.refresh_from_db()
    anna.post(page, group_form_data(verdict.group, verdict, summary="Second."))
    verdict.refresh_from_db()
    assert (verdict.summary, verdict.version) == ("Second.", 3)

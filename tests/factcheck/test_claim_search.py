"""The review queue's search: claim text, speaker and source title, every word required."""

import pytest
from django.urls import reverse

from factcheck import selectors
from factcheck.models import Claim
from factcheck.roles import EDITOR
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims():
    budget = SourceFactory(title="Council budget vote")
    port = SourceFactory(title="Harbour strike ends")
    return {
        "budget": ClaimFactory(source=budget, text="The council approved 4 million euros."),
        "quote": ClaimFactory(
            source=port, text="The strike cost 12 days of trade.", speaker="Maria Lopez"
        ),
        "port": ClaimFactory(source=port, text="Ships waited 40 hours to dock."),
    }


def found(search: str) -> set[int]:
    return set(selectors.search_claims(Claim.objects.all(), search).values_list("pk", flat=True))


def test_a_word_matches_claim_text_speaker_or_source_title_in_any_case(claims):
    assert found("MILLION") == {claims["budget"].pk}
    assert found("lopez") == {claims["quote"].pk}
    assert found("harbour") == {claims["quote"].pk, claims["port"].pk}


def test_every_word_must_match_somewhere(claims):
    assert found("harbour ships") == {claims["port"].pk}
    assert found("harbour million") == set()


def test_a_quoted_phrase_is_one_word(claims):
    assert found('"12 days"') == {claims["quote"].pk}
    assert found('"days 12"') == set()


def test_titles_matching_many_sources_are_searched_in_a_subquery(claims, monkeypatch):
    monkeypatch.setattr(selectors, "TITLE_MATCHES", 0)
    assert found("harbour") == {claims["quote"].pk, claims["port"].pk}


def test_the_queue_search_uses_it(client_for, claims):
    page = client_for(EDITOR).get(reverse("admin:factcheck_claim_changelist"), {"q": "harbour"})
    listed = {claim.pk for claim in page.context["cl"].result_list}
    assert listed == {claims["quote"].pk, claims["port"].pk}

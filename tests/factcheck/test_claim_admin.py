"""Claims in the admin: listed by source, highlighted in their paragraph and in the article."""

import pytest
from django.urls import reverse

from factcheck.services import extract_claims
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Over 160 residents signed a petition on Tuesday, according to campaigners.\n\n"
    "The council approved a budget of 12 million euros, the mayor said. It was sunny."
)


def test_the_source_page_highlights_each_claim_as_a_link_to_it(admin_client):
    source = SourceFactory(body=BODY)
    extract_claims(source=source)
    page = admin_client.get(reverse("admin:sources_source_change", args=[source.pk]))
    html = page.content.decode()
    for claim in source.claims.all():
        link = reverse("admin:factcheck_claim_change", args=[claim.pk])
        assert f'<mark class="factdesk-claim"><a href="{link}"' in html
    assert "It was sunny." in html


def test_the_source_list_counts_claims(admin_client):
    source = SourceFactory(body=BODY)
    extract_claims(source=source)
    page = admin_client.get(reverse("admin:sources_source_changelist"))
    assert f'<td class="field-claim_count">{source.claims.count()}</td>' in page.content.decode()


def test_the_claim_page_shows_the_sentence_in_its_paragraph_and_its_facts(admin_client):
    source = SourceFactory(body=BODY)
    extract_claims(source=source)
    claim = source.claims.get(text__startswith="The council")
    html = admin_client.get(reverse("admin:factcheck_claim_change", args=[claim.pk])).content
    html = html.decode()
    assert f'<mark class="factdesk-sentence">{claim.text}</mark> It was sunny.' in html
    assert "<td>Quantity</td><td>12 million euros</td>" in html
    assert "<td>Speaker</td><td>the mayor</td>" in html


def test_claims_are_listed_most_check_worthy_first(admin_client):
    source = SourceFactory(body=BODY)
    extract_claims(source=source)
    page = admin_client.get(reverse("admin:factcheck_claim_changelist"))
    scores = [claim.score for claim in page.context["cl"].result_list]
    assert scores == sorted(scores, reverse=True)
    assert len(scores) == source.claims.count()

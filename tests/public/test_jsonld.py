"""The ClaimReview JSON-LD in a fact-check page's <head>."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from factcheck.claimreview import claim_review
from factcheck.public.views import ld_json_script
from factcheck.selectors import public_factchecks
from tests.factories import ClaimFactory, ClaimGroupFactory, UserFactory, VerdictFactory

pytestmark = pytest.mark.django_db

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def published(text: str = "Over 160 countries are parties to the treaty.", **kw):
    return VerdictFactory(
        group=ClaimGroupFactory(canonical_text=text),
        state="published",
        published_at=timezone.now(),
        reviewer=UserFactory(),
        slug="the-check",
        **kw,
    )


def head_json_ld(client) -> tuple[str, list[dict]]:
    body = client.get(reverse("factchecks:detail", args=["the-check"])).content.decode()
    head = body.split("</head>", 1)[0]
    return body, [json.loads(block) for block in LD_JSON.findall(head)]


def test_the_head_carries_the_claim_review_of_the_verdict(client, settings):
    settings.FACTDESK_ORGANISATION_NAME = "Example Checkers"
    verdict = published()
    ClaimFactory(group=verdict.group)
    _, blocks = head_json_ld(client)
    assert len(blocks) == 1
    review = blocks[0]
    verdict = public_factchecks().get(pk=verdict.pk)
    url = "http://testserver" + reverse("factchecks:detail", args=["the-check"])
    assert review == json.loads(
        json.dumps(claim_review(verdict, verdict.group.appearances, url=url))
    )
    assert review["@type"] == "ClaimReview"
    assert review["url"] == url
    assert review["author"]["name"] == "Example Checkers"
    assert review["reviewRating"]["alternateName"] == "False"
    assert len(review["itemReviewed"]["appearance"]) == 1


def test_the_canonical_link_is_the_claim_review_url(client):
    published()
    body, blocks = head_json_ld(client)
    assert f'<link rel="canonical" href="{blocks[0]["url"]}">' in body


def test_a_claim_containing_a_closing_script_tag_cannot_break_out(client):
    hostile = 'Claim </script><script>alert("x")</script> & <!-- more'
    published(hostile)
    body, blocks = head_json_ld(client)
    assert blocks[0]["claimReviewed"] == hostile
    head = body.split("</head>", 1)[0]
    assert head.count("<script") == 1
    assert head.count("</script>") == 1
    assert "<!--" not in head


def test_ld_json_script_escapes_the_characters_html_reads_inside_a_script():
    html = str(ld_json_script({"text": "</script> & <!-- é"}))
    assert html == (
        '<script type="application/ld+json">'
        '{"text": "\\u003C/script\\u003E \\u0026 \\u003C!-- é"}</script>'
    )
    inner = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(inner) == {"text": "</script> & <!-- é"}


def test_a_withdrawn_or_missing_fact_check_has_no_json_ld(client):
    VerdictFactory(
        state="withdrawn",
        slug="the-check",
        reviewer=UserFactory(),
        published_at=timezone.now(),
        withdrawn_at=timezone.now(),
    )
    body, blocks = head_json_ld(client)
    assert blocks == []
    assert "application/ld+json" not in body

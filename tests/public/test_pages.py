"""The public fact-check pages: what readers see, what they never see, and at what cost."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from factcheck.models import Correction
from tests.factories import (
    ClaimFactory,
    ClaimGroupFactory,
    EvidenceFactory,
    OutletFactory,
    SourceFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def published(slug: str, *, text: str = "Over 160 countries are parties to the treaty.", **kw):
    kw.setdefault("published_at", timezone.now())
    return VerdictFactory(
        group=ClaimGroupFactory(canonical_text=text),
        state=kw.pop("state", "published"),
        reviewer=UserFactory(),
        slug=slug,
        **kw,
    )


def with_appearances_and_evidence(verdict, count: int) -> None:
    for _ in range(count):
        ClaimFactory(group=verdict.group)
        EvidenceFactory(group=verdict.group)


def detail(slug: str) -> str:
    return reverse("factchecks:detail", args=[slug])


# The list


def test_the_list_shows_published_and_corrected_fact_checks_newest_first(client):
    now = timezone.now()
    published("older", text="The older claim.", published_at=now - timedelta(days=2))
    published("newer", text="The newer claim.", published_at=now - timedelta(days=1))
    published("fixed", text="The corrected claim.", state="corrected", published_at=now)
    body = client.get(reverse("factchecks:list")).content.decode()
    positions = [body.index(t) for t in ("corrected claim", "newer claim", "older claim")]
    assert positions == sorted(positions)
    assert f'href="{detail("newer")}"' in body
    assert "False" in body  # the rating label, not its key
    assert "The treaty has 164 states parties, not 133." in body


@pytest.mark.parametrize("state", ["draft", "in_review", "approved", "withdrawn"])
def test_the_list_never_shows_a_verdict_that_is_not_public(client, state):
    VerdictFactory(
        group=ClaimGroupFactory(canonical_text="A secret claim."),
        state=state,
        slug="secret",
        summary="A secret summary.",
    )
    body = client.get(reverse("factchecks:list")).content.decode()
    assert "secret" not in body.lower()
    assert "No fact-checks have been published yet." in body


def test_the_list_has_twenty_a_page_and_a_second_page(client):
    start = timezone.now()
    for n in range(21):
        published(f"check-{n}", text=f"Claim number {n}.", published_at=start + timedelta(n))
    first = client.get(reverse("factchecks:list")).content.decode()
    assert first.count('<article class="factcheck-summary">') == 20
    assert "Claim number 0." not in first
    assert 'rel="next" href="?page=2"' in first
    second = client.get(reverse("factchecks:list"), {"page": 2}).content.decode()
    assert "Claim number 0." in second
    assert second.count('<article class="factcheck-summary">') == 1


@pytest.mark.parametrize("page", ["3", "0", "abc"])
def test_a_page_that_does_not_exist_is_not_found(client, page):
    published("only")
    assert client.get(reverse("factchecks:list"), {"page": page}).status_code == 404


@pytest.mark.parametrize(
    ("field", "query"),
    [("text", "VACCINE"), ("summary", "budget deficit"), ("explanation", "ministry tables")],
)
def test_search_finds_words_in_the_claim_summary_or_explanation(client, field, query):
    values = {
        "text": "The vaccine was tested on 40,000 people.",
        "summary": "The budget deficit fell.",
        "explanation": "The ministry tables show it.",
    }
    match = published("match", **({"text": values["text"]} if field == "text" else {}))
    if field != "text":
        setattr(match, field, values[field])
        match.save()
    published("other", text="Something else entirely.")
    response = client.get(reverse("factchecks:list"), {"q": query})
    body = response.content.decode()
    assert detail("match") in body
    assert detail("other") not in body
    assert "1 fact-check match" in body
    assert '<meta name="robots" content="noindex">' in body


def test_search_ignores_a_nul_character_which_no_database_text_can_hold(client):
    published("water", text="Water claim.")
    response = client.get(reverse("factchecks:list"), {"q": "wa\x00ter"})
    assert response.status_code == 200
    assert detail("water") in response.content.decode()


def test_search_keeps_the_query_in_the_page_links_and_escapes_it(client):
    for n in range(21):
        published(f"water-{n}", text=f"Water claim {n}.")
    body = client.get(reverse("factchecks:list"), {"q": "water <b>"}).content.decode()
    assert "<b>" not in body
    assert "water &lt;b&gt;" in body
    body = client.get(reverse("factchecks:list"), {"q": "water"}).content.decode()
    assert 'href="?q=water&amp;page=2"' in body


def test_the_list_costs_the_same_queries_for_one_or_twenty_fact_checks(
    client, django_assert_num_queries
):
    first = published("first")
    with_appearances_and_evidence(first, 3)
    with django_assert_num_queries(2):  # count, page
        client.get(reverse("factchecks:list"))
    for n in range(19):
        with_appearances_and_evidence(published(f"more-{n}"), 3)
    with django_assert_num_queries(2):
        client.get(reverse("factchecks:list"))
    with django_assert_num_queries(2):
        client.get(reverse("factchecks:list"), {"q": "treaty"})


# One fact-check


def test_the_page_shows_the_claim_rating_summary_explanation_and_organisation(client, settings):
    settings.FACTDESK_ORGANISATION_NAME = "Example Checkers"
    published("treaty", rating="mostly_false")
    body = client.get(detail("treaty")).content.decode()
    assert "<h1>" in body
    assert "Over 160 countries are parties to the treaty." in body
    assert "Mostly false" in body
    assert "2 on a scale from 1 (False) to 5 (True)." in body
    assert 'aria-current="true"><strong>Mostly false</strong>' in body
    assert "The treaty has 164 states parties, not 133." in body
    assert "The treaty&#x27;s depositary lists 164 states parties" in body
    assert "Example Checkers" in body


def test_a_rating_off_the_scale_says_so(client):
    published("misleading", rating="misleading")
    body = client.get(detail("misleading")).content.decode()
    assert "“Misleading” is a rating outside the true-to-false scale." in body
    assert 'class="scale"' not in body


def test_the_page_lists_evidence_with_links_publishers_and_notes(client):
    verdict = published("evidence")
    EvidenceFactory(
        group=verdict.group,
        title="Status of the treaty",
        url="https://treaties.example/status",
        publisher="Depositary",
        note="Lists 164 parties.",
    )
    EvidenceFactory(group=verdict.group, title="A bad link", url="javascript:alert(1)")
    body = client.get(detail("evidence")).content.decode()
    assert '<a href="https://treaties.example/status">Status of the treaty</a>' in body
    assert "Depositary" in body
    assert "Lists 164 parties." in body
    assert "A bad link" in body
    assert "javascript:" not in body


def test_the_page_shows_where_the_claim_appeared_with_the_exact_sentence(client):
    verdict = published("appeared")
    outlet = OutletFactory(name="The Daily Example")
    linked = SourceFactory(
        outlet=outlet,
        title="Treaty anniversary",
        url="https://daily.example/treaty",
        published_at=timezone.now() - timedelta(days=3),
        body="Only 133 nations signed the treaty, the minister said.",
    )
    unlinked = SourceFactory(outlet=None, url="", title="A pasted press release")
    ClaimFactory(group=verdict.group, source=linked)
    ClaimFactory(group=verdict.group, source=unlinked)
    body = client.get(detail("appeared")).content.decode()
    assert (
        '<a href="https://daily.example/treaty">Treaty anniversary</a>, The Daily Example' in body
    )
    assert "Only 133 nations signed the treaty, the minister said." in body
    assert 'cite="https://daily.example/treaty"' in body
    assert "A pasted press release" in body
    assert body.index("Treaty anniversary") < body.index("A pasted press release")


def test_corrections_show_their_note_date_and_the_earlier_rating_and_summary(client):
    corrected_at = timezone.now()
    verdict = published("corrected", state="corrected", last_corrected_at=corrected_at)
    Correction.objects.create(
        verdict=verdict,
        previous_rating="true",
        previous_summary="The treaty has 133 parties.",
        previous_explanation="We miscounted.",
        note="We had the wrong count of parties.",
        corrected_by=UserFactory(),
        corrected_at=corrected_at,
    )
    body = client.get(detail("corrected")).content.decode()
    assert "We had the wrong count of parties." in body
    assert "Previously rated <strong>True</strong>: The treaty has 133 parties." in body
    assert re.search(
        rf'last corrected <time datetime="{corrected_at:%Y-%m-%d}T[^"]+">'
        rf"{corrected_at.day} {corrected_at:%B %Y}</time>",
        body,
    )


def test_text_from_the_database_is_escaped_in_the_page(client):
    published("xss", text='<img src=x onerror="alert(1)"> is safe')
    body = client.get(detail("xss")).content.decode()
    assert "<img src=x" not in body
    assert "&lt;img src=x" in body


def test_a_withdrawn_fact_check_is_gone_and_shows_only_its_withdrawal_date(client):
    withdrawn_at = timezone.now()
    VerdictFactory(
        state="withdrawn",
        slug="withdrawn",
        reviewer=UserFactory(),
        published_at=withdrawn_at - timedelta(days=5),
        withdrawn_at=withdrawn_at,
        summary="A summary nobody should read any more.",
    )
    response = client.get(detail("withdrawn"))
    assert response.status_code == 410
    body = response.content.decode()
    assert "withdrew this fact-check on" in body
    assert withdrawn_at.strftime("%Y-%m-%d") in body
    assert "A summary nobody should read any more." not in body
    assert "Over 160 countries" not in body


@pytest.mark.parametrize("state", ["draft", "in_review", "approved"])
def test_an_unpublished_verdict_is_exactly_like_a_slug_that_never_existed(client, state):
    VerdictFactory(state=state, slug="unpublished", reviewer=UserFactory())
    hidden = client.get(detail("unpublished"))
    missing = client.get(detail("never-existed"))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
    assert sorted(hidden.headers.items()) == sorted(missing.headers.items())


def test_the_page_costs_the_same_queries_with_one_or_many_appearances(
    client, django_assert_num_queries
):
    verdict = published("costly", state="corrected", last_corrected_at=timezone.now())
    with_appearances_and_evidence(verdict, 1)
    # verdict+group, appearances (with source and outlet), evidence, corrections
    with django_assert_num_queries(4):
        client.get(detail("costly"))
    with_appearances_and_evidence(verdict, 15)
    with django_assert_num_queries(4):
        response = client.get(detail("costly"))
    assert response.content.decode().count("<blockquote") == 16


# The page frame


@pytest.mark.parametrize("name", ["list", "detail"])
def test_pages_have_language_landmarks_a_skip_link_and_no_script_or_outside_asset(client, name):
    published("frame")
    url = reverse("factchecks:list") if name == "list" else detail("frame")
    body = client.get(url).content.decode()
    assert re.search(r'<html lang="en[^"]*">', body)
    assert '<meta name="viewport"' in body
    assert re.search(r'<meta name="description" content="[^"]+">', body)
    assert re.search(r"<title>[^<]+</title>", body)
    assert '<a class="skip-link" href="#main">' in body
    for landmark in ("<header", '<main id="main"', "<footer"):
        assert landmark in body
    scripts = re.findall(r"<script[^>]*>", body)
    assert all(tag == '<script type="application/ld+json">' for tag in scripts)
    assert not re.search(r'(src|href)="(https?:)?//[^"]*"[^>]*>', _head_and_assets(body))


def _head_and_assets(body: str) -> str:
    """<link>, <script> and <img> tags but the canonical link: what a browser would fetch."""
    tags = re.findall(r"<(?:link|script|img)\b[^>]*>", body)
    return " ".join(tag for tag in tags if 'rel="canonical"' not in tag)

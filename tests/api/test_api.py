"""The public API: what it shows, what it never shows, its filters, headers and schema."""

import gzip
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from factcheck.models import ExternalFactCheck, VerdictState
from factcheck.services import index_claims
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

API = "/api/v1"


def publish(
    text: str = "The treaty has 133 states parties.",
    *,
    state=VerdictState.PUBLISHED,
    rating: str = "false",
    outlet=None,
    claim_type: str = "quantity",
    **fields,
):
    group = ClaimGroupFactory(canonical_text=text)
    source = SourceFactory(outlet=outlet or OutletFactory(), body=f"{text}\n\nMore text.")
    claim = ClaimFactory(
        source=source,
        group=group,
        text=text,
        end=len(text),
        claim_type=claim_type,
        facts={
            "actors": [
                {"text": "Poland", "start": 0, "end": 6, "name": "Poland", "kind": "country"}
            ],
            "quantities": [],
        },
    )
    index_claims([claim])
    was_published = state in (
        VerdictState.PUBLISHED,
        VerdictState.CORRECTED,
        VerdictState.WITHDRAWN,
    )
    verdict = VerdictFactory(
        group=group,
        rating=rating,
        state=state,
        reviewer=UserFactory() if was_published else None,
        published_at=timezone.now() if was_published else None,
        withdrawn_at=timezone.now() if state == VerdictState.WITHDRAWN else None,
        slug=f"fact-check-{group.pk}",
        **fields,
    )
    EvidenceFactory(group=group)
    return verdict


@pytest.fixture
def published():
    return publish()


def get(client, path, **params):
    response = client.get(f"{API}{path}", params)
    return response


def test_published_fact_checks_are_listed_with_everything_a_reader_needs(client, published):
    response = get(client, "/fact-checks/")
    assert response.status_code == 200
    [item] = response.json()["results"]
    assert item["id"] == published.pk
    assert item["claim_reviewed"] == published.group.canonical_text
    assert item["rating"] == {
        "key": "false",
        "label": "False",
        "value": 1,
        "best": 5,
        "worst": 1,
    }
    assert item["evidence"][0]["url"] == "https://treaties.example/mine-ban/status"
    appearance = item["appearances"][0]
    assert appearance["sentence"] == published.group.canonical_text
    assert set(appearance["source"]) == {
        "id",
        "title",
        "outlet",
        "outlet_id",
        "url",
        "published_at",
        "language",
    }
    assert item["publisher"]["name"] == "Factdesk"
    assert item["url"].endswith(f"/fact-checks/{published.slug}/")


@pytest.mark.parametrize(
    "state", [VerdictState.DRAFT, VerdictState.IN_REVIEW, VerdictState.APPROVED]
)
def test_unpublished_verdicts_are_invisible_everywhere(client, state):
    hidden = publish("A secret draft claim about 12 ships.", state=state)
    for path in ("/fact-checks/", "/claims/", "/sources/", "/outlets/"):
        assert get(client, path).json()["results"] == [], path
    assert get(client, f"/fact-checks/{hidden.pk}/").status_code == 404
    claim = hidden.group.claims.get()
    assert get(client, f"/claims/{claim.pk}/").status_code == 404
    assert get(client, f"/sources/{claim.source_id}/").status_code == 404
    assert get(client, "/fact-checks/match/", text="secret draft claim 12 ships").json() == []
    feed = get(client, "/fact-checks/claimreview-feed/").json()
    assert feed["dataFeedElement"] == []


def test_a_withdrawn_fact_check_answers_410_gone(client):
    withdrawn = publish(state=VerdictState.WITHDRAWN)
    response = get(client, f"/fact-checks/{withdrawn.pk}/")
    assert response.status_code == 410
    assert "withdrawn" in response.json()["detail"]
    assert get(client, "/fact-checks/").json()["results"] == []


def test_nothing_private_is_exposed(client, published):
    published.author.username = "private-editor-name"
    published.author.email = "editor@newsroom.example"
    published.author.save()
    claim = published.group.claims.get()
    claim.editor_note = "internal note about sources"
    claim.save()
    bodies = [
        get(client, path).content.decode()
        for path in (
            "/fact-checks/",
            f"/fact-checks/{published.pk}/",
            "/claims/",
            f"/claims/{claim.pk}/",
            "/sources/",
            "/outlets/",
        )
    ]
    for body in bodies:
        assert "private-editor-name" not in body
        assert "editor@newsroom.example" not in body
        assert "internal note" not in body
        assert '"status"' not in body
        assert "More text." not in body  # sources' article text is not republished


def test_claims_sources_and_outlets_show_only_what_published_fact_checks_rest_on(client, published):
    ClaimFactory()  # an unpublished claim in an unrelated source and outlet
    claim = published.group.claims.get()
    claims = get(client, "/claims/").json()["results"]
    assert [item["id"] for item in claims] == [claim.pk]
    assert claims[0]["fact_check"] == published.pk
    assert [item["id"] for item in get(client, "/sources/").json()["results"]] == [claim.source_id]
    assert [item["id"] for item in get(client, "/outlets/").json()["results"]] == [
        claim.source.outlet_id
    ]
    assert get(client, f"/claims/{claim.pk}/").json()["text"] == claim.text
    assert get(client, f"/outlets/{claim.source.outlet_id}/").status_code == 200


def test_fact_check_filters(client):
    reuters = OutletFactory(name="Wire A")
    first = publish("Poland has 133 tanks.", rating="false", outlet=reuters)
    second = publish("Latvia banned mines in 2024.", rating="true", claim_type="law")

    def ids(**params):
        response = get(client, "/fact-checks/", **params)
        assert response.status_code == 200, response.content
        return {item["id"] for item in response.json()["results"]}

    assert ids(rating="false") == {first.pk}
    assert ids(rating=["false", "true"]) == {first.pk, second.pk}
    assert ids(outlet=reuters.pk) == {first.pk}
    assert ids(source=first.group.claims.get().source_id) == {first.pk}
    assert ids(claim_type="law") == {second.pk}
    assert ids(actor="Poland") == {first.pk, second.pk}
    assert ids(actor="Narnia") == set()
    assert ids(q="tanks") == {first.pk}
    assert ids(published_after="2000-01-01T00:00:00Z") == {first.pk, second.pk}
    assert ids(published_before="2000-01-01T00:00:00Z") == set()


def test_claim_and_source_filters(client, published):
    claim = published.group.claims.get()
    assert get(client, "/claims/", fact_check=published.pk).json()["results"][0]["id"] == claim.pk
    assert get(client, "/claims/", claim_type="law").json()["results"] == []
    assert get(client, "/claims/", q="133").json()["results"][0]["id"] == claim.pk
    assert get(client, "/claims/", actor="poland").json()["results"][0]["id"] == claim.pk
    sources = get(client, "/sources/", outlet=claim.source.outlet_id).json()["results"]
    assert [item["id"] for item in sources] == [claim.source_id]
    assert get(client, "/outlets/", q=claim.source.outlet.name[:4]).status_code == 200


@pytest.mark.parametrize("path", ["/fact-checks/", "/claims/", "/sources/", "/outlets/"])
def test_unknown_query_parameters_are_refused(client, path):
    response = get(client, path, ratng="false")
    assert response.status_code == 400
    assert "ratng" in response.json()


@pytest.mark.parametrize(
    "params",
    [
        {"rating": "excellent"},
        {"published_after": "yesterday"},
        {"published_after": "2020-01-01T00:00:00+16:10"},  # no such time zone
        {"q": "mines\x00"},
        {"outlet": "1.5"},
        {"source": "99999999999999999999"},
    ],
)
def test_a_bad_filter_value_is_a_400_not_a_500(client, params):
    assert get(client, "/fact-checks/", **params).status_code == 400


def checked_elsewhere(text: str, slug: str, *, rating: str = "True") -> ExternalFactCheck:
    """A fact-check another organisation published, as import_factchecks stores it."""
    return ExternalFactCheck.objects.create(
        url=f"https://checker.example/{slug}",
        claim_reviewed=text,
        publisher_name="Checker",
        rating_text=rating,
        raw={},
        imported_from="test",
    )


def test_match_finds_published_and_imported_fact_checks_best_first(client, published):
    checked_elsewhere(
        "Poland is leaving the landmine treaty to deter Russia.", "mines", rating="Mostly true"
    )
    from factcheck import match_index

    match_index.published_index._checked_at = 0  # see the new rows now
    results = get(client, "/fact-checks/match/", text="the treaty has 133 states parties").json()
    assert results[0]["fact_check"] == published.pk
    assert results[0]["url"].endswith(f"/fact-checks/{published.slug}/")
    assert 0 < results[0]["score"] <= 1
    theirs = get(
        client, "/fact-checks/match/", text="Is Poland leaving the landmine treaty to deter Russia?"
    ).json()
    assert theirs[0]["url"] == "https://checker.example/mines"
    assert theirs[0]["publisher"] == "Checker"
    assert get(client, "/fact-checks/match/", text="Penguins hatched at the zoo").json() == []


def test_a_confident_best_match_comes_with_the_runners_up_and_their_scores(published, monkeypatch):
    checked_elsewhere(
        "The treaty banning landmines has 133 states parties, officials said.", "treaty"
    )
    from factcheck import match_index

    monkeypatch.setattr(match_index, "RUNNER_UP_FLOOR", 0.0)
    index = match_index.published_index
    index._checked_at = 0
    query = "the treaty has 133 states parties"
    everything = index.search(query, limit=5, threshold=0.0)
    assert len(everything) == 2
    (_, best), (_, runner_up) = everything
    # The threshold says whether anything was checked; it does not hide the alternatives.
    shown = index.search(query, limit=5, threshold=(best + runner_up) / 2)
    assert [score for _, score in shown] == [best, runner_up]
    assert index.search(query, limit=5, threshold=best + 0.01) == []

    monkeypatch.setattr(match_index, "RUNNER_UP_FLOOR", runner_up + 1e-9)
    assert [score for _, score in index.search(query, limit=5, threshold=0.0)] == [best]


def test_match_validates_its_parameters(client, published):
    assert get(client, "/fact-checks/match/").status_code == 400
    assert get(client, "/fact-checks/match/", text="x", limit=0).status_code == 400
    assert get(client, "/fact-checks/match/", text="x", limit=500).status_code == 400


def test_responses_carry_caching_headers_and_honour_conditional_requests(client, published):
    response = get(client, f"/fact-checks/{published.pk}/")
    assert response["Cache-Control"].startswith("public, max-age=")
    assert response["Last-Modified"]
    etag = response["ETag"]
    again = client.get(f"{API}/fact-checks/{published.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304


def test_responses_are_compressed_and_readable_from_other_sites(client):
    for n in range(5):
        publish(f"Claim number {n} about 1{n}0 ships and a long explanation of the matter.")
    response = client.get(
        f"{API}/fact-checks/", HTTP_ACCEPT_ENCODING="gzip", HTTP_ORIGIN="https://partner.example"
    )
    assert response["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.content))["results"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_list_queries_do_not_grow_with_the_page_size(client):
    for n in range(3):
        publish(f"Claim {n} with 1{n} boats.")

    def queries(page_size: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert get(client, "/fact-checks/", page_size=page_size).status_code == 200
        return len(captured)

    small = queries(1)
    for n in range(6):
        publish(f"Another claim {n} with 2{n} boats.")
    assert queries(9) == small
    for path in ("/claims/", "/sources/", "/outlets/"):
        with CaptureQueriesContext(connection) as few:
            get(client, path, page_size=1)
        with CaptureQueriesContext(connection) as many:
            get(client, path, page_size=9)
        assert len(few) == len(many), path


def test_the_claimreview_feed_is_a_datacommons_datafeed_of_valid_json_ld(client, published):
    from pyld import jsonld

    feed = get(client, "/fact-checks/claimreview-feed/").json()
    assert feed["@type"] == "DataFeed"
    review = feed["dataFeedElement"][0]["item"][0]
    for key in ("claimReviewed", "reviewRating", "itemReviewed", "author", "datePublished", "url"):
        assert key in review
    assert {"ratingValue", "bestRating", "worstRating", "alternateName"} <= set(
        review["reviewRating"]
    )
    assert {"appearance", "firstAppearance"} <= set(review["itemReviewed"])

    def offline_loader(url, options=None):
        # The real schema.org context is large and online; its vocabulary mapping is this.
        return {
            "contextUrl": None,
            "documentUrl": url,
            "document": {"@context": {"@vocab": "https://schema.org/"}},
        }

    expanded = jsonld.expand(feed, {"documentLoader": offline_loader})
    element = expanded[0]["https://schema.org/dataFeedElement"][0]
    item = element["https://schema.org/item"][0]
    assert item["@type"] == ["https://schema.org/ClaimReview"]
    assert item["https://schema.org/claimReviewed"][0]["@value"] == published.group.canonical_text


def test_the_openapi_schema_documents_every_endpoint_and_filter(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    paths = schema["paths"]
    for path in (
        "/api/v1/fact-checks/",
        "/api/v1/fact-checks/{id}/",
        "/api/v1/fact-checks/match/",
        "/api/v1/claims/",
        "/api/v1/sources/",
        "/api/v1/outlets/",
        "/api/v1/fact-checks/claimreview-feed/",
    ):
        assert path in paths, path
    names = {parameter["name"] for parameter in paths["/api/v1/fact-checks/"]["get"]["parameters"]}
    assert {
        "rating",
        "outlet",
        "source",
        "claim_type",
        "actor",
        "published_after",
        "published_before",
        "q",
        "cursor",
    } <= names
    assert client.get("/api/docs/").status_code == 200


def test_the_match_index_follows_publication_and_withdrawal_incrementally(client, published):
    from factcheck import match_index
    from factcheck.roles import PUBLISHER
    from factcheck.services import withdraw_verdict

    def found(text: str) -> list[int]:
        match_index.published_index._checked_at = 0  # look at the database now
        response = get(client, "/fact-checks/match/", text=text)
        return [item["fact_check"] for item in response.json()]

    # Scores are relative to the collection: give the index a few unrelated neighbours.
    for topic in ("bus fares rose 4%", "the bridge opened in May", "12 new schools were built"):
        publish(f"In the city, {topic} last year.")
    assert found("the treaty has 133 states parties") == [published.pk]
    second = publish("Latvia banned landmines in 2024.", rating="true")
    assert found("Latvia banned landmines in 2024") == [second.pk]
    publisher = UserFactory(username="pub")
    from django.contrib.auth.models import Group

    publisher.groups.add(Group.objects.get(name=PUBLISHER))
    withdraw_verdict(verdict=published, user=publisher, note="Published by mistake.")
    assert found("the treaty has 133 states parties") == []
    assert found("Latvia banned landmines in 2024") == [second.pk]

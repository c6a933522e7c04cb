"""Whatever a client puts in the URL or the query string, the API answers 4xx, never 500."""

from base64 import b64encode
from urllib.parse import urlencode

import pytest

from tests.api.test_api import API, get, publish

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/fact-checks/", "/claims/", "/sources/", "/outlets/"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("lookup", ["abc", "0", "-1", "99999999999999999999", "1e3", "%00"])
def test_an_id_that_cannot_exist_is_answered_like_an_unknown_one(client, endpoint, lookup):
    publish()
    unknown = client.get(f"{API}{endpoint}123456/")
    response = client.get(f"{API}{endpoint}{lookup}/")
    assert response.status_code == unknown.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def forged(**tokens: str) -> str:
    """A cursor encoded as DRF's CursorPagination encodes one, holding what the client chose."""
    return b64encode(urlencode(tokens).encode()).decode()


CURSOR_ENDPOINTS = ["/fact-checks/", "/claims/", "/sources/"]


@pytest.mark.parametrize("endpoint", CURSOR_ENDPOINTS)
@pytest.mark.parametrize(
    "position",
    [
        "notadate",
        "abc",
        "1.5",
        "2020-01-01",  # a date without a time zone
        "2020-01-01 00:00:00",  # no time zone either
        "0001-01-01 00:00:00+01:00",  # before year 1 in UTC
        "9999-12-31 23:59:59-01:00",  # after year 9999 in UTC
        "2020-13-45 00:00:00+00:00",
        "\x00",
        "",
    ],
)
def test_a_forged_cursor_is_an_invalid_cursor_not_a_500(client, endpoint, position):
    publish()
    response = get(client, endpoint, cursor=forged(p=position))
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid cursor"}


@pytest.mark.parametrize("endpoint", CURSOR_ENDPOINTS)
def test_cursors_the_api_hands_out_still_work(client, endpoint):
    for number in range(3):
        publish(f"Claim number {number} is here.")
    seen, url = [], f"{API}{endpoint}?page_size=1"
    while url:
        page = client.get(url)
        assert page.status_code == 200, page.content
        seen += [item["id"] for item in page.json()["results"]]
        url = page.json()["next"]
    assert len(seen) == len(set(seen)) == 3
    back = client.get(page.json()["previous"])
    assert back.status_code == 200
    assert [item["id"] for item in back.json()["results"]] == [seen[1]]


def test_paging_through_sources_reaches_the_undated_ones_too(client):
    """A cursor over a nullable column loses (or, on PostgreSQL, 500s on) the null rows."""
    from sources.models import Source

    verdicts = [publish(f"Claim number {number} is here.") for number in range(4)]
    undated = [verdict.group.claims.get().source_id for verdict in verdicts[1:3]]
    Source.objects.filter(pk__in=undated).update(published_at=None)
    seen, url = [], f"{API}/sources/?page_size=1"
    while url:
        page = client.get(url)
        assert page.status_code == 200, page.content
        seen += [item["id"] for item in page.json()["results"]]
        url = page.json()["next"]
    assert sorted(seen) == sorted(Source.objects.values_list("pk", flat=True))


DATE_FILTERS = [
    ("/fact-checks/", "published_after"),
    ("/fact-checks/", "published_before"),
    ("/sources/", "published_after"),
    ("/sources/", "published_before"),
]


@pytest.mark.parametrize(("endpoint", "name"), DATE_FILTERS)
@pytest.mark.parametrize(
    "value", ["0001-01-01", "0001-01-01T00:00:00Z", "9999-12-31", "9999-12-31T23:59:59.999999Z"]
)
def test_the_first_and_last_representable_dates_filter_normally(client, endpoint, name, value):
    publish()
    response = get(client, endpoint, **{name: value})
    assert response.status_code == 200, response.content
    everything = name == "published_after" and value.startswith("0001")
    everything |= name == "published_before" and value.startswith("9999")
    assert len(response.json()["results"]) == (1 if everything else 0)


@pytest.mark.parametrize(("endpoint", "name"), DATE_FILTERS)
@pytest.mark.parametrize(
    ("value", "time_zone"),
    [
        ("0001-01-01T00:00:00+01:00", "UTC"),  # 31 December of year 0 in UTC
        ("9999-12-31T23:59:59-01:00", "UTC"),  # year 10000 in UTC
        ("0001-01-01", "Asia/Tokyo"),  # naive: read in the server's zone, ahead of UTC
        ("9999-12-31T23:00", "America/New_York"),
    ],
)
def test_a_date_beyond_the_years_1_to_9999_in_utc_is_a_clear_400(
    client, settings, endpoint, name, value, time_zone
):
    settings.TIME_ZONE = time_zone
    publish()
    response = get(client, endpoint, **{name: value})
    assert response.status_code == 400
    assert response.json() == {name: ["Dates must fall between the years 1 and 9999 in UTC."]}


TEXT_FILTERS = [
    ("/fact-checks/", "q"),
    ("/fact-checks/", "actor"),
    ("/claims/", "q"),
    ("/claims/", "actor"),
    ("/sources/", "q"),
    ("/outlets/", "q"),
]


@pytest.mark.parametrize(("endpoint", "name"), TEXT_FILTERS)
def test_a_nul_character_in_a_text_filter_is_a_400(client, endpoint, name):
    """PostgreSQL stores no NUL in text, and psycopg refuses to send one (a 500)."""
    publish()
    response = get(client, endpoint, **{name: "mines\x00"})
    assert response.status_code == 400
    assert response.json() == {name: ["Text may not contain NUL characters."]}


def test_the_matcher_refuses_a_nul_character_too(client):
    publish()
    assert get(client, "/fact-checks/match/", text="treaty\x00").status_code == 400


@pytest.mark.parametrize("path", ["/claims/1.5/", "/claims/1/extra/", "/no-such-thing/"])
def test_a_url_under_the_api_that_names_nothing_is_a_json_404(client, path):
    response = client.get(f"{API}{path}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_a_list_url_without_its_slash_still_redirects_to_it(client):
    response = client.get(f"{API}/claims")
    assert response.status_code == 301
    assert response["Location"] == f"{API}/claims/"

"""import_articles with http(s) URLs, end to end against a local server (no internet)."""

from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sources.models import Source
from tests.sources.test_fetching import LocalSite

pytestmark = pytest.mark.django_db

ARTICLE = """Port reopens after twelve-day strike

The city's port reopened on Tuesday after a 12-day strike, the harbour authority said.

About 4,000 dock workers returned to work after the union accepted a 6% pay rise.
"""


@pytest.fixture(scope="module")
def site() -> Iterator[LocalSite]:
    local = LocalSite()
    yield local
    local.close()


@pytest.fixture
def private_allowed(settings):
    # The local server is on 127.0.0.1, which the importer refuses unless told otherwise.
    settings.FACTDESK_FETCH_ALLOW_PRIVATE = True
    return settings


def run_import(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_articles", *args, "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing_import(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="could not be imported"):
        call_command("import_articles", *args, "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_page_is_imported_by_url_with_its_canonical_url_and_the_final_url_as_origin(
    site, private_allowed
):
    out, err = run_import(site.url("/redirect/2"))
    assert "Imported 1 new, 0 new versions, 0 unchanged, 0 failed." in out
    assert err == ""
    source = Source.objects.get()
    assert source.url == "https://news.example/2025/harbour-strike-ends"
    assert source.origin == site.url("/article")
    assert source.format == "html"
    assert source.title == "Harbour strike ends after twelve days"
    assert "4,000 workers" in source.body


def test_importing_the_same_url_again_changes_nothing(site, private_allowed):
    run_import(site.url("/article"))
    out, _ = run_import(site.url("/article"))
    assert "Imported 0 new, 0 new versions, 1 unchanged, 0 failed." in out


def test_a_feed_is_imported_by_url_one_source_per_item(site, private_allowed):
    out, _ = run_import(site.url("/feed.xml"))
    assert "Imported 2 new, 0 new versions, 0 unchanged, 0 failed." in out
    assert sorted(Source.objects.values_list("url", "origin")) == [
        (site.url("/library-hours"), site.url("/feed.xml#item-2")),
        ("https://courier.example/bridge-closes", site.url("/feed.xml#item-1")),
    ]
    assert set(Source.objects.values_list("outlet__name", flat=True)) == {"Valley Courier"}


def test_urls_and_files_import_together(site, private_allowed, tmp_path):
    path = tmp_path / "port.txt"
    path.write_text(ARTICLE)
    out, _ = run_import(site.url("/article"), str(path), site.url("/feed.xml"))
    assert "Imported 4 new, 0 new versions, 0 unchanged, 0 failed." in out


def test_the_local_server_is_refused_by_default_and_the_other_inputs_still_import(site, tmp_path):
    path = tmp_path / "port.txt"
    path.write_text(ARTICLE)
    url = site.url("/article")
    out, err = run_failing_import(url, str(path))
    assert "Imported 1 new, 0 new versions, 0 unchanged, 1 failed." in out
    assert f"error: {url}: 127.0.0.1 is a loopback address" in err
    assert Source.objects.get().title == "Port reopens after twelve-day strike"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/typed?type=image/png", "the content type is image/png, not an article or feed"),
        ("/missing", "the server answered 404 Not Found"),
        ("/redirect/9", "more than 5 redirects"),
    ],
)
def test_fetch_errors_are_reported_by_url_like_file_errors(site, private_allowed, path, reason):
    url = site.url(path)
    out, err = run_failing_import(url, site.url("/article"))
    assert "Imported 1 new, 0 new versions, 0 unchanged, 1 failed." in out
    assert f"error: {url}: {reason}" in err


def test_the_import_size_limit_applies_to_urls(site, private_allowed):
    private_allowed.FACTDESK_MAX_IMPORT_BYTES = 500
    url = site.url("/article")
    _, err = run_failing_import(url)
    assert f"error: {url}: the content is " in err
    assert "over the import limit of 500 bytes" in err


def test_the_redirect_limit_setting_is_used(site, private_allowed):
    private_allowed.FACTDESK_FETCH_MAX_REDIRECTS = 1
    _, err = run_failing_import(site.url("/redirect/2"))
    assert "more than 1 redirects" in err


def test_other_schemes_are_refused_rather_than_read_as_files():
    _, err = run_failing_import("file:///etc/hostname")
    assert "error: file:///etc/hostname: only http and https URLs can be imported" in err


def test_a_url_override_replaces_the_canonical_url(site, private_allowed):
    run_import(site.url("/article"), "--url", "https://mirror.example/strike")
    assert Source.objects.get().url == "https://mirror.example/strike"

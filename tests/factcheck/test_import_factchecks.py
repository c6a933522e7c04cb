"""import_factchecks: other organisations' ClaimReview markup, in every shape it comes in."""

import http.server
import io
import json
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from factcheck.claimreview_import import ExternalReview, ParseError, parse
from factcheck.management.commands import import_factchecks
from factcheck.management.commands.import_factchecks import USER_AGENT
from factcheck.models import ExternalFactCheck


def review(n: int = 1, **changes) -> dict:
    record = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://checkers.example/checks/{n}",
        "claimReviewed": f"Claim number {n} about the budget.",
        "datePublished": "2024-03-05",
        "author": {
            "@type": "Organization",
            "name": "Example Checkers",
            "url": "https://checkers.example",
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": "2",
            "bestRating": 5,
            "worstRating": "1",
            "alternateName": "Mostly false",
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "A. Minister"},
            "datePublished": "2024-03-01T09:30:00+01:00",
            "appearance": [{"@type": "CreativeWork", "url": "https://news.example/story"}],
        },
    }
    record.update(changes)
    return record


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_factchecks", *args, stdout=out, stderr=err)
    except CommandError:
        out.write("\n[exit non-zero]")
    return out.getvalue(), err.getvalue()


def write(tmp_path: Path, name: str, content) -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)


# Parsing (no database)


def test_every_field_is_read_from_a_claim_review():
    [item] = parse(json.dumps(review()), origin="f.json")
    assert item == ExternalReview(
        url="https://checkers.example/checks/1",
        claim_reviewed="Claim number 1 about the budget.",
        publisher_name="Example Checkers",
        publisher_url="https://checkers.example",
        rating_text="Mostly false",
        rating_value=2.0,
        best_rating=5.0,
        worst_rating=1.0,
        date_published=date(2024, 3, 5),
        claim_author="A. Minister",
        claim_date=date(2024, 3, 1),
        appearance_url="https://news.example/story",
        raw=review(),
        where="record 1",
    )


def test_the_rating_text_falls_back_to_the_explanation_then_the_name():
    explained = review(reviewRating={"ratingExplanation": "No record of it", "name": "Fake"})
    named = review(reviewRating={"name": "Fake"})
    [first, second] = parse(json.dumps([explained, named]), origin="f")
    assert first.rating_text == "No record of it"
    assert second.rating_text == "Fake"
    assert first.rating_value is None


def test_first_appearance_is_used_when_there_is_no_appearance_list():
    item = review()
    item["itemReviewed"] = {"firstAppearance": {"url": "https://first.example/a"}}
    [parsed] = parse(json.dumps(item), origin="f")
    assert parsed.appearance_url == "https://first.example/a"
    assert parsed.claim_author == ""
    assert parsed.claim_date is None


def test_an_author_given_as_a_bare_name_is_its_publisher():
    [parsed] = parse(json.dumps(review(author="Example Checkers")), origin="f")
    assert parsed.publisher_name == "Example Checkers"
    assert parsed.publisher_url == ""


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"url": None}, "missing 'url'"),
        ({"claimReviewed": ""}, "'claimReviewed' is empty"),
        ({"claimReviewed": ["a", "b"]}, "'claimReviewed' must be a string, not a list"),
        ({"url": "ftp://checkers.example/1"}, "'url' is not an http(s) URL"),
        ({"author": 7}, "'author' must be an object, not a number"),
        ({"reviewRating": {"ratingValue": "two"}}, "'reviewRating.ratingValue' is not a number"),
        ({"reviewRating": {"bestRating": True}}, "'reviewRating.bestRating' must be a number"),
        ({"datePublished": "5 March"}, "'datePublished' is not an ISO 8601 date"),
        ({"datePublished": 20240305}, "'datePublished' must be a string, not a number"),
    ],
)
def test_a_bad_record_is_reported_by_what_is_wrong(changes, message):
    record = {key: value for key, value in review(**changes).items() if value is not None}
    [error] = parse(json.dumps(record), origin="f.json")
    assert isinstance(error, ParseError)
    assert str(error).startswith(f"f.json: record 1: {message}")


def test_pages_without_claim_reviews_and_empty_input_are_reported():
    page = '<html><script type="application/ld+json">{"@type": "WebSite"}</script></html>'
    assert [str(e) for e in parse(page, origin="p.html")] == ["p.html: no ClaimReview found"]
    assert [str(e) for e in parse("  \n", origin="e.json")] == ["e.json: empty input"]


def test_broken_json_is_reported_at_its_line():
    [error] = parse('[\n  {"url": "x",\n  oops\n]', origin="f.json")
    assert str(error).startswith("f.json:3: invalid JSON")


# Every input shape, through the command


SHAPES = {
    "object": lambda: review(1),
    "list": lambda: [review(1), review(2)],
    "data feed": lambda: {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "dataFeedElement": [
            {"@type": "DataFeedItem", "item": [review(1)]},
            {"@type": "DataFeedItem", "item": review(2)},
        ],
    },
    "graph": lambda: {
        "@context": "https://schema.org",
        "@graph": [{"@type": "WebPage", "name": "A page"}, review(1), review(2)],
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("shape", SHAPES)
def test_every_json_shape_is_imported(tmp_path, shape):
    path = write(tmp_path, "feed.json", SHAPES[shape]())
    out, err = run(path)
    expected = 1 if shape == "object" else 2
    assert f"Imported {expected} new, 0 updated, 0 unchanged, 0 failed." in out
    assert err == ""
    assert ExternalFactCheck.objects.count() == expected
    stored = ExternalFactCheck.objects.get(url="https://checkers.example/checks/1")
    assert stored.rating_value == 2.0
    assert stored.publisher_name == "Example Checkers"
    assert stored.claim_date == date(2024, 3, 1)
    assert stored.imported_from == path
    assert stored.raw == review(1)


@pytest.mark.django_db
def test_json_lines_are_imported_and_bad_lines_reported_by_line_number(tmp_path):
    lines = [
        json.dumps(review(1)),
        "",
        "{not json",
        json.dumps(review(2, claimReviewed=None)),
        json.dumps(review(3)),
    ]
    path = write(tmp_path, "checks.jsonl", "\n".join(lines) + "\n")
    out, err = run(path)
    assert "Imported 2 new, 0 updated, 0 unchanged, 2 failed." in out
    assert "[exit non-zero]" in out
    assert f"{path}:3: invalid JSON" in err
    assert f"{path}:4: missing 'claimReviewed'" in err
    assert set(ExternalFactCheck.objects.values_list("url", flat=True)) == {
        "https://checkers.example/checks/1",
        "https://checkers.example/checks/3",
    }


@pytest.mark.django_db
def test_an_html_page_yields_the_claim_reviews_in_its_json_ld_scripts(tmp_path):
    page = f"""<!doctype html>
<html><head>
<script type="application/ld+json">{{"@type": "Organization", "name": "Example"}}</script>
<script type="text/javascript">var x = {{"@type": "ClaimReview"}};</script>
<script type='Application/LD+JSON; charset=utf-8'>
{json.dumps(review(1))}
</script>
</head><body>
<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", "review": review(2)})}
</script>
<script type="application/ld+json">
{{"broken": </script>
</body></html>"""
    path = write(tmp_path, "page.html", page)
    out, err = run(path)
    assert "Imported 2 new, 0 updated, 0 unchanged, 1 failed." in out
    assert f"{path}:12: invalid JSON in a JSON-LD script" in err
    assert ExternalFactCheck.objects.count() == 2


@pytest.mark.django_db
def test_bad_records_are_reported_by_position_and_the_good_ones_stored(tmp_path):
    records = [review(1), review(2, url=None), review(3, claimReviewed=None), 42, review(5)]
    records = [
        {k: v for k, v in r.items() if v is not None} if isinstance(r, dict) else r for r in records
    ]
    path = write(tmp_path, "mixed.json", records)
    out, err = run(path)
    assert "Imported 2 new, 0 updated, 0 unchanged, 3 failed." in out
    assert "[exit non-zero]" in out
    assert f"{path}: record 2: missing 'url'" in err
    assert f"{path}: record 3: missing 'claimReviewed'" in err
    assert f"{path}: record 4: not a JSON object" in err
    assert ExternalFactCheck.objects.count() == 2


@pytest.mark.django_db
def test_reimporting_updates_changed_records_and_counts_unchanged_ones(tmp_path):
    first = write(tmp_path, "first.json", [review(1), review(2)])
    run(first)
    created = ExternalFactCheck.objects.get(url="https://checkers.example/checks/2")
    changed = review(2, reviewRating={"alternateName": "False", "ratingValue": 1})
    second = write(tmp_path, "second.json", [review(1), changed, review(3)])
    out, err = run(second)
    assert "Imported 1 new, 1 updated, 1 unchanged, 0 failed." in out
    assert err == ""
    updated = ExternalFactCheck.objects.get(url="https://checkers.example/checks/2")
    assert updated.pk == created.pk
    assert (updated.rating_text, updated.rating_value) == ("False", 1.0)
    assert updated.imported_from == second
    untouched = ExternalFactCheck.objects.get(url="https://checkers.example/checks/1")
    assert untouched.imported_from == first
    out, _ = run(second)
    assert "Imported 0 new, 0 updated, 3 unchanged, 0 failed." in out
    assert ExternalFactCheck.objects.count() == 3


@pytest.mark.django_db
def test_json_nested_too_deeply_is_reported_and_the_other_records_are_stored(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    lines = write(tmp_path, "checks.jsonl", f"{json.dumps(review(1))}\n{deep}\n")
    whole = write(tmp_path, "deep.json", deep)
    page = write(
        tmp_path, "page.html", f'<html><script type="application/ld+json">{deep}</script></html>'
    )
    out, err = run(lines, whole, page)
    assert f"{lines}:2: JSON nested too deeply to read" in err
    assert f"{whole}: JSON nested too deeply to read" in err
    assert f"{page}:1: JSON nested too deeply to read" in err
    assert "Imported 1 new, 0 updated, 0 unchanged, 3 failed." in out
    assert ExternalFactCheck.objects.get().url == "https://checkers.example/checks/1"


@pytest.mark.django_db
def test_a_missing_file_fails_without_stopping_the_others(tmp_path):
    good = write(tmp_path, "good.json", review(1))
    out, err = run(str(tmp_path / "missing.json"), good)
    assert "Imported 1 new, 0 updated, 0 unchanged, 1 failed." in out
    assert "missing.json" in err


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused(tmp_path, settings):
    settings.FACTDESK_MAX_IMPORT_BYTES = 100
    _, err = run(write(tmp_path, "big.json", [review(1)]))
    assert "larger than the import limit of 100 bytes" in err
    assert ExternalFactCheck.objects.count() == 0


# URLs


class _Server:
    """A local HTTP server; every path answers ``body`` and records request headers."""

    def __init__(self, body: bytes, content_type: str = "application/ld+json"):
        self.body, self.content_type, self.headers = body, content_type, []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                owner.headers.append(dict(self.headers))
                if self.path.startswith("/redirect-to-"):
                    self.send_response(302)
                    target = self.path.removeprefix("/redirect-to-")
                    self.send_header("Location", f"{target}://127.0.0.1/etc/passwd")
                    self.end_headers()
                    return
                if self.path == "/loop":
                    self.send_response(302)
                    self.send_header("Location", "/loop")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if self.path == "/missing":
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", owner.content_type)
                self.send_header("Content-Length", str(len(owner.body)))
                self.end_headers()
                self.wfile.write(owner.body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def private_allowed(settings):
    # The local server is on 127.0.0.1, which the importer refuses unless told otherwise.
    settings.FACTDESK_FETCH_ALLOW_PRIVATE = True
    return settings


@pytest.mark.django_db
def test_a_url_is_fetched_with_the_factdesk_user_agent(private_allowed):
    with _Server(json.dumps([review(1), review(2)]).encode()) as server:
        out, _ = run(f"{server.url}/feed.json")
    assert "Imported 2 new, 0 updated, 0 unchanged, 0 failed." in out
    assert server.headers[0]["User-Agent"] == USER_AGENT
    assert ExternalFactCheck.objects.first().imported_from == f"{server.url}/feed.json"


@pytest.mark.django_db
def test_an_html_page_at_a_url_is_read_for_its_json_ld(private_allowed):
    page = f'<html><script type="application/ld+json">{json.dumps(review(1))}</script></html>'
    with _Server(page.encode(), "text/html; charset=utf-8") as server:
        out, _ = run(f"{server.url}/check")
    assert "Imported 1 new" in out


@pytest.mark.django_db
def test_url_errors_too_large_answers_and_redirects_off_the_web_are_reported(private_allowed):
    settings = private_allowed
    settings.FACTDESK_MAX_IMPORT_BYTES = 50
    with _Server(json.dumps(review(1)).encode()) as server:
        _, too_big = run(f"{server.url}/feed.json")
        settings.FACTDESK_MAX_IMPORT_BYTES = 1_000_000
        _, missing = run(f"{server.url}/missing")
        _, to_file = run(f"{server.url}/redirect-to-file")
        _, to_ftp = run(f"{server.url}/redirect-to-ftp")
    assert "over the import limit of 50 bytes" in too_big
    assert "the server answered 404" in missing
    assert (
        "redirect to file://127.0.0.1/etc/passwd: only http and https URLs can be imported"
        in to_file
    )
    assert "redirect to ftp://127.0.0.1/etc/passwd: only http and https URLs" in to_ftp
    assert ExternalFactCheck.objects.count() == 0


@pytest.mark.django_db
def test_a_url_on_the_loopback_address_is_refused_and_nothing_is_stored():
    with _Server(json.dumps(review(1)).encode()) as server:
        out, err = run(f"{server.url}/feed.json")
    assert f"{server.url}/feed.json: 127.0.0.1 is a loopback address; refused to protect" in err
    assert "Imported 0 new, 0 updated, 0 unchanged, 1 failed." in out
    assert "[exit non-zero]" in out
    assert server.headers == []
    assert ExternalFactCheck.objects.count() == 0


@pytest.mark.django_db
def test_a_url_on_a_private_address_is_refused_before_connecting(monkeypatch):
    def no_network(address, timeout):
        raise AssertionError(f"connected to {address}")

    real = import_factchecks.fetch_policy
    monkeypatch.setattr(
        import_factchecks, "fetch_policy", lambda: replace(real(), connector=no_network)
    )
    out, err = run("http://10.0.0.1/feed.json", "http://192.168.1.1/feed.json")
    assert "http://10.0.0.1/feed.json: 10.0.0.1 is a private address; refused" in err
    assert "http://192.168.1.1/feed.json: 192.168.1.1 is a private address; refused" in err
    assert "Imported 0 new, 0 updated, 0 unchanged, 2 failed." in out
    assert ExternalFactCheck.objects.count() == 0


@pytest.mark.django_db
def test_redirects_past_the_configured_limit_are_refused(private_allowed):
    private_allowed.FACTDESK_FETCH_MAX_REDIRECTS = 2
    with _Server(b"") as server:
        _, err = run(f"{server.url}/loop")
    assert "more than 2 redirects" in err
    assert len(server.headers) == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://checkers.example/feed.json",
        "gopher://x.example/",
        "http://[::1",
    ],
)
def test_urls_that_are_not_http_are_refused(url):
    out, err = run(url)
    assert "only http and https URLs can be imported" in err or f"{url}: not a valid URL" in err
    assert "Imported 0 new, 0 updated, 0 unchanged, 1 failed." in out
    assert "[exit non-zero]" in out


@pytest.mark.django_db
def test_imported_claims_are_encoded_for_the_matcher_at_import(tmp_path):
    from factcheck.models import MatchVector

    run(write(tmp_path, "reviews.json", [review(n) for n in range(3)]))
    assert MatchVector.objects.count() == 3

"""The import_articles command end to end: formats, idempotency, versions and bad input."""

import json
import os
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import DatabaseError

from sources.models import Outlet, Source, SourceVersion

pytestmark = pytest.mark.django_db

ARTICLE = """Port reopens after twelve-day strike

The city's port reopened on Tuesday after a 12-day strike, the harbour authority said.

About 4,000 dock workers returned to work after the union accepted a 6% pay rise.

Sam Roe for Example Wire
"""


def run_import(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_articles", *args, "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing_import(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="could not be imported"):
        call_command("import_articles", *args, "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot() -> list[tuple]:
    return list(
        Source.objects.order_by("id").values_list(
            "id", "title", "body", "content_hash", "version", "outlet__name", "updated_at"
        )
    )


def test_the_seed_articles_import_and_a_second_run_changes_nothing():
    seeds = Path(settings.BASE_DIR) / "seeds"
    out, _ = run_import(str(seeds))
    assert "Imported 5 new, 0 new versions, 0 unchanged, 0 failed." in out
    first = snapshot()

    out, _ = run_import(str(seeds))
    assert "Imported 0 new, 0 new versions, 5 unchanged, 0 failed." in out
    assert snapshot() == first
    assert SourceVersion.objects.count() == 0


def test_the_seed_manifest_is_applied_automatically():
    run_import(str(Path(settings.BASE_DIR) / "seeds"))
    manifest = json.loads((Path(settings.BASE_DIR) / "seeds" / "manifest.json").read_text())
    for name, entry in manifest["documents"].items():
        source = Source.objects.get(origin__endswith=name)
        assert source.language == entry["language"]
        assert (source.outlet.name if source.outlet else None) == entry["outlet"]


def test_a_plain_text_article_is_cleaned_and_its_sign_off_becomes_byline_and_outlet(tmp_path):
    path = tmp_path / "port.txt"
    path.write_text(ARTICLE)
    run_import(str(path))
    source = Source.objects.get()
    assert source.title == "Port reopens after twelve-day strike"
    assert source.byline == "Sam Roe"
    assert source.outlet.name == "Example Wire"
    assert source.body.startswith("The city's port reopened")
    assert "Sam Roe for Example Wire" not in source.body
    assert "Sam Roe for Example Wire" in source.raw_text
    assert source.paragraphs[1].startswith("About 4,000 dock workers")
    assert source.format == "text"
    assert source.origin.endswith("port.txt")


def test_options_set_outlet_url_and_time_for_a_single_file(tmp_path):
    path = tmp_path / "port.txt"
    path.write_text(ARTICLE)
    run_import(
        str(path),
        "--outlet=Harbour Times",
        "--url=https://harbour.example/port#comments",
        "--published-at=2025-03-18T10:00:00+01:00",
    )
    source = Source.objects.get()
    assert source.outlet.name == "Harbour Times"
    assert source.outlet.domain == "harbour.example"
    assert source.url == "https://harbour.example/port"
    assert source.published_at.isoformat() == "2025-03-18T09:00:00+00:00"


def test_url_and_title_options_are_refused_for_several_documents(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE.replace("4,000", "5,000"))
    with pytest.raises(CommandError, match="single document"):
        call_command("import_articles", str(tmp_path), "--url=https://x.example/a")
    assert not Source.objects.exists()


def test_outlets_are_matched_without_regard_to_case(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE.replace("4,000", "5,000").replace("Wire", "WIRE"))
    run_import(str(tmp_path))
    assert Outlet.objects.count() == 1
    assert Source.objects.filter(outlet__name="Example Wire").count() == 2


def test_changed_text_at_a_known_url_becomes_a_new_version_keeping_the_old_one(tmp_path):
    path = tmp_path / "batch.jsonl"
    record = {"title": "Port reopens", "text": ARTICLE, "url": "https://wire.example/port"}
    path.write_text(json.dumps(record))
    run_import(str(path))
    original = Source.objects.get()

    record["text"] = ARTICLE.replace("4,000", "4,500")
    path.write_text(json.dumps(record))
    out, _ = run_import(str(path))

    assert "0 new, 1 new versions, 0 unchanged" in out
    source = Source.objects.get()
    assert source.pk == original.pk
    assert source.version == 2
    assert "4,500" in source.body
    old = SourceVersion.objects.get(source=source)
    assert old.version == 1
    assert old.body == original.body
    assert old.raw_text == original.raw_text
    assert old.content_hash == original.content_hash


def test_changed_text_in_the_same_file_without_url_becomes_a_new_version(tmp_path):
    path = tmp_path / "port.txt"
    path.write_text(ARTICLE)
    run_import(str(path))
    path.write_text(ARTICLE.replace("6%", "7%"))
    run_import(str(path))
    source = Source.objects.get()
    assert source.version == 2
    assert "7% pay rise" in source.body
    assert "6% pay rise" in source.versions.get().body


def test_the_same_text_in_another_file_is_not_imported_twice(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "copy.txt").write_text(ARTICLE)
    out, _ = run_import(str(tmp_path))
    assert "Imported 1 new, 0 new versions, 1 unchanged, 0 failed." in out
    assert Source.objects.count() == 1


def test_every_supported_format_imports(tmp_path):
    (tmp_path / "a.md").write_text("# Markdown headline\n\nThe **port** reopened on Tuesday.\n")
    (tmp_path / "b.html").write_text(
        "<!doctype html><html lang='en'><head><title>Page</title>"
        "<link rel='canonical' href='https://page.example/story'></head><body><article>"
        "<h1>HTML headline</h1><p>The port reopened on Tuesday after a strike, "
        "officials said, and 4,000 workers returned.</p></article></body></html>"
    )
    (tmp_path / "c.jsonl").write_text(json.dumps({"title": "JSONL", "text": "Lines work."}))
    (tmp_path / "d.rss").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title><item>"
        "<title>Feed item</title><link>https://wire.example/1</link>"
        "<description>The feed item text.</description></item></channel></rss>"
    )
    out, _ = run_import(str(tmp_path))
    assert "Imported 4 new" in out
    assert set(Source.objects.values_list("format", flat=True)) == {
        "markdown",
        "html",
        "jsonl",
        "feed",
    }


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        ("broken.jsonl", b'{"title": "x", "text": ', "invalid JSON"),
        ("feed.rss", b"<?xml version='1.0'?><rss><channel><item><title>x", "malformed feed"),
        ("only-boilerplate.txt", b"Share\n\nAdvertisement\n", "no article text"),
        ("odd.txt", ARTICLE.encode("utf-16") + b"x", "not valid UTF-16 text"),
        (
            "surrogate.txt",
            "\ufeffPort ".encode("utf-16-le") + b"\x00\xd8" + ARTICLE.encode("utf-16-le"),
            "not valid UTF-16 text",
        ),
        ("deep.jsonl", b"[" * 100_000 + b"]" * 100_000, "deep.jsonl:1: JSON nested too deeply"),
        (
            "bad-url.jsonl",
            json.dumps({"title": "Port", "text": ARTICLE, "url": "http://[::1"}).encode(),
            "bad-url.jsonl:1: URL is not a valid address: 'http://[::1'",
        ),
        (
            "year-1.md",
            f"---\ndate: 0001-01-01T00:00:00+01:00\n---\n{ARTICLE}".encode(),
            "year-1.md: the publication date 0001-01-01T00:00:00+01:00 is not between the years "
            "1500 and 2999",
        ),
        (
            "year-9999.md",
            f"---\ndate: 9999-12-31T23:59:59-01:00\n---\n{ARTICLE}".encode(),
            "the publication date 9999-12-31T23:59:59-01:00 is not between",
        ),
        (
            "year-9999.jsonl",
            json.dumps({"title": "Port", "text": ARTICLE, "published_at": "9999-12-31"}).encode(),
            "year-9999.jsonl:1: the publication date 9999-12-31T00:00:00 is not between",
        ),
    ],
)
def test_bad_input_is_refused_by_name_and_the_rest_still_imports(tmp_path, name, content, reason):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / name).write_bytes(content)
    out, err = run_failing_import(str(tmp_path))
    assert name in err
    assert reason in err
    assert "Imported 1 new, 0 new versions, 0 unchanged, 1 failed." in out
    assert Source.objects.get().origin.endswith("good.txt")


def test_a_manifest_with_numbers_or_lists_for_text_is_reported_and_its_files_still_import(
    tmp_path,
):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "manifest.json").write_text(
        json.dumps({"documents": {"good.txt": {"outlet": 5, "language": ["en"]}}})
    )
    out, err = run_failing_import(str(tmp_path))
    assert (
        "manifest.json: manifest has the wrong shape: 'good.txt': 'outlet' must be a string" in err
    )
    assert "Imported 1 new, 0 new versions, 0 unchanged, 1 failed." in out
    assert Source.objects.get().outlet.name == "Example Wire"


def test_an_unreadable_sub_directory_is_reported_and_the_rest_still_imports(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text(ARTICLE)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden-from-us.txt").write_text(ARTICLE.replace("4,000", "5,000"))
    locked.chmod(0)
    real = os.scandir

    def scandir(path="."):
        # Root lists any directory whatever its mode, so the refusal is simulated too.
        if Path(os.fsdecode(path)) == locked:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    try:
        out, err = run_failing_import(str(tmp_path))
    finally:
        locked.chmod(0o755)
    assert "error: " in err
    assert "locked: cannot read directory: permission denied" in err
    assert "Imported 1 new, 0 new versions, 0 unchanged, 1 failed." in out
    assert Source.objects.get().origin.endswith("good.txt")


def test_a_file_whose_name_is_not_utf8_is_reported_and_the_rest_still_imports(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as file:
        file.write(ARTICLE.replace("4,000", "5,000").encode())
    out, err = run_failing_import(str(tmp_path))
    assert "caf\\xe9.txt: the file name is not valid UTF-8; rename it" in err
    assert "Imported 1 new, 0 new versions, 0 unchanged, 1 failed." in out
    assert Source.objects.get().origin.endswith("good.txt")


def test_an_oversized_file_is_refused(tmp_path, settings):
    settings.FACTDESK_MAX_IMPORT_BYTES = 100
    (tmp_path / "long.txt").write_text(ARTICLE)
    _, err = run_failing_import(str(tmp_path / "long.txt"))
    assert "long.txt: file is 0.0 MB, over the import limit" in err
    assert not Source.objects.exists()


def test_a_missing_path_fails_the_command(tmp_path):
    _, err = run_failing_import(str(tmp_path / "nowhere"))
    assert "nowhere: no such file or directory" in err


def test_a_failure_while_storing_leaves_nothing_half_written(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE)
    run_import(str(tmp_path))
    before = snapshot()
    (tmp_path / "a.txt").write_text(ARTICLE.replace("4,000", "9,000"))

    def fail(self, *args, **kwargs):
        raise DatabaseError("disk full")

    # The failure strikes after the old text was archived and before the new one is saved.
    monkeypatch.setattr(Source, "save", fail)
    _, err = run_failing_import(str(tmp_path))
    assert "a.txt: disk full" in err
    assert snapshot() == before
    assert not SourceVersion.objects.exists()


def test_an_impossible_date_in_the_manifest_refuses_the_update_and_keeps_what_is_stored(
    tmp_path,
):
    (tmp_path / "a.txt").write_text(ARTICLE)
    run_import(str(tmp_path))
    before = snapshot()
    (tmp_path / "a.txt").write_text(ARTICLE.replace("4,000", "9,000"))
    (tmp_path / "manifest.json").write_text(
        json.dumps({"documents": {"a.txt": {"published_at": "0001-01-01T00:00:00+01:00"}}})
    )
    _, err = run_failing_import(str(tmp_path))
    assert "a.txt: the publication date 0001-01-01T00:00:00+01:00 is not between" in err
    assert snapshot() == before
    assert not SourceVersion.objects.exists()


def test_a_url_argument_that_cannot_be_parsed_is_reported_and_the_files_still_import(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    out, err = run_failing_import("http://[::1", str(tmp_path))
    assert "error: http://[::1: not a valid URL" in err
    assert "Imported 1 new, 0 new versions, 0 unchanged, 1 failed." in out


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_a_published_at_option_outside_the_calendar_is_refused_before_importing(tmp_path, value):
    (tmp_path / "good.txt").write_text(ARTICLE)
    with pytest.raises(CommandError, match=r"--published-at: the publication date .* not between"):
        call_command("import_articles", str(tmp_path), f"--published-at={value}")
    assert not Source.objects.exists()


def test_a_relative_date_that_resolves_outside_the_calendar_does_not_stop_the_import(tmp_path):
    sentence = "The fort was built 999 decades ago, the museum said on Tuesday."
    (tmp_path / "a.txt").write_text(ARTICLE.replace("About 4,000", f"{sentence}\n\nAbout 4,000"))
    (tmp_path / "b.txt").write_text(ARTICLE.replace("4,000", "5,000"))
    out, err = run_import(str(tmp_path), "--published-at=2025-03-18T10:00:00+00:00")
    assert "Imported 2 new, 0 new versions, 0 unchanged, 0 failed." in out
    assert err == ""
    assert Source.objects.get(origin__endswith="a.txt").claims.exists()


def test_a_bad_published_at_option_is_refused(tmp_path):
    with pytest.raises(CommandError, match="not an ISO 8601 date"):
        call_command("import_articles", str(tmp_path), "--published-at=last tuesday")

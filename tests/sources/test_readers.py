"""Reading files into documents: formats, metadata and every kind of bad input."""

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sources.readers import (
    Document,
    ManifestCache,
    Metadata,
    ReadError,
    display_path,
    find_files,
    read_file,
)

LIMIT = 1_000_000

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en-GB"><head>
<title>Council approves budget | The Example Times</title>
<meta property="og:site_name" content="The Example Times">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2025-03-18T20:39:00+01:00">
<link rel="canonical" href="https://times.example/news/budget">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Council approves budget</h1>
<p>The city council approved a budget of 10 million euros on Tuesday, officials said.
It is the largest budget in a decade and passed by 31 votes to 12.</p>
<p>Over 160 groups had asked for more spending on schools, according to the mayor's office,
which said the plan would be reviewed in June.</p>
</article>
<footer>Copyright 2025 The Example Times. All rights reserved.</footer>
</body></html>"""

FEED_XML = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><language>en-us</language>
<item><title>Port reopens after strike</title><link>https://wire.example/port</link>
<pubDate>Tue, 18 Mar 2025 10:00:00 GMT</pubDate><author>desk@wire.example (Sam Roe)</author>
<description>&lt;p&gt;The port reopened on Tuesday after a 12-day strike.&lt;/p&gt;
&lt;p&gt;About 4,000 workers returned.&lt;/p&gt;</description></item>
<item><title></title><link>https://wire.example/untitled</link><description>Text.</description></item>
</channel></rss>"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def display(path: Path) -> str:
    return display_path(path)


def only_document(results: list[Document | ReadError]) -> Document:
    assert len(results) == 1
    assert isinstance(results[0], Document), results[0]
    return results[0]


def only_error(results: list[Document | ReadError]) -> ReadError:
    assert len(results) == 1
    assert isinstance(results[0], ReadError), results[0]
    return results[0]


def test_plain_text_is_read_as_is_for_the_cleaner(tmp_path):
    path = write(tmp_path, "a.txt", "Headline here\n\nFirst paragraph of the story.\n")
    document = only_document(read_file(path, max_bytes=LIMIT))
    assert document.format == "text"
    assert document.text == document.raw_text == "Headline here\n\nFirst paragraph of the story.\n"
    assert document.title is None


def test_html_page_gives_main_text_and_metadata(tmp_path):
    path = write(tmp_path, "page.html", ARTICLE_HTML)
    document = only_document(read_file(path, max_bytes=LIMIT))
    assert document.format == "html"
    assert document.title == "Council approves budget"
    assert document.byline == "Jane Doe"
    assert document.outlet == "The Example Times"
    assert document.url == "https://times.example/news/budget"
    assert document.published_at == datetime.fromisoformat("2025-03-18T20:39:00+01:00")
    assert document.language == "en-gb"
    assert "10 million euros" in document.text
    assert "Copyright" not in document.text
    assert "World" not in document.text
    assert document.raw_text == ARTICLE_HTML


def test_html_is_recognised_by_content_even_with_a_txt_name(tmp_path):
    path = write(tmp_path, "saved-page.txt", ARTICLE_HTML)
    assert only_document(read_file(path, max_bytes=LIMIT)).format == "html"


def test_html_without_article_text_is_refused(tmp_path):
    path = write(tmp_path, "empty.html", "<!doctype html><html><body><nav>Home</nav></body></html>")
    assert (
        only_error(read_file(path, max_bytes=LIMIT)).reason == "no article text found in the HTML"
    )


def test_markdown_takes_its_title_from_the_first_heading_and_drops_markup(tmp_path):
    path = write(
        tmp_path,
        "story.md",
        "---\nauthor: Jane Doe\ndate: 2025-03-18\n---\n"
        "# Council approves budget\n\n"
        "The **council** approved [a budget](https://x.example) of 10 million euros.\n"
        "It passed easily.\n\n![chart](chart.png)\n\n- Over 160 groups objected.\n",
    )
    document = only_document(read_file(path, max_bytes=LIMIT))
    assert document.format == "markdown"
    assert document.title == "Council approves budget"
    assert document.byline == "Jane Doe"
    assert document.published_at == datetime(2025, 3, 18)
    assert document.text == (
        "The council approved a budget of 10 million euros. It passed easily.\n\n"
        "Over 160 groups objected."
    )


def test_json_lines_give_one_document_per_line_with_their_fields(tmp_path):
    lines = [
        {
            "title": "Port reopens",
            "text": "The port reopened on Tuesday.",
            "url": "https://wire.example/port",
            "outlet": "Example Wire",
            "published_at": "2025-03-18T10:00:00Z",
            "byline": "Sam Roe",
            "language": "en",
        },
        {"title": "From HTML", "html": ARTICLE_HTML},
    ]
    path = write(tmp_path, "batch.jsonl", "\n".join(json.dumps(line) for line in lines) + "\n\n")
    first, second = read_file(path, max_bytes=LIMIT)
    assert first.origin.endswith("batch.jsonl:1")
    assert first.url == "https://wire.example/port"
    assert first.outlet == "Example Wire"
    assert first.published_at == datetime(2025, 3, 18, 10, tzinfo=UTC)
    assert first.byline == "Sam Roe"
    assert second.title == "From HTML"
    assert "10 million euros" in second.text


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "each line must be a JSON object"),
        ('{"text": "No title."}', "missing 'title'"),
        ('{"title": "No text"}', "needs 'text' or 'html'"),
        ('{"title": "T", "text": "x", "published_at": "yesterday"}', "not an ISO 8601 date"),
        ('{"title": 5, "text": "x"}', "'title' must be a string"),
    ],
)
def test_a_bad_json_line_is_reported_with_its_line_number_and_the_rest_still_read(
    tmp_path, line, reason
):
    good = json.dumps({"title": "Fine", "text": "A fine article."})
    path = write(tmp_path, "batch.jsonl", f"{good}\n{line}\n{good}\n")
    results = read_file(path, max_bytes=LIMIT)
    assert [type(result) for result in results] == [Document, ReadError, Document]
    assert results[1].origin.endswith("batch.jsonl:2")
    assert reason in results[1].reason


def test_a_json_line_nested_too_deeply_is_reported_and_the_next_line_still_read(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    good = json.dumps({"title": "Port reopens", "text": "The port reopened on Tuesday."})
    path = write(tmp_path, "deep.jsonl", f"{deep}\n{good}\n")
    error, document = read_file(path, max_bytes=LIMIT)
    assert error == ReadError(f"{display(path)}:1", "JSON nested too deeply to read")
    assert document.title == "Port reopens"


def test_a_feed_gives_one_document_per_item_and_reports_bad_items(tmp_path):
    path = write(tmp_path, "wire.xml", FEED_XML)
    item, bad = read_file(path, max_bytes=LIMIT)
    assert item.format == "feed"
    assert item.title == "Port reopens after strike"
    assert item.url == "https://wire.example/port"
    assert item.outlet == "Example Wire"
    assert item.published_at == datetime(2025, 3, 18, 10, tzinfo=UTC)
    assert item.language == "en"
    assert "12-day strike" in item.text
    assert "4,000 workers" in item.text
    assert "<p>" not in item.text
    assert isinstance(bad, ReadError)
    assert bad.origin.endswith("wire.xml#item-2")
    assert bad.reason == "item has no title"


def test_a_malformed_feed_is_refused(tmp_path):
    path = write(tmp_path, "broken.rss", "<?xml version='1.0'?><rss><channel><item><title>x")
    assert "feed" in only_error(read_file(path, max_bytes=LIMIT)).reason


def test_xml_that_is_not_a_feed_is_refused(tmp_path):
    path = write(tmp_path, "data.xml", "<?xml version='1.0'?><records><r>1</r></records>")
    assert only_error(read_file(path, max_bytes=LIMIT)).reason == (
        "XML file is not an RSS or Atom feed"
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n\t ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
        (bytes(range(1, 32)) * 40, "binary or corrupt file"),
    ],
)
def test_empty_and_binary_files_are_refused_with_a_reason(tmp_path, content, reason):
    path = write(tmp_path, "input.txt", content)
    error = only_error(read_file(path, max_bytes=LIMIT))
    assert error.origin.endswith("input.txt")
    assert reason in error.reason


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path):
    path = write(tmp_path, "huge.txt", "word " * 1000)
    assert "over the import limit" in only_error(read_file(path, max_bytes=100)).reason


def test_text_in_a_legacy_encoding_is_detected_and_decoded(tmp_path):
    text = (
        "Zürich und Köln: Die Bürgermeisterin sagte am Dienstag, dass die Straßenbahn "
        "fünf neue Linien erhält. Große Pläne für die Stadt, größer als je zuvor."
    )
    path = write(tmp_path, "latin1.txt", text.encode("latin-1"))
    assert only_document(read_file(path, max_bytes=LIMIT)).text == text


@pytest.mark.parametrize(
    "text",
    [
        "Le café est très bon, à côté de l'église. Où est la forêt?",
        "Señor Muñoz dijo que el niño está en la ciudad desde el martes, según la policía.",
        "Café owners say the new rules on terrace licences will cost them dearly.",
    ],
    ids=["French", "Spanish", "English"],
)
def test_latin1_text_is_read_as_western_european_not_as_central_european(tmp_path, text):
    path = write(tmp_path, "latin1.txt", text.encode("latin-1"))
    assert only_document(read_file(path, max_bytes=LIMIT)).text == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (
            "Předseda vlády v úterý řekl, že rozpočet města se příští rok zvýší o pět procent, "
            "po dlouhých jednáních s odbory. Starosta dodal, že nové tramvajové linky budou "
            "hotové do konce roku a že město počítá s příspěvkem od státu.",
            "cp1250",
        ),
        (
            "Prezydent powiedział we wtorek, że budżet miasta wzrośnie o pięć procent w "
            "przyszłym roku, po długich negocjacjach ze związkami zawodowymi.",
            "cp1250",
        ),
        (
            "Мэр города заявил во вторник, что бюджет вырастет на пять процентов в следующем "
            "году после долгих переговоров с профсоюзами.",
            "cp1251",
        ),
    ],
    ids=["Czech", "Polish", "Russian"],
)
def test_text_whose_letters_show_another_code_page_is_read_in_that_one(tmp_path, text, encoding):
    path = write(tmp_path, "legacy.txt", text.encode(encoding))
    assert only_document(read_file(path, max_bytes=LIMIT)).text == text


def test_utf16_with_a_byte_order_mark_is_read(tmp_path):
    path = write(tmp_path, "utf16.txt", "Headline\n\nThe port reopened.".encode("utf-16"))
    assert only_document(read_file(path, max_bytes=LIMIT)).text == "Headline\n\nThe port reopened."


@pytest.mark.parametrize(
    "content",
    [
        # An odd number of bytes: the last character is cut in half.
        "Headline\n\nThe port reopened.".encode("utf-16") + b"x",
        # A high surrogate with no low one after it.
        "\ufeffHeadline ".encode("utf-16-le") + b"\x00\xd8" + " text".encode("utf-16-le"),
    ],
    ids=["odd trailing byte", "lone surrogate"],
)
def test_broken_utf16_is_refused_with_a_reason(tmp_path, content):
    error = only_error(read_file(write(tmp_path, "utf16.txt", content), max_bytes=LIMIT))
    assert error.origin.endswith("utf16.txt")
    assert error.reason.startswith("not valid UTF-16 text")


def test_unreadable_files_are_reported(tmp_path, monkeypatch):
    path = write(tmp_path, "secret.txt", "text")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    # Tests may run as root, which reads any file whatever its mode.
    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert only_error(read_file(path, max_bytes=LIMIT)).reason == "permission denied"


def test_directories_are_walked_recursively_skipping_hidden_files_and_manifests(tmp_path):
    write(tmp_path, "b.txt", "x")
    write(tmp_path, "nested/a.md", "x")
    write(tmp_path, ".hidden/c.txt", "x")
    write(tmp_path, ".d.txt", "x")
    write(tmp_path, "manifest.json", "{}")
    found = list(find_files([tmp_path, tmp_path / "missing.txt"]))
    assert [p.name for p in found if isinstance(p, Path)] == ["b.txt", "a.md"]
    assert found[-1] == ReadError(str(tmp_path / "missing.txt"), "no such file or directory")


def refuse_to_list(monkeypatch, directory: Path) -> None:
    """Make ``directory`` unlistable: chmod 000 does not stop root, and tests may run as root."""
    real = os.scandir

    def scandir(path="."):
        if Path(os.fsdecode(path)) == directory:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_sub_directory_is_reported_and_the_rest_still_found(tmp_path, monkeypatch):
    write(tmp_path, "a.txt", "x")
    write(tmp_path, "locked/b.txt", "x")
    write(tmp_path, "z.txt", "x")
    refuse_to_list(monkeypatch, tmp_path / "locked")
    found = list(find_files([tmp_path]))
    assert found == [
        tmp_path / "a.txt",
        ReadError(display(tmp_path / "locked"), "cannot read directory: permission denied"),
        tmp_path / "z.txt",
    ]


def test_a_file_name_that_is_not_utf8_is_reported_with_its_bytes_escaped(tmp_path):
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as file:
        file.write(b"x")
    write(tmp_path, "good.txt", "x")
    found = list(find_files([tmp_path]))
    assert found == [
        ReadError(
            display(tmp_path) + "/caf\\xe9.txt", "the file name is not valid UTF-8; rename it"
        ),
        tmp_path / "good.txt",
    ]
    assert str(found[0]).encode("utf-8")


def test_a_manifest_supplies_metadata_for_the_files_it_names(tmp_path):
    write(
        tmp_path,
        "manifest.json",
        json.dumps(
            {
                "documents": {
                    "a.txt": {
                        "outlet": "Example Wire",
                        "published_at": "2025-03-18T10:00:00+00:00",
                        "language": "en",
                        "notes": "anything else is ignored",
                    }
                }
            }
        ),
    )
    path = write(tmp_path, "a.txt", "Headline\n\nBody.")
    metadata = ManifestCache().metadata_for(path)
    assert metadata == Metadata(
        outlet="Example Wire", published_at=datetime(2025, 3, 18, 10, tzinfo=UTC), language="en"
    )
    document = only_document(read_file(path, max_bytes=LIMIT, metadata=metadata))
    assert document.outlet == "Example Wire"
    assert ManifestCache().metadata_for(write(tmp_path, "b.txt", "x")) is None


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ({"outlet": 5}, "'a.txt': 'outlet' must be a string, not a number"),
        ({"language": ["en"]}, "'a.txt': 'language' must be a string, not a list"),
        ({"published_at": 20250318}, "'a.txt': 'published_at' must be a string, not a number"),
        ({"published_at": "18 March"}, "'a.txt': 'published_at' is not an ISO 8601 date"),
        ("Example Wire", "'a.txt' must be an object, not a string"),
    ],
)
def test_a_manifest_value_of_the_wrong_type_is_reported_by_file_and_field(tmp_path, entry, reason):
    write(tmp_path, "manifest.json", json.dumps({"documents": {"a.txt": entry}}))
    result = ManifestCache().metadata_for(write(tmp_path, "a.txt", "x"))
    assert isinstance(result, ReadError)
    assert result.origin.endswith("manifest.json")
    assert result.reason.startswith(f"manifest has the wrong shape: {reason}")


def test_a_broken_manifest_is_reported_by_name(tmp_path):
    write(tmp_path, "manifest.json", "{not json")
    result = ManifestCache().metadata_for(write(tmp_path, "a.txt", "x"))
    assert isinstance(result, ReadError)
    assert result.origin.endswith("manifest.json")
    assert "not valid JSON" in result.reason

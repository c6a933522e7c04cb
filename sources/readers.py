"""Turn files on disk into documents ready to import.

Pure Python (no Django): each reader takes bytes or text and returns ``Document`` values,
or ``ReadError`` values that name the file (and line or item) and say what is wrong, so
one bad file or line never stops the others.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import charset_normalizer
import feedparser
import trafilatura
from lxml import html as lxml_html
from markdown_it import MarkdownIt

TEXT = "text"
MARKDOWN = "markdown"
HTML = "html"
JSONL = "jsonl"
FEED = "feed"

MANIFEST_NAME = "manifest.json"

_EXTENSIONS = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".rss": FEED,
    ".atom": FEED,
    ".xml": FEED,
}

_HTML_SNIFF = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_FEED_SNIFF = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)", re.I)
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Fewer words than this is navigation or a stub page, not an article.
_MIN_ARTICLE_WORDS = 8

_MANIFEST_FIELDS = ("outlet", "url", "published_at", "byline", "language", "title")

_JSONL_STRING_FIELDS = (
    "title",
    "text",
    "html",
    "url",
    "outlet",
    "published_at",
    "byline",
    "language",
)


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about a document from outside its text (manifest, command line)."""

    outlet: str | None = None
    url: str | None = None
    published_at: datetime | None = None
    byline: str | None = None
    language: str | None = None
    title: str | None = None

    def over(self, document: Document) -> Document:
        """The document with every field this metadata sets replaced."""
        changes = {
            name: getattr(self, name)
            for name in ("outlet", "url", "published_at", "byline", "language", "title")
            if getattr(self, name)
        }
        return replace(document, **changes) if changes else document


@dataclass(frozen=True, slots=True)
class Document:
    origin: str
    format: str
    raw_text: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published_at: datetime | None = None
    byline: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class ReadError:
    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


class ReadProblem(Exception):
    """A file or record cannot be read; the message says why in plain words."""


@dataclass(slots=True)
class ManifestCache:
    """Per-directory ``manifest.json`` files, loaded once each."""

    loaded: dict[Path, dict[str, Metadata] | ReadError] = field(default_factory=dict)

    def metadata_for(self, path: Path) -> Metadata | ReadError | None:
        directory = path.parent
        if directory not in self.loaded:
            manifest = directory / MANIFEST_NAME
            self.loaded[directory] = load_manifest(manifest) if manifest.is_file() else {}
        entries = self.loaded[directory]
        if isinstance(entries, ReadError):
            return entries
        return entries.get(path.name)


def display_path(path: Path) -> str:
    """The path relative to the working directory when inside it, else absolute."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(Path.cwd()))
    except ValueError:
        return str(resolved)


def find_files(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """Files named, and files under directories named (recursively, hidden ones skipped).

    A directory that cannot be listed and a name that is not valid UTF-8 are reported, not
    passed over: either way files the user asked for would go missing without a word.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        elif _undecodable(str(path)):
            yield ReadError(printable(str(given)), _UNDECODABLE_NAME)
        elif path.is_file():
            yield path
        elif path.exists():
            yield ReadError(printable(str(given)), "not a regular file")
        else:
            yield ReadError(printable(str(given)), "no such file or directory")


_UNDECODABLE_NAME = "the file name is not valid UTF-8; rename it"


def _walk(top: Path) -> list[Path | ReadError]:
    found: list[tuple[Path, Path | ReadError]] = []

    def unreadable(error: OSError) -> None:
        directory = Path(error.filename or top)
        reason = "permission denied" if isinstance(error, PermissionError) else error.strerror
        found.append((directory, ReadError(_origin(directory), f"cannot read directory: {reason}")))

    for directory, subdirectories, names in os.walk(top, onerror=unreadable):
        subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]
        for name in names:
            child = Path(directory, name)
            if name.startswith(".") or name == MANIFEST_NAME:
                continue
            if _undecodable(str(child)):
                found.append((child, ReadError(_origin(child), _UNDECODABLE_NAME)))
            elif child.is_file():
                found.append((child, child))
    # Whole paths in order, as one sorted listing would give them, wherever the walk went.
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _undecodable(name: str) -> bool:
    # os functions hand bytes that are not UTF-8 over as lone surrogates (surrogateescape),
    # which neither the database nor the terminal will take.
    return any("\udc80" <= char <= "\udcff" for char in name)


def printable(text: str) -> str:
    """The text with undecodable bytes from a file name shown as ``\\xe9`` escapes."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _origin(path: Path) -> str:
    return printable(display_path(path))


def load_manifest(path: Path) -> dict[str, Metadata] | ReadError:
    """Read a manifest: ``{"documents": {"file name": {"outlet": ..., ...}}}``."""
    origin = display_path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "documents" not in data:
            raise ReadProblem("it needs a 'documents' object keyed by file name")
        documents = data["documents"]
        if not isinstance(documents, dict):
            raise ReadProblem("'documents' must be an object keyed by file name")
        return {name: _manifest_entry(name, entry) for name, entry in documents.items()}
    except (OSError, UnicodeDecodeError) as error:
        return ReadError(origin, f"cannot read manifest: {error}")
    except json.JSONDecodeError as error:
        return ReadError(origin, f"manifest is not valid JSON: {error}")
    except RecursionError:
        return ReadError(origin, "manifest is not valid JSON: nested too deeply to read")
    except ReadProblem as error:
        return ReadError(origin, f"manifest has the wrong shape: {error}")


def _manifest_entry(name: str, entry: object) -> Metadata:
    if not isinstance(entry, dict):
        raise ReadProblem(f"{name!r} must be an object, not {json_type(entry)}")
    values: dict[str, str | None] = {}
    for key in _MANIFEST_FIELDS:
        value = entry.get(key)
        if value is not None and not isinstance(value, str):
            raise ReadProblem(f"{name!r}: {key!r} must be a string, not {json_type(value)}")
        values[key] = value
    try:
        published_at = parse_timestamp(values.pop("published_at"), strict=True)
    except ReadProblem as error:
        raise ReadProblem(f"{name!r}: {error}") from None
    return Metadata(published_at=published_at, **values)


def json_type(value: object) -> str:
    """What a JSON value is, in words for an error message ("must be a string, not a list")."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "null" if value is None else type(value).__name__


def read_file(
    path: Path, *, max_bytes: int, metadata: Metadata | None = None
) -> list[Document | ReadError]:
    """Every document in one file (one for most formats, many for JSON Lines and feeds)."""
    origin = display_path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadProblem(
                f"file is {size / 1_048_576:.1f} MB, over the import limit of "
                f"{max_bytes / 1_048_576:.1f} MB"
            )
        text = decode(path.read_bytes())
        results = parse_text(text, origin=origin, format=detect_format(path, text))
    except PermissionError:
        return [ReadError(origin, "permission denied")]
    except OSError as error:
        return [ReadError(origin, f"cannot read file: {error.strerror or error}")]
    except ReadProblem as error:
        return [ReadError(origin, str(error))]
    if metadata is None:
        return results
    return [metadata.over(item) if isinstance(item, Document) else item for item in results]


def decode(data: bytes) -> str:
    """Bytes to text, detecting the encoding; refuses binary and empty input."""
    if not data.strip():
        raise ReadProblem("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            # The byte order mark promised UTF-16; guessing another encoding would only
            # turn the damage into plausible-looking wrong text.
            raise ReadProblem(
                f"not valid UTF-16 text: {error.reason} at byte {error.start}"
            ) from None
    elif b"\x00" in data[:8192]:
        raise ReadProblem("binary file, not text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode(_guess_encoding(data))
    if len(_CONTROL_CHARS.findall(text[:65536])) > max(8, len(text[:65536]) // 200):
        raise ReadProblem("binary or corrupt file: too many control characters")
    if not text.strip():
        raise ReadProblem("empty file")
    return text


# Western European code pages, most likely first: cp1252 is what "latin-1" files almost
# always really are (curly quotes and the euro sign sit where latin-1 has control codes).
_WESTERN = ("cp1252", "latin_1")


def _guess_encoding(data: bytes) -> str:
    """The legacy encoding of ``data``, by charset_normalizer, with ties going to Western.

    Most accented letters in French, Spanish or German text are at the same bytes in many
    single-byte code pages, so several score exactly alike and charset_normalizer picks by
    its own order, often cp1250 ("très" becomes "trčs"). Only a strictly better score, such
    as Czech or Polish words that read right in cp1250 alone, is evidence for another code
    page. The cost: a short text whose only telling letters are Hungarian ő and ű scores
    alike in both and is read as cp1252 (õ, û).
    """
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise ReadProblem("cannot detect the text encoding")
    for match in matches:
        tied = math.isclose(match.chaos, best.chaos, abs_tol=1e-6) and math.isclose(
            match.coherence, best.coherence, abs_tol=1e-6
        )
        if tied:
            for encoding in _WESTERN:
                if encoding in match.could_be_from_charset:
                    return encoding
    return best.encoding


def detect_format(path: Path, text: str) -> str:
    head = text[:2048]
    if _FEED_SNIFF.match(head):
        return FEED
    if _HTML_SNIFF.match(head):
        return HTML
    by_extension = _EXTENSIONS.get(path.suffix.lower())
    if by_extension == FEED:
        # An .xml file that is not a feed is not something we can import as an article.
        raise ReadProblem("XML file is not an RSS or Atom feed")
    if by_extension:
        return by_extension
    if head.lstrip().startswith("{") and text.lstrip().splitlines()[0].rstrip().endswith("}"):
        return JSONL
    return TEXT


def parse_text(text: str, *, origin: str, format: str) -> list[Document | ReadError]:
    match format:
        case "text":
            return [Document(origin=origin, format=TEXT, raw_text=text, text=text)]
        case "markdown":
            return [read_markdown(text, origin=origin)]
        case "html":
            return [read_html(text, origin=origin)]
        case "jsonl":
            return list(read_jsonl(text, origin=origin))
        case "feed":
            return list(read_feed(text, origin=origin))
    raise ValueError(f"unknown format {format!r}")


def read_html(page: str, *, origin: str, format: str = HTML) -> Document:
    extracted = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={
            "extensive_search": True,
            "original_date": True,
            "outputformat": "%Y-%m-%dT%H:%M:%S%z",
        },
    )
    if extracted is None or len((extracted.text or "").split()) < _MIN_ARTICLE_WORDS:
        raise ReadProblem("no article text found in the HTML")
    language = _HTML_LANG.search(page[:4096])
    return Document(
        origin=origin,
        format=format,
        raw_text=page,
        # trafilatura puts one paragraph per line.
        text=extracted.text,
        title=extracted.title or None,
        url=extracted.url or None,
        outlet=extracted.sitename or None,
        published_at=parse_timestamp(extracted.date),
        byline=extracted.author or None,
        language=language.group(1).lower() if language else None,
    )


def html_fragment_to_text(fragment: str) -> str:
    """Text of a small HTML snippet (a feed item), one block element per paragraph."""
    if "<" not in fragment:
        return fragment
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    for bad in root.xpath(".//script|.//style|.//figure|.//img"):
        bad.drop_tree()
    for block in root.xpath(".//p|.//div|.//li|.//h1|.//h2|.//h3|.//h4|.//blockquote|.//br"):
        block.tail = "\n\n" + (block.tail or "")
    return root.text_content()


_markdown = MarkdownIt("commonmark")
_HARMLESS_FEED_PROBLEMS = (
    feedparser.CharacterEncodingOverride,
    feedparser.NonXMLContentType,
)


def read_markdown(text: str, *, origin: str) -> Document:
    front: dict[str, str] = {}
    body = text
    if match := _FRONT_MATTER.match(text):
        body = text[match.end() :]
        for line in match.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep:
                front[key.strip().lower()] = value.strip().strip("\"'")
    title = front.get("title")
    blocks: list[str] = []
    heading_level = None
    for token in _markdown.parse(body):
        if token.type == "heading_open":
            heading_level = token.tag
        elif token.type == "inline":
            content = " ".join(
                " " if child.type in {"softbreak", "hardbreak"} else child.content
                for child in token.children or []
                if child.type in {"text", "code_inline", "softbreak", "hardbreak"}
            )
            content = re.sub(r"\s+", " ", content).strip()
            if not content:
                continue
            if heading_level == "h1" and title is None and not blocks:
                title = content
            else:
                blocks.append(content)
        elif token.type == "heading_close":
            heading_level = None
    return Document(
        origin=origin,
        format=MARKDOWN,
        raw_text=text,
        text="\n\n".join(blocks),
        title=title,
        url=front.get("url") or front.get("canonical_url"),
        outlet=front.get("outlet") or front.get("publisher"),
        published_at=parse_timestamp(front.get("date") or front.get("published_at")),
        byline=front.get("author") or front.get("byline"),
        language=front.get("language") or front.get("lang"),
    )


def read_jsonl(text: str, *, origin: str) -> Iterator[Document | ReadError]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        line_origin = f"{origin}:{number}"
        try:
            yield _jsonl_record(line, origin=line_origin)
        except ReadProblem as error:
            yield ReadError(line_origin, str(error))


def _jsonl_record(line: str, *, origin: str) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ReadProblem(f"invalid JSON ({error.msg} at column {error.colno})") from None
    except RecursionError:
        # The json module recurses once per nesting level; no article is nested this deep.
        raise ReadProblem("JSON nested too deeply to read") from None
    if not isinstance(record, dict):
        raise ReadProblem("each line must be a JSON object")
    for name in _JSONL_STRING_FIELDS:
        if record.get(name) is not None and not isinstance(record[name], str):
            raise ReadProblem(f"'{name}' must be a string")
    if not (record.get("title") or "").strip():
        raise ReadProblem("missing 'title'")
    if not (record.get("text") or "").strip() and not (record.get("html") or "").strip():
        raise ReadProblem("needs 'text' or 'html'")
    if record.get("text"):
        text = record["text"]
    else:
        text = read_html(record["html"], origin=origin, format=JSONL).text
    return Document(
        origin=origin,
        format=JSONL,
        raw_text=line,
        text=text,
        title=record["title"].strip(),
        url=(record.get("url") or "").strip() or None,
        outlet=(record.get("outlet") or "").strip() or None,
        published_at=parse_timestamp(record.get("published_at"), strict=True),
        byline=(record.get("byline") or "").strip() or None,
        language=(record.get("language") or "").strip() or None,
    )


def read_feed(text: str, *, origin: str) -> Iterator[Document | ReadError]:
    parsed = feedparser.parse(text)
    if parsed.bozo and not isinstance(parsed.bozo_exception, _HARMLESS_FEED_PROBLEMS):
        # feedparser reads broken XML leniently; a truncated feed could silently lose items,
        # so a feed that is not well-formed is refused as a whole.
        yield ReadError(origin, f"malformed feed: {parsed.bozo_exception}")
        return
    if not parsed.entries:
        yield ReadError(origin, "feed has no items")
        return
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        item_origin = f"{origin}#item-{number}"
        title = (entry.get("title") or "").strip()
        contents = entry.get("content") or []
        html = contents[0].get("value") if contents else entry.get("summary", "")
        body = html_fragment_to_text(html or "")
        if not title:
            yield ReadError(item_origin, "item has no title")
            continue
        if not body.strip():
            yield ReadError(item_origin, "item has no text")
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        yield Document(
            origin=item_origin,
            format=FEED,
            raw_text=html or "",
            text=body,
            title=title,
            url=entry.get("link") or None,
            outlet=outlet,
            published_at=datetime(*stamp[:6], tzinfo=UTC) if stamp else None,
            byline=entry.get("author") or None,
            language=(parsed.feed.get("language") or "").split("-")[0] or None,
        )


def parse_timestamp(value: str | None, *, strict: bool = False) -> datetime | None:
    """ISO 8601 date or date-time; naive results stay naive (the importer localises them)."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    # trafilatura writes offsets without a colon (+0100), which fromisoformat accepts.
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        if strict:
            raise ReadProblem(f"'published_at' is not an ISO 8601 date: {value!r}") from None
        return None

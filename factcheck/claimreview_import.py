"""Read other organisations' fact-checks from their schema.org ClaimReview markup.

Pure parsing, no Django: text in, ``ExternalReview`` records and ``ParseError`` reports out.
Accepted shapes: one ClaimReview object, a list of them, a DataFeed
(``dataFeedElement[].item``, a list or a single object), an object with ``@graph``,
JSON Lines (one ClaimReview per line), and an HTML page whose
``<script type="application/ld+json">`` blocks hold any of the above.

Records are numbered in document order ("record 3") so a publisher can find the bad one;
JSON Lines and HTML script blocks are located by line number instead ("FILE:12"), because
that is how an editor opens the file.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from sources.readers import json_type

# Column widths of ExternalFactCheck: longer text is shortened, longer URLs are dropped
# (a truncated URL points somewhere else).
MAX_NAME = 200
MAX_TEXT = 300
MAX_URL = 2000
MAX_PUBLISHER_URL = 500

_LD_JSON_TYPE = re.compile(r"^\s*application/ld\+json\s*(;.*)?$", re.IGNORECASE)
_LOOKS_LIKE_HTML = re.compile(r"^\s*<", re.DOTALL)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# Comment and CDATA wrappers some CMSs still put around inline scripts.
_SCRIPT_WRAPPER = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[)|(?:-->|//\s*\]\]>)\s*$")


@dataclass(frozen=True, slots=True)
class ExternalReview:
    """One ClaimReview as the importer stores it (``raw`` is the object as published)."""

    url: str
    claim_reviewed: str
    publisher_name: str
    publisher_url: str
    rating_text: str
    rating_value: float | None
    best_rating: float | None
    worst_rating: float | None
    date_published: date | None
    claim_author: str
    claim_date: date | None
    appearance_url: str
    raw: dict[str, Any]
    where: str  # "record 3" or "12" (a line), for messages about storing it


@dataclass(frozen=True, slots=True)
class ParseError:
    """What was wrong, and where: ``origin: record N: message`` or ``origin:LINE: message``."""

    origin: str
    message: str
    record: int | None = None
    line: int | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.origin}:{self.line}: {self.message}"
        if self.record is not None:
            return f"{self.origin}: record {self.record}: {self.message}"
        return f"{self.origin}: {self.message}"


class InvalidRecord(ValueError):
    """A ClaimReview object that cannot be stored; the message names the field."""


def parse(text: str, *, origin: str) -> list[ExternalReview | ParseError]:
    """Every ClaimReview in ``text`` (any accepted shape), or why each bad one was skipped."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return [ParseError(origin, "empty input")]
    if _LOOKS_LIKE_HTML.match(text):
        results = _parse_html(text, origin=origin)
    else:
        results = _parse_json_text(text, origin=origin)
    if not results:
        return [ParseError(origin, "no ClaimReview found")]
    return results


# The json module recurses once per nesting level and gives up at Python's recursion limit;
# no real ClaimReview markup is nested anywhere near that deep.
_TOO_DEEP = "JSON nested too deeply to read"


def _parse_json_text(text: str, *, origin: str) -> list[ExternalReview | ParseError]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        if _is_json_lines(text):
            return list(_parse_json_lines(text, origin=origin))
        return [ParseError(origin, f"invalid JSON ({error.msg})", line=error.lineno)]
    except RecursionError:
        return [ParseError(origin, _TOO_DEEP)]
    counter = _Counter()
    return _walked(value, origin=origin, counter=counter)


def _walked(value: Any, *, origin: str, counter: _Counter) -> list[ExternalReview | ParseError]:
    # Walking the containers recurses too, and JSON just shallow enough to load can still
    # take it past the limit.
    try:
        return list(_records(value, origin=origin, counter=counter))
    except RecursionError:
        return [ParseError(origin, _TOO_DEEP)]


def _is_json_lines(text: str) -> bool:
    """Does the first non-blank line hold a whole JSON object on its own?"""
    for line in text.splitlines():
        if line.strip():
            try:
                return isinstance(json.loads(line), dict)
            except (json.JSONDecodeError, RecursionError):
                return False
    return False


def _parse_json_lines(text: str, *, origin: str) -> Iterator[ExternalReview | ParseError]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError:
            yield ParseError(origin, "invalid JSON", line=number)
            continue
        except RecursionError:
            yield ParseError(origin, _TOO_DEEP, line=number)
            continue
        if not isinstance(value, dict):
            yield ParseError(origin, "not a JSON object", line=number)
            continue
        try:
            yield _review(value, where=str(number))
        except InvalidRecord as error:
            yield ParseError(origin, str(error), line=number)


class _Counter:
    """Record numbers shared across nested containers and script blocks."""

    def __init__(self) -> None:
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


def _types(value: dict) -> set[str]:
    declared = value.get("@type", [])
    declared = declared if isinstance(declared, list) else [declared]
    # "schema:ClaimReview" and "https://schema.org/ClaimReview" name the same type.
    return {
        item.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for item in declared if isinstance(item, str)
    }


def _records(
    value: Any, *, origin: str, counter: _Counter
) -> Iterator[ExternalReview | ParseError]:
    """Walk a container position: every object here is a record unless typed otherwise."""
    if isinstance(value, list):
        for item in value:
            yield from _records(item, origin=origin, counter=counter)
        return
    if not isinstance(value, dict):
        yield ParseError(origin, "not a JSON object", record=counter.next())
        return
    types = _types(value)
    if "@graph" in value and not types & {"ClaimReview"}:
        yield from _records(value["@graph"], origin=origin, counter=counter)
        return
    if "DataFeed" in types:
        yield from _records(value.get("dataFeedElement", []), origin=origin, counter=counter)
        return
    if "DataFeedItem" in types or ("item" in value and not types):
        yield from _records(value.get("item", []), origin=origin, counter=counter)
        return
    if "ClaimReview" in types or not types:
        number = counter.next()
        try:
            yield _review(value, where=f"record {number}")
        except InvalidRecord as error:
            yield ParseError(origin, str(error), record=number)
        return
    # Another type (a NewsArticle, a WebPage): a ClaimReview may sit inside one of its
    # properties, e.g. an article's "review"; everything else on it is not ours to judge.
    yield from _nested_reviews(value, origin=origin, counter=counter)


def _nested_reviews(
    value: Any, *, origin: str, counter: _Counter
) -> Iterator[ExternalReview | ParseError]:
    if isinstance(value, list):
        for item in value:
            yield from _nested_reviews(item, origin=origin, counter=counter)
    elif isinstance(value, dict):
        if "ClaimReview" in _types(value):
            yield from _records(value, origin=origin, counter=counter)
            return
        for item in value.values():
            yield from _nested_reviews(item, origin=origin, counter=counter)


class _LdJsonScripts(HTMLParser):
    """Collects the text of <script type="application/ld+json"> blocks and their lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[tuple[int, str]] = []
        self._inside: list[str] | None = None
        self._line = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and _LD_JSON_TYPE.match(dict(attrs).get("type") or ""):
            self._inside, self._line = [], self.getpos()[0]

    def handle_data(self, data: str) -> None:
        if self._inside is not None:
            self._inside.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inside is not None:
            self.blocks.append((self._line, "".join(self._inside)))
            self._inside = None


def _parse_html(text: str, *, origin: str) -> list[ExternalReview | ParseError]:
    scripts = _LdJsonScripts()
    scripts.feed(text)
    scripts.close()
    results: list[ExternalReview | ParseError] = []
    counter = _Counter()
    for line, block in scripts.blocks:
        try:
            value = json.loads(_SCRIPT_WRAPPER.sub("", block))
        except json.JSONDecodeError as error:
            # Report the line in the page, where an editor would look.
            results.append(
                ParseError(origin, "invalid JSON in a JSON-LD script", line=line + error.lineno - 1)
            )
            continue
        except RecursionError:
            results.append(ParseError(origin, _TOO_DEEP, line=line))
            continue
        # Pages carry other JSON-LD (Organization, BreadcrumbList...): only ClaimReview counts.
        results.extend(_walked(value, origin=origin, counter=counter))
    return results


def _review(value: dict[str, Any], *, where: str) -> ExternalReview:
    url = _required_text(value, "url")
    if not _is_web_url(url):
        raise InvalidRecord(f"'url' is not an http(s) URL: {_short(url)!r}")
    if len(url) > MAX_URL:
        raise InvalidRecord(f"'url' is longer than {MAX_URL} characters")
    claim = _required_text(value, "claimReviewed")

    author = _first_object(value, "author")
    rating = _first_object(value, "reviewRating")
    item = _first_object(value, "itemReviewed")
    claim_author = _first_object(item, "author", "itemReviewed.") if item else None

    rating_text = ""
    if rating is not None:
        for key in ("alternateName", "ratingExplanation", "name"):
            rating_text = _optional_text(rating, key, "reviewRating.")
            if rating_text:
                break

    return ExternalReview(
        url=url,
        claim_reviewed=claim,
        publisher_name=_clip(_optional_text(author, "name", "author.") if author else "", MAX_NAME),
        publisher_url=_url_or_blank(
            _optional_text(author, "url", "author.") if author else "", MAX_PUBLISHER_URL
        ),
        rating_text=_clip(rating_text, MAX_TEXT),
        rating_value=_number(rating, "ratingValue"),
        best_rating=_number(rating, "bestRating"),
        worst_rating=_number(rating, "worstRating"),
        date_published=_date(value, "datePublished", ""),
        claim_author=_clip(
            _optional_text(claim_author, "name", "itemReviewed.author.") if claim_author else "",
            MAX_TEXT,
        ),
        claim_date=_date(item, "datePublished", "itemReviewed.") if item else None,
        appearance_url=_appearance_url(item) if item else "",
        raw=value,
        where=where,
    )


def _required_text(value: dict, key: str) -> str:
    if key not in value or value[key] is None:
        raise InvalidRecord(f"missing {key!r}")
    if not isinstance(value[key], str):
        raise InvalidRecord(f"{key!r} must be a string, not {json_type(value[key])}")
    text = value[key].strip()
    if not text:
        raise InvalidRecord(f"{key!r} is empty")
    return text


def _optional_text(value: dict, key: str, prefix: str) -> str:
    found = value.get(key)
    if found is None:
        return ""
    if not isinstance(found, str):
        raise InvalidRecord(f"'{prefix}{key}' must be a string, not {json_type(found)}")
    return found.strip()


def _first_object(value: dict, key: str, prefix: str = "") -> dict | None:
    """The object at ``key``: a list means several (several authors), the first one counts.

    A bare string is taken as the object's name, which is how many publishers write authors.
    """
    found = value.get(key)
    if isinstance(found, list):
        found = found[0] if found else None
    if found is None:
        return None
    if isinstance(found, str):
        return {"name": found}
    if not isinstance(found, dict):
        raise InvalidRecord(f"'{prefix}{key}' must be an object, not {json_type(found)}")
    return found


def _number(value: dict | None, key: str) -> float | None:
    if value is None or value.get(key) is None:
        return None
    found = value[key]
    if isinstance(found, bool):  # bool is an int to Python, never a rating to a publisher
        raise InvalidRecord(f"'reviewRating.{key}' must be a number, not a boolean")
    if isinstance(found, int | float):
        number = float(found)
    elif isinstance(found, str):
        if not found.strip():
            return None
        try:
            number = float(found.strip())
        except ValueError:
            raise InvalidRecord(
                f"'reviewRating.{key}' is not a number: {_short(found)!r}"
            ) from None
    else:
        raise InvalidRecord(f"'reviewRating.{key}' must be a number, not {json_type(found)}")
    if not math.isfinite(number):
        raise InvalidRecord(f"'reviewRating.{key}' is not a finite number")
    return number


def _date(value: dict, key: str, prefix: str) -> date | None:
    found = value.get(key)
    if found is None or found == "":
        return None
    if not isinstance(found, str):
        raise InvalidRecord(f"'{prefix}{key}' must be a string, not {json_type(found)}")
    text = found.strip()
    try:
        if len(text) > 10:
            # The date as the publisher wrote it, in their time zone, not converted to ours.
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidRecord(f"'{prefix}{key}' is not an ISO 8601 date: {_short(found)!r}") from None


def _appearance_url(item: dict) -> str:
    for key in ("appearance", "firstAppearance"):
        found = item.get(key)
        if isinstance(found, list):
            found = found[0] if found else None
        if found is None:
            continue
        if isinstance(found, dict):
            found = found.get("url")
        elif not isinstance(found, str):  # a bare string appearance is its URL
            raise InvalidRecord(
                f"'itemReviewed.{key}' must be an object or a URL, not {json_type(found)}"
            )
        if isinstance(found, str) and _url_or_blank(found.strip(), MAX_URL):
            return found.strip()
    return ""


def _is_web_url(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _url_or_blank(text: str, limit: int) -> str:
    return text if text and len(text) <= limit and _is_web_url(text) else ""


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:59] + "…"

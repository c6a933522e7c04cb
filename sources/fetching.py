"""Fetch an article or feed by URL, refusing anything that could turn the importer against us.

Pure Python (no Django): the caller builds a ``FetchPolicy`` from its settings. A URL given
to the importer is untrusted input, so every hop is checked the same way: only http(s), the
host's every address must be public (server-side request forgery protection), and the socket
is opened to the very address that was checked, never to a second DNS answer (DNS
rebinding). Redirects are followed by hand so each one goes through those checks again;
time, size and content type are limited so a hostile or broken server cannot stall the
import, fill the memory or hand us a binary.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from sources.readers import (
    HTML,
    MARKDOWN,
    TEXT,
    Document,
    ReadError,
    ReadProblem,
    decode,
    detect_format,
    parse_text,
)

USER_AGENT = "Factdesk/1.0 (+article import)"

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024

# What the readers can turn into articles, and the file suffix that tells ``detect_format``
# which reader to use when the content itself does not say (sniffing still comes first).
_CONTENT_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".xhtml",
    "application/rss+xml": ".xml",
    "application/atom+xml": ".xml",
    "application/rdf+xml": ".xml",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/x-markdown": ".md",
    "application/json": ".jsonl",
    "application/x-ndjson": ".jsonl",
    "application/ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
    "application/x-jsonlines": ".jsonl",
}
# Formats that hold one article, so the page's own address can stand in for a missing
# canonical URL. Feed and JSON Lines items must never share the feed's address: the URL is
# a document's identity, and the items would overwrite each other as "new versions".
_SINGLE_DOCUMENT_FORMATS = frozenset({HTML, TEXT, MARKDOWN})


class FetchError(Exception):
    """A URL cannot be fetched; ``reason`` says why in plain words and names the URL."""

    def __init__(self, reason: str, *, url: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.url = url

    def __str__(self) -> str:
        return f"{self.url}: {self.reason}"


def resolve_host(host: str, port: int) -> list[str]:
    """Every address the host name resolves to (IPv4 and IPv6), in the resolver's order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Limits for one fetch. ``resolver`` and ``connector`` exist so tests can stand in for
    DNS and the network; production code leaves them alone."""

    max_bytes: int = 20 * 1024 * 1024
    connect_timeout: float = 10.0
    total_timeout: float = 30.0
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = USER_AGENT
    # What to ask for and accept, most wanted first, and those types in words for a refusal;
    # the defaults are what ``read_fetched`` can turn into articles.
    content_types: tuple[str, ...] = tuple(_CONTENT_TYPES)
    content_description: str = (
        "an article or feed (HTML, RSS/Atom, XML, plain text, Markdown, JSON or JSON Lines)"
    )
    resolver: Callable[[str, int], Sequence[str]] = resolve_host
    connector: Callable[[tuple[str, int], float], socket.socket] = socket.create_connection


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    content: bytes
    content_type: str
    charset: str | None


def fetch(url: str, *, policy: FetchPolicy) -> Fetched:
    """GET a URL, following up to ``policy.max_redirects`` redirects, every hop checked.

    Raises ``FetchError`` for anything refused or failed; its reason names the redirect
    target when a later hop is the one at fault.
    """
    deadline = time.monotonic() + policy.total_timeout
    current = url
    for hop in range(policy.max_redirects + 1):
        try:
            target = _Target.parse(current)
            addresses = _checked_addresses(target, policy)
            outcome = _get(target, addresses, policy, deadline)
        except _Refused as refused:
            where = "" if current == url else f"redirect to {current}: "
            raise FetchError(f"{where}{refused}", url=url) from None
        if isinstance(outcome, Fetched):
            return outcome
        if hop == policy.max_redirects:
            break
        try:
            current = urljoin(current, outcome)
        except ValueError:
            raise FetchError(f"redirect to {outcome}: not a valid URL", url=url) from None
    raise FetchError(
        f"more than {policy.max_redirects} redirects (the last one to {current})", url=url
    )


def read_fetched(fetched: Fetched) -> list[Document | ReadError]:
    """The documents in a fetched page or feed, read as ``sources.readers`` reads a file.

    The final URL is the origin; the page's canonical URL is the document URL, falling back
    to the final URL for single-article formats (HTML, plain text, Markdown).
    """
    try:
        text = _decode(fetched)
        suffix = _CONTENT_TYPES.get(fetched.content_type)
        if suffix in {None, ".txt"}:
            # Plain text (or no type at all) may still be Markdown or JSON Lines by its name.
            suffix = PurePosixPath(urlsplit(fetched.url).path).suffix or ".txt"
        format = detect_format(PurePosixPath(f"page{suffix}"), text)
        results = parse_text(text, origin=fetched.url, format=format)
    except ReadProblem as error:
        return [ReadError(fetched.url, str(error))]
    return [
        _with_absolute_url(item, fetched.url) if isinstance(item, Document) else item
        for item in results
    ]


def _with_absolute_url(document: Document, base: str) -> Document:
    # Canonical links and feed item links may be relative to the page they came from.
    try:
        url = urljoin(base, document.url) if document.url else None
    except ValueError:
        url = None  # a link that is not an address at all is no identity for the item
    if url and urlsplit(url).scheme.lower() not in {"http", "https"}:
        url = None
    if url is None and document.format in _SINGLE_DOCUMENT_FORMATS:
        url = base
    return replace(document, url=url) if url != document.url else document


def _decode(fetched: Fetched) -> str:
    # Servers often declare ISO-8859-1 for what is really UTF-8, and valid UTF-8 is almost
    # never anything else, so UTF-8 wins; a declared charset beats guessing otherwise.
    data = fetched.content
    if fetched.charset:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            with contextlib.suppress(LookupError, UnicodeDecodeError):
                data = data.decode(fetched.charset).encode("utf-8")
    # ``decode`` keeps its checks for binary, corrupt and empty content.
    return decode(data)


class _Refused(Exception):
    """One hop failed; ``fetch`` turns this into a ``FetchError`` naming the URLs."""


@dataclass(frozen=True, slots=True)
class _Target:
    url: str
    scheme: str
    host: str
    port: int
    path: str

    @classmethod
    def parse(cls, url: str) -> _Target:
        try:
            parts = urlsplit(url.strip())
        except ValueError:  # an unclosed "[" of an IPv6 address, for one
            raise _Refused("not a valid URL") from None
        scheme = parts.scheme.lower()
        if scheme not in {"http", "https"}:
            raise _Refused("only http and https URLs can be imported")
        if parts.username is not None or parts.password is not None:
            raise _Refused("URLs with a user name or password are refused")
        try:
            port = parts.port or (443 if scheme == "https" else 80)
            # The wire and the certificate check want the ASCII (IDNA) form of the name.
            host = (parts.hostname or "").encode("idna").decode("ascii")
        except (ValueError, UnicodeError):
            raise _Refused("not a valid URL") from None
        if not host:
            raise _Refused("the URL has no host name")
        # http.client sends the request line as ASCII; existing %-escapes are kept.
        path = quote(
            urlunsplit(("", "", parts.path or "/", parts.query, "")), safe="/%?=&;:@+$,!*'()~"
        )
        return cls(url=url, scheme=scheme, host=host, port=port, path=path)


def _checked_addresses(target: _Target, policy: FetchPolicy) -> list[str]:
    try:
        addresses = list(policy.resolver(target.host, target.port))
    except (OSError, UnicodeError) as error:
        raise _Refused(f"cannot find the host {target.host} ({_describe(error)})") from None
    if not addresses:
        raise _Refused(f"the host {target.host} has no address")
    if not policy.allow_private:
        # One bad address is enough to refuse: which one gets used is not ours to predict,
        # and whoever runs the DNS controls the order.
        for address in addresses:
            if problem := non_public_reason(address):
                named = target.host if target.host == address else f"{target.host} ({address})"
                raise _Refused(f"{named} is {problem}; refused to protect internal services")
    return addresses


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def non_public_reason(address: str) -> str | None:
    """Why an IP address must not be fetched from, or None when it is a public one."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            # ::ffff:a.b.c.d is the IPv4 host a.b.c.d, reached over an IPv6 socket.
            return non_public_reason(str(ip.ipv4_mapped))
        # Tunnelling forms carry an IPv4 address too, which must be public as well.
        embedded = ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None and (problem := non_public_reason(str(embedded))):
            return problem
    checks = (
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_private, "a private address"),
        (ip.is_reserved, "a reserved address"),
        # Shared (carrier-grade NAT) and other special-purpose ranges are not the internet.
        (not ip.is_global, "not a public internet address"),
    )
    return next((reason for failed, reason in checks if failed), None)


def _get(
    target: _Target, addresses: Sequence[str], policy: FetchPolicy, deadline: float
) -> Fetched | str:
    """One request: the content, or the Location of a redirect."""
    connection = _open(target, addresses, policy, deadline)
    watchdog = _Watchdog(connection.sock, deadline)
    try:
        _limit_wait(connection, deadline)
        connection.putrequest("GET", target.path, skip_accept_encoding=True)
        connection.putheader("User-Agent", policy.user_agent)
        connection.putheader("Accept", ", ".join([*policy.content_types, "*/*;q=0.1"]))
        connection.putheader("Accept-Encoding", "gzip, identity")
        connection.putheader("Connection", "close")
        connection.endheaders()
        response = connection.getresponse()
        if response.status in _REDIRECTS:
            location = response.getheader("Location")
            if not location:
                raise _Refused(f"redirect ({response.status}) without a Location header")
            return location
        if not 200 <= response.status < 300:
            raise _Refused(f"the server answered {response.status} {response.reason}".rstrip())
        content_type, charset = _content_type(response, policy)
        content = _read_body(response, connection, policy, deadline)
        if watchdog.fired:
            raise TimeoutError
        return Fetched(url=target.url, content=content, content_type=content_type, charset=charset)
    except (OSError, http.client.HTTPException) as error:
        if watchdog.fired or isinstance(error, TimeoutError):
            raise _Refused(f"no complete answer within {policy.total_timeout:g} seconds") from None
        raise _Refused(f"the connection failed ({_describe(error)})") from None
    finally:
        watchdog.cancel()
        connection.close()


def _open(
    target: _Target, addresses: Sequence[str], policy: FetchPolicy, deadline: float
) -> http.client.HTTPConnection:
    """A connection to the first checked address that answers (pinned: no second lookup)."""
    failures: list[str] = []
    pinned = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    for address in addresses:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        connection = pinned(
            target.host,
            target.port,
            address=address,
            connector=policy.connector,
            timeout=min(policy.connect_timeout, remaining),
        )
        try:
            connection.connect()
        except ssl.SSLError as error:
            connection.close()
            # A certificate problem will not go away on another address of the same host.
            raise _Refused(f"the secure connection failed ({_describe(error)})") from None
        except OSError as error:
            connection.close()
            failures.append(f"{address}: {_describe(error)}")
            continue
        return connection
    detail = "; ".join(failures) or f"no time left within {policy.total_timeout:g} seconds"
    raise _Refused(f"cannot connect to {target.host} ({detail})")


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Plain HTTP to one already-checked address; the Host header still names the host."""

    def __init__(self, host: str, port: int, *, address: str, connector, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address
        self._connector = connector

    def connect(self) -> None:
        self.sock = self._connector((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to one already-checked address, with SNI and certificate check for the name."""

    def __init__(self, host: str, port: int, *, address: str, connector, timeout: float) -> None:
        self._tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self._tls)
        self._address = address
        self._connector = connector

    def connect(self) -> None:
        sock = self._connector((self._address, self.port), self.timeout)
        try:
            self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


class _Watchdog:
    """Cuts the connection at the deadline.

    Socket timeouts bound each wait, not the sum of them: a server that drips a byte every
    second never trips one. Shutting the socket down from a timer ends any read in progress.
    """

    def __init__(self, sock: socket.socket | None, deadline: float) -> None:
        self.fired = False
        self._sock = sock
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        if self._sock is not None:
            # The plain socket method: SSLSocket.shutdown would tear down TLS state under
            # the reading thread's feet.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(self._sock, socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


def _limit_wait(connection: http.client.HTTPConnection, deadline: float) -> None:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError
    if connection.sock is not None:
        connection.sock.settimeout(remaining)


def _content_type(
    response: http.client.HTTPResponse, policy: FetchPolicy
) -> tuple[str, str | None]:
    if response.getheader("Content-Type") is None:
        # Untyped content still goes through the readers' checks, which refuse binary.
        return "", None
    content_type = response.headers.get_content_type()
    if content_type not in policy.content_types:
        raise _Refused(f"the content type is {content_type}, not {policy.content_description}")
    return content_type, response.headers.get_content_charset()


def _read_body(
    response: http.client.HTTPResponse,
    connection: http.client.HTTPConnection,
    policy: FetchPolicy,
    deadline: float,
) -> bytes:
    limit = policy.max_bytes
    declared = (response.getheader("Content-Length") or "").strip()
    if declared.isdigit() and int(declared) > limit:
        raise _Refused(
            f"the content is {_megabytes(int(declared))}, over the import limit of "
            f"{_megabytes(limit)}"
        )
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding not in {"identity", "gzip", "x-gzip"}:
        raise _Refused(f"the content encoding {encoding} is not supported")
    # max_length caps what a small compressed body may expand to (decompression bombs).
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding != "identity" else None
    body = bytearray()
    while True:
        _limit_wait(connection, deadline)
        # read1: one system call at most, so the deadline is looked at between trickles.
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        if inflater is not None:
            try:
                chunk = inflater.decompress(chunk, limit - len(body) + 1)
            except zlib.error:
                raise _Refused("the compressed content is corrupt") from None
        body += chunk
        if len(body) > limit:
            raise _Refused(f"the content is over the import limit of {_megabytes(limit)}")
    return bytes(body)


def _megabytes(size: int) -> str:
    # Small limits (tests, tight deployments) would all read "0.0 MB".
    return f"{size / 1_048_576:.1f} MB" if size >= 104_858 else f"{size:,} bytes"


def _describe(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error) or type(error).__name__

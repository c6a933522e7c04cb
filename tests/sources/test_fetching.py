"""Fetching by URL: limits, redirects and the refusal of internal addresses (no internet).

A local server on 127.0.0.1 plays every kind of website. To exercise the private-address
checks against a host that looks public, a fake resolver maps made-up names to addresses
and a fake connector sends the one public-looking address to the local server.
"""

import gzip
import json
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from sources import fetching
from sources.fetching import (
    USER_AGENT,
    Fetched,
    FetchError,
    FetchPolicy,
    fetch,
    non_public_reason,
    read_fetched,
)
from sources.readers import Document

# A globally routable address that no test ever really connects to: the fake connector
# diverts it to the local server.
PUBLIC_IP = "93.184.215.14"

ARTICLE_HTML = """<!doctype html>
<html lang="en"><head>
<title>Harbour strike ends after twelve days</title>
<link rel="canonical" href="https://news.example/2025/harbour-strike-ends">
</head><body><article>
<h1>Harbour strike ends after twelve days</h1>
<p>Dock workers at the city harbour returned to work on Tuesday after a twelve-day strike
over pay, the port authority said in a statement.</p>
<p>About 4,000 workers voted to accept a 6% rise spread over two years, the union said,
ending the longest stoppage at the harbour since 1998.</p>
<p>Shipping companies said it would take at least a week to clear the backlog of containers
waiting at anchor outside the port.</p>
</article></body></html>
"""

FEED_XML = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Valley Courier</title><link>https://courier.example/</link>
<description>Local news</description>
<item><title>Bridge closes for repairs</title>
<link>https://courier.example/bridge-closes</link>
<description>&lt;p&gt;The old river bridge will close for six weeks from Monday while
engineers replace its bearings, the county council said on Friday.&lt;/p&gt;
&lt;p&gt;Drivers face a detour of about 12 kilometres through the town centre.&lt;/p&gt;
</description></item>
<item><title>Library extends opening hours</title>
<link>/library-hours</link>
<description>&lt;p&gt;The central library will open until 9pm on weekdays from next month
after a survey found most readers wanted later hours, its director said.&lt;/p&gt;
</description></item>
</channel></rss>
"""


# A throwaway self-signed certificate for news.example (valid 2000-2100), for the HTTPS tests.
TLS_CERT = """-----BEGIN CERTIFICATE-----
MIIBajCCARCgAwIBAgIBATAKBggqhkjOPQQDAjAXMRUwEwYDVQQDDAxuZXdzLmV4
YW1wbGUwIBcNMDAwMTAxMDAwMDAwWhgPMjEwMDAxMDEwMDAwMDBaMBcxFTATBgNV
BAMMDG5ld3MuZXhhbXBsZTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABPVQtCac
7wE4p2vLGurpBQQeWaWEzfnWkoolOQ8sMsGMjXjOI1gE+7n16EJtHkgf5cLjFV31
23eaoHGFpqg/n9+jSzBJMBcGA1UdEQQQMA6CDG5ld3MuZXhhbXBsZTAPBgNVHRMB
Af8EBTADAQH/MB0GA1UdDgQWBBS/XIgKwiwjoimuHyiFU6Gbz6GI/DAKBggqhkjO
PQQDAgNIADBFAiEA5S3TR58sYjJtdFSzuBnqVyP5aaBLnYaFeLy5TQq1sEECICsN
OXVILgIzNuvW8o9K+LnIb66bF3cSs0kU8RB9k6i2
-----END CERTIFICATE-----
"""
TLS_KEY = """-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgYlw+Q7BUR6PcVl/b
S7DoN/sRiI86N/bE1SmO3Ey4IB+hRANCAAT1ULQmnO8BOKdryxrq6QUEHlmlhM35
1pKKJTkPLDLBjI14ziNYBPu59ehCbR5IH+XC4xVd9dt3mqBxhaaoP5/f
-----END PRIVATE KEY-----
"""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # keep pytest output clean
        pass

    def do_GET(self):
        parts = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        route = getattr(
            self, "route_" + parts.path.strip("/").split("/")[0].replace("-", "_").replace(".", "_")
        )
        route(parts.path, query)

    def send(self, body: bytes, content_type: str | None = "text/html; charset=utf-8", **headers):
        self.send_response(int(headers.pop("status", 200)))
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send(b"", None, status=302, Location=location)

    def route_article(self, path, query):
        self.send(ARTICLE_HTML.encode())

    def route_plain_page(self, path, query):
        # An HTML page without a canonical link.
        self.send(ARTICLE_HTML.replace('<link rel="canonical"', "<meta").encode())

    def route_feed_xml(self, path, query):
        self.send(FEED_XML.encode(), "application/rss+xml")

    def route_latin1(self, path, query):
        text = "Café owners say the new rules on terrace licences will cost them dearly."
        self.send(text.encode("latin-1"), "text/plain; charset=ISO-8859-1")

    def route_echo(self, path, query):
        self.send(json.dumps(dict(self.headers.items())).encode(), "application/json")

    def route_redirect(self, path, query):
        # /redirect/3 -> /redirect/2 -> /redirect/1 -> /redirect/0 -> /article
        left = int(path.rsplit("/", 1)[1])
        self.redirect(f"/redirect/{left - 1}" if left > 1 else "/article")

    def route_to(self, path, query):
        self.redirect(query["location"])

    def route_typed(self, path, query):
        self.send(b"\x89PNG\r\n\x1a\n" + bytes(100), query["type"])

    def route_big(self, path, query):
        self.send(b"a" * 5000, "text/plain")

    def route_big_undeclared(self, path, query):
        # No Content-Length: the body ends when the connection closes.
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        for _ in range(50):
            self.wfile.write(b"b" * 100)

    def route_gzip_bomb(self, path, query):
        self.send(gzip.compress(b"c" * 100_000), "text/plain", Content_Encoding="gzip")

    def route_gzipped(self, path, query):
        self.send(gzip.compress(ARTICLE_HTML.encode()), Content_Encoding="gzip")

    def route_slow(self, path, query):
        time.sleep(float(query.get("seconds", "2")))
        self.send(ARTICLE_HTML.encode())

    def route_drip(self, path, query):
        # Each byte arrives well within any per-read timeout; the whole never does.
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "100")
        self.end_headers()
        try:
            for _ in range(100):
                self.wfile.write(b"d")
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass

    def route_drip_headers(self, path, query):
        # Header lines trickle in, so no single read ever waits long.
        self.close_connection = True
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Padding: ")
            for _ in range(100):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass

    def route_missing(self, path, query):
        self.send(b"not here", "text/plain", status=404)


@dataclass
class LocalSite:
    """A ThreadingHTTPServer on 127.0.0.1 serving ``Handler``'s routes."""

    server: ThreadingHTTPServer = field(
        default_factory=lambda: ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    )

    def __post_init__(self) -> None:
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def tls_site(tmp_path_factory) -> Iterator[tuple[LocalSite, list[str]]]:
    """The same site over HTTPS with the news.example certificate; also the SNI names seen."""
    files = tmp_path_factory.mktemp("tls")
    (files / "cert.pem").write_text(TLS_CERT)
    (files / "key.pem").write_text(TLS_KEY)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(files / "cert.pem", files / "key.pem")
    names: list[str] = []
    context.sni_callback = lambda connection, name, context: names.append(name)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    local = LocalSite(server)
    yield local, names
    local.close()


@pytest.fixture
def trust_test_certificate(monkeypatch):
    real = ssl.create_default_context
    monkeypatch.setattr(fetching.ssl, "create_default_context", lambda: real(cadata=TLS_CERT))


@pytest.fixture(scope="module")
def site() -> Iterator[LocalSite]:
    local = LocalSite()
    yield local
    local.close()


@dataclass
class FakeInternet:
    """DNS and routing for made-up hosts: ``news.example`` looks public, ``intranet.test``
    is private, and only the public-looking address is wired to the local server."""

    site: LocalSite
    lookups: list[str] = field(default_factory=list)
    connections: list[str] = field(default_factory=list)
    names: dict[str, list[str]] = field(
        default_factory=lambda: {"news.example": [PUBLIC_IP], "intranet.test": ["10.1.2.3"]}
    )

    def resolve(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        if host in self.names:
            return self.names[host]
        return [host]  # an IP literal resolves to itself

    def connect(self, address: tuple[str, int], timeout: float) -> socket.socket:
        self.connections.append(address[0])
        if address[0] == PUBLIC_IP:
            return socket.create_connection(("127.0.0.1", self.site.port), timeout)
        if address[0] == "127.0.0.1":
            return socket.create_connection(address, timeout)
        raise ConnectionRefusedError(f"test network has no route to {address[0]}")

    def policy(self, **limits) -> FetchPolicy:
        return FetchPolicy(resolver=self.resolve, connector=self.connect, **limits)


@pytest.fixture
def internet(site) -> FakeInternet:
    return FakeInternet(site)


def open_policy(**limits) -> FetchPolicy:
    return FetchPolicy(allow_private=True, **limits)


# Private-address refusal


def test_the_local_test_server_is_refused_by_default_because_it_is_loopback(site):
    with pytest.raises(FetchError) as caught:
        fetch(site.url("/article"), policy=FetchPolicy())
    assert caught.value.url == site.url("/article")
    assert "127.0.0.1 is a loopback address" in caught.value.reason
    assert str(caught.value).startswith(site.url("/article") + ": ")


def test_localhost_by_name_is_refused_by_default():
    with pytest.raises(FetchError, match="loopback"):
        fetch("http://localhost:9/", policy=FetchPolicy())


def test_allowing_private_addresses_lets_the_local_server_be_fetched(site):
    fetched = fetch(site.url("/article"), policy=open_policy())
    assert fetched == Fetched(
        url=site.url("/article"),
        content=ARTICLE_HTML.encode(),
        content_type="text/html",
        charset="utf-8",
    )


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "64:ff9b::a00:1",
        "2002:a00:1::1",
        "not-an-address",
    ],
)
def test_internal_and_special_addresses_are_not_public(address):
    assert non_public_reason(address) is not None


@pytest.mark.parametrize("address", [PUBLIC_IP, "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"])
def test_internet_addresses_are_public(address):
    assert non_public_reason(address) is None


def test_a_host_with_one_private_address_among_public_ones_is_refused(internet):
    internet.names["news.example"] = [PUBLIC_IP, "192.168.0.10"]
    with pytest.raises(FetchError, match=r"news\.example \(192\.168\.0\.10\) is a private"):
        fetch("http://news.example/article", policy=internet.policy())
    assert internet.connections == []


def test_a_public_host_is_fetched_with_one_lookup_and_the_checked_address_is_connected(
    internet,
):
    fetched = fetch("http://news.example/article", policy=internet.policy())
    assert fetched.url == "http://news.example/article"
    assert internet.lookups == ["news.example"]
    assert internet.connections == [PUBLIC_IP]


def test_a_resolver_that_changes_its_answer_cannot_rebind_the_connection(internet):
    answers = iter([[PUBLIC_IP], ["127.0.0.1"]])
    internet.resolve = lambda host, port: next(answers)
    fetch("http://news.example/article", policy=internet.policy())
    assert internet.connections == [PUBLIC_IP]


def test_requests_name_the_host_and_carry_the_factdesk_user_agent(internet):
    fetched = fetch("http://news.example/echo", policy=internet.policy())
    headers = json.loads(fetched.content)
    assert headers["Host"] == "news.example"
    assert headers["User-Agent"] == USER_AGENT == "Factdesk/1.0 (+article import)"


def test_a_redirect_from_a_public_host_to_the_loopback_address_is_refused(internet, site):
    target = site.url("/article")
    with pytest.raises(FetchError) as caught:
        fetch(f"http://news.example/to?location={target}", policy=internet.policy())
    assert caught.value.url.startswith("http://news.example/")
    assert f"redirect to {target}" in caught.value.reason
    assert "loopback" in caught.value.reason
    assert internet.connections == [PUBLIC_IP]


def test_a_redirect_to_a_name_that_resolves_privately_is_refused_before_connecting(internet):
    with pytest.raises(FetchError, match=r"intranet\.test \(10\.1\.2\.3\) is a private"):
        fetch(
            "http://news.example/to?location=http://intranet.test/admin", policy=internet.policy()
        )
    assert internet.lookups == ["news.example", "intranet.test"]
    assert internet.connections == [PUBLIC_IP]


def test_https_connects_to_the_checked_address_and_verifies_the_host_name(
    internet, tls_site, trust_test_certificate
):
    site, sni_names = tls_site
    internet.site = site
    fetched = fetch("https://news.example/echo", policy=internet.policy())
    assert json.loads(fetched.content)["Host"] == "news.example"
    assert internet.connections == [PUBLIC_IP]
    assert sni_names[-1] == "news.example"


def test_https_refuses_a_certificate_for_another_name(internet, tls_site, trust_test_certificate):
    site, _ = tls_site
    internet.site = site
    internet.names["other.example"] = [PUBLIC_IP]
    with pytest.raises(FetchError, match="secure connection failed"):
        fetch("https://other.example/article", policy=internet.policy())


def test_https_refuses_a_certificate_nobody_vouches_for(internet, tls_site):
    site, _ = tls_site
    internet.site = site
    with pytest.raises(FetchError, match="certificate verify failed"):
        fetch("https://news.example/article", policy=internet.policy())


# Redirects


def test_redirects_are_followed_to_the_final_url(site):
    fetched = fetch(site.url("/redirect/3"), policy=open_policy(max_redirects=3))
    assert fetched.url == site.url("/article")
    assert fetched.content == ARTICLE_HTML.encode()


def test_one_redirect_more_than_the_limit_is_refused(site):
    with pytest.raises(FetchError, match="more than 2 redirects"):
        fetch(site.url("/redirect/3"), policy=open_policy(max_redirects=2))


def test_a_redirect_to_another_scheme_is_refused(site):
    with pytest.raises(FetchError, match="redirect to file:///etc/passwd: only http and https"):
        fetch(site.url("/to?location=file:///etc/passwd"), policy=open_policy())


# Other limits and refusals


@pytest.mark.parametrize(
    "content_type", ["image/png", "application/pdf", "application/octet-stream"]
)
def test_content_that_is_not_an_article_or_feed_is_refused(site, content_type):
    with pytest.raises(FetchError, match=f"content type is {content_type}, not an article"):
        fetch(site.url(f"/typed?type={content_type}"), policy=open_policy())


def test_a_declared_length_over_the_limit_is_refused(site):
    with pytest.raises(FetchError, match="is 5,000 bytes, over the import limit of 4,999 bytes"):
        fetch(site.url("/big"), policy=open_policy(max_bytes=4999))


def test_a_body_at_the_limit_is_accepted(site):
    assert len(fetch(site.url("/big"), policy=open_policy(max_bytes=5000)).content) == 5000


def test_an_undeclared_body_is_cut_off_once_it_passes_the_limit(site):
    with pytest.raises(FetchError, match="over the import limit"):
        fetch(site.url("/big-undeclared"), policy=open_policy(max_bytes=1000))
    assert len(fetch(site.url("/big-undeclared"), policy=open_policy()).content) == 5000


def test_compressed_content_is_limited_by_its_expanded_size(site):
    with pytest.raises(FetchError, match="over the import limit"):
        fetch(site.url("/gzip-bomb"), policy=open_policy(max_bytes=10_000))


def test_compressed_content_is_expanded(site):
    assert fetch(site.url("/gzipped"), policy=open_policy()).content == ARTICLE_HTML.encode()


def test_a_server_that_does_not_answer_in_time_is_given_up(site):
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"no complete answer within 0\.3 seconds"):
        fetch(site.url("/slow?seconds=2"), policy=open_policy(total_timeout=0.3))
    assert time.monotonic() - started < 1.5


def test_a_server_dripping_bytes_is_given_up_at_the_total_time_limit(site):
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"no complete answer within 0\.4 seconds"):
        fetch(site.url("/drip"), policy=open_policy(total_timeout=0.4))
    assert time.monotonic() - started < 1.5


def test_a_server_dripping_its_headers_is_given_up_at_the_total_time_limit(site):
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"no complete answer within 0\.4 seconds"):
        fetch(site.url("/drip-headers"), policy=open_policy(total_timeout=0.4))
    assert time.monotonic() - started < 1.5


def test_an_error_status_is_reported(site):
    with pytest.raises(FetchError, match="the server answered 404 Not Found"):
        fetch(site.url("/missing"), policy=open_policy())


def test_a_closed_port_is_reported_as_a_connection_failure():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    with pytest.raises(FetchError, match=r"cannot connect to 127\.0\.0\.1"):
        fetch(f"http://127.0.0.1:{port}/", policy=open_policy())


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://news.example/story", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("http://user:secret@news.example/", "user name or password"),
        ("http:///story", "no host name"),
        ("http://news.example:99999/", "not a valid URL"),
    ],
)
def test_urls_that_are_not_plain_web_addresses_are_refused(internet, url, reason):
    with pytest.raises(FetchError, match=reason):
        fetch(url, policy=internet.policy())
    assert internet.connections == []


# Reading what was fetched


def test_a_url_that_cannot_be_parsed_is_refused():
    with pytest.raises(FetchError, match="not a valid URL"):
        fetch("http://[::1", policy=FetchPolicy())


def test_a_redirect_to_a_url_that_cannot_be_parsed_is_refused(site):
    with pytest.raises(FetchError, match=r"redirect to http://\[::1: not a valid URL"):
        fetch(site.url("/to?location=http://[::1"), policy=open_policy())


def test_a_feed_item_link_that_cannot_be_parsed_is_dropped():
    feed = FEED_XML.replace("https://courier.example/bridge-closes", "http://[::1")
    fetched = Fetched(
        url="https://courier.example/feed.xml",
        content=feed.encode(),
        content_type="application/rss+xml",
        charset=None,
    )
    first, second = read_fetched(fetched)
    assert first.url is None
    assert second.url == "https://courier.example/library-hours"


def test_a_fetched_page_is_read_with_its_canonical_url_and_the_final_url_as_origin(site):
    [document] = read_fetched(fetch(site.url("/redirect/1"), policy=open_policy()))
    assert isinstance(document, Document)
    assert document.origin == site.url("/article")
    assert document.url == "https://news.example/2025/harbour-strike-ends"
    assert document.format == "html"
    assert document.title == "Harbour strike ends after twelve days"
    assert "4,000 workers" in document.text


def test_a_page_without_a_canonical_link_takes_the_final_url(site):
    [document] = read_fetched(fetch(site.url("/plain-page"), policy=open_policy()))
    assert document.url == site.url("/plain-page")


def test_a_fetched_feed_gives_one_document_per_item_with_its_own_absolute_link(site):
    first, second = read_fetched(fetch(site.url("/feed.xml"), policy=open_policy()))
    assert (first.format, first.origin) == ("feed", site.url("/feed.xml") + "#item-1")
    assert first.url == "https://courier.example/bridge-closes"
    assert second.url == site.url("/library-hours")
    assert first.outlet == "Valley Courier"


def test_the_declared_charset_decodes_text_that_is_not_utf8(site):
    [document] = read_fetched(fetch(site.url("/latin1"), policy=open_policy()))
    assert document.text.startswith("Café owners")
    assert document.url == site.url("/latin1")


def test_an_untyped_body_that_is_binary_is_refused_by_the_reader():
    fetched = Fetched(
        url="https://news.example/x", content=bytes(64), content_type="", charset=None
    )
    [error] = read_fetched(fetched)
    assert str(error) == "https://news.example/x: binary file, not text"

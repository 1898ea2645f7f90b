"""The fetcher connects only to addresses the guard checked, and a trickling server meets a deadline.

A fake DNS (the ``resolver`` a ``Fetcher`` takes) answers the names; a
"public" address is routed to a server on 127.0.0.1 this test starts, so
nothing leaves the machine.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpcore
import pytest

from storyline.models import RawArticle, Reject
from storyline.pipeline.ingest.fetch import FetchConfig, Fetcher

PUBLIC = "93.184.215.14"  # a global address; connections to it are routed to the local server
PAGE = b"<html><body><article><p>The harbour at Porthaven reopened on Monday after repairs.</p></article></body></html>"


class Handler(BaseHTTPRequestHandler):
    hosts: list[str] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        Handler.hosts.append(self.headers.get("Host", ""))
        if self.path == "/trickle-headers":
            try:
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for _ in range(200):  # one header byte at a time, each well inside the read timeout
                    self.wfile.write(b"X")
                    self.wfile.flush()
                    time.sleep(0.05)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if self.path == "/hop":
            self.send_response(302)
            self.send_header("Location", f"http://intranet.test:{self.server.server_address[1]}/page.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch, port: int) -> list[str]:
    """Addresses the fetcher opened sockets to; the public one reaches the local server."""
    opened: list[str] = []
    real = httpcore.SyncBackend.connect_tcp

    def connect(self, host, port_, timeout=None, local_address=None, socket_options=None):  # type: ignore[no-untyped-def]
        opened.append(host)
        socket.inet_pton(socket.AF_INET6 if ":" in host else socket.AF_INET, host)  # only ever an address
        return real(self, "127.0.0.1" if host in (PUBLIC, "127.0.0.1") else host, port_, timeout,
                    local_address, socket_options)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect)
    return opened


def _rebinding_dns(*answers: list[str]):  # type: ignore[no-untyped-def]
    """A resolver answering each call with the next of ``answers`` (the last one repeated)."""
    asked: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return answers[min(len(asked), len(answers)) - 1]

    return resolve, asked


def test_a_rebinding_answer_never_reaches_loopback(port, connects):
    resolve, asked = _rebinding_dns([PUBLIC], ["127.0.0.1"])
    config = FetchConfig(delay=0.0, timeout=5.0, respect_robots=False)
    with Fetcher(config, resolver=resolve) as fetcher:
        [first] = list(fetcher.fetch(f"http://news.test:{port}/page.html"))
        [second] = list(fetcher.fetch(f"http://news.test:{port}/page.html"))  # a new connection: DNS asked again
    assert isinstance(first, RawArticle) and "Porthaven" in (first.html or "")
    assert isinstance(second, Reject) and "non-public address (127.0.0.1)" in second.reason
    assert second.source == f"http://news.test:{port}/page.html"
    assert asked == ["news.test", "news.test"]  # one resolution per connection, not one to check and one to connect
    assert connects == [PUBLIC]  # the socket went to the address checked, never to 127.0.0.1


def test_the_pinned_connection_sends_the_url_host(port, connects):
    resolve, _ = _rebinding_dns(["127.0.0.1"])
    Handler.hosts.clear()
    with Fetcher(FetchConfig(allow_private=True, delay=0.0, respect_robots=False), resolver=resolve) as fetcher:
        [page] = list(fetcher.fetch(f"http://news.test:{port}/page.html"))
    assert isinstance(page, RawArticle)
    assert Handler.hosts == [f"news.test:{port}"] and connects == ["127.0.0.1"]


def test_every_redirect_hop_is_resolved_and_checked(port, connects):
    def resolve(host: str, port_: int) -> list[str]:
        return {"news.test": [PUBLIC], "intranet.test": ["10.0.0.5"]}[host]

    with Fetcher(FetchConfig(delay=0.0, respect_robots=False), resolver=resolve) as fetcher:
        [out] = list(fetcher.fetch(f"http://news.test:{port}/hop"))
    assert isinstance(out, Reject) and "non-public address (10.0.0.5)" in out.reason
    assert out.source.startswith("http://intranet.test:") and connects == [PUBLIC]


def test_every_address_of_an_answer_is_checked(port, connects):
    resolve, _ = _rebinding_dns([PUBLIC, "::ffff:127.0.0.1"])
    with Fetcher(FetchConfig(delay=0.0, respect_robots=False), resolver=resolve) as fetcher:
        [out] = list(fetcher.fetch(f"http://news.test:{port}/page.html"))
    assert isinstance(out, Reject) and "non-public" in out.reason and connects == []


def test_headers_trickled_a_byte_at_a_time_meet_the_deadline(port, connects):
    resolve, _ = _rebinding_dns(["127.0.0.1"])
    config = FetchConfig(allow_private=True, delay=0.0, timeout=2.0, deadline=0.5, respect_robots=False)
    started = time.monotonic()
    with Fetcher(config, resolver=resolve) as fetcher:
        [out] = list(fetcher.fetch(f"http://news.test:{port}/trickle-headers"))
    assert isinstance(out, Reject) and "not complete after 0.5 s" in out.reason
    assert time.monotonic() - started < 2.0  # the headers would take 10 s; each byte is inside the 2 s timeout

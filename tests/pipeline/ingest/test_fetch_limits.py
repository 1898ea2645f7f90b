"""The fetcher's bounds: a total deadline per response and a cap on robots.txt Crawl-delay (local server only)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storyline.models import RawArticle, Reject
from storyline.pipeline.ingest.fetch import FetchConfig, Fetcher

PAGE = b"<html><body><article><p>The harbour at Porthaven reopened on Monday after repairs.</p></article></body></html>"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/robots.txt":
            body, ctype = b"User-agent: *\nCrawl-delay: 100000\n", "text/plain"
        elif self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100")
            self.end_headers()
            try:
                for _ in range(100):  # one byte at a time, each well inside the read timeout
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.05)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        else:
            body, ctype = PAGE, "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_trickling_response_is_cut_at_the_deadline(server):
    config = FetchConfig(allow_private=True, delay=0.0, timeout=2.0, deadline=0.5, respect_robots=False)
    started = time.monotonic()
    with Fetcher(config) as fetcher:
        [out] = list(fetcher.fetch(server + "/trickle"))
    assert isinstance(out, Reject) and "not complete after 0.5 s" in out.reason
    assert time.monotonic() - started < 2.0  # the whole would take 5 s


def test_a_huge_crawl_delay_is_capped_and_noted(server):
    waits: list[float] = []
    clock = iter(range(0, 10_000, 1))
    config = FetchConfig(allow_private=True, delay=1.0, max_crawl_delay=30.0)
    with Fetcher(config, sleep=waits.append, clock=lambda: float(next(clock))) as fetcher:
        first = list(fetcher.fetch(server + "/a.html"))
        second = list(fetcher.fetch(server + "/b.html"))
    assert isinstance(first[0], RawArticle) and isinstance(second[0], RawArticle)
    assert waits and max(waits) <= 30.0  # not 100,000 s
    assert any("Crawl-delay of 100000 s" in note and "capped at 30 s" in note for note in first[0].notes)
    assert second[0].notes == []  # said once per host


@pytest.mark.parametrize("host", ["[::127.0.0.1]", "[::ffff:127.0.0.1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::1]",
                                  "[64:ff9b::a00:1]"])
def test_ipv6_forms_of_private_ipv4_addresses_are_refused(host):
    from storyline.errors import InputError
    from storyline.pipeline.ingest.fetch import check_public

    with pytest.raises(InputError, match="non-public"):
        check_public(f"http://{host}/page.html")

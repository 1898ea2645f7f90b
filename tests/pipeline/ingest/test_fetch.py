"""The HTTP fetcher, against a local server this test starts on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storyline.models import RawArticle, Reject
from storyline.pipeline.ingest.fetch import FetchConfig, Fetcher, check_public, fetch_urls, parse_every, watch
from storyline.errors import InputError

PAGE = b"""<html><head><title>Harbour reopens</title></head><body><article>
<h1>Harbour reopens</h1><p>The harbour at Porthaven reopened on Monday after a week of repairs to its outer wall.</p>
</article></body></html>"""
TEASER_FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Porthaven Post</title>
<item><title>Harbour reopens</title><link>{base}/story.html</link><guid>s1</guid>
<description>The harbour reopened on Monday...</description><pubDate>Mon, 06 May 2024 09:00:00 GMT</pubDate></item>
<item><title>Full entry</title><link>{base}/other.html</link><guid>s2</guid>
<description>{full}</description></item>
</channel></rss>"""
FULL = " ".join(["The council met on Tuesday and approved the new budget for the coming year."] * 12)


class Handler(BaseHTTPRequestHandler):
    hits: list[str] = []

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        try:
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        Handler.hits.append(self.path)
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private\n", "text/plain")
        elif self.path.split("?")[0] in ("/page.html", "/story.html", "/other.html"):
            if self.headers.get("If-None-Match") == '"v1"':
                self._send(304)
            else:
                self._send(200, PAGE, ETag='"v1"')
        elif self.path == "/feed.xml":
            self._send(200, TEASER_FEED.replace(b"{base}", base.encode()).replace(b"{full}", FULL.encode()), "application/rss+xml")
        elif self.path == "/teasers.xml":
            items = "".join(f"<item><title>T{i}</title><link>{base}/story.html?{i}</link><guid>t{i}</guid>"
                            + ("<description>The harbour reopened...</description>" if i % 2 else "") + "</item>"
                            for i in range(6))
            self._send(200, f"<rss version='2.0'><channel><title>P</title>{items}</channel></rss>".encode(),
                       "application/rss+xml")
        elif self.path == "/redirect":
            self._send(302, Location="/page.html")
        elif self.path == "/big":
            self._send(200, b"<html><body><p>" + b"x" * 200_000 + b"</p></body></html>")
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, PAGE)
        elif self.path == "/private/page.html":
            self._send(200, PAGE)
        else:
            self._send(404, b"not found")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _config(**kw: object) -> FetchConfig:
    return FetchConfig(**{"allow_private": True, "delay": 0.0, "timeout": 5.0, **kw})


def test_loopback_is_refused_without_allow_private(server):
    out = list(fetch_urls([server + "/page.html"], FetchConfig(delay=0.0)))
    assert len(out) == 1 and isinstance(out[0], Reject)
    assert "non-public address" in out[0].reason and "--allow-private" in out[0].reason
    with pytest.raises(InputError):
        check_public("http://10.1.2.3/x")
    with pytest.raises(InputError):
        check_public("file:///etc/passwd", allow_private=True)


def test_page_is_fetched_and_then_not_modified(server):
    with Fetcher(_config()) as fetcher:
        first = list(fetcher.fetch(server + "/page.html"))
        assert len(first) == 1 and isinstance(first[0], RawArticle)
        assert "Porthaven" in first[0].html and first[0].url == server + "/page.html"
        assert list(fetcher.fetch(server + "/page.html")) == []  # 304: nothing new


def test_validators_persist_between_runs(server, tmp_path):
    state = tmp_path / "fetch-state.json"
    assert len(list(fetch_urls([server + "/story.html"], _config(state_path=str(state))))) == 1
    assert list(fetch_urls([server + "/story.html"], _config(state_path=str(state)))) == []


def test_redirect_is_followed_and_robots_respected(server):
    out = list(fetch_urls([server + "/redirect", server + "/private/page.html"], _config()))
    assert isinstance(out[0], RawArticle) and out[0].url == server + "/page.html"
    assert isinstance(out[1], Reject) and "robots.txt" in out[1].reason
    assert "/private/page.html" not in Handler.hits


def test_size_cap_and_timeout_and_404(server):
    out = list(fetch_urls([server + "/big", server + "/slow", server + "/missing"], _config(max_bytes=50_000, timeout=0.5)))
    reasons = [r.reason for r in out]
    assert all(isinstance(r, Reject) for r in out)
    assert "cap" in reasons[0] and "timed out" in reasons[1] and reasons[2] == "HTTP 404"


def test_feed_teaser_is_followed_full_entry_kept(server):
    out = list(fetch_urls([server + "/feed.xml"], _config()))
    assert [type(o) for o in out] == [RawArticle, RawArticle]
    teaser, full = out
    assert teaser.html and "outer wall" in teaser.html and teaser.title == "Harbour reopens"
    assert teaser.published == "2024-05-06T09:00:00+00:00" and teaser.outlet == "Porthaven Post"
    assert full.text and "approved the new budget" in full.text and full.url.endswith("/other.html")


def test_following_teasers_stops_at_the_feed_budget_and_says_what_it_skipped(server):
    ticks = iter(range(0, 10_000, 10))  # every look at the clock: 10 s later
    with Fetcher(_config(teaser_budget=25.0), clock=lambda: float(next(ticks))) as fetcher:
        out = list(fetcher.fetch(server + "/teasers.xml"))
    pages = [o for o in out if isinstance(o, RawArticle) and o.html and "outer wall" in o.html]
    teasers = [o for o in out if isinstance(o, RawArticle) and o.text]
    assert 1 <= len(pages) < 6 and len(pages) + len(teasers) < 6
    assert teasers and all("teaser_budget of 25 s was spent" in t.notes[0] for t in teasers)
    *_, summary = out
    assert isinstance(summary, Reject) and summary.source == server + "/teasers.xml"
    skipped = 6 - len(pages) - len(teasers)
    assert summary.reason.endswith(f"{6 - len(pages)} not followed, {len(teasers)} stored as the feed's teaser text, "
                                   f"{skipped} skipped (no text)")
    assert f"({len(pages)} followed)" in summary.reason and skipped >= 1


def test_per_host_delay_waits_between_requests(server):
    waits: list[float] = []
    fetcher = Fetcher(_config(delay=3.0, respect_robots=False), sleep=waits.append, clock=lambda: 100.0)
    list(fetcher.fetch(server + "/page.html"))
    list(fetcher.fetch(server + "/story.html"))
    fetcher.close()
    assert waits == [3.0]


def test_watch_runs_rounds_and_skips_unchanged(server):
    batches: list[list[RawArticle | Reject]] = []
    rounds = watch([server + "/other.html"], 0.01, batches.append, _config(), rounds=2, sleep=lambda s: None)
    assert rounds == 2 and len(batches[0]) == 1 and batches[1] == []


def test_urls_go_through_read_file_with_fetch_settings(server):
    from types import SimpleNamespace

    from storyline.pipeline.ingest.files import iter_files, read_file
    from storyline.settings import Settings

    url = server + "/other.html"
    assert list(iter_files([url])) == [url]
    refused = list(read_file(url, Settings()))
    assert isinstance(refused[0], Reject) and "non-public" in refused[0].reason
    config = FetchConfig.from_settings(SimpleNamespace(fetch_allow_private=True, fetch_delay=0.5, db="x"))
    assert config.allow_private and config.delay == 0.5 and config.state_path is None


def test_parse_every():
    assert parse_every("15m") == 900 and parse_every("30s") == 30 and parse_every("2h") == 7200 and parse_every("45") == 45
    with pytest.raises(ValueError):
        parse_every("soon")

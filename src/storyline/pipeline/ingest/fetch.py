"""Fetch pages and feeds over HTTP (httpx), politely and safely.

``fetch_urls`` turns URLs into ``RawArticle``s (a page is one article, a feed
gives its entries, following the link of an entry that is only a teaser);
``watch`` does it again every N seconds. Every request:

* is refused for a host that resolves to a loopback, private, link-local or
  otherwise non-public address, unless ``allow_private`` (tests, intranets);
  the host is resolved once per connection and the socket opened to exactly
  the addresses checked (``ingest.netguard``), so a rebinding DNS answer
  cannot slip past; redirects are followed by hand so every hop is checked;
* respects the host's robots.txt (fetched once per host; ``Crawl-delay``
  raises the per-host delay) and waits ``delay`` seconds between two
  requests to the same host;
* has connect/read timeouts and a total deadline per response (headers and
  body: a server trickling bytes cannot hold it), and stops reading a body past ``max_bytes``
  (counted after content decoding, so a compressed bomb stops too);
* is conditional when the URL was fetched before: the ETag/Last-Modified
  it returned are sent back, and a 304 yields nothing new.

Following a feed's teasers takes at most ``teaser_budget`` seconds per feed
(at one page per ``delay``, 10,000 teasers would take hours): past it, a
teaser with text is kept as the feed gave it, with a note, one without is
skipped, and one reject naming the feed counts what was not followed.

Failures are ``Reject``s naming the URL, never exceptions.
"""

from __future__ import annotations

import codecs
import io
import json
import re
import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import SplitResult, urljoin, urlsplit

import httpx

from storyline.errors import InputError
from storyline.models import RawArticle, Reject
from storyline.pipeline.ingest.feed import iter_entries
from storyline.pipeline.ingest.html import decode_html
from storyline.pipeline.ingest.netguard import (
    DEADLINE_PASSED as _DEADLINE, GuardedBackend, GuardedTransport, Resolver, checked_addresses, resolve,
)

@dataclass(slots=True)
class Fetched:
    """One HTTP response, its body read under the size cap."""

    url: str
    status: int
    headers: httpx.Headers
    content: bytes
    charset: str | None = None


_FEED_TYPES = ("rss", "atom", "application/xml", "text/xml", "application/rdf")
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True, slots=True)
class FetchConfig:
    """How politely and defensively to fetch; every field has a safe default."""

    user_agent: str = "storyline/0.1 (+https://example.invalid/storyline)"
    timeout: float = 15.0  # seconds, for connect and for each read
    deadline: float = 60.0  # seconds for a whole response: a server trickling bytes cannot hold a fetch longer
    max_crawl_delay: float = 60.0  # a robots.txt Crawl-delay above this is capped (and a note says so)
    max_bytes: int = 10_000_000  # largest body read, after content decoding
    delay: float = 2.0  # seconds between two requests to one host
    allow_private: bool = False  # permit loopback/private/link-local addresses
    respect_robots: bool = True
    max_redirects: int = 5
    follow_teasers: bool = True  # fetch the page of a feed entry that is only a teaser
    teaser_budget: float = 600.0  # seconds one feed may spend following its teasers' links; then they are skipped
    state_path: str | None = None  # JSON file keeping ETag/Last-Modified between runs

    @classmethod
    def from_settings(cls, settings: object, **overrides: object) -> FetchConfig:
        """Build from ``Settings`` fields named ``fetch_*`` when present, then ``overrides``."""
        values = {}
        for name in cls.__dataclass_fields__:
            if hasattr(settings, f"fetch_{name}"):
                values[name] = getattr(settings, f"fetch_{name}")
        if values.get("state_path") == "":
            values["state_path"] = None
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def check_public(url: str, allow_private: bool = False, resolver: Resolver = resolve) -> None:
    """Raise ``InputError`` unless ``url`` is http(s) to a host with only public addresses.

    A check before connecting; the connection itself resolves and checks again
    and connects only to what it checked (``netguard.GuardedBackend``).
    """
    parts = _checked_scheme(url)
    if allow_private:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    checked_addresses(parts.hostname or "", port, url, resolver)


def _checked_scheme(url: str) -> SplitResult:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(url, "only http and https URLs can be fetched")
    return parts


@dataclass
class Fetcher:
    """One polite HTTP client: robots.txt, per-host delay, validators, size cap, address guard."""

    config: FetchConfig = field(default_factory=FetchConfig)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    resolver: Resolver = resolve  # host, port → addresses; a test passes a fake DNS
    _client: httpx.Client | None = None
    _backend: GuardedBackend | None = None
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _host_delay: dict[str, float] = field(default_factory=dict)
    _capped: dict[str, float] = field(default_factory=dict)  # host → the Crawl-delay it asked for, when capped
    _noted: set[str] = field(default_factory=set)  # hosts whose capped delay a note has reported
    validators: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.config.state_path and Path(self.config.state_path).is_file():
            try:
                self.validators = json.loads(Path(self.config.state_path).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.validators = {}

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._backend = GuardedBackend(self.resolver, self.config.allow_private)
            self._client = httpx.Client(
                timeout=httpx.Timeout(self.config.timeout),
                headers={"User-Agent": self.config.user_agent},
                follow_redirects=False,  # by hand, so each hop passes the guard and robots.txt
                trust_env=False,  # no proxy: the connection goes to the address checked
                transport=GuardedTransport(self._backend),
            )
        return self._client

    def close(self) -> None:
        """Close the connection pool and save the validators."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self.config.state_path:
            self.save()

    def save(self) -> None:
        """Write the ETag/Last-Modified validators to ``state_path`` (if set)."""
        if self.config.state_path:
            Path(self.config.state_path).write_text(json.dumps(self.validators, sort_keys=True), encoding="utf-8")

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- politeness -------------------------------------------------------
    def _wait_turn(self, host: str) -> None:
        delay = max(self.config.delay, self._host_delay.get(host, 0.0))
        last = self._last.get(host)
        if last is not None:
            wait = last + delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def _allowed(self, url: str) -> bool:
        if not self.config.respect_robots:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        robots = self._robots[origin]
        if robots is None:
            return True
        delay = robots.crawl_delay(self.config.user_agent)
        if delay:
            # "Crawl-delay: 100000" would hold the batch for a day: honoured up to a cap, and said so.
            if float(delay) > self.config.max_crawl_delay and parts.netloc not in self._capped:
                self._capped[parts.netloc] = float(delay)
            self._host_delay[parts.netloc] = min(float(delay), self.config.max_crawl_delay)
        return robots.can_fetch(self.config.user_agent, url)

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        url = origin + "/robots.txt"
        try:
            response = self._get(url, {}, 500_000)
        except (InputError, httpx.HTTPError):
            return None  # no robots.txt we can read: nothing is disallowed
        parser = urllib.robotparser.RobotFileParser(url)
        if response.status in (401, 403):
            parser.disallow_all = True
        elif response.status < 400:
            parser.parse(response.content.decode("utf-8", "replace").splitlines())
        else:
            parser.allow_all = True
        return parser

    # -- requests ---------------------------------------------------------
    def _get(self, url: str, headers: dict[str, str], max_bytes: int) -> Fetched:
        """One GET (no redirects), the body read up to ``max_bytes``, the whole by the deadline."""
        _checked_scheme(url)
        self._wait_turn(urlsplit(url).netloc)
        client = self.client
        assert self._backend is not None
        started = self.clock()
        # Every connect and read of this response ends by the deadline (a trickle of header bytes too).
        deadline = self._backend.deadline = time.monotonic() + self.config.deadline
        try:
            with client.stream("GET", url, headers=headers) as response:
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise InputError(url, f"response body over the {max_bytes:,}-byte cap")
                    if self.clock() - started > self.config.deadline:
                        raise httpx.ReadTimeout(_DEADLINE)
                    chunks.append(chunk)
                return Fetched(url, response.status_code, response.headers, b"".join(chunks), response.charset_encoding)
        except httpx.TimeoutException as exc:
            if str(exc) == _DEADLINE or time.monotonic() >= deadline - 0.01:
                raise InputError(url, f"response not complete after {self.config.deadline:g} s (too slow)") from exc
            raise
        except InputError as exc:
            raise InputError(url, exc.reason) from exc  # the guard names host:port; the reject names the URL
        finally:
            self._backend.deadline = None

    def get(self, url: str) -> Fetched | None:
        """GET ``url`` following redirects; ``None`` when unchanged since last time (304).

        Raises ``InputError`` naming the URL for anything that is not a usable 200.
        """
        seen = url
        for _ in range(self.config.max_redirects + 1):
            if not self._allowed(seen):
                raise InputError(seen, "disallowed by robots.txt")
            headers = {}
            known = self.validators.get(seen, {})
            if "etag" in known:
                headers["If-None-Match"] = known["etag"]
            if "last-modified" in known:
                headers["If-Modified-Since"] = known["last-modified"]
            try:
                response = self._get(seen, headers, self.config.max_bytes)
            except httpx.TimeoutException as exc:
                raise InputError(seen, f"timed out ({type(exc).__name__})") from exc
            except httpx.HTTPError as exc:
                raise InputError(seen, f"request failed ({type(exc).__name__}: {str(exc)[:120]})") from exc
            if response.status in _REDIRECTS and "location" in response.headers:
                seen = urljoin(seen, response.headers["location"])
                continue
            if response.status == 304:
                return None
            if response.status != 200:
                raise InputError(seen, f"HTTP {response.status}")
            kept = {k: response.headers[k] for k in ("etag", "last-modified") if k in response.headers}
            if kept:
                self.validators[seen] = kept
                self.save()
            return response
        raise InputError(url, f"more than {self.config.max_redirects} redirects")

    # -- articles ---------------------------------------------------------
    def fetch(self, url: str) -> Iterator[RawArticle | Reject]:
        """The article(s) at ``url``: a page, or a feed's entries (teasers followed)."""
        try:
            response = self.get(url)
        except InputError as exc:
            yield Reject(exc.source, exc.reason)
            return
        if response is None:
            return  # not modified since the last fetch
        final = response.url
        ctype = response.headers.get("content-type", "").lower()
        fetched = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
        body = response.content
        for item in self._read_response(response, final, ctype, fetched, body):
            host = urlsplit(item.source).netloc
            if isinstance(item, RawArticle) and host in self._capped and host not in self._noted:
                self._noted.add(host)
                item.notes.append(f"robots.txt Crawl-delay of {self._capped[host]:g} s for {host} "
                                  f"capped at {self.config.max_crawl_delay:g} s")
            yield item

    def _read_response(self, response: Fetched, final: str, ctype: str, fetched: str,
                       body: bytes) -> Iterator[RawArticle | Reject]:
        try:
            if any(t in ctype for t in _FEED_TYPES) or (not ctype and re.match(rb"\s*<\?xml|\s*<(rss|feed)\b", body)):
                yield from self._feed(body, final)
            elif "html" in ctype or not ctype:
                yield RawArticle(source=final, html=decode_html(body, final, response.charset), url=final, fetched=fetched)
            elif ctype.startswith("text/plain"):
                yield RawArticle(source=final, text=body.decode(_codec(response.charset), "replace"), url=final, fetched=fetched)
            else:
                yield Reject(final, f"unsupported content type {ctype.split(';')[0]!r}")
        except InputError as exc:
            yield Reject(exc.source, exc.reason)

    def _feed(self, body: bytes, url: str) -> Iterator[RawArticle | Reject]:
        started: float | None = None  # when the first teaser link was followed
        followed = kept = skipped = 0
        for item in iter_entries(io.BytesIO(body), url):
            if isinstance(item, Reject):
                yield item
                continue
            entry = item.article
            if not (item.teaser and self.config.follow_teasers and entry.url):
                if entry.text or entry.html:
                    yield entry
                else:
                    yield Reject(entry.source, "feed entry has no text")
                continue
            if started is None:
                started = self.clock()
            if self.clock() - started >= self.config.teaser_budget:
                # The feed's time for pages is spent: keep the teaser as the feed gave it, or skip it.
                if entry.text or entry.html:
                    kept += 1
                    entry.notes.append(f"page {entry.url} not fetched (the feed's teaser_budget of "
                                       f"{self.config.teaser_budget:g} s was spent): the feed's teaser is stored")
                    yield entry
                else:
                    skipped += 1
                continue
            followed += 1
            pages = [p for p in self.fetch(entry.url)]
            page = next((p for p in pages if isinstance(p, RawArticle) and p.html), None)
            if page is None:
                # The page could not be fetched: keep the teaser if there is one, with the reason.
                yield from (p for p in pages if isinstance(p, Reject))
                if entry.text or entry.html:
                    yield entry
                continue
            yield RawArticle(
                source=page.source, html=page.html, url=page.url, title=entry.title,
                published=entry.published, outlet=entry.outlet, byline=entry.byline,
                input_id=entry.input_id, fetched=page.fetched,
            )
        if kept or skipped:
            yield Reject(url, f"teaser links not followed after the feed's teaser_budget of "
                              f"{self.config.teaser_budget:g} s ({followed:,} followed): {kept + skipped:,} not "
                              f"followed, {kept:,} stored as the feed's teaser text, {skipped:,} skipped (no text)")


def is_url(value: object) -> bool:
    """True for an ``http://`` or ``https://`` argument (rather than a path)."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


_SHARED: dict[FetchConfig, Fetcher] = {}


def shared_fetcher(config: FetchConfig) -> Fetcher:
    """One fetcher per configuration and process, so robots.txt, per-host delays and
    validators carry over from one URL argument (or one watch round) to the next."""
    if config not in _SHARED:
        _SHARED[config] = Fetcher(config)
    return _SHARED[config]


def fetch_urls(urls: Iterable[str], config: FetchConfig | None = None) -> Iterator[RawArticle | Reject]:
    """Every article (or reject) at ``urls``: pages, or feeds whose teaser entries are followed."""
    with Fetcher(config or FetchConfig()) as fetcher:
        for url in urls:
            yield from fetcher.fetch(url)


def _codec(charset: str | None) -> str:
    try:
        return codecs.lookup(charset or "utf-8").name
    except LookupError:
        return "utf-8"


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(value: str) -> float:
    """``"15m"`` → 900.0 seconds; accepts s, m, h, d (a bare number is seconds)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value)
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"not a duration: {value!r} (try 30s, 15m, 2h)")
    return float(match.group(1)) * _UNITS[match.group(2) or "s"]


def watch(
    urls: list[str],
    every: float,
    on_batch: Callable[[list[RawArticle | Reject]], None],
    config: FetchConfig | None = None,
    *,
    rounds: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Fetch ``urls`` every ``every`` seconds, handing each round's records to ``on_batch``.

    Conditional requests make an unchanged page or feed cost one 304 and
    yield nothing. Runs ``rounds`` times (forever if ``None``); returns the
    number of rounds run.
    """
    done = 0
    fetcher = Fetcher(config or FetchConfig(), sleep=sleep)
    try:
        while rounds is None or done < rounds:
            started = time.monotonic()
            batch = [item for url in urls for item in fetcher.fetch(url)]
            on_batch(batch)
            done += 1
            if rounds is not None and done >= rounds:
                break
            sleep(max(0.0, every - (time.monotonic() - started)))
    finally:
        fetcher.close()
    return done

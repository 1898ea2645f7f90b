"""RSS and Atom feeds (feedparser): each entry becomes an article.

Reading a feed file stays offline: an entry becomes an article from the text
the feed carries. When a feed is fetched from the web (``ingest.fetch``),
entries that carry only a teaser are replaced by the page they link to.

A feed of ordinary size is parsed whole by feedparser, which forgives most
malformed markup. A larger one (an archive of 20,000 entries, tens of MB) is
streamed: lxml's ``iterparse`` reads it element by element, each run of
``STREAM_BATCH`` entries is handed to feedparser inside a copy of the feed's
own outer elements (so dates, content and namespaces are read exactly as in
a whole feed), and every entry read is dropped from the tree. Memory stays
bounded by one batch, and the runner stores articles while the rest of the
feed is still being read.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, BinaryIO

import feedparser
from lxml import etree

from storyline.errors import InputError
from storyline.models import RawArticle, Reject
from storyline.settings import Settings

# An entry with less text than this, and no full content, is a teaser.
TEASER_WORDS = 120
_TEASER_END = re.compile(r"(\.\.\.|…|\[\s*(\.\.\.|…)\s*\]|read more|continue reading)\W*$", re.I)
_TAGS = re.compile(r"<[^>]+>")
# A feed up to this size is parsed whole (feedparser's lenient parser); a larger one is streamed.
WHOLE_FEED_BYTES = 4_000_000
# Entries handed to feedparser at once when streaming: large enough that its per-call
# overhead is small, small enough that a batch of long entries stays a few MB.
STREAM_BATCH = 64
_ENTRY_NAMES = frozenset({"item", "entry"})  # RSS 0.9x/1.0/2.0 items, Atom entries
_FEED_NAMES = frozenset({"channel", "feed", "RDF", "rss"})  # what an entry or the feed's title sits in


@dataclass(slots=True)
class FeedEntry:
    """One entry of a feed, as an article plus whether it is only a teaser."""

    article: RawArticle
    teaser: bool


def _entry_date(entry: feedparser.FeedParserDict) -> str | None:
    """The entry's date in UTC, as ISO text (validated later, like any declared date)."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    try:
        return datetime(*parsed[:6], tzinfo=timezone.utc).isoformat() if parsed else None
    except (TypeError, ValueError, OverflowError):
        return None


def _entry(entry: feedparser.FeedParserDict, where: str, outlet: str | None) -> FeedEntry | Reject:
    """One feedparser entry as a ``FeedEntry`` (or a reject when it has neither text nor link)."""
    content = entry.get("content")
    full = content[0].get("value", "") if content else ""
    body = full or entry.get("summary", "") or ""
    link = entry.get("link") or None
    words = len(_TAGS.sub(" ", body).split())
    teaser = bool(link) and not (full and words >= TEASER_WORDS) and (
        words < TEASER_WORDS or bool(_TEASER_END.search(_TAGS.sub(" ", body).strip()))
    )
    if not body.strip() and not link:
        return Reject(where, "feed entry has no text and no link")
    is_html = bool(re.search(r"<[a-zA-Z][^>]*>", body))
    return FeedEntry(
        RawArticle(
            source=where,
            html=body if is_html and body.strip() else None,
            text=body if not is_html and body.strip() else None,
            input_id=entry.get("id"),
            url=link,
            title=entry.get("title"),
            published=_entry_date(entry),
            outlet=outlet,
            byline=entry.get("author"),
        ),
        teaser,
    )


def _where(source: str, entry: feedparser.FeedParserDict, number: int) -> str:
    return f"{source}#{entry.get('id') or entry.get('link') or number}"


def parse_entries(data: bytes, source: str) -> list[FeedEntry | Reject]:
    """Every entry of an RSS/Atom document held whole; raises ``InputError`` if it is not a feed."""
    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser's own parsers can raise nearly anything on garbage
        raise InputError(source, f"not a readable RSS/Atom feed ({type(exc).__name__})") from exc
    if not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "no entries")[:160]
        raise InputError(source, f"not a readable RSS/Atom feed ({reason})")
    outlet = parsed.feed.get("title") or None
    out = [_entry(entry, _where(source, entry, i), outlet) for i, entry in enumerate(parsed.entries)]
    if parsed.get("bozo") and all(isinstance(o, Reject) for o in out):
        reason = str(parsed.get("bozo_exception") or "no usable entries")[:160]
        raise InputError(source, f"malformed RSS/Atom feed ({reason})")
    return out


def _local(element: Any) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _shell(entry: Any) -> tuple[Any, Any]:
    """An empty copy of the elements around ``entry`` (root, and channel if any): (root, where entries go)."""
    parent = entry.getparent()
    root = entry.getroottree().getroot()
    shell = etree.Element(root.tag, attrib=dict(root.attrib), nsmap=root.nsmap)
    inner = shell if parent is root else etree.SubElement(shell, parent.tag, attrib=dict(parent.attrib),
                                                          nsmap=parent.nsmap)
    return shell, inner


def _parse_batch(batch: list[Any], shell: tuple[Any, Any]) -> list[feedparser.FeedParserDict]:
    root, inner = shell
    for element in batch:
        inner.append(element)
    try:
        return list(feedparser.parse(etree.tostring(root)).entries)
    finally:
        for element in batch:
            inner.remove(element)


def stream_entries(fh: BinaryIO, source: str) -> Iterator[FeedEntry | Reject]:
    """Every entry of an RSS/Atom stream, read element by element (memory bounded by one batch).

    Raises ``InputError`` if nothing in it is an entry; a feed malformed after
    some entries gives those entries and one reject naming where it broke.
    """
    outlet: str | None = None
    batch: list[Any] = []
    shell: tuple[Any, Any] | None = None
    number = 0

    def flush() -> Iterator[FeedEntry | Reject]:
        nonlocal number
        assert shell is not None
        for entry in _parse_batch(batch, shell):
            yield _entry(entry, _where(source, entry, number), outlet)
            number += 1
        batch.clear()

    events = etree.iterparse(fh, events=("end",), resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        for _, element in events:
            name = _local(element)
            parent = element.getparent()
            if parent is None or _local(parent) not in _FEED_NAMES:
                continue
            if name == "title" and outlet is None:
                outlet = (element.text or "").strip() or None
            elif name in _ENTRY_NAMES:
                if shell is None:
                    shell = _shell(element)
                batch.append(copy.deepcopy(element))
                element.clear(keep_tail=False)
                while element.getprevious() is not None:  # drop what was read: memory stays bounded
                    del parent[0]
                if len(batch) >= STREAM_BATCH:
                    yield from flush()
    except etree.XMLSyntaxError as exc:
        if shell is None:
            raise InputError(source, f"malformed RSS/Atom feed ({str(exc)[:160]})") from exc
        if batch:
            yield from flush()
        yield Reject(source, f"malformed RSS/Atom feed after entry {number} ({str(exc)[:160]}); "
                             f"the {number} entries before it were read")
        return
    if shell is None:
        raise InputError(source, "not a readable RSS/Atom feed (no entries)")
    if batch:
        yield from flush()


def iter_entries(fh: BinaryIO, source: str, whole: int | None = None) -> Iterator[FeedEntry | Reject]:
    """The entries of a feed stream: parsed whole up to ``whole`` bytes (``WHOLE_FEED_BYTES``), streamed past it."""
    whole = WHOLE_FEED_BYTES if whole is None else whole
    head = fh.read(whole + 1)
    if len(head) <= whole:
        yield from parse_entries(head, source)
    else:
        yield from stream_entries(_Chained(head, fh), source)


class _Chained(io.RawIOBase):
    """``head`` then the rest of ``fh``, as one readable stream."""

    def __init__(self, head: bytes, fh: BinaryIO) -> None:
        self._head, self._fh = memoryview(head), fh

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._fh.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def _articles(items: Iterable[FeedEntry | Reject]) -> Iterator[RawArticle | Reject]:
    for item in items:
        if isinstance(item, Reject):
            yield item
        elif item.article.html is None and item.article.text is None:
            yield Reject(item.article.source, "feed entry has no text (fetch the feed's URL to follow its links)")
        else:
            yield item.article


def read(data: bytes, source: str, settings: Settings) -> Iterator[RawArticle | Reject]:
    """A feed held in memory: each entry with text becomes an article (no network)."""
    yield from read_stream(io.BytesIO(data), source, settings)


def read_stream(fh: BinaryIO, source: str, settings: Settings) -> Iterator[RawArticle | Reject]:
    """A feed file, streamed when large: each entry with text becomes an article (no network)."""
    yield from _articles(iter_entries(fh, source))

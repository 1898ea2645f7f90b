"""RSS and Atom feeds (feedparser): each entry becomes an article.

Reading a feed file stays offline: an entry becomes an article from the text
the feed carries. When a feed is fetched from the web (``ingest.fetch``),
entries that carry only a teaser are replaced by the page they link to.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from collections.abc import Iterator
from dataclasses import dataclass

import feedparser

from storyline.errors import InputError
from storyline.models import RawArticle, Reject
from storyline.settings import Settings

# An entry with less text than this, and no full content, is a teaser.
TEASER_WORDS = 120
_TEASER_END = re.compile(r"(\.\.\.|…|\[\s*(\.\.\.|…)\s*\]|read more|continue reading)\W*$", re.I)
_TAGS = re.compile(r"<[^>]+>")


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


def parse_entries(data: bytes, source: str) -> list[FeedEntry | Reject]:
    """Every entry of an RSS/Atom document; raises ``InputError`` if it is not a feed."""
    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser's own parsers can raise nearly anything on garbage
        raise InputError(source, f"not a readable RSS/Atom feed ({type(exc).__name__})") from exc
    if not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "no entries")[:160]
        raise InputError(source, f"not a readable RSS/Atom feed ({reason})")
    outlet = parsed.feed.get("title") or None
    out: list[FeedEntry | Reject] = []
    for i, entry in enumerate(parsed.entries):
        where = f"{source}#{entry.get('id') or entry.get('link') or i}"
        content = entry.get("content")
        full = content[0].get("value", "") if content else ""
        body = full or entry.get("summary", "") or ""
        link = entry.get("link") or None
        words = len(_TAGS.sub(" ", body).split())
        teaser = bool(link) and not (full and words >= TEASER_WORDS) and (
            words < TEASER_WORDS or bool(_TEASER_END.search(_TAGS.sub(" ", body).strip()))
        )
        if not body.strip() and not link:
            out.append(Reject(where, "feed entry has no text and no link"))
            continue
        is_html = bool(re.search(r"<[a-zA-Z][^>]*>", body))
        out.append(FeedEntry(
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
        ))
    if parsed.get("bozo") and all(isinstance(o, Reject) for o in out):
        reason = str(parsed.get("bozo_exception") or "no usable entries")[:160]
        raise InputError(source, f"malformed RSS/Atom feed ({reason})")
    return out


def read(data: bytes, source: str, settings: Settings) -> Iterator[RawArticle | Reject]:
    """A feed file: each entry with text becomes an article (no network)."""
    for item in parse_entries(data, source):
        if isinstance(item, Reject):
            yield item
        elif item.article.html is None and item.article.text is None:
            yield Reject(item.article.source, "feed entry has no text (fetch the feed's URL to follow its links)")
        else:
            yield item.article

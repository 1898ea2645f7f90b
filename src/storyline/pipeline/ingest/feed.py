"""RSS and Atom feeds (feedparser): each entry becomes an article."""

from __future__ import annotations

import time
from collections.abc import Iterator

import feedparser

from storyline.errors import InputError
from storyline.models import RawArticle, Reject
from storyline.settings import Settings


def _entry_date(entry: feedparser.FeedParserDict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", parsed) if parsed else None


def read(data: bytes, source: str, settings: Settings) -> Iterator[RawArticle | Reject]:
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "no entries")
        raise InputError(source, f"not a readable RSS/Atom feed ({reason})")
    outlet = parsed.feed.get("title")
    for i, entry in enumerate(parsed.entries):
        where = f"{source}#{entry.get('id') or entry.get('link') or i}"
        content = entry.get("content")
        body = content[0].value if content else entry.get("summary", "")
        if not body.strip():
            yield Reject(where, "feed entry has no text")
            continue
        yield RawArticle(
            source=where,
            html=body if "<" in body else None,
            text=None if "<" in body else body,
            input_id=entry.get("id"),
            url=entry.get("link"),
            title=entry.get("title"),
            published=_entry_date(entry),
            outlet=outlet,
            byline=entry.get("author"),
        )

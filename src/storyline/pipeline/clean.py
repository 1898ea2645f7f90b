"""Clean: a ``RawArticle`` becomes an ``Article`` with body text and metadata.

HTML goes through trafilatura; plain text through our line rules
(``textlines``). Every line dropped from a plain-text body is kept in
``removed``. Unicode is repaired with ftfy, leaving quote marks as they are,
and the body's language is identified with py3langid.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

import ftfy
import py3langid
import trafilatura

from storyline.errors import InputError
from storyline.models import Article, RawArticle, Reject
from storyline.pipeline.base import Context, register
from storyline.pipeline.metadata import (
    BYLINE,
    PUBLISHED_LINE,
    clean_byline,
    find_agencies,
    format_published,
    parse_date,
    parse_dateline,
)
from storyline.pipeline.textlines import judge_line

_META_PUBLISHED = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)=["'](?:article:published_time|datePublished|pubdate|publish[-_]?date|date)["'][^>]*content=["']([^"']+)["']""",
    re.I,
)
_META_PUBLISHED_REVERSED = re.compile(
    r"""<meta[^>]+content=["']([^"']+)["'][^>]*(?:property|name|itemprop)=["'](?:article:published_time|datePublished|pubdate)["']""",
    re.I,
)
_HTML_LANG = re.compile(r"""<html[^>]*\slang=["']?([a-zA-Z]{2})""", re.I)


def content_hash(raw: RawArticle) -> str:
    """Hash of what an article *is*, not where it came from: re-ingesting it is a no-op."""
    payload = json.dumps(
        [raw.text, raw.html, raw.title, raw.url, raw.published, raw.outlet, raw.byline],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def fix_unicode(text: str) -> str:
    """Repair mojibake and odd characters; quote marks keep their meaning and form."""
    return ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")


def detect_language(text: str) -> str:
    if len(text.strip()) < 20:
        return "und"
    return py3langid.classify(text[:5000])[0]


def _outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


class _Fields:
    """Metadata gathered while cleaning, declared values first."""

    def __init__(self, raw: RawArticle) -> None:
        self.title = raw.title
        self.byline = clean_byline(raw.byline)
        self.published = format_published(raw.published)
        self.outlet = raw.outlet
        self.url = raw.url
        self.language = raw.language


def _clean_plain(text: str, fields: _Fields, max_headline_words: int) -> tuple[list[str], list[str]]:
    """Split scraped text into body paragraphs and removed lines."""
    body: list[str] = []
    removed: list[str] = []
    seen: set[str] = set()
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    for index, line in enumerate(lines):
        if not body and fields.title and line.casefold() == fields.title.casefold():
            removed.append(line)
            seen.add(line.casefold())
            continue
        if not body and not fields.title and index == 0 and _looks_like_headline(line, max_headline_words):
            fields.title = line
            removed.append(line)
            seen.add(line.casefold())
            continue
        if not body and _take_metadata_line(line, fields):
            removed.append(line)
            continue
        verdict = judge_line(line, seen)
        seen.add(line.casefold())
        (body if verdict.keep else removed).append(line)
    return body, removed


def _looks_like_headline(line: str, max_words: int) -> bool:
    return len(line.split()) <= max_words and not line.endswith((".", ",", ";")) or (
        len(line.split()) <= max_words and line.endswith("?")
    )


def _take_metadata_line(line: str, fields: _Fields) -> bool:
    """Consume a byline or publication-date line heading the body."""
    match = BYLINE.match(line)
    if match and len(line.split()) <= 12:
        fields.byline = fields.byline or clean_byline(match.group("names"))
        stamp = PUBLISHED_LINE.search(line.split("|")[-1])
        if stamp and not fields.published:
            parsed = parse_date(stamp.group("date"))
            fields.published = format_published(parsed.isoformat()) if parsed else None
        return True
    stamp = PUBLISHED_LINE.match(line)
    if stamp:
        if not fields.published:
            parsed = parse_date(stamp.group("date"))
            fields.published = format_published(parsed.isoformat()) if parsed else None
        return True
    return False


def _html_published(html: str) -> str | None:
    match = _META_PUBLISHED.search(html) or _META_PUBLISHED_REVERSED.search(html)
    return format_published(match.group(1)) if match else None


def _clean_html(html: str, fields: _Fields, source: str) -> tuple[list[str], list[str]]:
    doc = trafilatura.bare_extraction(
        html, url=fields.url, with_metadata=True, include_comments=False, include_tables=False
    )
    if doc is None or not (doc.text or "").strip():
        raise InputError(source, "no article body found in the HTML")
    fields.title = fields.title or doc.title
    fields.byline = fields.byline or clean_byline(doc.author)
    fields.published = fields.published or _html_published(html) or format_published(doc.date)
    fields.outlet = fields.outlet or doc.sitename
    fields.url = fields.url or doc.url
    if not fields.language:
        match = _HTML_LANG.search(html[:2000])
        fields.language = match.group(1).lower() if match else None
    body: list[str] = []
    removed: list[str] = []
    seen: set[str] = set()
    for line in (ln.strip() for ln in doc.text.splitlines()):
        if not line:
            continue
        if not body and fields.title and line.casefold() == fields.title.casefold():
            removed.append(line)
            continue
        if not body and _take_metadata_line(line, fields):
            removed.append(line)
            continue
        verdict = judge_line(line, seen)
        seen.add(line.casefold())
        # Short lines in extracted HTML are usually subheadings, not stray words.
        keep = verdict.keep or verdict.reason == "stray short line"
        (body if keep else removed).append(line)
    return body, removed


@register
class Clean:
    """RawArticle → Article: body text, removed lines, metadata, language."""

    name = "clean/1"
    requires = ("raw",)
    assigns = ("text", "removed", "title", "byline", "outlet", "agencies", "dateline", "published", "language")

    def run(self, records: Iterable[RawArticle], ctx: Context) -> Iterator[Article | Reject]:
        for raw in records:
            try:
                yield self.clean(raw, ctx)
            except InputError as exc:
                ctx.count("rejected_clean")
                yield Reject(exc.source, exc.reason)

    def clean(self, raw: RawArticle, ctx: Context) -> Article:
        fields = _Fields(raw)
        if raw.html:
            body, removed = _clean_html(raw.html, fields, raw.source)
        else:
            body, removed = _clean_plain(fix_unicode(raw.text or ""), fields, ctx.settings.headline_max_words)
        body = [fix_unicode(p) for p in body]
        if not body:
            raise InputError(raw.source, "no body text left after cleaning")
        text = "\n\n".join(body)
        dateline = parse_dateline(body[0])
        agencies = find_agencies(removed[:6] + body[:1] + body[-2:])
        digest = content_hash(raw)
        return Article(
            id="a" + digest[:15],
            source=raw.source,
            text=text,
            content_hash=digest,
            input_id=raw.input_id,
            url=fields.url,
            title=fix_unicode(fields.title).strip() if fields.title else None,
            byline=fields.byline,
            outlet=fields.outlet or _outlet_from_url(fields.url),
            agencies=agencies,
            dateline=dateline[0] if dateline else None,
            published=fields.published,
            language=fields.language or detect_language(text),
            removed=removed,
        )

"""Clean: a ``RawArticle`` becomes an ``Article`` with body text and metadata.

HTML goes through ``htmlextract`` (trafilatura, readability fallback); plain
text through our line rules (``textlines``). Metadata lines heading the body
(headline, byline, date stamp, agency credit) are read and moved to
``removed`` with every other dropped line, so nothing is lost. Unicode is
repaired with ftfy, leaving quote marks as they are, and the body's language
is identified with py3langid.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import ftfy
import py3langid

from storyline.errors import InputError
from storyline.models import Article, RawArticle, Reject
from storyline.pipeline.base import Context, register
from storyline.pipeline.htmlextract import extract_body
from storyline.pipeline.htmlmeta import html_metadata
from storyline.pipeline.metadata import (
    check_language,
    check_published,
    clean_byline,
    find_agencies,
    format_published,
    outlet_from_url,
    parse_dateline,
    parse_head_line,
    parse_masthead,
)
from storyline.pipeline.textlines import LineVerdict, judge_line, judge_lines

# Lines at the top of a body that may still be headline or metadata.
_HEAD_LINES = 6
# The line rules that also hold for text extracted from HTML (measured on AEB:
# the others, captions and repeats above all, cost more recall than they gain;
# short lines in extracted HTML are mostly subheadings).
_HTML_JUNK = frozenset({"author bio", "newsletter prompt", "related link", "interface word", "footer", "cookie prompt"})


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
    """ISO 639-1 code of the body's language ("und" for too little text)."""
    if len(text.strip()) < 20:
        return "und"
    # The opening paragraphs tell the language as well as the whole text, at a fraction of the cost.
    return py3langid.classify(text[:1500])[0]


@dataclass(slots=True)
class Fields:
    """Metadata gathered while cleaning; values the input declared come first."""

    title: str | None = None
    byline: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    agencies: list[str] = field(default_factory=list)
    fetched: str | None = None
    notes: list[str] = field(default_factory=list)  # declared values discarded, and why

    @classmethod
    def from_raw(cls, raw: RawArticle) -> Fields:
        published, note = check_published(raw.published, raw.fetched)
        language, lang_note = check_language(raw.language)
        notes = list(raw.notes) + [n for n in (note, lang_note) if n and n not in raw.notes]
        return cls(
            title=raw.title,
            byline=clean_byline(raw.byline),
            published=published,
            outlet=raw.outlet,
            url=raw.url,
            language=language,
            fetched=raw.fetched,
            notes=notes,
        )


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _headline_line(lines: list[str], index: int, fields: Fields, max_words: int, set_apart: bool) -> bool:
    """Is this head line the headline (the declared title, or an untitled first line)?

    Without a declared title, a short unpunctuated first line is the headline
    only when something marks it as one: a blank line after it, a byline,
    date stamp or share buttons under it, or Title Case. Scrapes often open
    with a caption or a standfirst that looks just as short.
    """
    line = lines[index]
    if fields.title:
        title, norm = _norm(fields.title), _norm(line)
        return bool(title) and (norm == title or (index < 3 and title in norm and len(title) > 0.4 * len(norm)))
    words = line.split()
    if index != 0 or len(words) > max_words or line.rstrip().endswith((".", ",", ";", ":", '"', "”", "'", "’")):
        return False
    nxt = lines[1] if len(lines) > 1 else ""
    capitalised = [w for w in words if len(w) > 3]
    title_case = len(capitalised) >= 3 and sum(w[0].isupper() for w in capitalised) >= 0.8 * len(capitalised)
    return set_apart or title_case or parse_head_line(nxt) is not None or not judge_line(nxt, set()).keep


def split_plain(text: str, fields: Fields, max_headline_words: int = 20) -> list[tuple[str, LineVerdict]]:
    """Judge each non-empty line of a plain-text body, reading head metadata into ``fields``."""
    raw_lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in raw_lines if line]
    # Is the first line set apart by a blank line (in a text whose paragraphs are)?
    first = next((i for i, line in enumerate(raw_lines) if line), 0)
    set_apart = first + 2 < len(raw_lines) and not raw_lines[first + 1] and bool(raw_lines[first + 2])
    head: list[tuple[str, LineVerdict]] = []
    seen: set[str] = set()
    for index, line in enumerate(lines[:_HEAD_LINES]):
        masthead = parse_masthead(line) if index < 2 and len(lines) > 2 else None
        if masthead and _norm(masthead) != _norm(fields.title or ""):
            fields.outlet = fields.outlet or masthead
            head.append((line, LineVerdict(False, "masthead")))
        elif _headline_line(lines[len(head) :], index - len(head), fields, max_headline_words, set_apart):
            if not fields.title:
                fields.title = line
            _take_head(line, fields)  # "Headline Updated: 2016-07-15 13:14 (Agencies)"
            head.append((line, LineVerdict(False, "headline")))
        elif _take_head(line, fields):
            head.append((line, LineVerdict(False, "metadata")))
        elif not (verdict := judge_line(line, seen)).keep:
            head.append((line, verdict))  # share buttons between headline and byline
        else:
            break
        seen.add(line.casefold())
    rest = lines[len(head):]
    return head + list(zip(rest, judge_lines(rest)))


def _take_head(line: str, fields: Fields) -> bool:
    """Read a byline / date stamp / agency credit line into ``fields``; False if it is none."""
    info = parse_head_line(line)
    if info is None:
        return False
    fields.byline = fields.byline or info.byline
    fields.published = fields.published or info.published
    fields.agencies += [a for a in info.agencies if a not in fields.agencies]
    return True


def _clean_plain(text: str, fields: Fields, max_headline_words: int) -> tuple[list[str], list[str]]:
    judged = split_plain(text, fields, max_headline_words)
    return [ln for ln, v in judged if v.keep], [ln for ln, v in judged if not v.keep]


def _clean_html(html: str, fields: Fields, source: str) -> tuple[list[str], list[str]]:
    page = extract_body(html, fields.url)
    if not page.lines:
        raise InputError(source, "no article body found in the HTML")
    meta = html_metadata(html, fields.fetched)
    fields.notes += [n for n in meta.notes if not fields.published]  # moot when the input declared a date
    fields.title = fields.title or meta.title or page.title
    fields.byline = fields.byline or clean_byline(meta.author or page.author)
    fields.published = fields.published or meta.published or format_published(page.date)
    fields.outlet = fields.outlet or meta.site_name or page.sitename
    fields.url = fields.url or meta.url or page.url
    fields.language = fields.language or meta.language
    body: list[str] = []
    removed: list[str] = []
    for index, (line, verdict) in enumerate(zip(page.lines, judge_lines(page.lines))):
        if not body and index < _HEAD_LINES:
            if fields.title and _norm(line) == _norm(fields.title):
                removed.append(line)
                continue
            if _take_head(line, fields):
                removed.append(line)
                continue
        (removed if verdict.reason in _HTML_JUNK else body).append(line)
    return body, removed


@register
class Clean:
    """RawArticle → Article: body text, removed lines, metadata, language."""

    name = "clean/3"
    requires = ("raw",)
    assigns = ("text", "removed", "title", "byline", "outlet", "agencies", "dateline", "published", "language")

    def run(self, records: Iterable[RawArticle], ctx: Context) -> Iterator[Article | Reject]:
        for raw in records:
            try:
                article = self.clean(raw, ctx)
                for note in article.notes:  # "published '0001-01-01' discarded: out of range"
                    ctx.count("discarded_" + note.split(" ", 1)[0] if " discarded" in note else "noted")
                    ctx.log.info("%s: %s", article.source, note)
                yield article
            except InputError as exc:
                ctx.count("rejected_clean")
                yield Reject(exc.source, exc.reason)

    def clean(self, raw: RawArticle, ctx: Context) -> Article:
        """Clean one article; raises ``InputError`` when no body is left."""
        fields = Fields.from_raw(raw)
        if raw.html:
            body, removed = _clean_html(raw.html, fields, raw.source)
            body = [fix_unicode(p) for p in body]
        else:  # plain text is repaired whole, before its lines are read
            body, removed = _clean_plain(fix_unicode(raw.text or ""), fields, ctx.settings.headline_max_words)
        if not body:
            raise InputError(raw.source, "no body text left after cleaning")
        text = "\n\n".join(body)
        dateline = parse_dateline(body[0])
        agencies = list(fields.agencies)
        for name in find_agencies(removed[:6] + body[:1] + body[-2:]):
            if name not in agencies:
                agencies.append(name)
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
            outlet=fields.outlet or outlet_from_url(fields.url),
            agencies=agencies,
            dateline=dateline[0] if dateline else None,
            published=fields.published,
            language=fields.language or detect_language(text),
            removed=removed,
            notes=fields.notes,
        )

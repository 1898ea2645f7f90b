"""Clean: a ``RawArticle`` becomes an ``Article`` with body text and metadata.

HTML goes through ``htmlextract`` (trafilatura, readability fallback); plain
text through the learned line labeller (``pipeline.lines``). Metadata lines heading the body
(headline, byline, date stamp, agency credit) are read and moved to
``removed`` with every other dropped line, so nothing is lost. Unicode is
repaired with ftfy, leaving quote marks as they are, and the body's language
is identified with py3langid.
"""

from __future__ import annotations

import hashlib
import json
import re
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import ftfy
import py3langid

from storyline.errors import InputError
from storyline.models import Article, RawArticle, Reject
from storyline.pipeline.base import Context, register
from storyline.pipeline.htmlextract import extract_body
from storyline.pipeline.htmlmeta import html_metadata
from storyline.pipeline.lines.reader import read_scrape
from storyline.pipeline.metadata import (
    check_language,
    check_published,
    clean_byline,
    find_agencies,
    is_sign_off,
    outlet_from_url,
    parse_dateline,
    parse_head_line,
)
from storyline.pipeline.textlines import LineVerdict, judge_lines
from storyline.pipeline.unwrap import unwrap

# Lines at the top of a body that may still be headline or metadata.
_HEAD_LINES = 6
# The line rules that also hold for text extracted from HTML (measured on AEB:
# the others, captions and repeats above all, cost more recall than they gain;
# short lines in extracted HTML are mostly subheadings).
_HTML_JUNK = frozenset({"author bio", "newsletter prompt", "related link", "interface word", "footer", "cookie prompt"})


_CREDIT_LINE = re.compile(r"^\W*(with|from|additional reporting|reporting by|compiled|.{0,60}\bcontributed\b)", re.I)


def content_hash(raw: RawArticle) -> str:
    """Hash of what an article *is*, not where it came from: re-ingesting it is a no-op."""
    payload = json.dumps(
        [raw.text, raw.html, raw.title, raw.url, raw.published, raw.outlet, raw.byline],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


# What ftfy can change in ASCII text: HTML entities, control characters (terminal escapes,
# carriage returns and other C0 controls). ASCII text with none of them is returned as it is.
_FTFY_ASCII_WORK = re.compile(r"[&\x00-\x08\x0b-\x1f\x7f]")
_FTFY_SEGMENT = 1_000_000  # ftfy's max_decode_length: longer lines are cut where ftfy cuts them


def fix_unicode(text: str) -> str:
    """Repair mojibake and odd characters; quote marks keep their meaning and form."""
    if not text.isascii() or len(text) > _FTFY_SEGMENT:
        return ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")
    if not _FTFY_ASCII_WORK.search(text):
        return text  # nothing for ftfy to fix, and most English bodies are plain ASCII
    # ftfy fixes a text line by line; on ASCII, a line without an entity or a control character
    # comes back as it went in, so only the lines with one are passed (Reuters bodies print
    # "&lt;" on a line or two). As in ftfy, a "<" on a line stops HTML unescaping from there on.
    out: list[str] = []
    unescape: str | bool = "auto"
    pieces = text.split("\n")  # ftfy's lines end at "\n" only (not at "\r" as str.splitlines would)
    for line in [p + "\n" for p in pieces[:-1]] + [pieces[-1]]:
        if "<" in line:
            unescape = False
        if _FTFY_ASCII_WORK.search(line):
            line = ftfy.fix_text(line, uncurl_quotes=False, normalization="NFC", unescape_html=unescape)
        out.append(line)
    return "".join(out)


# English's commonest words: in running English text they are a third of the words, in other
# languages a few percent at most (Romance "a", "as", "on" and "he" included), so a text where they are
# a fifth is English without asking the language identifier (whose byte-by-byte scoring in
# Python is most of Clean's cost on short English bodies). Anything else goes to py3langid.
_ENGLISH_COMMONEST = frozenset(
    "the of and to a in is that for it was on with as said he at by from his be have has are were".split()
)
_WORD = re.compile(r"[a-z]+")
_NO_ASCII_LETTERS = str.maketrans("", "", string.ascii_letters)


def _plainly_english(opening: str) -> bool:
    letters = sum(map(str.isalpha, opening))
    ascii_letters = len(opening) - len(opening.translate(_NO_ASCII_LETTERS))
    if not letters or ascii_letters < 0.97 * letters:
        return False  # another script, or accented Latin: an English quote inside is not an English text
    words = _WORD.findall(opening.lower())
    return len(words) >= 25 and sum(w in _ENGLISH_COMMONEST for w in words) >= len(words) / 5


def detect_language(text: str) -> str:
    """ISO 639-1 code of the body's language ("und" for too little text)."""
    if len(text.strip()) < 20:
        return "und"
    # The opening paragraphs tell the language as well as the whole text, at a fraction of the cost.
    opening = text[:1500]
    if _plainly_english(opening):
        return "en"
    return py3langid.classify(opening)[0]


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

    def take_published(self, value: str | None) -> None:
        """Keep a date the text or page shows, unless the input declared one or it cannot be true (noted)."""
        if self.published or not value:
            return
        self.published, note = check_published(value, self.fetched)
        if note:
            self.notes.append(note.replace("published", "published stamp", 1))


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def split_plain(text: str, fields: Fields) -> list[tuple[str, LineVerdict]]:
    """Judge each non-empty line (or part of a line) of a plain-text scrape, reading head metadata into ``fields``.

    The learned line model (``storyline.pipeline.lines``) labels the lines;
    a line mixing body and junk comes back as two parts. Values the input
    declared are kept over what the text shows.
    """
    reading = read_scrape(text, fields.title)
    fields.title = fields.title or reading.title
    fields.byline = fields.byline or reading.byline
    fields.take_published(reading.published)
    fields.outlet = fields.outlet or reading.outlet
    return [(part, LineVerdict(keep, reason)) for part, keep, reason in reading.parts]


def _take_head(line: str, fields: Fields) -> bool:
    """Read a byline / date stamp / agency credit line into ``fields``; False if it is none."""
    info = parse_head_line(line)
    if info is None:
        return False
    fields.byline = fields.byline or info.byline
    fields.take_published(info.published)
    fields.agencies += [a for a in info.agencies if a not in fields.agencies]
    return True


def _clean_plain(text: str, fields: Fields) -> tuple[list[str], list[str]]:
    judged = split_plain(text, fields)
    return [ln for ln, v in judged if v.keep], [ln for ln, v in judged if not v.keep]


def _clean_html(html: str, fields: Fields, source: str) -> tuple[list[str], list[str]]:
    page = extract_body(html, fields.url)
    if not page.lines:
        raise InputError(source, "no article body found in the HTML")
    meta = html_metadata(html, fields.fetched)
    fields.notes += [n for n in meta.notes if not fields.published]  # moot when the input declared a date
    fields.title = fields.title or meta.title or page.title
    fields.byline = fields.byline or clean_byline(meta.author or page.author)
    fields.published = fields.published or meta.published
    fields.take_published(page.date)
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

    name = "clean/12"
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
        else:  # plain text is repaired whole and its hard-wrapped lines joined, before its lines are read
            body, removed = _clean_plain(unwrap(fix_unicode(raw.text or "")), fields)
        while len(body) > 1 and is_sign_off(body[-1]):  # "Reuter" under wire copy credits, it is not body
            removed.append(body.pop())
        if not body:
            raise InputError(raw.source, "no body text left after cleaning")
        text = "\n\n".join(body)
        dateline = parse_dateline(body[0])
        agencies = list(fields.agencies)
        credits = [line for line in removed if _CREDIT_LINE.match(line) or is_sign_off(line)]  # "With Post wires" under the last paragraph
        for name in find_agencies(removed[:6] + body[:1] + body[-2:] + credits):
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

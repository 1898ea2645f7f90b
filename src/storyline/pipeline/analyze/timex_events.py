"""The dated events of one article, as a timeline reads them: at most one per body sentence.

Read from the article's resolved time expressions, body sentences only (head,
metadata and caption lines are skipped: timex_lines). Each sentence gives at
most one event: a date in it that only times the reporting ("said Monday")
gives way to the date of what is reported, "on Wednesday and Thursday" is one
event over two days, the anchor of a span ("the first since 2015") is no event
at all, and of unrelated dates the first (news puts the main clause first)
times the sentence. The story's timeline (pipeline/brief/timeline.py) merges
these across articles; the story dating (pubdate_story) matches them across
articles to place an undated one. This module reads time expressions only, so
the analyze stage imports it without the brief package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.models import Article, Citation, TimeExpr
from storyline.pipeline.analyze.timex_intervals import Interval, interval_of
from storyline.pipeline.analyze.timex_lines import is_body
from storyline.pipeline.analyze.timex_similar import TIME_WORDS, content_words
from storyline.pipeline.sentences import Sentence, split_sentences

# Share of the shorter sentence's content words two sentences on the same dates must have in
# common to be one event (wire re-runs share nearly all; two outlets' own words about one event
# share names and the verb, about a third).
SAME_EVENT_OVERLAP = 0.34
MIN_EVENT_WORDS = 4  # words (not time words) a sentence needs to tell an event
# A TIME expression dates an event only if it names its day or part of day ("Tuesday night", "5 p.m. Nov. 6").
_DAY_WORDS = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|yesterday|tomorrow|overnight|"
    r"morning|afternoon|evening|night|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b|\d{4}|\d{1,2}/\d{1,2}",
    re.I)
_REPORTING = re.compile(
    r"\b(?:said|says|told\s+(?:\w+\s+){0,3}?|announced|wrote|reported|added|stated|confirmed|tweeted|"
    r"posted|published|declared|insisted|warned)\s+(?:on\s+|late\s+|early\s+|earlier\s+|this\s+)?$", re.I)
_SPAN_ANCHOR = re.compile(r"\b(?:since|ever\s+since)\s+(?:at\s+least\s+|early\s+|late\s+|mid-?)?$", re.I)
_RANGE_JOIN = re.compile(r"^\s*(?:and|to|through|until|or|-|–|—)\s*(?:on\s+)?$", re.I)


@dataclass(slots=True)
class SentenceEvent:
    """One sentence's event: its date, the sentence (as reported by each article that tells it) and citations."""

    value: str
    interval: Interval
    label: str
    text: str
    words: list[set[str]]  # content words of each reporting sentence
    texts: set[str] = field(default_factory=set)  # each reporting sentence, normalised
    citations: list[Citation] = field(default_factory=list)
    order: tuple[int, int] = (0, 0)  # first article, offset: keeps equal dates in reading order


def normal_text(text: str) -> str:
    """``text`` lower-cased, as its words joined by single spaces (the same sentence however it is spaced)."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _day_value(expr: TimeExpr) -> str:
    return expr.value[:10] if expr.type == "TIME" else expr.value


def _range_label(first: Interval, last: Interval) -> str:
    same_month = (first.start.year, first.start.month) == (last.start.year, last.start.month)
    if first.precision == last.precision == "day" and same_month:
        return f"{first.start.strftime('%A')} {first.start.day} – {last.label}"
    return f"{first.label} – {last.label}"


def _sentence_event(article: Article, exprs: list[tuple[TimeExpr, Interval]]) -> tuple[str, Interval, str] | None:
    """The one date a sentence gives its event: (value, interval, label), or None if it has none."""
    text = article.text
    kept = [(e, i) for e, i in exprs if not _SPAN_ANCHOR.search(text[max(0, e.start - 24):e.start])]
    content = [(e, i) for e, i in kept if not _REPORTING.search(text[max(0, e.start - 40):e.start])]
    chosen = content or kept
    if len(chosen) > 1:
        # "next week's round", "Friday's vote" name another event the sentence only refers to.
        plain = [(e, i) for e, i in chosen if not re.match(r"['’]s\b", text[e.end:e.end + 3])]
        chosen = plain or chosen
    if not chosen:
        return None
    first_expr, first = chosen[0]
    # "on Wednesday and Thursday", "from March 3 to March 5": one event over the whole span.
    last_expr, last = first_expr, first
    for expr, interval in chosen[1:]:
        joined = _RANGE_JOIN.match(text[last_expr.end:expr.start])
        if joined and interval.precision == first.precision and interval.start > last.end:
            last_expr, last = expr, interval
        else:
            break
    if last is not first:
        span = Interval(first.start, last.end, first.precision, _range_label(first, last))
        return _day_value(first_expr), span, span.label
    return _day_value(first_expr), first, first.label


def events_of(article: Article, index: int) -> list[SentenceEvent]:
    """The events of ``article`` (the ``index``-th of a story: it orders equal dates), one per dated body sentence."""
    sentences = split_sentences(article.text)
    by_sentence: dict[int, list[tuple[TimeExpr, Interval]]] = {}
    for expr in sorted(article.times, key=lambda t: t.start):
        if expr.type not in {"DATE", "TIME"}:
            continue
        if expr.type == "TIME" and not _DAY_WORDS.search(expr.text):
            continue  # "at 5:58 a.m. local time": a clock time borrows the report's day, it does not date the event
        interval = interval_of(_day_value(expr))
        if interval is None or not is_body(article.text, expr.start, expr.end):
            continue
        k = next((k for k, s in enumerate(sentences) if s.start <= expr.start < s.end), None)
        if k is not None:
            by_sentence.setdefault(k, []).append((expr, interval))
    events = []
    consumed = -1
    for k in sorted(by_sentence):
        if k <= consumed:
            continue
        exprs = by_sentence[k]
        s = sentences[k]
        last = k
        while last + 1 < len(sentences) and max(e.end for e, _ in exprs) > sentences[last].end:
            last += 1  # the splitter cut inside the date ("●Jan." | "8, the ..."): keep them together
            exprs = exprs + by_sentence.get(last, [])
        consumed = last
        if last != k:
            s = Sentence(s.start, sentences[last].end, article.text[s.start:sentences[last].end])
        if sum(not TIME_WORDS.match(w) for w in re.findall(r"[a-z]{2,}", s.text.lower())) < MIN_EVENT_WORDS:
            continue  # "7 p.m. novac.com.": a listing's fragment tells no event
        found = _sentence_event(article, exprs)
        if found is None:
            continue
        value, interval, label = found
        events.append(SentenceEvent(value, interval, label, s.text, [content_words(s.text)], {normal_text(s.text)},
                             [Citation(article.id, s.start, s.end)], (index, s.start)))
    return events


@dataclass(frozen=True, slots=True)
class DatedEvent:
    """One event an article dates, as the timeline reads it: its calendar interval and its sentence."""

    interval: Interval
    text: str
    start: int  # the sentence's offset in the article


def article_events(article: Article) -> list[DatedEvent]:
    """The dated events of one article (at most one per body sentence), in reading order."""
    return [DatedEvent(e.interval, e.text, e.citations[0].start) for e in events_of(article, 0)]

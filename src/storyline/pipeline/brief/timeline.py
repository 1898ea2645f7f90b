"""The timeline: a story's dated events, one entry per event, in calendar order.

Built from the resolved time expressions of body sentences only (head,
metadata and caption lines are skipped: timex_lines). Each sentence gives at
most one event: a date in it that only times the reporting ("said Monday")
gives way to the date of what is reported, "on Wednesday and Thursday" is one
event over two days, the anchor of a span ("the first since 2015") is no
event at all, and of unrelated dates the first (news puts the main clause
first) times the sentence. Sentences of different articles on the same dates
that say much the same thing are one event, citing each article's sentence.
Entries are ordered by their calendar interval (timex_intervals), not by the
text of their codes, and carry a label a reader can read ("week of 10 March 2025").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.models import Article, Citation, TimeExpr, TimelineEntry
from storyline.pipeline.analyze.timex_intervals import Interval, interval_of, sort_key
from storyline.pipeline.analyze.timex_lines import is_body
from storyline.pipeline.analyze.timex_similar import TIME_WORDS, content_words, overlap
from storyline.pipeline.sentences import Sentence, split_sentences

# Share of the shorter sentence's content words two sentences on the same dates must have in
# common to be one event (wire re-runs share nearly all; two outlets' own words about one event
# share names and the verb, about a third).
SAME_EVENT_OVERLAP = 0.34
# Sentences this close are one report whatever dates they resolved to (a wire re-run published a day
# later reads the quote's "today" as its own day); the earliest-published article's date stands.
SAME_REPORT_OVERLAP = 0.6
SAME_REPORT_MIN_WORDS = 6
SAME_REPORT_MAX_DAYS = 7  # beyond a week apart, like sentences are a recurring event ("fired a missile over Japan")
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
class _Event:
    value: str
    interval: Interval
    label: str
    text: str
    words: list[set[str]]  # content words of each reporting sentence
    texts: set[str] = field(default_factory=set)  # each reporting sentence, normalised
    citations: list[Citation] = field(default_factory=list)
    order: tuple[int, int] = (0, 0)  # first article, offset: keeps equal dates in reading order


def _normal(text: str) -> str:
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


def _events_of(article: Article, index: int) -> list[_Event]:
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
        events.append(_Event(value, interval, label, s.text, [content_words(s.text)], {_normal(s.text)},
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
    return [DatedEvent(e.interval, e.text, e.citations[0].start) for e in _events_of(article, 0)]


def _same_event(known: _Event, new: _Event) -> bool:
    words = new.words[0]
    shared = max(overlap(w, words) for w in known.words)
    if (known.interval.start, known.interval.end) == (new.interval.start, new.interval.end):
        return shared >= SAME_EVENT_OVERLAP
    if _normal(new.text) in known.texts:
        return True  # the very same sentence, resolved against different publication dates
    close = abs((known.interval.start - new.interval.start).days) <= SAME_REPORT_MAX_DAYS
    return close and shared >= SAME_REPORT_OVERLAP and len(words) >= SAME_REPORT_MIN_WORDS and all(
        len(w) >= SAME_REPORT_MIN_WORDS for w in known.words[:1])


def build_timeline(articles: list[Article]) -> list[TimelineEntry]:
    """One entry per dated event of ``articles``, citing every article that reports it, in time order.

    An entry's text is the sentence of the first article (in the order given)
    that reports the event; each citation covers the reporting sentence.
    """
    merged: list[_Event] = []
    for index, article in enumerate(articles):
        for event in _events_of(article, index):
            same = next((m for m in merged if _same_event(m, event)), None)
            if same is None:
                merged.append(event)
            elif not any(c.article == article.id for c in same.citations):
                same.citations += event.citations
                same.words += event.words
                same.texts.add(_normal(event.text))
    merged.sort(key=lambda e: (*sort_key(e.interval), e.order))
    return [TimelineEntry(e.value, e.text, e.citations, e.interval.precision, e.label) for e in merged]


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

from storyline.models import Article, TimelineEntry
# The event reader lives in analyze/ (it reads time expressions, not briefs); re-exported for old callers.
from storyline.pipeline.analyze.timex_events import (  # noqa: F401
    SAME_EVENT_OVERLAP,
    DatedEvent,
    article_events,
)
from storyline.pipeline.analyze.timex_events import SentenceEvent as _Event
from storyline.pipeline.analyze.timex_events import events_of as _events_of
from storyline.pipeline.analyze.timex_events import normal_text as _normal
from storyline.pipeline.analyze.timex_intervals import sort_key
from storyline.pipeline.analyze.timex_similar import overlap

# Sentences this close are one report whatever dates they resolved to (a wire re-run published a day
# later reads the quote's "today" as its own day); the earliest-published article's date stands.
SAME_REPORT_OVERLAP = 0.6
SAME_REPORT_MIN_WORDS = 6
SAME_REPORT_MAX_DAYS = 7  # beyond a week apart, like sentences are a recurring event ("fired a missile over Japan")


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


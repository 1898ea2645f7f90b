"""Publication dates from the story: an undated article placed by the events it shares with the others.

A corpus step, run once articles are grouped into stories (``run`` calls
:func:`date_from_stories` after each regrouping). For each undated article of a
story that has dated members:

1. The prior is :func:`pubdate.estimate_from_story`: the story's dated days,
   bounded below by the article's own latest explicit date.
2. The story's *pins* are the events other articles date without depending on
   the undated article's guess: every dated event of a dated article, and the
   events of undated articles whose date does not move when their own guess
   moves a day later ("arrived in Tokyo on Monday" read on the Monday or the
   Tuesday is the Monday; "yesterday" moves with the guess and pins nothing).
3. Each candidate day near the prior is tried as the article's publication day:
   its relative expressions are resolved against it, and every event sentence
   whose date moves day for day with the publication day ("yesterday", "earlier
   in the day"; not a weekday, which only names the week, nor a part of day,
   which time zones put on either side of midnight) and tells the same thing as
   a pin (shared content words, timex_similar) scores the share of those pins,
   looking the same way (done or announced), whose day it then agrees with.
   "Arrived in Japan yesterday", pinned to Monday 15 March by another outlet's
   "arrived in Tokyo on Monday", places the article on Tuesday 16 March.

The best-scoring day wins; on a tie the prior stands (news on the same story is
most often published within the same days), so an article with nothing to pin
is estimated exactly as before. The result is always flagged as estimated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.tokens import Doc

from storyline.models import Article, TimeExpr
from storyline.pipeline.analyze.pubdate import PublishedEstimate, estimate_from_story, estimate_published
from storyline.pipeline.analyze.timex import extract_times
from storyline.pipeline.analyze.timex_events import SAME_EVENT_OVERLAP, article_events
from storyline.pipeline.analyze.timex_similar import content_words, overlap

# Candidate publication days tried around the prior: a report seldom precedes the story's dated
# articles by more than a few days, and may follow them by up to a week.
DAYS_BEFORE = 3
DAYS_AFTER = 7
MIN_PIN_WORDS = 4  # content words a sentence needs to pin or be pinned ("He said so on Monday." pins nothing)
# A cheap gate, not the test: only an article naming a day relative to its own can be placed (the
# test is that the date moves day for day with the publication day); one without such words is
# left at its prior without resolving its times again (each resolution costs about as much as 1/5 of a parse).
DAY_FOR_DAY = re.compile(r"\b(?:today|tonight|yesterday|tomorrow|(?:earlier|later)\s+(?:in\s+)?the\s+day)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Pin:
    article: str
    day: tuple[date, date]  # the event's interval
    words: frozenset[str]
    ahead: bool  # the event lies after its article's (real or estimated) publication day


def _times_at(article: Article, doc: Doc | str, day: date) -> list[TimeExpr]:
    return extract_times(doc, day.isoformat(), dateline=article.dateline, estimated=True, time_of_day=True)


class _Readings:
    """An article's times read from its text as if published on a given day, each day read once."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, date], list[TimeExpr]] = {}

    def __call__(self, article: Article, day: date) -> list[TimeExpr]:
        key = (article.id, day)
        if key not in self._seen:
            self._seen[key] = _times_at(article, article.text, day)
        return self._seen[key]


def _events(article: Article, times: list[TimeExpr], *, by_day_only: bool = False) -> dict[int, tuple[tuple[date, date], frozenset[str]]]:
    """Day-precision events of ``article`` read with ``times``: sentence offset → (interval, content words).

    ``by_day_only`` leaves out sentences dated by a part of a day relative to
    publication ("this morning", "last night", "overnight"): news written in one
    time zone about events in another puts those on either side of midnight
    ("last night" in Sydney is the US afternoon), so they cannot place a day.
    """
    view = replace(article, times=times)
    zoned = [t.start for t in times if t.type == "TIME" and t.anchor] if by_day_only else []
    out = {}
    for e in article_events(view):
        words = frozenset(content_words(e.text))
        if any(e.start <= z < e.start + len(e.text) for z in zoned):
            continue
        if e.interval.precision == "day" and len(words) >= MIN_PIN_WORDS:
            out[e.start] = ((e.interval.start, e.interval.end), words)
    return out


def _agree(pin: tuple[date, date], event: tuple[date, date]) -> bool:
    """One interval inside the other: "due in Seoul on Wednesday" agrees with "in Seoul on Wednesday and Thursday"."""
    return (pin[0] <= event[0] and event[1] <= pin[1]) or (event[0] <= pin[0] and pin[1] <= event[1])


def _score(events: dict[int, tuple[tuple[date, date], frozenset[str]]], matches: dict[int, list[_Pin]], day: date) -> float:
    """Per event sentence with pins: the share of its pins whose interval the event has when published on ``day``.

    A pin counts only if it looks the same way from its article as the event from
    ``day``: an announcement ("departs tomorrow") is not the report of a done
    deed ("took off on Tuesday") even in the same words.
    """
    total = 0.0
    for start, pins in matches.items():
        got = events.get(start)
        if got is None:
            continue
        same_way = [p for p in pins if p.ahead == (got[0][0] > day)]
        if same_way:
            total += sum(_agree(p.day, got[0]) for p in same_way) / len(same_way)
    return total


def _shifted(interval: tuple[date, date], days: int) -> tuple[date, date]:
    return interval[0] + timedelta(days=days), interval[1] + timedelta(days=days)


def _best_pins(words: frozenset[str], pins: Sequence[_Pin], article_id: str) -> list[_Pin]:
    """The pins of other articles that tell the same event as ``words`` (the closest ones only)."""
    scored = [(overlap(set(words), set(p.words)), p) for p in pins if p.article != article_id]
    best = max((s for s, _ in scored), default=0.0)
    return [p for s, p in scored if s == best] if best >= SAME_EVENT_OVERLAP else []


def place_article(article: Article, prior: PublishedEstimate, pins: Sequence[_Pin], read: _Readings | None = None) -> date:
    """The publication day whose reading of ``article`` agrees best with the story's pins.

    Candidate days are read from the text alone (tense from cue words, no parse):
    the caller parses only the articles whose date changes.
    """
    read = read or _Readings()
    start = date.fromisoformat(prior.value)
    floor = _own_floor(article)
    events = _events(article, read(article, start), by_day_only=True)
    later = _events(article, read(article, start + timedelta(days=1)), by_day_only=True)
    # Only what moves day for day with the publication day ("yesterday", "earlier in the day") can
    # place it; a weekday only says which week, and the prior already has that.
    matches = {s: found for s, (interval, words) in events.items()
               if later.get(s, (None,))[0] == _shifted(interval, 1) and (found := _best_pins(words, pins, article.id))}
    if not matches:
        return start
    best, best_score = start, _score(events, matches, start)
    for offset in [*range(1, DAYS_AFTER + 1), *range(-1, -DAYS_BEFORE - 1, -1)]:
        day = start + timedelta(days=offset)
        if floor is not None and day < floor:
            continue
        score = _score(_events(article, read(article, day)), matches, day)
        # Strictly better only: on a tie the prior, then the nearer day, stands.
        if score > best_score + 1e-9 or (abs(score - best_score) <= 1e-9 and best != start
                                          and abs(offset) < abs((best - start).days)):
            best, best_score = day, score
    return best


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _own_floor(article: Article) -> date | None:
    own = estimate_published([t for t in article.times if t.anchor is None])
    return date.fromisoformat(own.value) if own is not None and own.basis == "own-dates" else None


def _pins(dated: Sequence[Article], undated: Sequence[tuple[Article, date]], read: _Readings) -> list[_Pin]:
    pins = []
    for article in dated:
        published = _day(article.published)
        if published is None:
            continue  # a declared date that is no calendar day pins nothing
        for interval, words in _events(article, article.times).values():
            pins.append(_Pin(article.id, interval, words, interval[0] > published))
    for article, prior in undated:
        here = _events(article, read(article, prior))
        later = _events(article, read(article, prior + timedelta(days=1)))
        for start, (interval, words) in here.items():
            if later.get(start, (None,))[0] == interval:  # does not move with the guess
                pins.append(_Pin(article.id, interval, words, interval[0] > prior))
    return pins


def date_from_stories(
    articles: Sequence[Article], assignment: dict[str, str], parse: Callable[[str], Doc | str],
) -> list[Article]:
    """Undated articles whose story gives a better estimate, re-dated (flagged) and their times re-resolved.

    ``assignment`` maps article id → story id; ``parse`` turns a text into a spaCy
    Doc, called only for the articles whose date changes (candidate days are
    read from the text alone). The
    estimate depends on the story alone, not on what an earlier run estimated.
    Returns the articles that changed.
    """
    stories: dict[str, list[Article]] = {}
    for a in articles:
        stories.setdefault(assignment[a.id], []).append(a)
    changed = []
    for members in stories.values():
        dated = [a for a in members if a.published and not a.published_estimated]
        if not dated:
            continue
        days = [a.published for a in dated if a.published]
        undated = []
        for article in members:
            if article.published and not article.published_estimated:
                continue
            own = estimate_published([t for t in article.times if t.anchor is None])
            prior = estimate_from_story(own, days)
            if prior is not None:
                undated.append((article, prior))
        placeable = {a.id for a, _ in undated if DAY_FOR_DAY.search(a.text)}
        read = _Readings()
        pins = _pins(dated, [(a, date.fromisoformat(p.value)) for a, p in undated], read) if placeable else []
        for article, prior in undated:
            placed = place_article(article, prior, pins, read) if article.id in placeable else date.fromisoformat(prior.value)
            day = placed.isoformat()
            if (article.published or "")[:10] == day:
                continue
            article.published, article.published_estimated = day, True
            article.times = _times_at(article, parse(article.text), date.fromisoformat(day))
            changed.append(article)
    return changed

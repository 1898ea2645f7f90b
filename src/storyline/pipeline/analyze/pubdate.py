"""Publication dates for articles that have none: estimated, and always flagged so.

Two pure functions, used in turn:

- :func:`estimate_published` reads the article's own *explicit* dates ("March 12,
  2025", "2025-03-12"): a report is written on or after the events it tells in the
  past tense, so the latest such date is the best single guess (dates in
  future-tense clauses, "talks will resume on April 2, 2025", are only a fallback).
- :func:`estimate_from_story` refines that once the article belongs to a story:
  the story's dated articles say when the story was being written about, and the
  article's own latest explicit date is a lower bound.

Relative expressions are then resolved against the estimate with
``extract_times(..., estimated=True)``, which flags them too.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from storyline.models import TimeExpr
from storyline.pipeline.analyze.timex_calendar import FUTURE
from storyline.pipeline.analyze.timex_lines import line_kind
from storyline.pipeline.analyze.timex_rules import Context, find
from storyline.pipeline.analyze.timex_tense import tense_from_doc, tense_from_text


@dataclass(slots=True, frozen=True)
class PublishedEstimate:
    """An estimated publication date (YYYY-MM-DD), how it was reached, and the flag to store."""

    value: str
    basis: str  # "own-dates", "own-dates-future", "story", "story+own-dates"
    estimated: bool = True


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def explicit_dates(doc: Doc | str) -> list[tuple[date, bool]]:
    """Every full calendar date written out with its year, and whether its clause looks ahead.

    Dates in photo captions are left out: a photo is often older than the
    report ("... on Feb. 26, 2021 in this photo released by AP").
    """
    text = doc if isinstance(doc, str) else doc.text
    tense = (lambda s, e: tense_from_text(text, s, e)) if isinstance(doc, str) else (lambda s, e: tense_from_doc(doc, s, e))
    out: list[tuple[date, bool]] = []
    for m in find(text, Context(None, tense)):
        if m.relative or m.type not in {"DATE", "TIME"} or m.value.startswith("X"):
            continue
        kind = line_kind(text, m.start, m.end)
        if kind is not None and kind.kind == "caption":
            continue
        day = _day(m.value)
        if day is not None and len(m.value) >= 10:
            out.append((day, tense(m.start, m.end) == FUTURE))
    return out


def estimate_published(doc: Doc | str | Sequence[TimeExpr]) -> PublishedEstimate | None:
    """The publication date of an undated article, from its own explicit dates; None if it has none.

    Accepts the parsed Doc (tense from the parse), the plain text (tense from cue
    words), or already-extracted time expressions (no tense: the latest date wins).
    """
    if isinstance(doc, (str, Doc)):
        dates = explicit_dates(doc)
    else:
        dates = [(d, False) for t in doc if t.type in {"DATE", "TIME"} and len(t.value) >= 10
                 and (d := _day(t.value)) is not None]
    past = [d for d, ahead in dates if not ahead]
    if past:
        return PublishedEstimate(max(past).isoformat(), "own-dates")
    if dates:
        # Only announcements: the article predates them; the earliest is the safest bound.
        return PublishedEstimate(min(d for d, _ in dates).isoformat(), "own-dates-future")
    return None


def estimate_from_story(own: PublishedEstimate | None, story_published: Sequence[str]) -> PublishedEstimate | None:
    """The publication date of an undated article from the dated articles of its story.

    ``story_published`` are the ``published`` values of the story's articles that
    have a real (not estimated) date. The median is the story's centre of
    gravity; an article cannot predate the events it reports in the past tense,
    so the estimate is the earliest story date on or after the article's own
    latest explicit date (or that date itself if the story is all earlier).
    """
    days = sorted(d for v in story_published if v and (d := _day(v)) is not None)
    if not days:
        return own
    if own is None or own.basis == "own-dates-future":
        median = statistics.median_low(days)
        if own is not None and median > date.fromisoformat(own.value):
            median = date.fromisoformat(own.value)  # it announced a date that has not come yet
        return PublishedEstimate(median.isoformat(), "story")
    floor = date.fromisoformat(own.value)
    later = [d for d in days if d >= floor]
    chosen = min(later) if later else floor
    return PublishedEstimate(chosen.isoformat(), "story+own-dates")


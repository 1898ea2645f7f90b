"""Shared pieces of the time grammar: the match context, regex fragments, small helpers.

The grammar is split in three: this module, the handlers of calendar expressions
(timex_dates: "March 12", "the third quarter", "the 1990s") and of relative ones
(timex_relative: "last week", "two days ago", "Monday", "3 p.m."), and the rule
table that ties patterns to handlers (timex_rules).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from storyline.pipeline.analyze import timex_calendar as cal
from storyline.pipeline.analyze.timex_vocab import (
    MONTH,
    MONTH_NODOT,
    PARTS_OF_DAY,
    WEEKDAY,
    WEEKDAY_PLURAL,
    month_number,
    weekday_number,
)

Result = tuple[str, str]  # (value, type)


@dataclass(slots=True)
class Context:
    """What a handler may consult: the reference date and the clause's tense."""

    reference: date | None
    tense_at: Callable[[int, int], str | None] = lambda start, end: None
    text: str = ""
    quarter: str | None = None  # the last quarter mentioned ("the quarter" refers back to it)
    notes: dict = field(default_factory=dict)
    hour: int | None = None  # the hour the article was published, when known
    last: str | None = None  # the last calendar date named so far ("1995", "1989-03", "1989-10-27")
    last_at: int = -1  # where in the text that date was named
    choosing: bool = False  # True while overlapping matches are chosen, before the text-order pass
    # Whether the "today" at (start, end) means the present in general (timex_generic); plain text: never.
    generic_at: Callable[[int, int], bool] = lambda start, end: False


@dataclass(slots=True)
class Match:
    start: int
    end: int
    value: str
    type: str
    rule: str
    relative: bool  # resolved against the reference date


# ---- regex pieces -------------------------------------------------------------------------
M = rf"(?-i:{MONTH})"
MN = rf"(?-i:{MONTH_NODOT})"
WD = rf"(?-i:{WEEKDAY})"
WDS = rf"(?-i:{WEEKDAY_PLURAL})"
DAY = r"(?:the\s+)?[0-3]?\d(?:st|nd|rd|th)?"
YEAR = r"(?:1[5-9]|20)\d\d"
# A year read out, as broadcast transcripts write it: "nineteen ninety-seven", "two thousand and one".
SPELLED_YEAR = (
    r"(?:nineteen[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|two\s+thousand(?:\s+and)?"
    r"(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|twenty(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?))?)"
)
POD = r"(?:morning|afternoon|evening|night)"
REL = r"(?:this|last|next|past|previous|coming|following|current|recent|upcoming)"
EDGE = r"(?:early|late|mid|earlier|later|the\s+(?:end|beginning|start|middle)\s+of)"
CLOCK = (
    r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:[ap]\.?\s?m\b\.?|o'clock)|(?:[01]?\d|2[0-3]):[0-5]\d"
    r"|\bnoon|\bmidnight|\bmidday"
    # A wire's 24-hour clock: "at 0600 GMT", "1500 local time" (not the year 1500).
    r"|\b(?:[01]\d|2[0-3])[0-5]\d(?=\s+(?:(?-i:GMT|UTC)|local\s+time)))(?:\s+(?-i:[ECMP][SD]?T|GMT|UTC|BST|CET|JST)|\s+local\s+time)?"
)
DAYREF = rf"(?:{WD}(?:,?\s+{MN}\s+[0-3]?\d(?:st|nd|rd|th)?)?|{MN}\s+[0-3]?\d(?:st|nd|rd|th)?(?:,?\s+{YEAR})?|today|yesterday|tomorrow|tonight)"

_AMBIGUOUS_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|through|during|of|early|late|mid|last|next|this|before|after|to|"
    r"between|and|or|for|on|that|each|every|past|coming)[\s-]*)$", re.I)


# The reporting periods of a results report: "a year earlier" next to "the third quarter" is that
# quarter a year before, next to "the nine months" or "last year" it is the year before.
_PERIOD = re.compile(
    r"\b(?:(?P<q>quarter(?![\s-]+century)|three[\s-]+months)|(?:nine|six|twelve|\d+)[\s-]+months|(?:first|second)[\s-]+half"
    r"|half[\s-]year|(?:fiscal|full|last|calendar)\s+year|year[\s-]to[\s-]date)\b", re.I)


def period_before(ctx: Context, start: int, width: int = 250) -> str | None:
    """"quarter" or "year": the kind of reporting period named last before ``start``, if any."""
    last = None
    for last in _PERIOD.finditer(ctx.text, max(0, start - width), start):
        pass
    if last is None:
        return None
    return "quarter" if last.group("q") else "year"


def anchor_for(ctx: Context, word: str | None, granularity: str) -> date | None:
    """The date a relative expression counts from: the last date named for an anaphoric ``word``
    ("the following year") when it is at least as fine as ``granularity`` ("year", "month",
    "day"), else the reference date."""
    last = ctx.last
    if word and word.lower() in ANAPHORIC and last:
        parts = last.split("-")
        need = {"year": 1, "month": 2, "day": 3}[granularity]
        if len(parts) >= need:
            return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 6, int(parts[2]) if len(parts) > 2 else 15)
    return ctx.reference


def text_before(ctx: Context, start: int, width: int = 30) -> str:
    return ctx.text[max(0, start - width):start]


def tense_of(ctx: Context, m: re.Match) -> str | None:
    return ctx.tense_at(m.start(), m.end())


# "the following year", "the previous Friday": anaphoric words, counted from the date the text named
# last ("On May 22, 1995, ... the following year" is 1996), not from the report's own date.
ANAPHORIC = {"following", "previous", "preceding"}


def relation_of(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower()
    if w in {"last", "past", "previous", "preceding", "recent"}:
        return "last"
    if w in {"next", "coming", "following", "upcoming"}:
        return "next"
    if w in {"this", "current"}:
        return "this"
    return None


def part_of_day_code(text: str) -> str:
    for word, code in PARTS_OF_DAY.items():
        if re.search(rf"\b{word}s?\b", text, re.I):  # "Tuesday nights" (a set) too
            return "T" + code
    return ""


def clock_value(text: str) -> str | None:
    """"3:30 p.m." → "T15:30"; "noon" → "T12:00"; None if not a clock time."""
    t = text.lower()
    if "noon" in t or "midday" in t:
        return "T12:00"
    if "midnight" in t:
        return "T24:00"
    wire = re.match(r"([01]\d|2[0-3])([0-5]\d)\b", t)
    if wire:  # "0600 GMT"
        return f"T{wire.group(1)}:{wire.group(2)}"
    m = re.search(r"(\d{1,2})(?::(\d{2}))?\s*([ap])?", t)
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if m.group(3) == "p" and hour < 12:
        hour += 12
    if m.group(3) == "a" and hour == 12:
        hour = 0
    return f"T{hour:02d}:{minute:02d}"


def resolve_dayref(text: str, ctx: Context, tense: str | None) -> date | None:
    """The date of a day reference: a weekday, a month and day, today/yesterday/tomorrow."""
    ref = ctx.reference
    t = text.lower()
    md = re.search(rf"(?i:{MN})\s+([0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+({YEAR}))?", text)
    if md:
        month = month_number(md.group(0).split()[0])
        day = int(md.group(1))
        if md.group(2):
            try:
                return date(int(md.group(2)), month, day)
            except ValueError:
                return None
        return cal.month_day(ref, month, day, tense) if ref and month else None
    if ref is None:
        return None
    if "yesterday" in t:
        return cal.shift(ref, -1, "day")
    if "tomorrow" in t:
        return cal.shift(ref, 1, "day")
    if "today" in t or "tonight" in t:
        return ref
    wd = re.search(WD, text)
    if wd:
        return cal.weekday(ref, weekday_number(wd.group(0)), tense, late=cal.is_late(ctx.hour))
    return None

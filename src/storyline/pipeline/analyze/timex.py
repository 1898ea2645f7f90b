"""Time expressions: found by spaCy, parsed by dateparser, resolved by tense.

spaCy's DATE and TIME entities give the spans; dateparser turns each into a
date relative to the publication date. Which way a bare weekday or month
points ("on Wednesday", "in April") depends on the tense of the verb it
hangs on, which dateparser cannot see, so that part is ours.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateparser.date import DateDataParser
from spacy.tokens import Doc, Span

from storyline.models import TimeExpr

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DURATION = re.compile(r"^(?:for |about |nearly |almost |more than |over )?(?:the past |the last )?(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)\s+(?:and a half\s+)?(day|week|month|year|hour|minute)s?(?: long| old)?$", re.I)
_SET = re.compile(r"^(daily|weekly|monthly|yearly|annually|every (day|week|month|year|\w+day))$", re.I)
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "a few": 3}
_UNIT = {"day": "D", "week": "W", "month": "M", "year": "Y", "hour": "H", "minute": "M"}
_FUTURE_WORDS = {"will", "would", "'ll", "shall", "next", "coming", "upcoming", "going", "plan", "plans", "planned", "expected", "scheduled", "due"}


def _is_future(span: Span) -> bool:
    """Whether the expression refers forward: "will meet on Wednesday", "next week"."""
    if any(t.lower_ in _FUTURE_WORDS for t in span):
        return True
    head = span.root.head
    for _ in range(3):
        words = {c.lower_ for c in head.children} | {head.lower_}
        if words & _FUTURE_WORDS or (head.tag_ == "VB" and any(c.lower_ == "to" for c in head.children)):
            return True
        if head.head is head:
            break
        head = head.head
    return False


def _weekday(text: str, reference: date, future: bool) -> date | None:
    lowered = text.lower()
    for index, name in enumerate(_WEEKDAYS):
        if re.search(rf"\b{name}\b", lowered):
            delta = index - reference.weekday()
            if "next" in lowered or (future and delta <= 0):
                delta += 7
            elif not future and delta > 0:
                delta -= 7
            if "last" in lowered and delta >= 0:
                delta -= 7
            return reference + timedelta(days=delta)
    return None


def _duration(text: str) -> str | None:
    match = _DURATION.match(text.strip())
    if not match:
        return None
    amount = match.group(1).lower()
    count = float(_NUMBERS.get(amount, amount)) + (0.5 if "and a half" in text.lower() else 0)
    unit = match.group(2).lower()
    number = f"{count:g}"
    prefix = "PT" if unit in {"hour", "minute"} else "P"
    return f"{prefix}{number}{_UNIT[unit]}"


def _format(parsed: datetime, period: str) -> str:
    if period == "year":
        return f"{parsed.year:04d}"
    if period == "month":
        return f"{parsed.year:04d}-{parsed.month:02d}"
    if period == "week":
        iso = parsed.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    return parsed.date().isoformat()


class TimeResolver:
    """Resolves expressions against one reference date."""

    def __init__(self, reference: datetime) -> None:
        self.reference = reference
        self._past = DateDataParser(languages=["en"], settings={"RELATIVE_BASE": reference, "PREFER_DATES_FROM": "past"})
        self._future = DateDataParser(languages=["en"], settings={"RELATIVE_BASE": reference, "PREFER_DATES_FROM": "future"})

    def resolve(self, span: Span) -> TimeExpr | None:
        text = span.text.strip()
        bare = re.sub(r"^(on|in|at|by|since|until|from|during|early|late|earlier|later)\s+", "", text, flags=re.I)
        if _SET.match(bare):
            return TimeExpr(text, span.start_char, span.end_char, "XXXX-XX-XX", "SET")
        duration = _duration(bare)
        if duration:
            return TimeExpr(text, span.start_char, span.end_char, duration, "DURATION")
        future = _is_future(span)
        weekday = _weekday(bare, self.reference.date(), future)
        if weekday and len(bare.split()) <= 3:
            return TimeExpr(text, span.start_char, span.end_char, weekday.isoformat(), "DATE")
        parser = self._future if future else self._past
        try:
            data = parser.get_date_data(bare)
        except (ValueError, OverflowError):
            return None
        if data.date_obj is None:
            return None
        kind = "TIME" if span.label_ == "TIME" else "DATE"
        return TimeExpr(text, span.start_char, span.end_char, _format(data.date_obj, data.period or "day"), kind)


def extract_times(doc: Doc, published: str | None) -> list[TimeExpr]:
    """Time expressions of ``doc``, resolved against ``published`` (if known)."""
    if not published:
        return []
    try:
        reference = datetime.fromisoformat(published).replace(tzinfo=None)
    except ValueError:
        return []
    resolver = TimeResolver(reference)
    found: list[TimeExpr] = []
    for ent in doc.ents:
        if ent.label_ in {"DATE", "TIME"}:
            expr = resolver.resolve(ent)
            if expr is not None:
                found.append(expr)
    return found

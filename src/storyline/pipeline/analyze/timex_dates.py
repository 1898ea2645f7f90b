"""Handlers for calendar expressions: full and partial dates, years, decades, quarters, seasons, holidays.

Each handler turns a regex match into a TimeML (value, type), or None to veto it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.easter import easter

from storyline.pipeline.analyze import timex_calendar as cal
from storyline.pipeline.analyze.timex_base import (
    _AMBIGUOUS_MONTH_CONTEXT,
    MN,
    YEAR,
    Context,
    Result,
    period_before,
    relation_of,
    resolve_dayref,
    tense_of,
    text_before,
)
from storyline.pipeline.analyze.timex_vocab import ORDINALS, SEASONS, month_number, parse_number


def h_full_date(m: re.Match, ctx: Context) -> Result | None:
    month = month_number(m.group("month"))
    day = int(m.group("day"))
    if not month or not 1 <= day <= 31:
        return None
    if m.group("year"):
        try:
            return date(int(m.group("year")), month, day).isoformat(), "DATE"
        except ValueError:
            return None
    if ctx.reference is None:
        return f"XXXX-{month:02d}-{day:02d}", "DATE"
    if _ENDED.search(text_before(ctx, m.start(), 12)):
        # "the year ended March 31": a period that has ended closed on or before the report.
        resolved = cal.month_day(ctx.reference, month, day, cal.PAST)
        if resolved and (resolved - ctx.reference).days > 1:
            resolved = cal.shift(resolved, -1, "year")
    else:
        resolved = cal.month_day(ctx.reference, month, day, tense_of(ctx, m))
    return (resolved.isoformat(), "DATE") if resolved else None


_ENDED = re.compile(r"\bended\s+$", re.I)


def h_numeric_date(m: re.Match, ctx: Context) -> Result | None:
    g = m.groupdict()
    try:
        if g.get("iso_y"):
            day = date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
        else:
            year = int(g["us_y"])
            year += 1900 if year < 100 and year > 40 else 2000 if year < 100 else 0
            day = date(year, int(g["us_m"]), int(g["us_d"]))
    except ValueError:
        return None
    if g.get("iso_t"):
        return f"{day.isoformat()}T{g['iso_t']}", "TIME"
    return day.isoformat(), "DATE"


def h_month_year(m: re.Match, ctx: Context) -> Result | None:
    month = month_number(m.group("month"))
    return f"{int(year_group(m)):04d}-{month:02d}", "DATE"


def h_month_rel_year(m: re.Match, ctx: Context) -> Result | None:
    """"June last year", "January of next year"."""
    if ctx.reference is None:
        return None
    year = ctx.reference.year + {"last": -1, "next": 1}.get(m.group("rel").lower(), 0)
    return f"{year:04d}-{month_number(m.group('month')):02d}", "DATE"


def h_month(m: re.Match, ctx: Context) -> Result | None:
    word = m.group("month")
    start = m.start("month")
    if word in {"May", "March"} and not m.group("mod") and not _AMBIGUOUS_MONTH_CONTEXT.search(text_before(ctx, start)):
        return None  # "May" the modal, "March" the verb, at the start of a sentence
    month = month_number(word)
    if ctx.reference is None:
        return f"XXXX-{month:02d}", "DATE"
    year = cal.month(ctx.reference, month, tense_of(ctx, m), relation_of(m.group("mod")))
    return f"{year:04d}-{month:02d}", "DATE"


def h_year(m: re.Match, ctx: Context) -> Result | None:
    after = ctx.text[m.end():m.end() + 12].lower()
    before = text_before(ctx, m.start(), 2)
    if re.match(r"\s*(?:%|percent|per|people|tons|shares|units|jobs|troops|feet|miles|dollars|yen|[a-z]+s\b(?<!years)(?<!'s))", after) \
            and not m.group("mod"):
        return None
    if re.search(r"[$#€£.,:/-]$", before) or re.match(r"[,.:/-]\d", ctx.text[m.end():m.end() + 2]):
        return None
    return m.group("year"), "DATE"


def spelled_year(words_text: str) -> str | None:
    """"nineteen ninety-seven" → "1997", "two thousand and one" → "2001"."""
    words = re.split(r"[\s-]+", words_text.lower())
    if words[0] == "nineteen":
        rest = parse_number(" ".join(words[1:]))
        return f"19{int(rest):02d}" if rest is not None else None
    rest = parse_number(" ".join(w for w in words[2:] if w != "and")) if len(words) > 2 else 0
    return f"{2000 + int(rest or 0)}"


def year_group(m: re.Match) -> str | None:
    """The year a rule matched, written ("1997") or read out ("nineteen ninety-seven")."""
    if m.group("year"):
        return m.group("year")
    return spelled_year(m.group("syear")) if m.group("syear") else None


def h_spelled_year(m: re.Match, ctx: Context) -> Result | None:
    year = spelled_year(m.group("w"))
    return (year, "DATE") if year else None


def h_decade(m: re.Match, ctx: Context) -> Result | None:
    digits = m.group("dec")
    if len(digits) == 2:
        century = "19" if int(digits) >= 30 or ctx.reference is None or ctx.reference.year < 2000 else "20"
        digits = century + digits
    return digits[:3], "DATE"


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def h_decade_word(m: re.Match, ctx: Context) -> Result | None:
    return f"19{_DECADE_WORDS[m.group('w').lower()]}", "DATE"


def _reported(quarter: str, ref: date | None, m: re.Match, ctx: Context) -> bool:
    """Whether a named quarter can be the period a report's later "year-ago period" compares with.

    Results are reported for quarters done (or, in the present or past tense, the
    current one): a forecast ("the trend will continue into the fourth quarter",
    "losses through the third quarter of 1990") is not that period.
    """
    if ref is None:
        return True
    current = cal.fmt(ref, "quarter")
    return quarter < current or (quarter == current and tense_of(ctx, m) != cal.FUTURE)


# "the quarter ended Sept. 30", "the quarter ending July 31, 1989": the day a quarter closed on.
_CLOSED_ON = re.compile(rf"\s+end(?:ed|ing)\s+(?P<month>{MN})\s+(?P<day>[0-3]?\d)\b(?:,?\s+(?P<year>{YEAR})\b)?")


def _quarter_closed_by(m: re.Match, ctx: Context) -> str | None:
    """The calendar quarter of a quarter without a number that the text closes on a day: the one
    holding the middle of its three months ("ended July 31" is May to July: the second).

    Only for a report that has named no quarter yet: after "the fiscal first quarter" a company's
    "the quarter ended Sept. 30" is that fiscal quarter, which TimeML keeps by its number."""
    closed = _CLOSED_ON.match(ctx.text, m.end())
    if closed is None or ctx.reference is None:
        return None
    month = month_number(closed.group("month"))
    day = int(closed.group("day"))
    if closed.group("year"):
        try:
            end = date(int(closed.group("year")), month, day)
        except ValueError:
            return None
    else:
        end = cal.month_day(ctx.reference, month, day, cal.PAST)
        if end is None:
            return None
        if (end - ctx.reference).days > 1:  # a quarter that has ended closed on or before the report
            end = cal.shift(end, -1, "year")
    return cal.fmt(end - timedelta(days=45), "quarter")


def h_quarter(m: re.Match, ctx: Context) -> Result | None:
    """"the third quarter", "the year-ago quarter", "next year's first quarter", "the 1988 quarter"."""
    ref = ctx.reference
    year = m.group("year") or m.group("year2") or m.group("y3")
    pre = (m.group("pre") or "").lower()
    ordinal = (m.group("ord") or "").lower()
    mod = (m.group("mod") or "").lower()
    if ref is not None and not year and pre.endswith(("'s", "’s")):
        year = str(ref.year + {"next": 1, "last": -1}.get(pre.split()[0], 0))
    back = 1 if pre.startswith("year") or mod.startswith("year") or m.group("ago") else 0
    if ordinal in ORDINALS and not (ordinal == "last" and not year):
        number = ORDINALS[ordinal]
        if year:
            value = f"{year}-Q{number}"
        elif ref is None:
            return f"XXXX-Q{number}", "DATE"
        else:
            year_of = ref.year - back
            if not back and 3 * number - 2 > ref.month and tense_of(ctx, m) == cal.PAST:
                year_of -= 1  # a quarter not yet begun, told in the past: "profits fell in the fourth quarter" in January
            value = f"{year_of:04d}-Q{number}"
        if not back and _reported(value, ref, m, ctx):
            ctx.quarter = value
        return value, "DATE"
    if ref is None:
        return ("XXXX-QX" if not year else f"{year}-QX"), "DATE"
    if not (year or back or mod) and ctx.quarter is None:
        closed = _quarter_closed_by(m, ctx)
        if closed:  # "the quarter ended July 31" names its own quarter; later "a year ago" counts from it
            ctx.quarter = closed
            return closed, "DATE"
    anchor = ctx.quarter or cal.previous_quarter(ref)
    if year:
        return f"{year}{anchor[4:]}", "DATE"
    if back or mod in {"comparable", "same"}:
        return f"{int(anchor[:4]) - 1:04d}{anchor[4:]}", "DATE"
    if mod in {"previous", "prior", "preceding"} or ordinal == "last":
        y, q = int(anchor[:4]), int(anchor[-1])
        return (f"{y:04d}-Q{q - 1}" if q > 1 else f"{y - 1:04d}-Q4"), "DATE"
    if mod in {"latest", "recent"}:
        return cal.previous_quarter(ref), "DATE"
    if mod in {"current", "this"}:
        return cal.fmt(ref, "quarter"), "DATE"
    if mod in {"next", "coming"}:
        return cal.fmt(cal.shift(ref, 1, "quarter"), "quarter"), "DATE"
    ctx.quarter = anchor
    return anchor, "DATE"


def h_half(m: re.Match, ctx: Context) -> Result | None:
    """"the first half of 1990", "the last half of the year", "the first two quarters of 1990"."""
    year = m.group("year") or (f"{ctx.reference.year:04d}" if ctx.reference else "XXXX")
    return f"{year}-H{1 if (m.group('ord') or m.group('ord2')).lower() == 'first' else 2}", "DATE"


def h_year_period(m: re.Match, ctx: Context) -> Result | None:
    """"the 1988 period" of a results report: that year's quarter when the report speaks of quarters."""
    year = m.group("year")
    if period_before(ctx, m.start()) == "quarter" and ctx.quarter:
        return f"{year}{ctx.quarter[4:]}", "DATE"
    return year, "DATE"


def h_week_of(m: re.Match, ctx: Context) -> Result | None:
    """"the week of March 6": the (ISO) week holding that day."""
    day = resolve_dayref(m.group("day"), ctx, tense_of(ctx, m))
    return (cal.fmt(day, "week"), "DATE") if day else None


def h_year_ended(m: re.Match, ctx: Context) -> Result | None:
    """"the year ended Sept. 30": a fiscal year, the stretch of twelve months (TimeML: P1Y)."""
    return "P1Y", "DURATION"


_SEASON_ORDER = ["SP", "SU", "FA", "WI"]  # a winter belongs to the year it starts in (December)


def _season_of(day: date) -> tuple[int, int]:
    if day.month == 12:
        return day.year, 3
    if day.month <= 2:
        return day.year - 1, 3
    return day.year, (day.month - 3) // 3


def h_season(m: re.Match, ctx: Context) -> Result | None:
    year = year_group(m)
    if not (m.group("pre") or m.group("mod") or year):
        return None  # "fall" the verb, "spring" the water
    code = SEASONS[m.group("season").lower()]
    if year:
        return f"{year}-{code}", "DATE"
    ref = ctx.reference
    if ref is None:
        return f"XXXX-{code}", "DATE"
    year, index = _season_of(ref)
    target = _SEASON_ORDER.index(code)
    # Seasons counted from the current one: 0 is now, -1 the one before, ...
    now = year * 4 + index
    before = max(k for k in range(now - 4, now + 1) if k % 4 == target)
    after = min(k for k in range(now, now + 5) if k % 4 == target)
    relation = relation_of(m.group("mod"))
    tense = tense_of(ctx, m)
    if relation == "last":
        chosen = before if before < now else before - 4
    elif relation == "next":
        chosen = after if after > now else after + 4
    elif tense == cal.FUTURE or (relation == "this" and tense == cal.PRESENT):
        chosen = after  # "will open this fall", "the season starts this fall"
    elif tense == cal.PAST and relation != "this":  # "this" is the current round whatever the tense
        chosen = before
    elif now - before != after - now:
        chosen = before if now - before < after - now else after
    else:
        # Two seasons away either way ("this fall" in March): the one of the report's own year.
        chosen = after if after // 4 == ref.year and before // 4 != ref.year else before
    return f"{chosen // 4:04d}-{code}", "DATE"



# A bare "the year" that is the report's year: "For the year, volume was flat", "a high for the year",
# "the first nine months of the year", "earlier in the year" (not "the year before", "the year he left").
_IN_THE_YEAR_BEFORE = re.compile(r"\b(?:for|of|in|during|throughout)\s+$", re.I)
_IN_THE_YEAR_AFTER = re.compile(r"\s+(?:before|after|that|when|which|in\s+which|ahead|he|she|they|it|we|i|you|of\s+(?:the|a|an)\b)", re.I)


def h_year_of_ref(m: re.Match, ctx: Context) -> Result | None:
    """"the current fiscal year", "the full year", "year-end", "the end of the year"."""
    if ctx.reference is None:
        return None
    text = m.group(0).lower()
    if "end" in text:
        # TimeML writes an edge of a period as the period itself (its mod attribute says END): "the end
        # of the year" is the year, as "the end of 1990" is 1990 and "the end of this week" the week.
        return f"{ctx.reference.year:04d}", "DATE"
    if not m.group("mod") and not (_IN_THE_YEAR_BEFORE.search(text_before(ctx, m.start(), 24))
                                   and not _IN_THE_YEAR_AFTER.match(ctx.text, m.end())):
        return None  # bare "the year" is as often a duration as a date: only "for the year," is the report's year
    return f"{ctx.reference.year:04d}", "DATE"


def h_century(m: re.Match, ctx: Context) -> Result | None:
    return f"{int(m.group('n')) - 1:02d}", "DATE"


def h_latest_period(m: re.Match, ctx: Context) -> Result | None:
    """"the latest period" of a results report: the quarter it named last, else the last one completed."""
    return (ctx.quarter or cal.previous_quarter(ctx.reference), "DATE") if ctx.reference else None


_HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25), "new year's day": (1, 1),
             "new year's eve": (12, 31), "independence day": (7, 4), "halloween": (10, 31),
             "valentine's day": (2, 14), "boxing day": (12, 26)}


# Holidays whose day moves, as (month, weekday with Monday 0, nth; -1 the last): the United States'
# federal ones, which wire copy names most. Easter and its days follow the Western computus (dateutil).
_NTH_WEEKDAY = {"thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4), "memorial day": (5, 0, -1),
                "labor day": (9, 0, 1), "martin luther king day": (1, 0, 3), "presidents day": (2, 0, 3)}
_EASTER_OFFSET = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2}


def _nth_weekday(year: int, month_: int, weekday: int, nth: int) -> date:
    if nth > 0:
        first = date(year, month_, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = (date(year + 1, 1, 1) if month_ == 12 else date(year, month_ + 1, 1)) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def moveable_holiday(name: str, year: int) -> date | None:
    """The day of a holiday that moves from year to year ("Labor Day", "Easter"), None for any other name."""
    key = re.sub(r"\s+jr\.?|['’]", "", name.lower())
    if key == "election day":  # the United States': the Tuesday after the first Monday of November
        return _nth_weekday(year, 11, 0, 1) + timedelta(days=1)
    if key in _NTH_WEEKDAY:
        return _nth_weekday(year, *_NTH_WEEKDAY[key])
    if key in _EASTER_OFFSET:
        return easter(year) + timedelta(days=_EASTER_OFFSET[key])
    return None


def h_holiday(m: re.Match, ctx: Context) -> Result | None:
    name = re.sub(r"\s+", " ", m.group("h").lower()).replace("’", "'")
    ref = ctx.reference
    year = int(m.group("year")) if m.group("year") else None
    moved = moveable_holiday(name, year or (ref.year if ref else 2000))
    if moved is not None:
        if year is None and ref is None:
            return None
        if year is None:  # the year putting it nearest the report, as for a fixed day (tense tips the balance)
            moved = moveable_holiday(name, cal.nearest_year(ref, moved.month, moved.day, tense_of(ctx, m)))
        return moved.isoformat(), "DATE"
    month, dom = _HOLIDAYS[name]
    if year is None:
        if ref is None:
            return f"XXXX-{month:02d}-{dom:02d}", "DATE"
        resolved = cal.month_day(ref, month, dom, tense_of(ctx, m))
        return (resolved.isoformat(), "DATE") if resolved else None
    return date(year, month, dom).isoformat(), "DATE"

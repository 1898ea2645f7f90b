"""Handlers for relative expressions: days, weeks, "ago", weekdays, clock times, durations and sets.

Each handler turns a regex match into a TimeML (value, type), or None to veto it.
"""

from __future__ import annotations

import re
from datetime import date

from storyline.pipeline.analyze import timex_calendar as cal
from storyline.pipeline.analyze.timex_base import (
    MN,
    WD,
    WDS,
    Context,
    Result,
    anchor_for,
    clock_value,
    part_of_day_code,
    period_before,
    relation_of,
    resolve_dayref,
    tense_of,
    text_before,
)
from storyline.pipeline.analyze.timex_vocab import UNIT, UNITS, month_number, parse_number, weekday_number


def h_relative_day(m: re.Match, ctx: Context) -> Result | None:
    word = m.group("w").lower()
    if ctx.reference is None:
        return None
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}.get(word.split()[-1], 0)
    if "day before" in word:
        offset = -2
    elif "day after" in word:
        offset = 2
    if m.group(0).lower() == "today" and ctx.generic_at(m.start(), m.end()):
        return "PRESENT_REF", "DATE"  # "the challenges we face today": now in general, not the report's day
    day = cal.shift(ctx.reference, offset, "day")
    pod = part_of_day_code(m.group(0))
    if word == "tonight":
        pod = "TNI"
    return (day.isoformat() + pod, "TIME" if pod else "DATE")


# "soon"/"shortly" that only order one event after another (TimeML's signals, not time expressions):
# "soon after", "shortly before", "as soon as <event>" ("as soon as possible" is a time: kept).
_ORDERING = re.compile(r"(?:soon|shortly)\s+(?:after|before|afterwards?|thereafter)\b|\bas\s+soon\s+as\s+(?!possible|practicable|feasible)", re.I)


def h_ref(m: re.Match, ctx: Context) -> Result | None:
    w = re.sub(r"\s+", " ", m.group("w").lower())
    if w in {"now", "right now", "currently", "nowadays", "presently", "at present", "current", "at the moment",
             "these days", "today's", "the present"}:
        if w == "now" and re.match(r"\s*(?:that|on)\b", ctx.text[m.end():m.end() + 6]):
            return None  # "now that", "from now on": a conjunction, not a time
        return "PRESENT_REF", "DATE"
    if w in {"soon", "shortly"} and _ORDERING.search(ctx.text[max(0, m.start() - 3):m.end() + 12]):
        return None  # "soon after the vote", "as soon as trading opened": an order between events, not a time
    if w in {"soon", "shortly", "future", "a later date"} or w.endswith(("future", " term")):
        return "FUTURE_REF", "DATE"
    return "PAST_REF", "DATE"


def h_relative_unit(m: re.Match, ctx: Context) -> Result | None:
    """"last week", "this year", "earlier this month", "next quarter", "the coming weekend"."""
    unit = m.group("unit").lower()
    relation = relation_of(m.group("rel")) or "this"
    ref = ctx.reference
    if unit == "quarter":
        if ref is None:
            return "XXXX-QX", "DATE"
        base = ref
        step = {"last": -1, "next": 1}.get(relation, 0)
        return cal.fmt(cal.shift(base, step, "quarter"), "quarter"), "DATE"
    if ref is None:
        return None
    ref = anchor_for(ctx, m.group("rel"), "month" if unit == "month" else "day" if unit.startswith("week") else "year")
    gran = cal.granularity_of(unit)
    step = {"last": -1, "next": 1}.get(relation, 0)
    if unit == "weekend" and relation == "this" and ref.weekday() < 4 and tense_of(ctx, m) == cal.PAST:
        step = -1  # "this weekend" said on a Tuesday about the past one
    return cal.fmt(cal.shift(ref, step, unit), gran), "DATE"


def h_ago(m: re.Match, ctx: Context) -> Result | None:
    """"two weeks ago", "a year earlier", "three days later", "10 days from now"."""
    unit = m.group("unit").lower()
    amount = parse_number(m.group("num"))
    direction = -1 if m.group("dir").lower() in {"ago", "earlier", "before", "back", "previously"} else 1
    if ctx.reference is None:
        return None
    if amount is None:
        return ("PAST_REF" if direction < 0 else "FUTURE_REF"), "DATE"
    if (m.group("half") or m.group("half2")) and unit == "year":
        # "a year and a half ago", "two and a half years ago": counted in months, named to the month.
        return cal.fmt(cal.shift(ctx.reference, direction * int(amount * 12 + 6), "month"), "month"), "DATE"
    if unit == "year" and amount == int(amount) and m.group("dir").lower() in {"ago", "earlier"}:
        # Earnings reports: "a year ago" next to "the third quarter" is that quarter a year before
        # (the quarter the report named last; failing that, the last one completed), next to
        # "the nine months" the year before.
        period = period_before(ctx, m.start())
        if period == "quarter" or (period is None and ctx.quarter):
            anchor = ctx.quarter or cal.previous_quarter(ctx.reference)
            return f"{int(anchor[:4]) - int(amount):04d}{anchor[4:]}", "DATE"
    day = cal.shift(ctx.reference, direction * amount, unit)
    gran = "year" if unit in {"decade", "century", "centurie"} else cal.granularity_of(unit)
    return cal.fmt(day, gran), "DATE"


def h_the_weekend(m: re.Match, ctx: Context) -> Result | None:
    if ctx.reference is None:
        return None
    ref = ctx.reference
    tense = tense_of(ctx, m)
    # The weekend just gone, unless the clause looks ahead (or it is the weekend now).
    step = 0 if ref.weekday() >= 5 or tense == cal.FUTURE else -1
    return cal.fmt(cal.shift(ref, step, "week"), "weekend"), "DATE"


def h_year_ago_adj(m: re.Match, ctx: Context) -> Result | None:
    if ctx.reference is None:
        return None
    window = ctx.text[m.end():m.end() + 20].lower()
    if "quarter" in window and "period" not in m.group(0).lower():
        return None  # "the year-ago quarter" is the quarter rule's
    period = period_before(ctx, m.start())
    if period == "quarter" or (period is None and ctx.quarter):
        anchor = ctx.quarter or cal.previous_quarter(ctx.reference)
        return f"{int(anchor[:4]) - 1:04d}{anchor[4:]}", "DATE"
    return f"{ctx.reference.year - 1:04d}", "DATE"


def h_weekday(m: re.Match, ctx: Context) -> Result | None:
    wd = weekday_number(m.group("wd"))
    pod = part_of_day_code(m.group("pod") or "")
    if ctx.reference is None:
        return f"XXXX-WXX-{wd + 1}{pod}", "TIME" if pod else "DATE"
    possessive = re.match(r"['’]s\b", ctx.text[m.end("wd"):m.end("wd") + 3])
    tense = tense_of(ctx, m)
    if possessive:
        # "Friday's vote" is nearly always past, but under a clause that looks ahead it is only the
        # nearest such day: "as Japan prepares to vote in Sunday's election" (a Thursday report).
        tense = None if tense == cal.FUTURE else cal.PAST
    day = cal.weekday(anchor_for(ctx, m.group("mod"), "day"), wd, tense, relation_of(m.group("mod")),
                      late=cal.is_late(ctx.hour))
    return day.isoformat() + pod, "TIME" if pod else "DATE"


def h_day_beside(m: re.Match, ctx: Context) -> Result | None:
    """"the day before last Tuesday's hearing", "the day after March 3"."""
    if ctx.reference is None:
        return None
    text = m.group("day")
    wd = re.fullmatch(WD, text)
    if wd:
        day = cal.weekday(ctx.reference, weekday_number(wd.group(0)), tense_of(ctx, m), relation_of(m.group("mod")),
                          late=cal.is_late(ctx.hour))
    else:
        day = resolve_dayref(text, ctx, tense_of(ctx, m))
    if day is None:
        return None
    return cal.shift(day, -1 if m.group("dir").lower() == "before" else 1, "day").isoformat(), "DATE"


def h_that_unit(m: re.Match, ctx: Context) -> Result | None:
    """"later that year", "that same day": the date the text named last, at that unit."""
    unit = m.group("unit").lower()
    parts = (ctx.last or "").split("-")
    need = {"year": 1, "month": 2, "day": 3}[unit]
    if not ctx.last or len(parts) < need:
        # "that day" with no date named before has no anchor; while choosing among overlapping
        # matches the dates before it are not read yet, so it may not be vetoed then.
        return ("XXXX", "DATE") if ctx.choosing else None
    return "-".join(parts[:need]), "DATE"


def h_in_the_unit(m: re.Match, ctx: Context) -> Result | None:
    """"earlier in the year", "later in the day": the reference date's year or day."""
    if ctx.reference is None:
        return None
    unit = m.group("unit").lower()
    return cal.fmt(ctx.reference, unit), "DATE"


def h_part_of_day(m: re.Match, ctx: Context) -> Result | None:
    if ctx.reference is None:
        return None
    mod = (m.group("mod2") or m.group("mod") or "").lower().strip(" -")
    if mod == "mid" and not m.group("mod2") and (m.group("pod") or "").lower() == "night":
        return None  # "midnight" is the clock rule's
    day = ctx.reference
    if mod in {"last", "yesterday"}:
        day = cal.shift(day, -1, "day")
    elif mod == "tomorrow":
        day = cal.shift(day, 1, "day")
    return day.isoformat() + part_of_day_code(m.group("pod") or m.group("pod2")), "TIME"


# How far back (characters, same paragraph) a bare clock time looks for the day the text is telling.
CLOCK_DAY_REACH = 400


def _narrated_day(m: re.Match, ctx: Context):
    """The day of a bare clock time ("was shot at 10 p.m.", "(6:30 a.m., mid-eclipse)", a listing's
    "8 p.m."): the day the paragraph named last, when it is close before and the clause's tense does
    not point away from it; else the reference day."""
    ref = ctx.reference
    last = ctx.last or ""
    if ref is None or len(last) != 10 or ctx.last_at < 0 or m.start() - ctx.last_at > CLOCK_DAY_REACH:
        return ref
    if "\n\n" in ctx.text[ctx.last_at:m.start()]:
        return ref
    try:
        named = date.fromisoformat(last)
    except ValueError:
        return ref
    tense = tense_of(ctx, m)
    if tense == cal.PRESENT or (tense == cal.PAST and named > ref) or (tense == cal.FUTURE and named < ref):
        return ref
    return named


def h_clock(m: re.Match, ctx: Context) -> Result | None:
    clock = clock_value(m.group("clock"))
    if clock is None:
        return None
    if re.match(r"\s+(?:blue|black|cherry|red|green|purple|grey|gray|oil)\b", ctx.text[m.end():m.end() + 8], re.I) \
            and m.group(0).lower() == "midnight":
        return None  # "midnight blue", "a midnight cherry Roadster": a colour
    dayref = m.groupdict().get("day")
    day = resolve_dayref(dayref, ctx, tense_of(ctx, m)) if dayref else _narrated_day(m, ctx)
    if day is None:
        return f"XXXX-XX-XX{clock}", "TIME"
    return day.isoformat() + clock, "TIME"


_UNIT_TIME = {"second", "minute", "hour"}


def duration_value(amount: float | None, unit: str) -> str:
    """TimeML duration: P3M, PT2H, P1.5Y (as P18M), PXY when the amount is vague."""
    unit = unit.lower().rstrip("s")
    unit = "century" if unit.startswith("centur") else unit
    prefix = "PT" if unit in _UNIT_TIME else "P"
    code = UNITS[unit]
    if unit == "fortnight":
        amount = None if amount is None else amount * 2
    if unit == "weekend":
        return "P2D" if amount in (None, 1) else f"P{2 * amount:g}D"
    if unit == "decade":
        code, amount = "Y", None if amount is None else amount * 10
    if unit == "century":
        code, amount = "Y", None if amount is None else amount * 100
    if amount is None:
        return f"{prefix}X{code}"
    whole, part = int(amount), amount - int(amount)
    if part:
        # TimeML writes fractions as whole numbers of a smaller unit: "half an hour" is PT30M,
        # "2 1/2 years" P2Y6M, "a minute and a half" PT1M30S.
        smaller = ({"H": ("M", 60), "M": ("S", 60)} if prefix == "PT" else
                   {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24)})
        if code in smaller:
            code2, factor = smaller[code]
            rest = f"{part * factor:g}{code2}"
            if code2 == "H":  # days and hours: "P1DT12H"
                return f"P{whole}DT{rest}" if whole else f"PT{rest}"
            return f"{prefix}{whole}{code}{rest}" if whole else f"{prefix}{rest}"
    return f"{prefix}{amount:g}{code}"


# Before "one day" meaning "some day": a modal or a bare subject pronoun ("will one day", "he one day").
_SOMEDAY = re.compile(r"\b(?:will|would|could|might|may|can|shall|should|must|'ll|to|he|she|they|we|i|you)\s+$", re.I)


def h_duration(m: re.Match, ctx: Context) -> Result | None:
    unit = m.group("unit")
    after = ctx.text[m.end():m.end() + 4].lower()
    if re.search(r"[\s-]old$", m.group(0), re.I) or re.match(r"[\s-]old\b", ctx.text[m.end():m.end() + 5], re.I):
        return None  # ages ("52 years old") are not times in news usage
    if unit.lower().startswith("quarter") and after.startswith(" of"):
        return None  # "three-quarters of its food" is a fraction
    if unit[0].isupper() and not unit.isupper() and re.search(r"[A-Z]\w*\s+$", text_before(ctx, m.start("unit"), 20)):
        return None  # "Sandra Day O'Connor"
    if (m.group("num") or "").lower() in {"a", "an"} and re.search(r"-long$", m.group(0), re.I):
        return None  # "a decades-long feud": the article is the feud's; unit_long reads "decades-long"
    if m.group(0).lower() == "one day" and _SOMEDAY.search(text_before(ctx, m.start(), 12)):
        return "FUTURE_REF", "DATE"  # "will one day be", "hopes he one day follows": some day to come
    amount = parse_number(m.group("num")) if m.group("num") else None
    if m.group("half"):
        amount = None if amount is None else amount + 0.5
    return duration_value(amount, m.group("unit")), "DURATION"


def h_bare_plural(m: re.Match, ctx: Context) -> Result | None:
    if not m.group("mod") and not re.search(r"\b(?:for|in|over|within|took|take|takes|lasted)\s+$", text_before(ctx, m.start(), 12), re.I):
        return None
    if m.group("the") and re.match(r"\s*(?:of\b|\d|[A-Z])", ctx.text[m.end():m.end() + 3]):
        return None  # "the years of war", "the years 1990-95": a description or a list, not a stretch
    if m.group("the") and m.group("unit").lower() not in {"years", "decades"} and not m.group(0).lower().endswith("ahead"):
        # "in the days before the shooting" is counted back from the event it names (TBAQ's golds
        # anchor every such one to it); a bare stretch of unknown length would be a wrong value.
        return None
    unit = m.group("unit").lower()
    # "in recent years", "over the years", "in the weeks ahead" are stretches of time of unknown
    # length (TimeML: PXY, PXW), not points.
    return duration_value(None, unit), "DURATION"


def h_edge_of_unit(m: re.Match, ctx: Context) -> Result | None:
    """"the end of the month", "the beginning of the week": the report's own month or week, as TimeML
    writes an edge of a period (its mod attribute says which edge), like "the end of the year"."""
    if ctx.reference is None:
        return None
    unit = m.group("unit").lower()
    return cal.fmt(ctx.reference, unit), "DATE"


def h_quarter_century(m: re.Match, ctx: Context) -> Result | None:
    """"a quarter-century ago" (25 years back, named to the year), "for a quarter century" (P25Y)."""
    amount = parse_number(m.group("num")) if m.group("num") else 1.0
    if m.group("dir"):
        if ctx.reference is None or amount is None:
            return None
        return f"{ctx.reference.year - int(25 * amount):04d}", "DATE"
    return ("P25Y" if amount is None else f"P{25 * amount:g}Y"), "DURATION"


def h_unit_long(m: re.Match, ctx: Context) -> Result | None:
    """"a day-long meeting" (P1D), "the decades-long battle" (PXY: many, uncounted)."""
    return duration_value(None if m.group("pl") else 1, m.group("unit")), "DURATION"


def h_half_unit(m: re.Match, ctx: Context) -> Result | None:
    return duration_value(0.5, m.group("unit")), "DURATION"


def h_set(m: re.Match, ctx: Context) -> Result | None:
    w = m.group(0).lower()
    fixed = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
             "quarterly": "P1Q", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H"}
    if w in fixed:
        return fixed[w], "SET"
    wd = re.search(WD + "|" + WDS, m.group(0))
    if wd:
        return f"XXXX-WXX-{weekday_number(wd.group(0)) + 1}{part_of_day_code(w)}", "SET"
    mo = re.search(MN, m.group(0))
    if mo:
        return f"XXXX-{month_number(mo.group(0)):02d}", "SET"
    unit = re.search(UNIT, w)
    if unit:
        count = re.search(r"(?:every|each)\s+(\w+)\s+", w)
        amount = parse_number(count.group(1)) if count and count.group(1) not in {"other", "single"} else None
        if count and count.group(1) == "other":
            amount = 2
        return duration_value(amount or 1, unit.group(0)), "SET"
    return None


def h_per(m: re.Match, ctx: Context) -> Result | None:
    before = text_before(ctx, m.start(), 25).lower()
    if not re.search(r"(?:\d|times|twice|once|\bper\b|percent|dollars|cents|million|billion)\W*$", before):
        return None
    return duration_value(1, m.group("unit")), "SET"

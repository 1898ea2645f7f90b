"""What a TimeML value means on the calendar: its interval, its precision and a label a reader can read.

"2025-SU" is the summer of 2025 (1 June to 31 August), "2025-W11" the week of
10 March 2025, "199" the 1990s. Timelines sort by the interval (a day comes
after the month and week that hold it, never by the text of the code) and show
the label ("summer 2025", "week of 10 March 2025") instead of the code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

_SEASONS = {"SP": (3, "spring"), "SU": (6, "summer"), "FA": (9, "autumn"), "WI": (12, "winter")}
_PARTS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth"}


@dataclass(frozen=True, slots=True)
class Interval:
    """The first and last day a value covers, how fine it is, and how to say it."""

    start: date
    end: date
    precision: str  # day, week, weekend, month, quarter, season, half, year, decade, century
    label: str


def _day_label(day: date) -> str:
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B')} {day.year}"


def _month_end(day: date) -> date:
    return day + relativedelta(months=1) - timedelta(days=1)


def interval_of(value: str) -> Interval | None:
    """The calendar interval of a TimeML DATE/TIME value; None for what is not on the calendar.

    >>> interval_of("2025-W11").label
    'week of 10 March 2025'
    """
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T(.*))?", value)
    if m:
        try:
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        label = _day_label(day)
        when = m.group(4)
        if when in _PARTS:
            label += f", {_PARTS[when]}"
        elif when and re.fullmatch(r"\d{2}:\d{2}(?::\d{2})?", when):
            label += f", {when[:5]}"
        return Interval(day, day, "day", label)
    m = re.fullmatch(r"(\d{4})-W(\d{1,2})(-WE)?", value)
    if m:
        try:
            monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None
        if m.group(3):
            saturday = monday + timedelta(days=5)
            sunday = saturday + timedelta(days=1)
            return Interval(saturday, sunday, "weekend", f"weekend of {saturday.day}–{_day_label(sunday).split(' ', 1)[1]}")
        return Interval(monday, monday + timedelta(days=6), "week", f"week of {monday.day} {monday.strftime('%B')} {monday.year}")
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m and 1 <= int(m.group(2)) <= 12:
        first = date(int(m.group(1)), int(m.group(2)), 1)
        return Interval(first, _month_end(first), "month", f"{first.strftime('%B')} {first.year}")
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        month, name = _SEASONS[m.group(2)]
        first = date(int(m.group(1)), month, 1)
        last = first + relativedelta(months=3) - timedelta(days=1)
        label = f"{name} {first.year}" if name != "winter" else f"winter {first.year}–{str(first.year + 1)[2:]}"
        return Interval(first, last, "season", label)
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        q = int(m.group(2))
        first = date(int(m.group(1)), 3 * q - 2, 1)
        return Interval(first, first + relativedelta(months=3) - timedelta(days=1), "quarter",
                        f"{_ORDINAL[q]} quarter of {first.year}")
    m = re.fullmatch(r"(\d{4})-H([12])", value)
    if m:
        h = int(m.group(2))
        first = date(int(m.group(1)), 1 if h == 1 else 7, 1)
        return Interval(first, first + relativedelta(months=6) - timedelta(days=1), "half",
                        f"{_ORDINAL[h]} half of {first.year}")
    m = re.fullmatch(r"(\d{4})", value)
    if m:
        year = int(m.group(1))
        return Interval(date(year, 1, 1), date(year, 12, 31), "year", str(year))
    m = re.fullmatch(r"(\d{3})", value)
    if m:
        first = int(m.group(1)) * 10
        return Interval(date(first, 1, 1), date(first + 9, 12, 31), "decade", f"the {first}s")
    m = re.fullmatch(r"(\d{2})", value)
    if m and int(m.group(1)) > 0:
        first = int(m.group(1)) * 100
        n = int(m.group(1)) + 1
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return Interval(date(first, 1, 1), date(first + 99, 12, 31), "century", f"the {n}{suffix} century")
    return None


def sort_key(interval: Interval) -> tuple[date, int]:
    """Order of intervals on a timeline: by first day, the wider one first (a month before its days)."""
    return interval.start, -(interval.end - interval.start).days

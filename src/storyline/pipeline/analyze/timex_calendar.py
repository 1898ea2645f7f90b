"""Calendar arithmetic for TimeML values: shift by units, pick a weekday or month by tense.

The resolution policy (which Monday, which April) lives here, in one place, so
the grammar only says *what* was written and this says *when* it was.
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

PAST, FUTURE, PRESENT = "past", "future", "present"


def fmt(day: date, granularity: str) -> str:
    """``day`` at a TimeML granularity: day, week, month, quarter, half, year, decade, century."""
    if granularity == "week":
        iso = day.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if granularity == "weekend":
        iso = day.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}-WE"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if granularity == "half":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    return day.isoformat()


def shift(day: date, amount: float, unit: str) -> date:
    """``day`` moved by ``amount`` units (negative is earlier); fractional units round to days."""
    whole = int(amount)
    if unit in {"day", "night"}:
        return day + timedelta(days=round(amount))
    if unit in {"week", "fortnight", "weekend"}:
        return day + timedelta(days=round(amount * (14 if unit == "fortnight" else 7)))
    if unit == "month":
        return day + relativedelta(months=whole) + timedelta(days=round((amount - whole) * 30))
    if unit == "quarter":
        return day + relativedelta(months=3 * whole)
    if unit == "year":
        return day + relativedelta(years=whole, months=round((amount - whole) * 12))
    if unit == "decade":
        return day + relativedelta(years=10 * whole)
    if unit in {"century", "centurie"}:
        return day + relativedelta(years=100 * whole)
    return day


def granularity_of(unit: str) -> str:
    """The granularity a shifted date is reported at: "two weeks ago" is a week, "a year ago" a year."""
    return {"night": "day", "fortnight": "week", "centurie": "century", "weekend": "weekend"}.get(unit, unit)


def weekday(reference: date, target: int, tense: str | None, relation: str | None = None) -> date:
    """The date of weekday ``target`` (0=Monday) near ``reference``.

    "last Friday" and past tense look back (today counts: "said Monday" in a
    Monday article is that day); "next Friday", future and present tense
    ("the trial begins Monday") look forward; "this Friday" is the current week.
    """
    delta = target - reference.weekday()
    if relation == "next":
        return reference + timedelta(days=delta + 7 if delta <= 0 else delta)
    if relation in {"last", "past", "previous"}:
        return reference + timedelta(days=delta - 7 if delta >= 0 else delta)
    if relation == "this":
        return reference + timedelta(days=delta)
    if tense in {FUTURE, PRESENT}:
        return reference + timedelta(days=delta % 7)
    return reference + timedelta(days=-((-delta) % 7))


def month(reference: date, target: int, tense: str | None, relation: str | None = None) -> int:
    """The year of month ``target`` near ``reference``, by modifier first and tense second."""
    year = reference.year
    if relation == "next":
        return year + 1 if target <= reference.month else year
    if relation in {"last", "past", "previous"}:
        return year - 1 if target >= reference.month else year
    if relation == "this":
        return year
    if tense == FUTURE:
        return year + 1 if target < reference.month else year
    if tense == PRESENT:
        # "is expected in April" written in December: the coming one, unless it is far behind.
        return year + 1 if reference.month - target > 2 else year
    return year - 1 if target > reference.month else year


def month_day(reference: date, target_month: int, target_day: int, tense: str | None) -> date | None:
    """A day-and-month without a year, placed in the year its tense points to."""
    year = month(reference, target_month, tense)
    if target_month == reference.month:
        # Same month: the day itself decides ("Oct. 23" in an Oct. 26 article is this year's).
        year = reference.year
        if tense == PAST and target_day > reference.day + 1:
            year -= 1
    try:
        return date(year, target_month, target_day)
    except ValueError:
        return None


def previous_quarter(reference: date) -> str:
    """The last completed quarter: what "the quarter" means in an earnings report."""
    quarter = (reference.month - 1) // 3 + 1
    return f"{reference.year:04d}-Q{quarter - 1}" if quarter > 1 else f"{reference.year - 1:04d}-Q4"

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


LATE_HOUR = 15  # from mid-afternoon, it is already tomorrow in East Asia for a report filed in the Americas


def is_late(hour: int | None) -> bool:
    """True for a report filed late in its day, or one whose stamp gives no time of day (see :func:`weekday`).

    A bare date is often the day before the report's own: the writer's local date
    of an evening filing, or a page dated by its first version."""
    return hour is None or hour >= LATE_HOUR


def weekday(reference: date, target: int, tense: str | None, relation: str | None = None, *, late: bool = False) -> date:
    """The date of weekday ``target`` (0=Monday) near ``reference``.

    "last Friday" and past tense look back (today counts: "said Monday" in a
    Monday article is that day); "next Friday", future and present tense
    ("the trial begins Monday") look forward; "this Friday" is the current week.
    With no direction in the text, news convention takes the nearest such day
    (within three days either way; a tie goes back, as reports look back more).
    A report filed ``late`` in its day may tell in the past of tomorrow: "North
    Korea fired a missile early Tuesday" in a Monday-evening New York report.
    A stamp with no time of day counts as late: a bare date is often the day
    before the report's own.
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
    if tense == PAST:
        if late and delta % 7 == 1:
            return reference + timedelta(days=1)
        return reference + timedelta(days=-((-delta) % 7))
    ahead = delta % 7
    return reference + timedelta(days=ahead if ahead < 4 else ahead - 7)


def _nearest_year(reference: date, month_: int, day: int, tense: str | None) -> int:
    """The year putting (month_, day) nearest ``reference``, the clause's tense tipping the balance.

    News mostly reports the recent past and announces the near future, so the
    nearest occurrence wins unless it lies against the tense (a past-tense
    clause about a date more than a week ahead pays a two-month penalty; with no
    tense, a date ahead counts double, as reports look back more than forward).
    A written day is specific enough ("payable Dec. 7" under "declared") that
    tense only tips the balance here, unlike a bare month.
    """
    best_year, best_cost = reference.year, None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidate = date(year, month_, min(day, 28) if month_ == 2 else day)
        except ValueError:
            continue
        gap = (candidate - reference).days
        cost = abs(gap)
        if tense == PAST and gap > 7:
            cost += 60
        elif tense == FUTURE and gap < -7:
            cost += 60
        elif tense not in {PAST, FUTURE} and gap > 7:
            cost = 2 * gap  # no tense to go by: reports look back more often than ahead
        if best_cost is None or cost < best_cost:
            best_year, best_cost = year, cost
    return best_year


def month(reference: date, target: int, tense: str | None, relation: str | None = None) -> int:
    """The year of month ``target`` near ``reference``: by modifier ("last April") first, then by tense.

    "in March" told in the past is the last March up to now (but next month is
    next month), in the future the next one from now; the current month is this
    year's; otherwise the nearest.
    """
    year = reference.year
    if relation == "next":
        return year + 1 if target <= reference.month else year
    if relation in {"last", "past", "previous"}:
        return year - 1 if target >= reference.month else year
    if relation == "this" or target == reference.month:
        return year
    ahead = (target - reference.month) % 12
    if tense == PAST and ahead > 1:
        # Next month told in the past is still next month ("told oil companies of a cutback in
        # September", in August); further ahead, the past tense means last year's.
        return year if target < reference.month else year - 1
    if tense == FUTURE:
        return year if target > reference.month else year + 1
    if ahead < 12 - ahead:
        return year if target > reference.month else year + 1
    return year if target < reference.month else year - 1


def nearest_year(reference: date, month_: int, day: int, tense: str | None) -> int:
    """The year putting (month_, day) nearest ``reference`` (see :func:`_nearest_year`)."""
    return _nearest_year(reference, month_, day, tense)


def month_day(reference: date, target_month: int, target_day: int, tense: str | None) -> date | None:
    """A day-and-month without a year, in the year nearest the reference (tense breaks ties)."""
    year = _nearest_year(reference, target_month, target_day, tense)
    try:
        return date(year, target_month, target_day)
    except ValueError:
        return None


def previous_quarter(reference: date) -> str:
    """The last completed quarter: what "the quarter" means in an earnings report."""
    quarter = (reference.month - 1) // 3 + 1
    return f"{reference.year:04d}-Q{quarter - 1}" if quarter > 1 else f"{reference.year - 1:04d}-Q4"

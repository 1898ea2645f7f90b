"""Which way a weekday, month or season points: tense, modality, wording, and news convention.

Every sentence is invented; each is resolved against a known publication date.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from storyline.pipeline.analyze import timex_calendar as cal
from storyline.pipeline.analyze.timex import extract_times

MONDAY = "2025-03-10"
WEDNESDAY = "2025-03-12"


@pytest.fixture(scope="module")
def nlp():
    from storyline.pipeline.analyze.nlp import load_nlp

    return load_nlp()


def values(nlp, text: str, published: str) -> dict[str, str]:
    return {t.text: t.value for t in extract_times(nlp(text), published)}


def test_reporting_verb_in_the_past_does_not_drag_a_planned_trip_back(nlp):
    text = ("The two ministers said Monday they expect to deepen their partnership and settle old disputes, "
            "in their visit to Lisbon on Wednesday and Thursday, which follows a stop in Madrid.")
    got = values(nlp, text, MONDAY)
    assert got["Monday"] == "2025-03-10"  # "said Monday" in a Monday article is that day
    assert (got["Wednesday"], got["Thursday"]) == ("2025-03-12", "2025-03-13")


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Both ministers are due in Lisbon on Friday for talks.", "Friday", "2025-03-14"),
    ("Farmers planned a protest march on Saturday.", "Saturday", "2025-03-15"),
    ("The port authority has scheduled a news conference Thursday.", "Thursday", "2025-03-13"),
    ("The delegation could arrive as early as Tuesday, officials said.", "Tuesday", "2025-03-18"),
    ("The court postponed its ruling until Tuesday.", "Tuesday", "2025-03-18"),
    ("The miners walked out on Tuesday.", "Tuesday", "2025-03-11"),
])
def test_modality_and_wording_point_a_weekday(nlp, text, word, expected):
    assert values(nlp, text, WEDNESDAY)[word] == expected


def test_a_planned_event_reported_as_cancelled_is_the_nearest_day(nlp):
    got = values(nlp, "A concert planned for Saturday was cancelled after the storm.", "2025-03-16")
    assert got["Saturday"] == "2025-03-15"


def test_weekday_without_direction_is_the_nearest():
    wednesday = date(2025, 3, 12)
    assert cal.weekday(wednesday, 4, None) == date(2025, 3, 14)  # Friday: two days ahead
    assert cal.weekday(wednesday, 0, None) == date(2025, 3, 10)  # Monday: two days back
    assert cal.weekday(wednesday, 2, None) == wednesday
    assert cal.weekday(wednesday, 5, None) == date(2025, 3, 15)  # three days ahead beats four back
    assert cal.weekday(wednesday, 6, None) == date(2025, 3, 9)


def test_season_due_later_looks_ahead_even_from_a_past_report(nlp):
    text = "The government has struggled, and with regional elections due in the autumn, it wants a deal."
    assert values(nlp, text, "2025-03-13")["autumn"] == "2025-FA"


def test_bare_month_follows_the_tense_not_the_nearest(nlp):
    november = "2024-11-02"
    assert values(nlp, "He stepped down as chairman in March for health reasons.", november)["March"] == "2024-03"
    assert values(nlp, "The new chairman will take over in March.", november)["March"] == "2025-03"
    assert values(nlp, "Shares rose to a high in June from a low in March.", november)["March"] == "2024-03"


def test_month_without_direction_is_the_nearest():
    ref = date(2024, 11, 2)
    assert cal.month(ref, 1, None) == 2025
    assert cal.month(ref, 6, None) == 2024
    assert cal.month(ref, 3, cal.PAST) == 2024 and cal.month(ref, 1, cal.PAST) == 2024
    assert cal.month(ref, 12, cal.PAST) == 2024  # next month told in the past is still next month
    assert cal.month(ref, 10, cal.FUTURE) == 2025


def test_a_late_report_tells_of_tomorrow_in_the_past(nlp):
    text = "North Korea fired a missile over Japan early Tuesday morning, officials said."
    evening = values(nlp, text, "2017-08-28T21:30")  # a Monday-evening report from the Americas
    morning = values(nlp, text, "2017-08-28T08:00")
    assert evening["early Tuesday morning"][:10] == "2017-08-29"
    assert morning["early Tuesday morning"][:10] == "2017-08-22"


def test_a_present_form_under_a_singular_subject_is_the_past(nlp):
    # "hurt" is both; with "weakness" as its subject the present would be "hurts".
    got = values(nlp, "Weakness in chip stocks hurt the index, which fell 1.4%, on Friday, to 437.", WEDNESDAY)
    assert got["Friday"] == "2025-03-07"


def test_a_time_clause_takes_the_time_of_the_clause_it_depends_on(nlp):
    got = values(nlp, "The chairman had said that allies were likely to buy shares as soon as trading "
                      "opened Monday.", WEDNESDAY)
    assert got["Monday"] == "2025-03-17"


def test_an_infinitive_under_an_adjective_takes_the_verb_s_time(nlp):
    got = values(nlp, "Problems made it difficult for the firm to meet demand well into the summer.", "2025-10-20")
    assert got["summer"] == "2025-SU"


def test_following_and_previous_count_from_the_date_named_last(nlp):
    got = values(nlp, "On May 22, 1995, he was promoted, and the following year he moved to Bonn.", MONDAY)
    assert got["the following year"] == "1996"
    got = values(nlp, "Shares closed lower Friday, down 4.5% from the previous Friday.", MONDAY)
    assert (got["Friday"], got["the previous Friday"]) == ("2025-03-07", "2025-02-28")


def test_a_plan_in_the_past_perfect_takes_the_nearest_day(nlp):
    """"had been due to expire Friday" said on a Monday: the plan was a former state (the offer was
    then extended), so no direction: the nearest Friday, three days back."""
    got = values(nlp, "The offer had been due to expire Friday evening. It was extended.", MONDAY)
    assert got["Friday evening"].startswith("2025-03-07")
    got = values(nlp, "The offer is due to expire Friday evening.", MONDAY)
    assert got["Friday evening"].startswith("2025-03-14")


@pytest.mark.parametrize(("text", "expected"), [
    # Now in general (TimeML's PRESENT_REF): a state in the simple present, or a restrictive relative clause.
    ("It is the best way to meet the challenges we face today, few of which are new.", "PRESENT_REF"),
    ("Once a coal port, the harbour is today a busy district of offices.", "PRESENT_REF"),
    ("The problems that remain today are many.", "PRESENT_REF"),
    # The day itself: an event in any tense, a scheduled event, a deadline, "today" as the predicate.
    ("The prime minister faces a confidence vote today.", MONDAY),
    ("The summit, which opens today, will discuss trade.", MONDAY),
    ("The session that opens today will discuss trade.", MONDAY),
    ("The ministry said today it would act.", MONDAY),
    ("The phone is getting an update today.", MONDAY),
    ("The vote is today.", MONDAY),
    ("Today is a sad day for the court.", MONDAY),
    ("Lawmakers are increasingly enthusiastic by today.", MONDAY),
])
def test_a_generic_today_is_the_present_not_the_report_day(nlp, text, expected):
    got = {word.lower(): value for word, value in values(nlp, text, MONDAY).items()}
    assert got["today"] == expected


def test_plain_text_today_is_always_the_report_day():
    got = {t.text: t.value for t in extract_times("the challenges we face today", MONDAY)}
    assert got["today"] == MONDAY


def test_a_stamp_without_time_of_day_may_be_the_day_before_the_report():
    # A bare date counts as late: a past-tense "Tuesday" in a report dated Monday is the next day,
    # as it is for a report stamped in the evening; a morning stamp keeps last week's Tuesday.
    monday = date(2025, 3, 10)
    assert cal.is_late(None) and cal.is_late(cal.LATE_HOUR) and not cal.is_late(9)
    assert cal.weekday(monday, 1, cal.PAST, late=cal.is_late(None)) == date(2025, 3, 11)
    assert cal.weekday(monday, 1, cal.PAST, late=cal.is_late(9)) == date(2025, 3, 4)


def test_untimed_report_of_a_launch_early_the_next_day(nlp):
    text = "The navy said the country fired a missile over the sea early Tuesday morning."
    assert values(nlp, text, MONDAY)["early Tuesday morning"] == "2025-03-11"
    assert values(nlp, text, MONDAY + "T09:00")["early Tuesday morning"] == "2025-03-04"


@pytest.mark.parametrize(("text", "word", "expected"), [
    # A present verb says little of a weekday that dates its object: yesterday's hearing ...
    ("The minister's appearance follows the testimony Tuesday of four officials.", "Tuesday", "2025-03-11"),
    # ... while a weekday that is the present verb's own adjunct is a plan.
    ("The trial opens Tuesday in Lisbon.", "Tuesday", "2025-03-18"),
])
def test_present_tense_dates_its_own_verb_not_its_object(nlp, text, word, expected):
    assert values(nlp, text, WEDNESDAY)[word] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Voters reacted to Sunday's election.", "2025-03-09"),  # a possessive weekday is past ...
    ("As the country prepares to vote in Sunday's election, the minister spoke.", "2025-03-16"),  # ... unless ahead
    ("Lawyers said they would look for ways around Monday's ruling.", "2025-03-10"),  # nearest: back
])
def test_possessive_weekday_is_past_unless_its_clause_looks_ahead(nlp, text, expected):
    # Published on Thursday 13 March: Sunday is three days ahead or four back, Monday three back.
    assert values(nlp, text, "2025-03-13")[re.search(r"\w+day", text).group(0)] == expected

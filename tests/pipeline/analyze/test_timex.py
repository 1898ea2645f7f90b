"""Time expressions: one invented sentence per rule, resolved against a known publication date."""

from __future__ import annotations

import pytest

from storyline.pipeline.analyze.timex import extract_times
from storyline.pipeline.analyze.timex_zones import dateline_zone, reference_for

TUESDAY = "2025-03-11"  # a Tuesday
MONDAY = "2025-03-10"


@pytest.fixture(scope="module")
def nlp():
    from storyline.pipeline.analyze.nlp import load_nlp

    return load_nlp()


def values(text: str, published: str | None = TUESDAY, nlp=None, **kw) -> dict[str, tuple[str, str]]:
    doc = nlp(text) if nlp is not None else text
    kw.setdefault("time_of_day", True)
    found = extract_times(doc, published, **kw)
    for t in found:
        assert text[t.start:t.end] == t.text  # offsets are verbatim
    return {t.text: (t.value, t.type) for t in found}


# ---- weekdays by tense (the parse decides) ----------------------------------------------------
def test_weekday_past_tense_is_the_day_before(nlp):
    assert values("The delegation arrived in Lisbon on Monday.", nlp=nlp)["Monday"] == ("2025-03-10", "DATE")


def test_weekday_future_tense_is_the_coming_one(nlp):
    got = values("The ministers will meet again on Wednesday and will report on Monday.", nlp=nlp)
    assert got["Wednesday"] == ("2025-03-12", "DATE")
    assert got["Monday"] == ("2025-03-17", "DATE")


def test_weekday_said_on_the_same_day_is_that_day(nlp):
    assert values("The minister said Monday that the border would reopen.", MONDAY, nlp=nlp)["Monday"][0] == MONDAY


def test_weekday_present_and_planned_look_forward_relative_clause_looks_back(nlp):
    assert values("The trial opens Monday in Lisbon.", nlp=nlp)["Monday"][0] == "2025-03-17"
    assert values("They plan to meet on Friday.", nlp=nlp)["Friday"][0] == "2025-03-14"
    assert values("The minister, who resigned on Monday, is now abroad.", nlp=nlp)["Monday"][0] == "2025-03-10"


def test_plain_text_falls_back_to_cue_words():
    assert values("Officials said the port closed on Sunday.")["Sunday"][0] == "2025-03-09"
    assert values("Officials will reopen the port on Sunday.")["Sunday"][0] == "2025-03-16"


def test_weekday_modifiers_and_possessive(nlp):
    got = values("Last Friday the council voted, and next Friday it meets. Thursday's vote was close.", nlp=nlp)
    assert got["Last Friday"][0] == "2025-03-07"
    assert got["next Friday"][0] == "2025-03-14"  # the first Friday after today
    assert got["Thursday"][0] == "2025-03-06"


def test_weekday_with_part_of_day_is_a_time(nlp):
    assert values("Rioting broke out on Sunday night.", nlp=nlp)["Sunday night"] == ("2025-03-09TNI", "TIME")


# ---- relative days, weeks, months, years --------------------------------------------------------
def test_time_values_cut_to_the_day_by_default():
    found = extract_times("The vote ended at 3 p.m. yesterday.", TUESDAY)
    assert [(t.value, t.type) for t in found] == [("2025-03-10", "TIME")]


def test_relative_days():
    got = values("Yesterday the port closed; today it reopens and tomorrow ferries sail. Tonight it rains.")
    assert got["Yesterday"] == ("2025-03-10", "DATE")
    assert got["today"] == ("2025-03-11", "DATE")
    assert got["tomorrow"] == ("2025-03-12", "DATE")
    assert got["Tonight"] == ("2025-03-11TNI", "TIME")


def test_relative_units_use_iso_weeks_and_calendar_months():
    got = values("Last week the index fell; this year it rose. Next month and earlier this month differ.")
    assert got["Last week"][0] == "2025-W10"
    assert got["this year"][0] == "2025"
    assert got["Next month"][0] == "2025-04"
    assert got["earlier this month"][0] == "2025-03"


def test_ago_and_later_keep_their_granularity():
    got = values("Three days ago the strike ended; two years ago it began; a month later it spread.")
    assert got["Three days ago"][0] == "2025-03-08"
    assert got["two years ago"][0] == "2023"
    assert got["a month"] == ("P1M", "DURATION")  # "later" counts from the narrated event, not from now


def test_before_or_after_an_event_is_a_duration_alone_it_counts_from_now():
    got = values("Banks must wait 30 days before closing the deal. Two days before, it rained.")
    assert got["30 days"] == ("P30D", "DURATION")
    assert got["Two days before"] == ("2025-03-09", "DATE")


def test_a_year_earlier_takes_the_reporting_period_named_last():
    found = extract_times("Profit rose in the third quarter from a year earlier. For the nine months, sales "
                          "fell from a year earlier.", TUESDAY)
    # In March the third quarter told in the past is last year's (this year's has not begun).
    assert [t.value for t in found] == ["2024-Q3", "2023-Q3", "P9M", "2024"]


def test_a_quarter_closed_on_a_day_is_the_calendar_quarter_it_mostly_covers():
    # May to July is the second quarter; the year-ago figure is that quarter a year back.
    got = values("In the quarter ended July 31, the retailer lost $2 million, against a profit a year earlier.",
                 "2024-10-28")
    assert got["the quarter"][0] == "2024-Q2"
    assert got["a year earlier"][0] == "2023-Q2"
    assert values("Net rose in the quarter ending Dec. 31, 2023.", "2024-10-28")["the quarter"][0] == "2023-Q4"
    # After a fiscal quarter was named, "the quarter ended ..." is that fiscal quarter, as TimeML numbers it.
    got = values("Net rose in the fiscal first quarter. For the quarter ended Sept. 30, sales rose.", "2024-10-28")
    assert got["the quarter"][0] == "2024-Q1"


def test_a_quarter_not_yet_begun_is_last_years_only_in_the_past():
    assert extract_times("Profit fell in the fourth quarter.", TUESDAY)[0].value == "2024-Q4"
    assert extract_times("Profit will rise in the fourth quarter.", TUESDAY)[0].value == "2025-Q4"
    assert extract_times("Profit fell in the first quarter.", TUESDAY)[0].value == "2025-Q1"


def test_the_quarter_a_year_ago_and_a_forecast_quarter_is_no_reporting_period():
    got = extract_times("Losses may last through the third quarter of 2026. Net fell in the quarter a year ago, "
                        "and rose from the year-ago period.", TUESDAY)
    assert [(t.text, t.value) for t in got] == [
        ("the third quarter of 2026", "2026-Q3"), ("the quarter a year ago", "2023-Q4"),
        ("the year-ago period", "2023-Q4")]  # the last quarter reported (2024-Q4) a year back


def test_a_year_read_out_with_a_month_or_season():
    got = {t.text: t.value for t in extract_times(
        "It began in January nineteen ninety-seven, after the winter of nineteen ninety-four.", TUESDAY)}
    assert got == {"January nineteen ninety-seven": "1997-01", "winter of nineteen ninety-four": "1994-WI"}


def test_weekend(nlp):
    assert values("Protesters gathered over the weekend.", nlp=nlp)["the weekend"][0] == "2025-W10-WE"
    assert values("Crowds are expected this weekend.")["this weekend"][0] == "2025-W11-WE"


# ---- months, seasons, years, decades, quarters ------------------------------------------------
def test_month_without_year_goes_to_the_nearest_by_tense(nlp):
    assert values("The treaty was signed in September.", nlp=nlp)["September"][0] == "2024-09"
    assert values("Elections will be held in April.", nlp=nlp)["April"][0] == "2025-04"
    assert values("Last April the river flooded.")["Last April"][0] == "2024-04"


def test_month_and_day_without_year(nlp):
    assert values("The ceasefire began on Feb. 27.", nlp=nlp)["Feb. 27"][0] == "2025-02-27"
    assert values("The summit will open on March 20.", nlp=nlp)["March 20"][0] == "2025-03-20"


def test_may_the_verb_and_fall_the_verb_are_not_times():
    assert values("He may resign if prices fall sharply.") == {}


def test_seasons():
    got = values("Work stopped last winter and resumes this summer, as it did in the fall of 2019.")
    assert got["last winter"][0] == "2024-WI"
    assert got["this summer"][0] == "2025-SU"
    assert got["fall of 2019"][0] == "2019-FA"


def test_full_and_numeric_dates():
    got = values("It happened on March 12, 2019, on 5 June 2020 and on 2021-07-01; filings from 9/14/2018 too.")
    assert got["March 12, 2019"] == ("2019-03-12", "DATE")
    assert got["5 June 2020"] == ("2020-06-05", "DATE")
    assert got["2021-07-01"] == ("2021-07-01", "DATE")
    assert got["9/14/2018"] == ("2018-09-14", "DATE")


def test_years_decades_centuries_spelled_years():
    got = values("In 1998 and in the 1990s, as in the '80s and the 20th century, in nineteen ninety-six.")
    assert got["1998"][0] == "1998"
    assert got["the 1990s"][0] == "199"
    assert got["the '80s"][0] == "198"
    assert got["the 20th century"][0] == "19"
    assert got["nineteen ninety-six"][0] == "1996"


def test_numbers_that_are_not_years():
    assert values("The company hired 2000 people and paid $1990 in fees.") == {}


def test_quarters_and_year_ago_in_earnings_context():
    text = "Profit rose in the third quarter of 2024 from $5 million a year earlier. The fourth quarter looks weak."
    got = values(text, "2024-10-25")
    assert got["the third quarter of 2024"][0] == "2024-Q3"
    assert got["a year earlier"][0] == "2023-Q3"
    assert got["The fourth quarter"][0] == "2024-Q4"
    assert values("Sales fell in the latest quarter.", "2024-10-25")["the latest quarter"][0] == "2024-Q3"


def test_halves():
    assert values("Growth slowed in the first half of 2024.")["the first half of 2024"][0] == "2024-H1"


# ---- durations, sets, times, vague references -----------------------------------------------------
def test_durations():
    got = values("The siege lasted three and a half months; the vote took two hours, the talks for years, "
                 "the war a decade and the break half an hour. A 10-year plan.")
    assert got["three and a half months"] == ("P3M15D", "DURATION")
    assert got["two hours"] == ("PT2H", "DURATION")
    assert got["years"] == ("PXY", "DURATION")
    assert got["a decade"] == ("P10Y", "DURATION")
    assert got["half an hour"] == ("PT30M", "DURATION")
    assert got["10-year"] == ("P10Y", "DURATION")


def test_ages_are_not_durations():
    assert values("Mr. Lund, 52 years old, resigned.") == {}


def test_sets():
    got = values("Trains run daily, the board meets every Monday, and inspectors visit twice a year.")
    assert got["daily"] == ("P1D", "SET")
    assert got["every Monday"] == ("XXXX-WXX-1", "SET")
    assert got["a year"] == ("P1Y", "SET")


def test_clock_times_take_their_day(nlp):
    got = values("Polls close at 8 p.m. on Friday. The hearing began at 10:30 a.m. yesterday. Lunch is at noon.",
                 nlp=nlp)
    assert got["8 p.m. on Friday"] == ("2025-03-14T20:00", "TIME")
    assert got["10:30 a.m. yesterday"] == ("2025-03-10T10:30", "TIME")
    assert got["noon"] == ("2025-03-11T12:00", "TIME")


def test_present_past_future_references():
    got = values("Prices are now high; recently they fell, and soon they will rise. In the past it was worse.")
    assert got["now"] == ("PRESENT_REF", "DATE")
    assert got["recently"] == ("PAST_REF", "DATE")
    assert got["soon"] == ("FUTURE_REF", "DATE")
    assert got["the past"] == ("PAST_REF", "DATE")
    assert "now" not in values("Now that the vote is over, talks resume.")


def test_holidays():
    assert values("Shops closed on Christmas Day.", "2025-01-10")["Christmas Day"][0] == "2024-12-25"
    assert values("Thanksgiving 2024 was busy.")["Thanksgiving 2024"][0] == "2024-11-28"


# ---- reference date: missing, dateline time zone ------------------------------------------------
def test_without_a_publication_date_only_absolute_expressions_remain():
    got = values("On March 12, 2019, three months after the vote, the court ruled; yesterday it met.", None)
    assert got == {"March 12, 2019": ("2019-03-12", "DATE"), "three months": ("P3M", "DURATION")}


def test_dateline_time_zone_moves_the_reference_date():
    late = "2025-03-12T23:30:00+00:00"  # already the 13th in Seoul
    assert values("Officials met today.", late, dateline="SEOUL")["today"][0] == "2025-03-13"
    assert values("Officials met today.", late, dateline="WASHINGTON")["today"][0] == "2025-03-12"
    assert values("Officials met today.", late)["today"][0] == "2025-03-12"
    assert reference_for(late, "Seoul, March 13 (Reuters)").basis == "published@Asia/Seoul"
    assert reference_for("2025-03-12", "SEOUL").basis == "published"  # no time: nothing to move
    assert dateline_zone("Atlantis") is None
    # A feed-style stamp is parsed too (dateparser), offset and all.
    assert reference_for("Wed, 12 Mar 2025 23:30:00 +0000", "SEOUL").day.isoformat() == "2025-03-13"


def test_estimated_reference_is_recorded():
    ref = reference_for("2025-03-12", estimated=True)
    assert ref is not None and ref.basis == "estimated"
    found = extract_times("It rained yesterday.", "2025-03-12", estimated=True)
    assert found[0].value == "2025-03-11"
    if hasattr(found[0], "estimated"):  # once TimeExpr carries the flag
        assert found[0].estimated is True


def test_week_of_day_beside_halves_and_fiscal_years():
    got = values("A hearing is set for the week of March 17. The day before last Tuesday's hearing he met "
                 "the judge. Earnings for the last half of 2024 and the first two quarters of 2025 rose; "
                 "for the year ended Sept. 30, profit fell.")
    assert got["the week of March 17"] == ("2025-W12", "DATE")
    assert got["The day before last Tuesday"] == ("2025-03-03", "DATE")
    assert got["the last half of 2024"] == ("2024-H2", "DATE")
    assert got["the first two quarters of 2025"] == ("2025-H1", "DATE")
    assert got["the year"] == ("P1Y", "DURATION")


def test_results_report_periods():
    got = values("Sales for the year ended March 31 rose. In the fiscal second-quarter, net rose to $3 million "
                 "from the corresponding period last year. Net fell in the third quarter, as in the 2024 period.",
                 "2025-10-30")
    assert got["March 31"] == ("2025-03-31", "DATE")  # an ended period closed before the report
    assert got["fiscal second-quarter"] == ("2025-Q2", "DATE")
    assert got["the corresponding period last year"] == ("2024-Q2", "DATE")
    assert got["the 2024 period"] == ("2024-Q3", "DATE")


def test_prefilter_skips_rules_without_changing_what_is_found(monkeypatch):
    from storyline.pipeline.analyze import timex_rules

    assert set(timex_rules.NEEDS) == {name for name, _, _ in timex_rules.RULES}
    text = ("On Monday, March 3, the board met at 3 p.m.; in the third quarter of 2024 and last year's period "
            "sales rose 5% from a year earlier. Two weeks ago, in the spring, daily flights began. The 1990s "
            "and the nineteen eighties were recalled last Christmas; the year ended Sept. 30 was weak. It began in "
            "January nineteen ninety-seven.")
    with_filter = [(t.start, t.end, t.value) for t in extract_times(text, TUESDAY)]
    monkeypatch.setattr(timex_rules, "NEEDS", {})
    assert with_filter == [(t.start, t.end, t.value) for t in extract_times(text, TUESDAY)]
    assert len(with_filter) >= 12


def test_that_year_and_earlier_in_the_year_are_anchored():
    got = values("He fled in June 1998 and returned later that year. Rain fell earlier in the year. That day "
                 "nobody came.")
    assert got["later that year"] == ("1998", "DATE")
    assert got["earlier in the year"] == ("2025", "DATE")
    assert "That day" not in got  # no date named before it: no anchor, no value


def test_soon_and_previously_that_only_order_events_are_no_times():
    got = values("The rescue began soon after the blast. Shares rose as soon as trading opened. "
                 "The firm previously said it would sell. It will reply as soon as possible.")
    assert list(got) == ["as soon as possible"] or list(got) == ["soon"]
    assert all(v == ("FUTURE_REF", "DATE") for v in got.values())


def test_a_weekday_with_plural_part_of_day_is_a_set():
    assert values("The bar hosts quiz games on Tuesday nights.")["Tuesday nights"] == ("XXXX-WXX-2TNI", "SET")


def test_one_day_after_a_modal_is_some_day_to_come_not_a_day_long():
    assert values("Islam will one day be the second largest religion there.")["one day"] == ("FUTURE_REF", "DATE")
    assert values("The move followed by one day an announcement.")["one day"] == ("P1D", "DURATION")


def test_a_wire_s_gmt_conversion_between_clock_and_weekday():
    got = values("The blast occurred at about 10:35 a.m. (0735 GMT) Friday, officials said.", "2025-03-15")
    assert [v for v in got.values()] == [("2025-03-14T10:35", "TIME")]


def test_counted_lengths_with_a_word_between_count_and_unit():
    got = values("The lease runs for at least 20 more years. The loan may be extended for an additional year. "
                 "Eight trading days after the crash, prices recovered. It met for a day-long session in a "
                 "decades-long feud. Over the next couple of years sales will grow.")
    assert got["at least 20 more years"] == ("P20Y", "DURATION")
    assert got["an additional year"] == ("P1Y", "DURATION")
    assert got["Eight trading days"] == ("P8D", "DURATION")
    assert got["day-long"] == ("P1D", "DURATION")
    assert got["decades-long"] == ("PXY", "DURATION")
    assert got["the next couple of years"] == ("P2Y", "DURATION")


def test_the_year_of_a_results_report_and_the_near_term():
    got = values("For the year, volume was flat. Stock hit a high for the year in June. "
                 "The firm faces the challenges of the near term and will pay at a later date.")
    assert got["the year"] == ("2025", "DATE")
    assert got["the near term"] == ("FUTURE_REF", "DATE")
    assert got["a later date"] == ("FUTURE_REF", "DATE")
    assert "the year" not in values("He left the year before the war.")
    assert values("Losses narrowed over several quarters.")["several quarters"] == ("PXQ", "DURATION")


def test_a_bare_clock_time_takes_the_day_its_paragraph_named():
    got = values("A total lunar eclipse comes on Jan. 31. Denver sees it at 6:30 a.m., mid-eclipse.", "2025-01-10")
    assert got["6:30 a.m."] == ("2025-01-31T06:30", "TIME")
    got = values("The vote was on Monday.\n\nLunch is at noon.", TUESDAY)
    assert got["noon"] == ("2025-03-11T12:00", "TIME")  # another paragraph: the report's own day


def test_midnight_as_a_colour_is_no_time():
    assert values("He drives a midnight blue Roadster.") == {}


def test_this_season_two_seasons_away_is_the_report_s_year():
    assert values("The season starts this fall.", "2013-03-13")["this fall"] == ("2013-FA", "DATE")
    assert values("This spring the team won.", "2013-09-15")["This spring"] == ("2013-SP", "DATE")


def test_a_wire_s_24_hour_clock_is_a_time_not_a_year():
    got = values("The ceasefire began at 0600 GMT. The summit ended at 1500 local time.", "2013-03-13")
    assert got["0600 GMT"] == ("2013-03-13T06:00", "TIME")
    assert got["1500 local time"] == ("2013-03-13T15:00", "TIME")
    assert values("New Year’s Day 2013 was cold.")["New Year’s Day 2013"] == ("2013-01-01", "DATE")


def test_a_year_and_a_half_ago_is_named_to_the_month():
    got = values("It began a year and a half ago and ended two and a half years ago.", "2013-03-13")
    assert got["a year and a half ago"] == ("2011-09", "DATE")
    assert got["two and a half years ago"] == ("2010-09", "DATE")


@pytest.mark.parametrize("text", [
    "His spokesman told USA Today on the phone.",
    "Speaking to BBC Radio 4's Today programme, he said so.",
    'Baker said on ABC\'s "This Week With David Brinkley" that it was over.',
    "Gonzalez said on CBS's '60 Minutes' that he would stay.",
    "It was Gary Cooper in the film High Noon.",
    "He last won the Fall Classic long ago.",
])
def test_a_time_word_inside_a_name_is_no_time(text):
    assert [t.text for t in extract_times(text, "2025-03-12")] == []


@pytest.mark.parametrize(("text", "word", "value"), [
    ("They met. Today we know more.", "Today", "2025-03-12"),
    ('He said: "Today we won."', "Today", "2025-03-12"),
    ("``Today, I'm here to tell you.''", "Today", "2025-03-12"),
    ("This week the talks resume.", "This week", "2025-W11"),
    ("Revellers gathered on New Year's Eve.", "New Year's Eve", "2024-12-31"),
])
def test_a_capital_at_the_start_of_a_sentence_or_in_a_holiday_is_still_a_time(text, word, value):
    got = {t.text: t.value for t in extract_times(text, "2025-03-12")}
    assert got[word] == value


@pytest.mark.parametrize("text", ["Talks end by the end of the year.", "Talks end by year's end.", "Talks end around year end."])
def test_the_end_of_a_year_is_the_year_as_timeml_writes_it(text):
    assert [t.value for t in extract_times(text, "2025-03-12")] == ["2025"]


@pytest.mark.parametrize(("text", "published", "value"), [
    ("Stores close on Memorial Day.", "2025-03-12", "2025-05-26"),
    ("They met on Labor Day.", "2025-10-01", "2025-09-01"),
    ("Voters go to the polls on Election Day.", "1998-10-26", "1998-11-03"),
    ("The rising began on Easter Monday 1916.", "2025-01-01", "1916-04-24"),
    ("He came home for Thanksgiving Day.", "2000-01-07", "1999-11-25"),
    ("Offices shut on Martin Luther King Jr. Day.", "2025-03-12", "2025-01-20"),
])
def test_holidays_that_move_are_computed_for_the_nearest_year(text, published, value):
    assert [t.value for t in extract_times(text, published)] == [value]


def test_easter_island_and_eastern_are_no_holiday():
    assert extract_times("He flew from Easter Island to Eastern Europe.", "2025-03-12") == []


def test_the_edge_of_the_month_or_week_is_that_month_or_week():
    got = values("He will step down at the end of the month. Talks resume at the beginning of the week.")
    assert got["the end of the month"] == ("2025-03", "DATE")
    assert got["the beginning of the week"] == ("2025-W11", "DATE")

"""The TIMEX3 extent: prepositions, focus words and an adjective's article stay outside the span."""

from __future__ import annotations

from storyline.pipeline.analyze.timex import extract_times
from storyline.pipeline.analyze.timex_extent import trim_extent

TUESDAY = "2025-03-11"


def spans(text: str) -> dict[str, tuple[str, str]]:
    return {t.text: (t.value, t.type) for t in extract_times(text, TUESDAY, time_of_day=True)}


def test_trim_extent_drops_leading_signals_and_keeps_offsets():
    text = "Prices rose for the past three years."
    start = text.index("for")
    assert trim_extent(text, start, len(text) - 1) == (text.index("the past"), len(text) - 1)


def test_prepositions_are_signals_not_part_of_the_time():
    got = spans("He waited for about two weeks. The offer runs until 9 a.m. Friday. "
                "Sales rose over the past three years. The vote is at noon.")
    assert got["about two weeks"] == ("P2W", "DURATION")  # "about" is a modifier: it stays
    assert got["9 a.m. Friday"] == ("2025-03-14T09:00", "TIME")
    assert got["the past three years"] == ("P3Y", "DURATION")
    assert got["noon"] == ("2025-03-11T12:00", "TIME")


def test_modifiers_that_shape_the_value_stay_in_the_span():
    got = spans("It took just over an hour. Talks may last for at least two more weeks.")
    assert got["over an hour"] == ("PT1H", "DURATION")  # "just" is a focus word; "over" means "more than"
    assert got["at least two more weeks"] == ("P2W", "DURATION")


def test_the_article_of_an_adjectival_duration_belongs_to_its_noun():
    got = spans("The eight-year war ended. The 30-day review began. For the year ended Sept. 30, profit fell.")
    assert got["eight-year"] == ("P8Y", "DURATION")
    assert got["30-day"] == ("P30D", "DURATION")
    assert got["the year"] == ("P1Y", "DURATION")


def test_the_past_few_units_is_one_uncounted_stretch():
    got = spans("Rates fell over the past few weeks and may rise in the next few months.")
    assert got["the past few weeks"] == ("PXW", "DURATION")
    assert got["the next few months"] == ("PXM", "DURATION")
    assert "the past" not in got


def test_or_so_belongs_to_the_time_it_loosens():
    got = spans("The plant will close over the next year or so. Shares may rise over the next two years or so.")
    assert got["the next year or so"] == ("2026", "DATE")
    assert got["the next two years or so"] == ("P2Y", "DURATION")


def test_this_past_and_this_coming_take_their_this():
    got = spans("The protests this past weekend were calm. He arrives this coming Sunday.")
    assert got["this past weekend"] == ("2025-W10-WE", "DATE")
    assert got["this coming Sunday"] == ("2025-03-16", "DATE")


def test_a_day_and_month_are_whole_words_and_numbers():
    got = spans("The fund holds 1,384,119 Octel shares. The deal closed on 19 Oct 2012.")
    assert list(got) == ["19 Oct 2012"]


def test_a_quarter_century_is_twenty_five_years():
    got = spans("It began a quarter-century ago and lasted for a quarter century.")
    assert got["a quarter-century ago"] == ("2000", "DATE")
    assert got["a quarter century"] == ("P25Y", "DURATION")


def test_every_rule_is_reached_through_the_quick_check():
    samples = {"lead_preposition": "during the quarter", "lead_over": "over the past year", "lead_at": "at noon",
               "lead_focus": "just a decade ago", "adjectival_the": "the eight-year", "tail_ended": "the year ended"}
    from storyline.pipeline.analyze.timex_extent import EXTENT_RULES

    assert set(samples) == {name for name, _ in EXTENT_RULES}
    for text in samples.values():
        assert trim_extent(text, 0, len(text)) != (0, len(text)), text


def test_over_the_years_and_the_weeks_ahead_are_uncounted_stretches():
    got = spans("Over the years, the firm grew. In the weeks ahead, the bank will decide. "
                "The years of war were hard. In the days before the vote he left.")
    assert got == {"the years": ("PXY", "DURATION"), "the weeks ahead": ("PXW", "DURATION")}

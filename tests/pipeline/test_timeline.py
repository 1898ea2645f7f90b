"""The timeline: body sentences only, one entry per event, calendar order, readable labels."""

from __future__ import annotations

import pytest

from storyline.models import Article, TimeExpr
from storyline.pipeline.analyze.timex_intervals import interval_of, sort_key
from storyline.pipeline.analyze.timex_lines import is_body, line_kind
from storyline.pipeline.brief.timeline import build_timeline


def article(aid: str, text: str, times: list[tuple[str, str]]) -> Article:
    """An article whose time expressions are given as (the words, their value), found in order."""
    found, cursor = [], 0
    for words, value in times:
        start = text.index(words, cursor)
        cursor = start + len(words)
        found.append(TimeExpr(words, start, cursor, value, "DATE"))
    return Article(aid, f"{aid}.txt", text, aid, times=found)


@pytest.mark.parametrize(("value", "label", "precision"), [
    ("2017-08-29", "Tuesday 29 August 2017", "day"),
    ("2017-08-29TMO", "Tuesday 29 August 2017, morning", "day"),
    ("2025-W11", "week of 10 March 2025", "week"),
    ("2025-W11-WE", "weekend of 15–16 March 2025", "weekend"),
    ("2025-03", "March 2025", "month"),
    ("2025-FA", "autumn 2025", "season"),
    ("2025-WI", "winter 2025–26", "season"),
    ("2025-Q3", "third quarter of 2025", "quarter"),
    ("2025-H1", "first half of 2025", "half"),
    ("2025", "2025", "year"),
    ("199", "the 1990s", "decade"),
    ("20", "the 21st century", "century"),
])
def test_labels_and_precision(value, label, precision):
    interval = interval_of(value)
    assert (interval.label, interval.precision) == (label, precision)


def test_values_off_the_calendar_have_no_interval():
    assert interval_of("PRESENT_REF") is None and interval_of("P3D") is None and interval_of("2025-13") is None


def test_intervals_sort_by_time_not_by_text():
    values = ["2025-SU", "2025-W10", "2025-04", "2025-03-05", "2025-03", "2025-W12"]
    ordered = sorted(values, key=lambda v: sort_key(interval_of(v)))
    assert ordered == ["2025-03", "2025-W10", "2025-03-05", "2025-W12", "2025-04", "2025-SU"]


@pytest.mark.parametrize(("line", "kind"), [
    ("Published : March 15, 2021 - 14:22", "metadata"),
    ("Updated at 9:50 p.m. ET Thursday", "metadata"),
    ("By Jane Doe, Staff Writer", "metadata"),
    ("The minister speaks during a briefing in Lisbon on Feb. 26, 2021 in this photo released by the ministry. (Reuters)",
     "caption"),
    ("The harbour master speaks to reporters on the quay on Monday.", "caption"),
    ("Storm clouds over the bay", "head"),
])
def test_lines_that_are_not_body(line, kind):
    text = f"{line}\nThe council met on Monday and agreed a new budget for the harbour after a long debate."
    assert line_kind(text, 0).kind == kind
    assert is_body(text, len(line) + 5)


def test_timeline_uses_body_sentences_and_cites_them_whole():
    text = ("Published: March 12, 2025 - 14:05\n"
            "The mayor opened the new bridge on Wednesday after two years of work.")
    a = article("a1", text, [("March 12, 2025", "2025-03-12"), ("Wednesday", "2025-03-12")])
    [entry] = build_timeline([a])
    sentence = "The mayor opened the new bridge on Wednesday after two years of work."
    assert (entry.date, entry.label, entry.text) == ("2025-03-12", "Wednesday 12 March 2025", sentence)
    [cite] = entry.citations
    assert text[cite.start:cite.end] == sentence


def test_one_event_reported_by_two_outlets_is_one_entry_citing_both():
    a = article("a1", "The regulator on Tuesday fined Brightline 38 million crowns for sharing location data.",
                [("Tuesday", "2025-06-10")])
    b = article("b1", "Brightline was fined 38 million crowns by the regulator on Tuesday over location data.",
                [("Tuesday", "2025-06-10")])
    c = article("c1", "Shares in the company fell sharply on Tuesday in early trading.", [("Tuesday", "2025-06-10")])
    entries = build_timeline([a, b, c])
    assert [[x.article for x in e.citations] for e in entries] == [["a1", "b1"], ["c1"]]


def test_the_same_sentence_resolved_differently_by_a_later_rerun_is_listed_once():
    quote = '"We have turned a page today, and both sides know what is at stake for our farmers," Smith said.'
    first = article("a1", quote, [("today", "2025-03-12")])
    rerun = article("a2", quote, [("today", "2025-03-13")])
    [entry] = build_timeline([first, rerun])
    assert entry.date == "2025-03-12" and len(entry.citations) == 2


def test_reporting_date_gives_way_and_a_coordinated_pair_is_one_span():
    text = "The ministers said Monday they will visit Lisbon on Wednesday and Thursday for talks."
    a = article("a1", text, [("Monday", "2025-03-10"), ("Wednesday", "2025-03-12"), ("Thursday", "2025-03-13")])
    [entry] = build_timeline([a])
    assert (entry.date, entry.label) == ("2025-03-12", "Wednesday 12 – Thursday 13 March 2025")


def test_the_anchor_of_a_span_is_no_event():
    a = article("a1", "The flood was the worst since 2015, the council said.", [("2015", "2015")])
    assert build_timeline([a]) == []


def test_entries_are_in_calendar_order():
    text = ("Trade talks stalled badly in the summer. The envoy returned home last week. "
            "A trade deal is expected in April. The treaty draft was finished on March 5.")
    a = article("a1", text, [("the summer", "2025-SU"), ("last week", "2025-W10"), ("April", "2025-04"),
                             ("March 5", "2025-03-05")])
    assert [e.date for e in build_timeline([a])] == ["2025-W10", "2025-03-05", "2025-04", "2025-SU"]


def test_a_bare_clock_time_dates_no_event():
    text = "The missile was fired at 5:58 a.m. local time and flew for about 14 minutes."
    a = article("a1", text, [])
    a.times = [TimeExpr("5:58 a.m.", text.index("5:58"), text.index("5:58") + 9, "2017-08-28T05:58", "TIME")]
    assert build_timeline([a]) == []


def test_like_sentences_weeks_apart_are_different_events():
    a = article("a1", "North Korea fired a ballistic missile over northern Japan early on Tuesday.", [("Tuesday", "2017-08-29")])
    b = article("b1", "North Korea fired a ballistic missile over northern Japan early on Friday.", [("Friday", "2017-09-15")])
    assert [e.date for e in build_timeline([a, b])] == ["2017-08-29", "2017-09-15"]

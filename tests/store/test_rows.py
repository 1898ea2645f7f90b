"""The one row shape of the store and the Parquet tables, and the JSON codec of stored records."""

from __future__ import annotations

import json

import pytest

from storyline.store import codec, rows
from storyline.models import (
    Article, Brief, BriefQuote, Citation, CitedText, Entity, Mention, Quote, Story, TimeExpr, TimelineEntry,
)


def _article() -> Article:
    return Article(
        id="a1", source="x.txt", text="Seoul — “We will,” Blinken said Tuesday.", content_hash="h",
        title="Talks", agencies=["Yonhap", "AFP"], published="2021-03-16", published_estimated=True,
        language="en", removed=["Photo: Ahn Young-joon"], story="s1",
        entities=[Entity("Blinken", "PERSON", "Antony Blinken", 21, 28, "secretary"), Entity("Seoul", "GPE", "Seoul", 0, 5)],
        quotes=[
            Quote("We will", 9, 16, "Antony Blinken", ["Antony Blinken"], Mention("Blinken", 21, 28), "said", "name"),
            Quote("No", 0, 2, None, [], None, None, None),
        ],
        times=[TimeExpr("Tuesday", 34, 41, "2021-03-16", "DATE", "publication", True)],
    )


@pytest.mark.parametrize("flat", [True, False])
def test_an_article_survives_its_rows(flat: bool) -> None:
    article = _article()
    back = rows.article_from_row({**rows.article_row(article, flat), "story": "s1"}, flat)
    for table, items in rows.child_rows(article, flat).items():
        assert [tuple(r) for r in items] == [rows.CHILD_COLUMNS[table]] * len(items)
        for r in items:
            rows.add_child(back, table, r, flat)
    assert back == article


def test_flat_rows_hold_lists_as_json_and_flags_as_integers() -> None:
    row = rows.article_row(_article(), flat=True)
    assert json.loads(row["agencies"]) == ["Yonhap", "AFP"] and row["published_estimated"] == 1
    times = rows.child_rows(_article(), flat=True)["times"]
    assert times[0]["estimated"] == 1
    assert rows.child_rows(_article(), flat=False)["quotes"][0]["speakers"] == ["Antony Blinken"]


def test_rows_written_before_a_column_existed_still_read() -> None:
    article = rows.article_from_row(rows.article_row(_article()))
    old_time = {k: v for k, v in rows.child_rows(_article())["times"][0].items() if k not in {"anchor", "estimated"}}
    rows.add_child(article, "times", old_time)
    assert (article.times[0].anchor, article.times[0].estimated) == (None, False)


def test_a_brief_survives_the_json_codec() -> None:
    brief = Brief(
        Story("s1", "Talks", ["a1", "a2"], "2021-03-15", "2021-03-16"),
        summary=[CitedText("Talks resumed.", [Citation("a1", 0, 14)], [CitedText("Talks resumed", [Citation("a2", 3, 16)])])],
        timeline=[TimelineEntry("2021-03-16", "Blinken said Tuesday.", [Citation("a1", 17, 38)], "day", "Tuesday 16 March 2021")],
        quotes=[BriefQuote("We will", "Antony Blinken", ["a1"], speakers=["Antony Blinken"])],
    )
    text = codec.to_json(brief)
    assert json.loads(text)["story"]["id"] == "s1"
    assert codec.from_json(Brief, text) == brief

"""Per-outlet boilerplate memory kept in the store across runs (run/outlet_lines.py)."""

from __future__ import annotations

from storyline.models import Article
from storyline.store import Store
from storyline.run.outlet_lines import counts, remember_outlet_lines

TAGLINE = "For more harbour news, listen to the Harbour Hour every weekday morning on our site."


def _article(n: int, outlet: str | None = "Harbour News") -> Article:
    body = f"The ferry timetable changes on day {n} of the month, the operator announced on Monday."
    return Article(id=f"a{n}", source=f"f{n}.txt", text=f"{body}\n\n{TAGLINE}", content_hash=f"h{n}",
                   outlet=outlet, language="en")


def test_a_line_an_outlet_repeats_becomes_boilerplate_across_runs(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        first = remember_outlet_lines(store, [_article(1), _article(2)])
    assert [a.text for a in first] == [_article(1).text, _article(2).text]  # two sightings prove nothing
    with Store(path) as store:  # a later run reads what the first one counted
        third, = remember_outlet_lines(store, [_article(3)])
        assert TAGLINE not in third.text and TAGLINE in third.removed
        assert third.text.startswith("The ferry timetable changes on day 3")
        found, n = counts(store.db, "harbour  NEWS", ["nohash"])
        assert (found, n) == ({}, 3)


def test_an_article_counts_once_and_an_unknown_outlet_teaches_nothing(tmp_path):
    with Store(tmp_path / "s.db") as store:
        for _ in range(3):
            remember_outlet_lines(store, [_article(1)])  # the same article ingested three times
        again, = remember_outlet_lines(store, [_article(1)])
        assert TAGLINE in again.text
        assert counts(store.db, "Harbour News", [])[1] == 1
        unknown = [_article(n, outlet=None) for n in range(5, 9)]
        assert remember_outlet_lines(store, unknown) == unknown
        assert store.db.execute("SELECT COUNT(*) FROM outlet_articles").fetchone()[0] == 1

"""Per-outlet boilerplate memory kept in the store across runs (run/outlet_lines.py)."""

from __future__ import annotations

import json
import random

import storyline
from storyline.models import Article
from storyline.run.outlet_lines import count_outlet_lines, counts, cut_outlet_boilerplate
from storyline.store import Store

TAGLINE = "For more harbour news, listen to the Harbour Hour every weekday morning on our site."


def _article(n: int, outlet: str | None = "Harbour News") -> Article:
    body = f"The ferry timetable changes on day {n} of the month, the operator announced on Monday."
    return Article(id=f"a{n}", source=f"f{n}.txt", text=f"{body}\n\n{TAGLINE}", content_hash=f"h{n}",
                   outlet=outlet, language="en")


def _store_and_count(store: Store, articles: list[Article]) -> None:
    count_outlet_lines(store, articles)
    store.save_articles([(a, None) for a in articles])


def test_a_line_an_outlet_repeats_becomes_boilerplate_across_runs(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        _store_and_count(store, [_article(1), _article(2)])
        assert cut_outlet_boilerplate(store, ["a1", "a2"]) == []  # two sightings prove nothing
    with Store(path) as store:  # a later run reads what the first one counted
        _store_and_count(store, [_article(3)])
        assert cut_outlet_boilerplate(store, ["a3"]) == ["a3"]
        third = store.article("a3")
        assert TAGLINE not in third.text and TAGLINE in third.removed
        assert third.text == "The ferry timetable changes on day 3 of the month, the operator announced on Monday."
        assert store.article("a1").text == _article(1).text  # only the run's new articles are judged
        assert counts(store.db, "harbour  NEWS", ["nohash"]) == ({}, 3)


def test_an_article_counts_once_and_an_unknown_outlet_teaches_nothing(tmp_path):
    with Store(tmp_path / "s.db") as store:
        for _ in range(3):
            count_outlet_lines(store, [_article(1)])  # the same article ingested three times
        assert counts(store.db, "Harbour News", [])[1] == 1
        count_outlet_lines(store, [_article(n, outlet=None) for n in range(5, 9)])
        assert store.db.execute("SELECT COUNT(*) FROM outlet_articles").fetchone()[0] == 1


def test_ingest_cuts_an_outlets_tagline_from_every_article_whatever_the_order(tmp_path):
    rows = [{"id": f"r{n}", "outlet": "Harbour News", "published": f"2021-03-{n + 10:02d}",
             "title": f"Ferry news {n}", "text": f"{_article(n).text.split(chr(10))[0]}\n\n"
                                                 f"\"We expect delays,\" the operator's spokesman Tom Reed said.\n\n{TAGLINE}"}
            for n in range(1, 6)]
    texts = []
    for seed in (1, 2):
        random.Random(seed).shuffle(rows)
        source = tmp_path / f"in{seed}.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in rows))
        with storyline.open(tmp_path / f"s{seed}.db") as sl:
            sl.ingest([source])
            exported = {a["id"]: a for a in sl.export()["articles"]}
        assert all(TAGLINE not in a["text"] and TAGLINE in a["removed"] for a in exported.values())
        for a in exported.values():
            assert all(a["text"][q["start"]:q["end"]] == q["text"] for q in a["quotes"]) and a["quotes"]
        texts.append({k: (a["text"], a["quotes"]) for k, a in exported.items()})
    assert texts[0] == texts[1]

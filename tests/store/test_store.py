"""The SQLite store: migrations, WAL, atomic article writes, full-text search."""

from __future__ import annotations

import sqlite3

import pytest

from storyline.models import Article, Entity, Mention, Quote, TimeExpr
from storyline.store import Store
from storyline.store.migrations import MIGRATIONS


def _article(n: int, story: str = "s1") -> Article:
    text = f"Minister Jane Smith said the harbour project number {n} would open in April."
    return Article(
        id=f"a{n}", source=f"file{n}.txt", text=text, content_hash=f"h{n}", title=f"Harbour project {n}",
        published="2025-03-12", story=story,
        entities=[Entity("Jane Smith", "PERSON", "Jane Smith", 9, 19, "Minister")],
        quotes=[Quote("harbour project", 29, 44, "Jane Smith", ["Jane Smith"], Mention("Jane Smith", 9, 19), "said")],
        times=[TimeExpr("April", text.index("April"), text.index("April") + 5, "2025-04", "DATE")],
    )


def test_migrations_are_named_ordered_and_applied_once(tmp_path):
    path = tmp_path / "s.db"
    Store(path).close()
    store = Store(path)
    names = [r[0] for r in store.db.execute("SELECT name FROM migrations ORDER BY name")]
    assert names == [name for name, _ in MIGRATIONS] == sorted(names)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_round_trip_keeps_every_field(tmp_path):
    with Store(tmp_path / "s.db") as store:
        article = _article(1)
        store.save_article(article, story_title="Harbour")
        assert store.article("a1") == article
        assert store.has_content("h1") and not store.has_content("h2")
        [story] = store.stories()
        assert (story.id, story.title, story.articles, story.first_published) == ("s1", "Harbour", ["a1"], "2025-03-12")


def test_articles_can_leave_out_analyses_a_page_does_not_draw(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.save_articles([(_article(1), "Harbour"), (_article(2), "Harbour")])
        full = store.articles(["a2", "a1"])
        light = store.articles(["a2", "a1"], parts=("quotes",))
        assert [a.id for a in light] == ["a2", "a1"]
        assert [a.quotes for a in light] == [a.quotes for a in full] and all(a.quotes for a in light)
        assert all(not a.entities and not a.times for a in light)
        assert [(a.text, a.title, a.published) for a in light] == [(a.text, a.title, a.published) for a in full]


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.save_article(_article(1))
        broken = _article(2)
        broken.quotes.append(broken.quotes[0])  # fine
        broken.entities = [broken.entities[0], Entity("X", None, "X", 0, 1)]  # type: ignore[arg-type]
        with pytest.raises(sqlite3.IntegrityError):  # NOT NULL label: the whole article is rolled back
            store.save_article(broken)
        assert store.count_articles() == 1
        assert store.db.execute("SELECT count(*) FROM entities WHERE article_id = 'a2'").fetchone()[0] == 0


def test_content_already_stored_is_ignored_not_an_error(tmp_path):
    # Another process may store the same content between has_content() and save_article().
    with Store(tmp_path / "s.db") as store:
        assert store.save_article(_article(1), story_title="Harbour") is True
        again = _article(1)
        again.story, again.entities = "s2", []
        assert store.save_article(again, story_title="Other") is False
        assert store.count_articles() == 1 and [s.id for s in store.stories()] == ["s1"]
        assert len(store.article("a1").entities) == 1


def test_full_text_search_ranks_and_stems(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.save_article(_article(1))
        other = _article(2)
        other.text, other.title = "Floods hit the valley towns.", "Valley floods"
        other.entities, other.quotes, other.times = [], [], []
        store.save_article(other)
        assert [h["id"] for h in store.search("flooding")] == ["a2"]
        assert [h["id"] for h in store.search("harbour minister")] == ["a1"]
        assert store.search("   ") == []


def test_missing_ids_raise_key_error(tmp_path):
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(KeyError):
            store.story("nope")
        with pytest.raises(KeyError):
            store.article("nope")


def test_iter_articles_can_stop_at_the_newest_stored(tmp_path):
    with Store(tmp_path / "s.db") as store:
        for n in range(5):
            store.save_article(_article(n))
        every = [a.id for a in store.iter_articles(batch=2)]
        newest = [a.id for a in store.iter_articles(batch=2, newest=2)]
        assert len(every) == 5
        assert newest == every[-2:]
        assert [a.id for a in store.iter_articles(newest=10)] == every

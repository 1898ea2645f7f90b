"""The store's per-story aggregates (migration 007): kept by triggers, always equal to aggregating the articles."""

from __future__ import annotations

import dataclasses

from storyline.models import Article
from storyline.store import Store
from storyline.store.migrations import migrate

AGGREGATE = ("SELECT story, count(*), count(DISTINCT outlet), min(published), max(published) "
             "FROM articles WHERE story IS NOT NULL GROUP BY story ORDER BY story")


def _article(n: int, story: str, outlet: str | None, published: str | None) -> Article:
    return Article(id=f"a{n}", source=f"f{n}.txt", text=f"Article number {n}.", content_hash=f"h{n}",
                   title=f"Title {n}", outlet=outlet, published=published, story=story)


def _stats(store: Store) -> list[tuple]:
    return [tuple(r) for r in store.db.execute("SELECT story, n, n_outlets, first, last FROM story_stats ORDER BY story")]


def _aggregate(store: Store) -> list[tuple]:
    return [tuple(r) for r in store.db.execute(AGGREGATE)]


def test_story_stats_follow_inserts_moves_redating_and_deletes(tmp_path):
    with Store(tmp_path / "s.db") as store:
        rows = [(1, "s1", "Daily", "2025-03-01"), (2, "s1", "Daily", "2025-03-04"), (3, "s1", "Herald", None),
                (4, "s2", None, "2024-12-31"), (5, "s2", "Herald", "2025-01-02")]
        for n, story, outlet, published in rows:
            store.save_article(_article(n, story, outlet, published), story_title=story)
        assert _stats(store) == _aggregate(store) == [
            ("s1", 3, 2, "2025-03-01", "2025-03-04"), ("s2", 2, 1, "2024-12-31", "2025-01-02")]

        # re-clustering: a4 joins s1, a5 becomes a story of its own, s2 is gone
        redated = dataclasses.replace(_article(3, "s1", "Herald", None), published="2025-02-27")
        store.apply_story_update({"a4": "s1", "a5": "s3"}, {"s1": "s1", "s3": "s3"}, redated=[redated])
        assert _stats(store) == _aggregate(store) == [
            ("s1", 4, 2, "2024-12-31", "2025-03-04"), ("s3", 1, 1, "2025-01-02", "2025-01-02")]

        store.db.execute("DELETE FROM articles WHERE id = 'a5'")
        store.db.execute("UPDATE articles SET outlet = 'Gazette' WHERE id = 'a1'")
        assert _stats(store) == _aggregate(store) == [("s1", 4, 3, "2024-12-31", "2025-03-04")]


def test_a_rewrite_that_moves_nothing_fires_nothing(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.save_article(_article(1, "s1", "Daily", "2025-03-01"), story_title="s1")
        store.db.execute("UPDATE story_stats SET n = 99")  # a marker the trigger would overwrite
        store.db.execute("UPDATE articles SET story = story, story_settled = 1")
        assert store.db.execute("SELECT n FROM story_stats").fetchone()[0] == 99


def test_the_migration_fills_the_aggregates_of_an_older_store(tmp_path):
    path = tmp_path / "old.db"
    with Store(path) as store:  # a new store, then pretend 007 was never applied: drop what it made
        store.save_article(_article(1, "s1", "Daily", "2025-03-01"), story_title="s1")
        store.save_article(_article(2, "s1", "Herald", "2025-03-02"), story_title="s1")
        for trigger in ("insert", "delete", "update"):
            store.db.execute(f"DROP TRIGGER story_stats_{trigger}")
        store.db.execute("DROP TABLE story_stats")
        store.db.execute("DROP INDEX articles_language")
        store.db.execute("DELETE FROM migrations WHERE name IN ('007_story_stats', '008_articles_newest')")
        store.db.execute("DROP INDEX articles_newest")
        assert migrate(store.db) == ["007_story_stats", "008_articles_newest"]
        assert _stats(store) == [("s1", 2, 2, "2025-03-01", "2025-03-02")]


def _counts(store: Store) -> dict[str, int]:
    return dict(store.db.execute("SELECT name, n FROM story_counts").fetchall())


def _counted(store: Store) -> dict[str, int]:
    return {"stories": store.db.execute("SELECT count(*) FROM stories").fetchone()[0],
            "listed": store.db.execute("SELECT count(*) FROM story_stats st JOIN stories s ON s.id = st.story")
            .fetchone()[0]}


def test_story_counts_follow_inserts_reclustering_and_deletes(tmp_path):
    with Store(tmp_path / "s.db") as store:
        assert _counts(store) == {"stories": 0, "listed": 0}
        for n, story in ((1, "s1"), (2, "s1"), (3, "s2"), (4, "s3")):
            store.save_article(_article(n, story, "Daily", f"2025-03-0{n}"), story_title=story)
        assert _counts(store) == _counted(store) == {"stories": 3, "listed": 3}
        assert store.count_stories() == 3 and store.story_page(limit=1)[1] == 3

        # re-clustering: s2 and s3 merge into s4 (story_stats rows replaced, stories deleted and added)
        store.apply_story_update({"a3": "s4", "a4": "s4"}, {"s1": "s1", "s4": "s4"})
        assert _counts(store) == _counted(store) == {"stories": 2, "listed": 2}

        store.db.execute("INSERT INTO stories VALUES ('empty', 'no articles yet', '2025-03-09')")
        assert _counts(store) == _counted(store) == {"stories": 3, "listed": 2}
        store.db.execute("DELETE FROM articles WHERE story = 's4'")
        store.db.execute("DELETE FROM stories WHERE id IN ('s4', 'empty')")
        assert _counts(store) == _counted(store) == {"stories": 1, "listed": 1}
        assert [r["id"] for r in store.story_page()[0]] == ["s1"]


def test_the_counts_migration_counts_an_older_store(tmp_path):
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.save_article(_article(1, "s1", "Daily", "2025-03-01"), story_title="s1")
        store.save_article(_article(2, "s2", "Herald", "2025-03-02"), story_title="s2")
        for trigger in ("stories_insert", "stories_delete", "stats_insert", "stats_delete"):
            store.db.execute(f"DROP TRIGGER story_counts_{trigger}")
        store.db.execute("DROP TABLE story_counts")
        store.db.execute("DELETE FROM migrations WHERE name = '010_story_counts'")
        assert migrate(store.db) == ["010_story_counts"]
        assert _counts(store) == {"stories": 2, "listed": 2}

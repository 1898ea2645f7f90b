"""The store under concurrent processes: migrations once, duplicates ignored, snapshots, read-only stores."""

from __future__ import annotations

import multiprocessing
import sqlite3

import pytest

from storyline.store import Store
from storyline.store.db import Store as StoreClass
from storyline.store.migrations import MIGRATIONS, _statements, pending
from tests.store.test_store import _article


def _open(path: str, barrier: multiprocessing.synchronize.Barrier, out: multiprocessing.Queue) -> None:
    barrier.wait()
    try:
        Store(path).close()
        out.put("ok")
    except Exception as exc:  # noqa: BLE001 - reported to the test
        out.put(f"{type(exc).__name__}: {exc}")


def test_two_processes_opening_a_new_store_at_once_both_succeed(tmp_path):
    ctx = multiprocessing.get_context("fork")
    results = []
    for i in range(4):
        barrier, out = ctx.Barrier(2), ctx.Queue()
        procs = [ctx.Process(target=_open, args=(str(tmp_path / f"s{i}.db"), barrier, out)) for _ in range(2)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(30)
        results += [out.get(timeout=5), out.get(timeout=5)]
    assert results == ["ok"] * 8
    with Store(tmp_path / "s0.db") as store:
        rows = store.db.execute("SELECT name FROM migrations ORDER BY name").fetchall()
        assert [r[0] for r in rows] == [name for name, _ in MIGRATIONS]


def test_migration_scripts_split_into_whole_statements():
    fulltext = dict(MIGRATIONS)["003_fulltext"]
    statements = _statements(fulltext)
    assert len(statements) == 4 and all(sqlite3.complete_statement(s + ";") for s in statements)
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")


def test_export_reads_one_snapshot_while_another_connection_writes(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as reader, Store(path) as writer:
        writer.save_article(_article(1), story_title="Harbour")
        with reader.snapshot():
            before = reader.count_articles()
            writer.save_article(_article(2), story_title="Harbour")
            with reader.snapshot():  # re-entrant
                assert reader.count_articles() == before == 1
        assert reader.count_articles() == 2


def test_a_store_that_cannot_be_opened_for_writing_is_read(tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.save_article(_article(1), story_title="Harbour")

    def refuse(self):  # what a read-only folder does (root ignores file modes, so it is simulated)
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(StoreClass, "_open_writable", refuse)
    with Store(path) as store:
        assert store.readonly and [s.id for s in store.stories()] == ["s1"]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.save_article(_article(2))
    with pytest.raises(sqlite3.OperationalError):
        Store(tmp_path / "missing.db")  # nothing to read: the error stands


def test_a_read_only_store_needing_migration_is_refused(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    db.commit()
    db.close()
    assert pending(sqlite3.connect(path)) == [name for name, _ in MIGRATIONS]
    with pytest.raises(sqlite3.OperationalError, match="needs migrating"):
        Store(path, readonly=True)


def test_a_read_only_store_lacking_only_writer_tables_is_read_without_them(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.save_article(_article(1), story_title="Harbour")
    db = sqlite3.connect(path)  # as a store written before briefs and the outlet memory were stored
    db.executescript("DROP TABLE briefs; DROP TABLE outlet_lines; DROP TABLE outlet_articles; DROP TABLE outlet_counted; "
                     "DELETE FROM migrations WHERE name IN ('011_briefs', '012_outlet_lines');")
    db.commit()
    db.close()
    with Store(path, readonly=True) as store:
        assert store.missing == {"011_briefs", "012_outlet_lines"}
        assert [s.id for s in store.stories()] == ["s1"]
        assert store.stored_brief("s1") is None and store.stored_brief_keys(["s1"]) == {}

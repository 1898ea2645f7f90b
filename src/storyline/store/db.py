"""SQLite store: one connection, WAL mode, one transaction per article.

Only this module writes SQL. Records go in and come out typed; a story's
first and last publication dates are derived from its articles, never stored
twice. Missing ids raise ``KeyError``; the layers above translate it.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, ClassVar

from storyline.models import Article, Story
from storyline.store.rows import ARTICLE_COLUMNS, CHILD_COLUMNS, add_child, article_from_row, article_row, child_rows
from storyline.store.migrations import READER_OPTIONAL, migrate, pending

_ARTICLE_COLUMNS = (*ARTICLE_COLUMNS, "story")


def _insert_sql(table: str) -> str:
    columns = CHILD_COLUMNS[table]
    quoted = ", ".join('"' + c + '"' for c in columns)  # "end" is an SQL keyword
    return f"INSERT INTO {table} ({quoted}) VALUES ({', '.join(':' + c for c in columns)})"


_INSERT = {table: _insert_sql(table) for table in CHILD_COLUMNS}


def _retry_busy(call: Callable[[], object], tries: int = 50) -> None:
    """Run ``call``, retrying while the database is locked: switching a new store to WAL
    needs it alone, and SQLite reports a busy database there without waiting."""
    for attempt in range(tries):
        try:
            call()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == tries - 1:
                raise
            time.sleep(0.05 + 0.01 * attempt)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """The embedded store of articles, their analyses and stories."""

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        self.missing: frozenset[str] = frozenset()  # migrations a read-only store does without (READER_OPTIONAL)
        if not readonly:
            try:
                self.db = self._open_writable()
                return
            except sqlite3.OperationalError:
                # A store in a read-only folder (or a read-only file) can still be read.
                if self.path == ":memory:" or not Path(self.path).is_file():
                    raise
                self.readonly = True
        self.db = self._open_readonly()

    def _open_writable(self) -> sqlite3.Connection:
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA busy_timeout=10000")  # first: a store opened by two processes at once waits
            _retry_busy(lambda: db.execute("PRAGMA journal_mode=WAL"))
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            migrate(db)
        except BaseException:
            db.close()
            raise
        return db

    def _open_readonly(self) -> sqlite3.Connection:
        """Open for reading only; no journal change, no migration (a store needing one is refused)."""
        uri = Path(self.path).resolve().as_uri()
        for mode in ("mode=ro", "immutable=1"):  # immutable: no -shm to create, for a read-only folder
            db = sqlite3.connect(f"{uri}?{mode}", uri=True, isolation_level=None, check_same_thread=False)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA busy_timeout=10000")
            try:
                todo = pending(db)
            except sqlite3.OperationalError:
                db.close()
                continue
            if todo and not set(todo) <= READER_OPTIONAL:
                db.close()
                raise sqlite3.OperationalError(
                    f"{self.path}: the store is read-only and needs migrating ({', '.join(todo)})"
                )
            self.missing = frozenset(todo)
            return db
        raise sqlite3.OperationalError(f"{self.path}: unable to open the store, even read-only")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it lands, or none of it."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Read everything inside from one snapshot, whatever a writer commits meanwhile.

        Re-entrant: inside a transaction already, it is that transaction's view.
        """
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN DEFERRED")  # WAL: the first read fixes the snapshot until the end
        try:
            yield
        finally:
            if self.db.in_transaction:
                self.db.execute("COMMIT")

    # -- writing ---------------------------------------------------------

    def has_content(self, content_hash: str) -> bool:
        row = self.db.execute("SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        return row is not None

    def save_article(self, article: Article, story_title: str | None = None, stages: Iterable[str] = ()) -> bool:
        """Write an article, its entities, quotes and times, and its story's title, atomically.

        ``stages`` are the names (with versions) of the stages that made it, so
        an upgraded stage knows what is stale. False (and nothing written) when
        the store already holds the same content: another process may have
        stored it since ``has_content`` was asked.
        """
        return self.save_articles([(article, story_title)], stages)[0]

    def save_articles(
        self, articles: Sequence[tuple[Article, str | None]], stages: Iterable[str] = (),
        link_features: Mapping[str, tuple[str, bytes]] | None = None,
    ) -> list[bool]:
        """``save_article`` for a batch of (article, story title) in one transaction.

        All of the batch lands or none of it; one commit per batch instead of
        one per article is most of what storing costs an ingest. The result
        says, per article, whether it was written (False: the same content was
        stored already). ``link_features`` maps article ids to the (digest,
        body) of their clustering features, stored with them.
        """
        names = list(stages)
        saved: list[bool] = []
        with self.transaction() as db:
            for article, story_title in articles:
                saved.append(self._insert_article(db, article, names))
                if saved[-1] and article.story and story_title is not None:
                    self._upsert_story(db, article.story, story_title)
                if saved[-1] and link_features and article.id in link_features:
                    self._put_link_features(db, [(article.id, *link_features[article.id])])
        return saved

    def _put_link_features(self, db: sqlite3.Connection, rows: Iterable[tuple[str, str, bytes]]) -> None:
        if "013_link_features" not in self.missing:
            db.executemany(
                "INSERT INTO link_features VALUES (?, ?, ?) "
                "ON CONFLICT(article_id) DO UPDATE SET digest = excluded.digest, body = excluded.body",
                list(rows),
            )

    def save_link_features(self, rows: Sequence[tuple[str, str, bytes]]) -> None:
        """Store (article id, digest, body) clustering features, replacing older ones."""
        if rows:
            with self.transaction() as db:
                self._put_link_features(db, rows)

    def link_features(self, article_ids: Sequence[str]) -> dict[str, tuple[str, bytes]]:
        """Article id → (digest, body) of its stored clustering features, for those that have them."""
        if "013_link_features" in self.missing:
            return {}
        out: dict[str, tuple[str, bytes]] = {}
        for chunk in range(0, len(article_ids), 500):
            part = list(article_ids[chunk:chunk + 500])
            out.update((r[0], (r[1], r[2])) for r in self.db.execute(
                f"SELECT article_id, digest, body FROM link_features WHERE article_id IN ({', '.join('?' * len(part))})",
                part,
            ))
        return out

    def _insert_article(self, db: sqlite3.Connection, a: Article, stages: list[str]) -> bool:
        inserted = db.execute(
            f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}, stages, ingested_at) "
            f"VALUES ({', '.join('?' * len(_ARTICLE_COLUMNS))}, ?, ?) ON CONFLICT DO NOTHING",
            (*article_row(a, flat=True).values(), a.story, json.dumps(stages), _now()),
        ).rowcount
        if not inserted:
            return False
        self._insert_analysis(db, a)
        return True

    @staticmethod
    def _insert_analysis(db: sqlite3.Connection, a: Article, tables: Iterable[str] = CHILD_COLUMNS) -> None:
        rows = child_rows(a, flat=True)
        for table in tables:
            db.executemany(_INSERT[table], rows[table])

    def _upsert_story(self, db: sqlite3.Connection, story_id: str, title: str) -> None:
        db.execute(
            "INSERT INTO stories (id, title, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET title = excluded.title, updated_at = excluded.updated_at",
            (story_id, title, _now()),
        )

    def assign_stories(self, assignments: dict[str, str], titles: dict[str, str]) -> None:
        """Re-clustering: move articles between stories and retitle them, in one transaction."""
        self.apply_story_update(assignments, titles)

    def apply_story_update(
        self, assignments: dict[str, str], titles: dict[str, str],
        redirects: dict[str, str] | None = None, redated: Iterable[Article] = (),
    ) -> None:
        """Move articles between stories, retitle them, map retired ids and re-date articles, atomically.

        ``redirects`` maps retired story ids to their successors; older
        redirects to a retired id follow it, and an id that is live again stops
        redirecting. ``redated`` articles get their new publication date and times.
        """
        with self.transaction() as db:
            db.executemany(
                "UPDATE articles SET story = ?, story_settled = 1 WHERE id = ?", [(s, a) for a, s in assignments.items()]
            )
            db.execute("DELETE FROM stories WHERE id NOT IN (SELECT DISTINCT story FROM articles WHERE story IS NOT NULL)")
            for story_id, title in titles.items():
                self._upsert_story(db, story_id, title)
            for old, new in (redirects or {}).items():
                db.execute("UPDATE story_redirects SET new = ? WHERE new = ?", (new, old))
                db.execute(
                    "INSERT INTO story_redirects VALUES (?, ?) ON CONFLICT(old) DO UPDATE SET new = excluded.new",
                    (old, new),
                )
            db.execute("DELETE FROM story_redirects WHERE old IN (SELECT id FROM stories)")
            for a in redated:
                db.execute(
                    "UPDATE articles SET published = ?, published_estimated = ? WHERE id = ?",
                    (a.published, int(a.published_estimated), a.id),
                )
                db.execute("DELETE FROM times WHERE article_id = ?", (a.id,))
                self._insert_analysis(db, a, ["times"])
            db.execute("UPDATE store_meta SET value = value + 1 WHERE key = 'generation'")

    def stale_articles(self, stages: Sequence[str]) -> list[tuple[str, list[str]]]:
        """(article id, the stage names it was made with) of every article not made by exactly ``stages``."""
        rows = self.db.execute("SELECT id, stages FROM articles WHERE stages != ? ORDER BY rowid", (json.dumps(list(stages)),))
        return [(r[0], json.loads(r[1])) for r in rows]

    def replace_analysis(self, article: Article, stages: Iterable[str]) -> None:
        """Store a re-analysed article: its entities, quotes, times, date and stage names, atomically."""
        with self.transaction() as db:
            for table in ("entities", "quotes", "times"):
                db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
            db.execute(
                "UPDATE articles SET published = ?, published_estimated = ?, stages = ? WHERE id = ?",
                (article.published, int(article.published_estimated), json.dumps(list(stages)), article.id),
            )
            self._insert_analysis(db, article)
            db.execute("UPDATE store_meta SET value = value + 1 WHERE key = 'generation'")

    def replace_body(self, article: Article) -> None:
        """Store an article's cut body: its text, removed lines, entities, quotes and times, atomically."""
        with self.transaction() as db:
            for table in ("entities", "quotes", "times"):
                db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
            row = article_row(article, flat=True)
            db.execute("UPDATE articles SET text = ?, removed = ? WHERE id = ?", (row["text"], row["removed"], article.id))
            self._insert_analysis(db, article)
            db.execute("UPDATE store_meta SET value = value + 1 WHERE key = 'generation'")

    def person_counts(self) -> dict[str, int]:
        """Mentions of each person's (per-article) canonical name across the store."""
        rows = self.db.execute("SELECT canonical, count(*) FROM entities WHERE label = 'PERSON' GROUP BY canonical")
        return {r[0]: r[1] for r in rows}

    def save_person_names(self, names: dict[str, str]) -> None:
        """Replace the stored corpus-wide renaming of people (see ``canonical.names_from_counts``)."""
        with self.transaction() as db:
            db.execute("DELETE FROM person_names")
            db.executemany("INSERT INTO person_names VALUES (?, ?)", sorted(names.items()))

    def person_names(self) -> dict[str, str]:
        """The stored corpus-wide renaming of people."""
        return {r[0]: r[1] for r in self.db.execute("SELECT name, canonical FROM person_names")}

    def unsettled_ids(self) -> list[str]:
        """Articles whose story is still an online placement: an ingest stopped before settling them."""
        return [r[0] for r in self.db.execute("SELECT id FROM articles WHERE NOT story_settled ORDER BY rowid")]

    def has_story(self, story_id: str) -> bool:
        """Whether ``story_id`` is a live story."""
        return self.db.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is not None

    def successor(self, story_id: str) -> str | None:
        """The live story a retired story id now points to, or None."""
        row = self.db.execute("SELECT new FROM story_redirects WHERE old = ?", (story_id,)).fetchone()
        return row[0] if row else None

    def stories_near(self, article_ids: Sequence[str], window_days: int) -> list[str]:
        """Ids of every article in a story that holds ``article_ids``, or one published within
        ``window_days`` of them: the region an ingest of ``article_ids`` can change."""
        wanted = list(article_ids)
        stories: set[str] = set()
        days: set[str] = set()
        for chunk in range(0, len(wanted), 500):
            part = wanted[chunk:chunk + 500]
            for r in self.db.execute(
                f"SELECT story, substr(published, 1, 10) FROM articles WHERE id IN ({', '.join('?' * len(part))})", part
            ):
                if r[0]:
                    stories.add(r[0])
                if r[1]:
                    days.add(r[1])
        for day in sorted(days):
            stories.update(r[0] for r in self.db.execute(
                "SELECT DISTINCT story FROM articles WHERE story IS NOT NULL "
                "AND published >= date(?, ?) AND published < date(?, ?)",  # ISO text: the index serves it
                (day, f"-{window_days} days", day, f"+{window_days + 1} days"),
            ))
        return self.members_of(stories)

    # -- reading ---------------------------------------------------------

    def articles_version(self) -> tuple[int, int, int]:
        """Changes whenever articles are added, removed or moved between stories: (count, highest rowid, generation)."""
        count, top = self.db.execute("SELECT count(*), coalesce(max(rowid), 0) FROM articles").fetchone()
        generation = self.db.execute("SELECT value FROM store_meta WHERE key = 'generation'").fetchone()[0]
        return count, top, generation

    def count_articles(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def article_ids(self, story: str | None = None) -> list[str]:
        if story is None:
            rows = self.db.execute("SELECT id FROM articles ORDER BY rowid")
        else:
            rows = self.db.execute(
                "SELECT id FROM articles WHERE story = ? ORDER BY published IS NULL, published, id", (story,)
            )
        return [r[0] for r in rows]

    def members_of(self, stories: Collection[str]) -> list[str]:
        """Ids of every article in any of ``stories``, in id order."""
        wanted = sorted(stories)
        ids: list[str] = []
        for chunk in range(0, len(wanted), 500):
            part = wanted[chunk:chunk + 500]
            ids += [r[0] for r in self.db.execute(
                f"SELECT id FROM articles WHERE story IN ({', '.join('?' * len(part))})", part
            )]
        return sorted(ids)

    def published_dates(self, story: str) -> list[str]:
        """The declared (not estimated) publication dates of a story's articles."""
        rows = self.db.execute(
            "SELECT published FROM articles WHERE story = ? AND published IS NOT NULL AND NOT published_estimated",
            (story,),
        )
        return [r[0] for r in rows]

    def article(self, article_id: str) -> Article:
        found = self.articles([article_id])
        if not found:
            raise KeyError(article_id)
        return found[0]

    def articles(self, ids: Iterable[str] | None = None, parts: Collection[str] = CHILD_COLUMNS) -> list[Article]:
        """Articles by id (in the order given), or all of them in ingest order.

        ``parts``: which of their analyses to load (a page that shows text and quotes needs
        neither the entities nor the times, which are most of a big article's rows).
        """
        wanted = list(ids) if ids is not None else None
        if wanted is None:
            rows = self.db.execute("SELECT * FROM articles ORDER BY rowid").fetchall()
        else:
            rows = []
            for chunk in range(0, len(wanted), 500):
                part = wanted[chunk:chunk + 500]
                rows += self.db.execute(
                    f"SELECT * FROM articles WHERE id IN ({', '.join('?' * len(part))})", part
                ).fetchall()
            order = {article_id: i for i, article_id in enumerate(wanted)}
            rows.sort(key=lambda r: order[r["id"]])
        return self._hydrate(rows, parts)

    def iter_articles(self, batch: int = 500, newest: int | None = None) -> Iterator[Article]:
        """All articles in ingest order, a batch at a time; only the ``newest`` stored last if given."""
        last = 0
        if newest is not None:
            row = self.db.execute("SELECT rowid FROM articles ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                                  (newest,)).fetchone()
            last = row[0] if row else 0
        while True:
            rows = self.db.execute(
                "SELECT * FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, batch)
            ).fetchall()
            if not rows:
                return
            last = rows[-1]["rowid"]
            yield from self._hydrate(rows)

    def _hydrate(self, rows: list[sqlite3.Row], parts: Collection[str] = CHILD_COLUMNS) -> list[Article]:
        articles = [article_from_row(r, flat=True) for r in rows]
        by_id = {a.id: a for a in articles}
        if not by_id:
            return articles
        marks = ", ".join("?" * len(by_id))
        for table in (t for t in CHILD_COLUMNS if t in parts):
            query = f"SELECT * FROM {table} WHERE article_id IN ({marks}) ORDER BY article_id, seq"
            for r in self.db.execute(query, list(by_id)):
                add_child(by_id[r["article_id"]], table, r, flat=True)
        return articles

    def stories(self) -> list[Story]:
        """Every story, newest first (by last publication date), then by id."""
        rows = self.db.execute(
            """
            SELECT s.id, s.title, min(a.published) AS first, max(a.published) AS last
            FROM stories s JOIN articles a ON a.story = s.id
            GROUP BY s.id
            ORDER BY last IS NULL, last DESC, s.id
            """
        ).fetchall()
        return [self._story(r) for r in rows]

    def story(self, story_id: str) -> Story:
        row = self.db.execute(
            """
            SELECT s.id, s.title, min(a.published) AS first, max(a.published) AS last
            FROM stories s JOIN articles a ON a.story = s.id WHERE s.id = ? GROUP BY s.id
            """,
            (story_id,),
        ).fetchone()
        if row is None:
            raise KeyError(story_id)
        return self._story(row)

    def _story(self, row: sqlite3.Row) -> Story:
        return Story(
            id=row["id"], title=row["title"], articles=self.article_ids(row["id"]),
            first_published=row["first"], last_published=row["last"],
        )

    def search(self, query: str, limit: int = 20) -> list[dict[str, object]]:
        """Full-text search over titles and bodies, best match first.

        Every word of ``query`` must match (stemmed); FTS5 operators in it are
        taken as plain words, so no query can be a syntax error.
        """
        words = re.findall(r"\w+", query)
        if not words:
            return []
        match = " ".join('"' + w + '"' for w in words)
        rows = self.db.execute(
            """
            SELECT a.id, a.title, a.outlet, a.published, a.story,
                   snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet
            FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
            WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts), a.id LIMIT ?
            """,
            (match, limit),
        ).fetchall()
        return [dict(r) for r in rows]

    # -- web reads (storyline.serve) ------------------------------------
    # Read-only, paged queries for the web server, answered from the indexes and
    # the full-text index so that the server holds nothing corpus-sized. Every
    # list returns (rows, total): rows as dicts, total over all matches.

    # Story orders over story_stats (st) joined to stories (s): each but "updated" is one of
    # story_stats' indexes, read in order and stopped at the page's end.
    STATS_SORTS: ClassVar[dict[str, str]] = {
        "newest": "st.last IS NULL, st.last DESC, st.story",
        "articles": "st.n DESC, st.last IS NULL, st.last DESC, st.story",
        "outlets": "st.n_outlets DESC, st.n DESC, st.story",
        "updated": "s.updated_at DESC, st.last IS NULL, st.last DESC, st.story",
    }
    # The same orders for search results, and best match first.
    STORY_SORTS: ClassVar[dict[str, str]] = STATS_SORTS | {
        "relevance": "hit.score, hit.hits DESC, st.last IS NULL, st.last DESC, st.story",
    }

    @staticmethod
    def fts_query(words: Sequence[str]) -> str:
        """An FTS5 query in which every word must match and no word is an operator."""
        return " ".join('"' + w.replace('"', '""') + '"' for w in words)

    @staticmethod
    def like_prefix(text: str) -> str:
        """A LIKE pattern matching values that begin with ``text`` (escape character ``\\``)."""
        return re.sub(r"([\\%_])", r"\\\1", text) + "%"

    def name_variants(self, prefix: str) -> list[str]:
        """Stored (per-article) names of entities whose name, or corpus-wide name, begins with ``prefix``."""
        pattern = self.like_prefix(prefix)
        rows = self.db.execute(
            "SELECT DISTINCT canonical FROM entities WHERE canonical LIKE ? ESCAPE '\\' "
            "UNION SELECT name FROM person_names WHERE canonical LIKE ? ESCAPE '\\' LIMIT 2000",
            (pattern, pattern),
        )
        return [r[0] for r in rows]

    def aliases(self, name: str) -> list[str]:
        """``name`` and the stored per-article names the corpus-wide renaming turns into it."""
        rows = self.db.execute("SELECT name FROM person_names WHERE canonical = ?", (name,))
        return [name, *(r[0] for r in rows if r[0] != name)]

    def titled_names(self, name: str, limit: int = 50, articles: int = 500) -> list[str]:
        """Stored person and organisation names that end with ``name`` after words of their own
        ("Rabbi Jacob Luski" for "Jacob Luski"): what a brief shows once its story's renaming took
        a title off a name. Found through the first ``articles`` articles that print ``name`` as a
        phrase (the full-text index), so no entity outside them is read; case and word boundary
        must match.
        """
        name = " ".join(name.split())
        if not re.search(r"\w", name):
            return []
        rows = self.db.execute(
            "SELECT DISTINCT e.canonical FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?) m "
            "JOIN articles a ON a.rowid = m.rowid JOIN entities e ON e.article_id = a.id "
            "WHERE e.label IN ('PERSON', 'ORG') AND e.canonical LIKE ? ESCAPE '\\' LIMIT ?",
            ('"' + name.replace('"', '""') + '"', articles, "%" + self.like_prefix(" " + name)[:-1], limit),
        )
        return sorted(r[0] for r in rows if r[0].endswith(" " + name))

    def renamed(self, names: Sequence[str]) -> dict[str, str]:
        """The corpus-wide name of each of ``names`` that the stored renaming changes."""
        part = list(dict.fromkeys(names))[:2000]
        rows = self.db.execute(
            f"SELECT name, canonical FROM person_names WHERE name IN ({', '.join('?' * len(part))})", part
        )
        return {r[0]: r[1] for r in rows}

    def names_for(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The corpus-wide renaming of the people named in ``article_ids`` (a slice of ``person_names``).

        ``+label``: looked up by article (the primary key), never by label, which would walk
        every person named in the store.
        """
        out: dict[str, str] = {}
        for chunk in range(0, len(article_ids), 500):
            part = list(article_ids[chunk:chunk + 500])
            marks = ", ".join("?" * len(part))
            rows = self.db.execute(
                f"""SELECT name, canonical FROM person_names WHERE name IN (
                        SELECT canonical FROM entities WHERE article_id IN ({marks}) AND +label = 'PERSON'
                        UNION SELECT j.value FROM quotes q, json_each(q.speakers) j WHERE q.article_id IN ({marks}))""",
                part + part,
            )
            out.update((r[0], r[1]) for r in rows)
        return out

    def story_page(
        self, *, sort: str = "newest", date_from: str | None = None, date_to: str | None = None,
        outlet: str | None = None, names: Sequence[str] | None = None, language: str | None = None,
        match: Sequence[str] | None = None, limit: int = 50, offset: int = 0,
    ) -> tuple[list[dict[str, object]], int]:
        """Stories with their size, outlet count and dates, filtered, sorted and paged.

        A story passes a filter when one of its articles does (``names``: stored
        entity names, see ``name_variants``); dates overlap by day. ``match``
        (words of a full-text search) keeps stories with a matching article and
        gives them ``score`` (best bm25 rank of their articles) and ``hits``.
        Sizes and dates come from ``story_stats`` (kept by triggers), whose
        indexes give every order without aggregating any article.
        """
        part = list(names)[:2000] if names is not None else []
        clause, params = self._where([
            ("st.story IN (SELECT story FROM articles WHERE outlet = ?)", [outlet]) if outlet else None,
            ("st.story IN (SELECT story FROM articles WHERE language = ?)", [language]) if language else None,
            (("st.story IN (SELECT a.story FROM entities e JOIN articles a ON a.id = e.article_id "
              f"WHERE e.canonical IN ({', '.join('?' * len(part))}))"), part) if names is not None else None,
            ("substr(st.last, 1, 10) >= ?", [date_from]) if date_from else None,
            ("substr(st.first, 1, 10) <= ?", [date_to]) if date_to else None,
        ])
        if not match:
            order = self.STATS_SORTS.get(sort, self.STATS_SORTS["newest"])
            rows = self.db.execute(
                f"SELECT st.story AS id, s.title, s.updated_at, st.n, st.n_outlets, st.first, st.last, "
                f"NULL AS score, NULL AS hits FROM story_stats st JOIN stories s ON s.id = st.story "
                f"{clause} ORDER BY {order} LIMIT ? OFFSET ?", (*params, limit, offset),
            )
            rows = [dict(r) for r in rows]
            # unfiltered, the stored count (migration 010) instead of counting every story
            total = self._stored_count("listed") if not clause else None
            if total is None:
                total = self.db.execute(
                    f"SELECT count(*) FROM story_stats st JOIN stories s ON s.id = st.story {clause}", params
                ).fetchone()[0]
            return rows, total
        order = self.STORY_SORTS.get(sort, self.STORY_SORTS["relevance"])
        sql = f"""
            WITH hit AS (SELECT a.story, min(articles_fts.rank) AS score, count(*) AS hits
                         FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
                         WHERE articles_fts MATCH ? AND a.story IS NOT NULL GROUP BY a.story)
            SELECT s.id, s.title, s.updated_at, st.n, st.n_outlets, st.first, st.last, hit.score, hit.hits,
                   count(*) OVER () AS total
            FROM hit JOIN story_stats st ON st.story = hit.story JOIN stories s ON s.id = hit.story
            {clause} ORDER BY {order} LIMIT ? OFFSET ?
        """
        rows = [dict(r) for r in self.db.execute(sql, [self.fts_query(match), *params, limit, offset])]
        if rows:
            total = rows[0]["total"]
        elif offset:  # past the end: count without paging
            total = self.story_page(sort=sort, date_from=date_from, date_to=date_to, outlet=outlet, names=names,
                                    language=language, match=match, limit=1, offset=0)[1]
        else:
            total = 0
        for r in rows:
            r.pop("total")
        return rows, total

    def story_members(self, story_ids: Sequence[str]) -> dict[str, list[dict[str, object]]]:
        """Each story's articles (id, outlet, publication, language), in ``article_ids`` order.

        No title or text: a list page needs neither, and leaving them out reads far fewer pages.
        """
        out: dict[str, list[dict[str, object]]] = {s: [] for s in story_ids}
        ids = list(story_ids)
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            rows = self.db.execute(
                f"SELECT story, id, outlet, published, language FROM articles "
                f"WHERE story IN ({', '.join('?' * len(part))}) ORDER BY story, published IS NULL, published, id",
                part,
            )
            for r in rows:
                out[r["story"]].append(dict(r))
        return out

    def articles_stamp(self, story_id: str) -> str:
        """What a story's brief depends on besides its members' ids: their dates and the stage
        versions that analysed them, and the store's generation (bumped by re-clustering and
        re-analysis). Equal stamps, equal briefs."""
        row = self.db.execute(
            "SELECT group_concat(coalesce(published, '') || ' ' || stages, '|'), "
            "(SELECT value FROM store_meta WHERE key = 'generation') FROM articles WHERE story = ?", (story_id,),
        ).fetchone()
        return f"{row[1]}:{row[0]}"

    def brief_basis(self, story_id: str) -> tuple[str, list[tuple[str, str | None, int, str]]] | None:
        """What a story's brief is made from, as stored: its title and, per member in id order,
        (id, publication date, whether estimated, stage names). None for no such story."""
        row = self.db.execute("SELECT title FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            return None
        members = self.db.execute(
            "SELECT id, published, published_estimated, stages FROM articles WHERE story = ? ORDER BY id", (story_id,)
        ).fetchall()
        return row[0], [tuple(m) for m in members]

    def stored_brief(self, story_id: str) -> tuple[str, str] | None:
        """(key, JSON body) of the brief stored for a story, or None."""
        if "011_briefs" in self.missing:
            return None
        row = self.db.execute("SELECT key, body FROM briefs WHERE story_id = ?", (story_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def stored_brief_keys(self, story_ids: Sequence[str]) -> dict[str, str]:
        """Story id → key of its stored brief, for those of ``story_ids`` that have one."""
        if "011_briefs" in self.missing:
            return {}
        return self._pairs("SELECT story_id, key FROM briefs WHERE story_id IN ({marks})", story_ids)

    def _pairs(self, query: str, ids: Sequence[str]) -> dict[str, Any]:
        """The (key, value) rows of ``query`` over ``ids``, its ``{marks}`` filled 500 ids at a time
        (SQLite caps the parameters of one statement)."""
        out: dict[str, Any] = {}
        for chunk in range(0, len(ids), 500):
            part = list(ids[chunk:chunk + 500])
            out.update((r[0], r[1]) for r in self.db.execute(query.format(marks=", ".join("?" * len(part))), part))
        return out

    def save_briefs(self, briefs: Iterable[tuple[str, str, str, str]]) -> None:
        """Store (story id, key, brief stage, JSON body) briefs in one transaction, replacing older
        ones; briefs of stories that no longer exist go too."""
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO briefs VALUES (?, ?, ?, ?) ON CONFLICT(story_id) "
                "DO UPDATE SET key = excluded.key, stage = excluded.stage, body = excluded.body",
                list(briefs),
            )
            db.execute("DELETE FROM briefs WHERE story_id NOT IN (SELECT id FROM stories)")

    def delete_briefs(self, story_ids: Sequence[str]) -> None:
        """Forget the stored briefs of ``story_ids`` (stale ones a run chose not to rebuild)."""
        if "011_briefs" in self.missing or not story_ids:
            return
        with self.transaction() as db:
            for chunk in range(0, len(story_ids), 500):
                part = list(story_ids[chunk:chunk + 500])
                db.execute(f"DELETE FROM briefs WHERE story_id IN ({', '.join('?' * len(part))})", part)

    def stories_needing_briefs(self, min_articles: int, stage: str) -> list[str]:
        """Stories of at least ``min_articles`` whose brief is missing or was built by another
        brief stage (a store from before briefs were stored, or an upgraded stage), biggest first."""
        rows = self.db.execute(
            "SELECT st.story FROM story_stats st JOIN stories s ON s.id = st.story "
            "LEFT JOIN briefs b ON b.story_id = st.story "
            "WHERE st.n >= ? AND (b.story_id IS NULL OR b.stage != ?) ORDER BY st.n DESC, st.story",
            (min_articles, stage),
        )
        return [r[0] for r in rows]

    def stories_naming(self, names: Sequence[str]) -> list[str]:
        """Stories with an article that names one of ``names``: a person's canonical name, a quote's
        speaker, or one of a group's speakers ("A and B")."""
        found: set[str] = set()
        if names:
            # Groups are few: one pass over the quotes with more than one speaker (the single
            # speakers are looked up by index below).
            wanted = set(names)
            for story, speakers in self.db.execute(
                "SELECT a.story, q.speakers FROM quotes q JOIN articles a ON a.id = q.article_id "
                "WHERE a.story IS NOT NULL AND json_array_length(q.speakers) > 1"
            ):
                if story not in found and wanted.intersection(json.loads(speakers)):
                    found.add(story)
        for chunk in range(0, len(names), 500):
            part = list(names[chunk:chunk + 500])
            marks = ", ".join("?" * len(part))
            rows = self.db.execute(
                f"""SELECT DISTINCT a.story FROM articles a WHERE a.story IS NOT NULL AND a.id IN (
                        SELECT article_id FROM entities WHERE canonical IN ({marks}) AND +label = 'PERSON'
                        UNION SELECT article_id FROM quotes WHERE speaker IN ({marks}))""",
                part + part,
            )
            found.update(r[0] for r in rows)
        return sorted(found)

    def story_sizes(self, story_ids: Sequence[str]) -> dict[str, int]:
        """Story id → number of articles, for ``story_ids``."""
        return self._pairs("SELECT story, count(*) FROM articles WHERE story IN ({marks}) GROUP BY story", story_ids)

    def story_row(self, story_id: str) -> dict[str, object] | None:
        """A live story's id, title and update time, or None."""
        row = self.db.execute("SELECT id, title, updated_at FROM stories WHERE id = ?", (story_id,)).fetchone()
        return dict(row) if row else None

    @staticmethod
    def _where(conditions: Iterable[tuple[str, Sequence[object]] | None]) -> tuple[str, list[object]]:
        """A WHERE clause joining the given (SQL, parameters) conditions with AND (None ones left out)."""
        given = [c for c in conditions if c is not None]
        params = [p for _, values in given for p in values]
        return ("WHERE " + " AND ".join(sql for sql, _ in given)) if given else "", params

    def article_page(self, *, story: str | None = None, outlet: str | None = None, sort: str = "ingested",
                     limit: int = 50, offset: int = 0) -> tuple[list[dict[str, object]], int]:
        """Article summaries (no text), in ingest order or newest first, filtered and paged."""
        clause, params = self._where([("story = ?", [story]) if story else None,
                                      ("outlet = ?", [outlet]) if outlet else None])
        order = "published IS NULL, published DESC, rowid" if sort == "newest" else "rowid"
        rows = self.db.execute(
            f"SELECT id, title, outlet, published, language, story, source, url FROM articles {clause} "
            f"ORDER BY {order} LIMIT ? OFFSET ?", (*params, limit, offset),
        )
        total = self.db.execute(f"SELECT count(*) FROM articles {clause}", params).fetchone()[0]
        return [dict(r) for r in rows], total

    def quote_page(self, *, speakers: Sequence[str] | None = None, speaker_prefix: str | None = None,
                   story: str | None = None, text: str | None = None,
                   limit: int = 100, offset: int = 0) -> tuple[list[dict[str, object]], int]:
        """Direct quotes, newest first (undated last): by any of ``speakers`` (stored names)
        or a speaker whose name begins with ``speaker_prefix``, in ``story``, containing ``text``
        (case-insensitive)."""
        who, who_params = [], []
        if speakers is not None:
            part = list(speakers)[:2000]
            who.append(f"q.speaker IN ({', '.join('?' * len(part))})")
            who_params += part
        if speaker_prefix:
            who.append("q.speaker LIKE ? ESCAPE '\\'")
            who_params.append(self.like_prefix(speaker_prefix))
        clause, params = self._where([
            ("(" + " OR ".join(who) + ")", who_params) if who else None,
            ("a.story = ?", [story]) if story else None,
            ("q.text LIKE ? ESCAPE '\\'", ["%" + self.like_prefix(text)]) if text else None,
        ])
        # Unfiltered, walk the articles newest first by their date index (CROSS JOIN fixes that order).
        join = "JOIN" if clause else "CROSS JOIN"
        base = f"FROM articles a {join} quotes q ON a.id = q.article_id {clause}"
        rows = self.db.execute(
            f"SELECT q.text, q.speaker, q.speakers, q.article_id AS article, a.story, a.outlet, a.published, "
            f"q.start, q.\"end\" {base} ORDER BY a.published DESC, q.article_id, q.seq LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        # unfiltered, every quote counts (its article is there: foreign key), so count the quotes alone
        total = self.db.execute(f"SELECT count(*) {base}" if clause else "SELECT count(*) FROM quotes",
                                params).fetchone()[0]
        return [dict(r) for r in rows], total

    def entity_page(self, *, label: str | None = None, prefix: str | None = None,
                    limit: int = 100, offset: int = 0) -> tuple[list[dict[str, object]], int]:
        """Stored entity names with their label and article and story counts, most articles first."""
        clause, params = self._where([
            ("e.label = ?", [label]) if label else None,
            ("e.canonical LIKE ? ESCAPE '\\'", [self.like_prefix(prefix)]) if prefix else None,
        ])
        rows = self.db.execute(
            f"""SELECT e.canonical, max(e.label) AS label, count(DISTINCT e.article_id) AS article_count,
                       count(*) OVER () AS total
                FROM entities e {clause}
                GROUP BY e.canonical ORDER BY article_count DESC, e.canonical LIMIT ? OFFSET ?""",
            (*params, limit, offset),
        ).fetchall()
        total = rows[0]["total"] if rows else 0
        out = []
        for r in rows:  # stories only for the page's rows: a join over every entity would cost seconds
            stories = self.db.execute(
                "SELECT count(DISTINCT a.story) FROM entities e JOIN articles a ON a.id = e.article_id "
                "WHERE e.canonical = ?", (r["canonical"],),
            ).fetchone()[0]
            out.append({"canonical": r["canonical"], "label": r["label"], "article_count": r["article_count"],
                        "story_count": stories})
        return out, total

    def entity_facts(self, names: Sequence[str]) -> dict[str, object] | None:
        """For the stored names of one entity: its commonest label, articles and stories; None if unknown."""
        part = list(names)[:2000]
        marks = ", ".join("?" * len(part))
        label = self.db.execute(
            f"SELECT label, count(*) n FROM entities WHERE canonical IN ({marks}) GROUP BY label ORDER BY n DESC, label LIMIT 1",
            part,
        ).fetchone()
        if label is None:
            return None
        counts = self.db.execute(
            f"SELECT count(DISTINCT e.article_id), count(DISTINCT a.story) FROM entities e "
            f"JOIN articles a ON a.id = e.article_id WHERE e.canonical IN ({marks})", part,
        ).fetchone()
        return {"label": label[0], "article_count": counts[0], "story_count": counts[1]}

    def entity_story_ids(self, names: Sequence[str], limit: int = 50, offset: int = 0) -> list[str]:
        """Stories naming the entity, newest first."""
        part = list(names)[:2000]
        naming = (f"SELECT a2.story FROM entities e JOIN articles a2 ON a2.id = e.article_id "
                  f"WHERE e.canonical IN ({', '.join('?' * len(part))})")
        sql = (f"SELECT st.story FROM story_stats st WHERE st.story IN ({naming}) "
               f"ORDER BY {self.STATS_SORTS['newest']} LIMIT ? OFFSET ?")
        return [r[0] for r in self.db.execute(sql, (*part, limit, offset))]

    def is_entity(self, names: Sequence[str]) -> bool:
        part = list(names)[:2000]
        row = self.db.execute(
            f"SELECT 1 FROM entities WHERE canonical IN ({', '.join('?' * len(part))}) LIMIT 1", part
        ).fetchone()
        return row is not None

    def search_page(self, words: Sequence[str], limit: int = 20, offset: int = 0) -> tuple[list[dict[str, object]], int]:
        """Articles matching every word, best first, with a snippet; total over all matches."""
        if not words:
            return [], 0
        match = self.fts_query(words)
        rows = self.db.execute(
            """
            SELECT a.id, a.title, a.outlet, a.published, a.story,
                   snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet
            FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
            WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts), a.id LIMIT ? OFFSET ?
            """,
            (match, limit, offset),
        ).fetchall()
        total = self.db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (match,)).fetchone()[0]
        return [dict(r) for r in rows], total

    def _distinct(self, column: str) -> list[str]:
        """The distinct non-null values of an indexed ``articles`` column, in order, by hopping along
        its index (one seek per value, not a scan of every article)."""
        rows = self.db.execute(
            f"WITH RECURSIVE v(x) AS (SELECT min({column}) FROM articles "
            f"UNION ALL SELECT (SELECT min({column}) FROM articles WHERE {column} > v.x) FROM v WHERE v.x IS NOT NULL) "
            f"SELECT x FROM v WHERE x IS NOT NULL"
        )
        return [r[0] for r in rows]

    def outlets(self) -> list[str]:
        return self._distinct("outlet")

    def languages(self) -> list[str]:
        return self._distinct("language")

    def count_stories(self) -> int:
        """How many stories the store holds (the stored count, kept by triggers)."""
        stored = self._stored_count("stories")
        return stored if stored is not None else self.db.execute("SELECT count(*) FROM stories").fetchone()[0]

    def _stored_count(self, name: str) -> int | None:
        """A count kept by migration 010's triggers (None on a store without them)."""
        try:
            row = self.db.execute("SELECT n FROM story_counts WHERE name = ?", (name,)).fetchone()
        except sqlite3.OperationalError:  # no story_counts table: a store migration 010 never reached
            return None
        return row[0] if row else None

    def data_version(self) -> int:
        """SQLite's ``data_version`` of this connection: it changes whenever another connection
        commits to the store (a constant-time check, unlike counting the articles)."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

"""Named, ordered schema migrations. Append new ones; never edit an applied one."""

from __future__ import annotations

import sqlite3


_M001_ARTICLES = """
        CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            input_id TEXT,
            url TEXT,
            title TEXT,
            byline TEXT,
            outlet TEXT,
            agencies TEXT NOT NULL DEFAULT '[]',
            dateline TEXT,
            published TEXT,
            published_estimated INTEGER NOT NULL DEFAULT 0,
            language TEXT NOT NULL,
            text TEXT NOT NULL,
            removed TEXT NOT NULL DEFAULT '[]',
            story TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_story ON articles(story);
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE entities (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            text TEXT NOT NULL, label TEXT NOT NULL, canonical TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, role TEXT,
            PRIMARY KEY (article_id, seq)
        );
        CREATE INDEX entities_canonical ON entities(canonical);
        CREATE TABLE quotes (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            speaker TEXT, speakers TEXT NOT NULL DEFAULT '[]',
            mention_text TEXT, mention_start INTEGER, mention_end INTEGER, cue TEXT,
            PRIMARY KEY (article_id, seq)
        );
        CREATE INDEX quotes_speaker ON quotes(speaker);
        CREATE TABLE times (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            value TEXT NOT NULL, type TEXT NOT NULL,
            PRIMARY KEY (article_id, seq)
        );
        """


_M002_STORIES = """
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """


_M003_FULLTEXT = """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid', tokenize='porter unicode61'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        """


_M004_TIMES_ANCHOR = """
        ALTER TABLE times ADD COLUMN anchor TEXT;
        ALTER TABLE times ADD COLUMN estimated INTEGER NOT NULL DEFAULT 0;
"""


_M005_STABLE_STORIES = """
        CREATE TABLE story_redirects (
            old TEXT PRIMARY KEY,
            new TEXT NOT NULL
        );
        CREATE TABLE store_meta (
            key TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );
        INSERT INTO store_meta VALUES ('generation', 0);
        ALTER TABLE articles ADD COLUMN stages TEXT NOT NULL DEFAULT '[]';
        -- 0 while an article's story is only its online placement (an ingest not yet finished)
        ALTER TABLE articles ADD COLUMN story_settled INTEGER NOT NULL DEFAULT 0;
        UPDATE articles SET story_settled = 1 WHERE story IS NOT NULL;
        -- corpus-wide canonical names of people, stored when stories settle so readers never rebuild them
        CREATE TABLE person_names (
            name TEXT PRIMARY KEY,
            canonical TEXT NOT NULL
        );
"""


# Indexes for the web's paged reads (storyline.serve): story aggregates from one
# covering index, outlet filters, case-insensitive name prefixes (LIKE 'x%').
_M006_WEB_INDEXES = """
        CREATE INDEX IF NOT EXISTS articles_story_cover ON articles(story, published, outlet, language);
        CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet, story);
        CREATE INDEX IF NOT EXISTS entities_canonical_nocase ON entities(canonical COLLATE NOCASE);
        CREATE INDEX IF NOT EXISTS entities_label_canonical ON entities(label, canonical, article_id);
        CREATE INDEX IF NOT EXISTS entities_canonical_article ON entities(canonical, article_id, label);
        CREATE INDEX IF NOT EXISTS quotes_speaker_nocase ON quotes(speaker COLLATE NOCASE);
        CREATE INDEX IF NOT EXISTS stories_updated ON stories(updated_at);
"""


# Per-story aggregates kept by triggers, so a list page reads one indexed row per
# story instead of aggregating every article (what made the first stories page
# of a 100,000-article store slow). Each trigger recounts only the stories an
# article enters or leaves, from the covering index articles_story_cover; an
# update that moves nothing (re-clustering rewrites every row) fires nothing.
_STORY_STATS_ROW = (
    "SELECT story, count(*), count(DISTINCT outlet), min(published), max(published) "
    "FROM articles WHERE story {cond} GROUP BY story"
)
_M007_STORY_STATS = f"""
        CREATE TABLE story_stats (
            story TEXT PRIMARY KEY,
            n INTEGER NOT NULL,
            n_outlets INTEGER NOT NULL,
            first TEXT,
            last TEXT
        );
        INSERT INTO story_stats {_STORY_STATS_ROW.format(cond="IS NOT NULL")};
        CREATE INDEX story_stats_newest ON story_stats(last IS NULL, last DESC, story);
        CREATE INDEX story_stats_articles ON story_stats(n DESC, last IS NULL, last DESC, story);
        CREATE INDEX story_stats_outlets ON story_stats(n_outlets DESC, n DESC, story);
        CREATE TRIGGER story_stats_insert AFTER INSERT ON articles WHEN new.story IS NOT NULL BEGIN
            INSERT OR REPLACE INTO story_stats {_STORY_STATS_ROW.format(cond="= new.story")};
        END;
        CREATE TRIGGER story_stats_delete AFTER DELETE ON articles WHEN old.story IS NOT NULL BEGIN
            DELETE FROM story_stats WHERE story = old.story;
            INSERT INTO story_stats {_STORY_STATS_ROW.format(cond="= old.story")};
        END;
        CREATE TRIGGER story_stats_update AFTER UPDATE OF story, published, outlet ON articles
        WHEN old.story IS NOT new.story OR old.published IS NOT new.published OR old.outlet IS NOT new.outlet BEGIN
            DELETE FROM story_stats WHERE story IN (old.story, new.story);
            INSERT INTO story_stats {_STORY_STATS_ROW.format(cond="IN (old.story, new.story)")};
        END;
        -- the language list and filter walk this instead of every article
        CREATE INDEX articles_language ON articles(language, story);
"""


# Newest articles first (the article list's "newest" order) from an index read in
# order and stopped at the page's end, not a sort of every article.
_M008_ARTICLES_NEWEST = """
        CREATE INDEX articles_newest ON articles(published IS NULL, published DESC);
"""

# Which rule chose each quote's speaker ("name", "pronoun", "document", ...), so errors can be counted per rule.
_M009_QUOTE_SPEAKER_RULE = """
        ALTER TABLE quotes ADD COLUMN speaker_rule TEXT;
"""

# Story counts kept by triggers, so the stories page's "N stories" and its unfiltered
# total read one row instead of counting every story (a cold count read a few hundred
# scattered pages of a 100,000-article store). "stories" counts the stories table;
# "listed" counts the stories the list pages show (a stories row with a story_stats
# row). story_stats is written with INSERT OR REPLACE, whose implicit delete fires no
# DELETE trigger (recursive_triggers is off, SQLite's default), so its counting trigger
# runs BEFORE the insert and counts a story only when it has no row yet.
_M010_STORY_COUNTS = """
        CREATE TABLE story_counts (
            name TEXT PRIMARY KEY,
            n INTEGER NOT NULL
        );
        INSERT INTO story_counts VALUES ('stories', (SELECT count(*) FROM stories));
        INSERT INTO story_counts VALUES ('listed', (SELECT count(*) FROM story_stats st JOIN stories s ON s.id = st.story));
        CREATE TRIGGER story_counts_stories_insert AFTER INSERT ON stories BEGIN
            UPDATE story_counts SET n = n + 1 WHERE name = 'stories';
            UPDATE story_counts SET n = n + 1
            WHERE name = 'listed' AND EXISTS (SELECT 1 FROM story_stats WHERE story = new.id);
        END;
        CREATE TRIGGER story_counts_stories_delete AFTER DELETE ON stories BEGIN
            UPDATE story_counts SET n = n - 1 WHERE name = 'stories';
            UPDATE story_counts SET n = n - 1
            WHERE name = 'listed' AND EXISTS (SELECT 1 FROM story_stats WHERE story = old.id);
        END;
        CREATE TRIGGER story_counts_stats_insert BEFORE INSERT ON story_stats BEGIN
            UPDATE story_counts SET n = n + 1
            WHERE name = 'listed' AND EXISTS (SELECT 1 FROM stories WHERE id = new.story)
              AND NOT EXISTS (SELECT 1 FROM story_stats WHERE story = new.story);
        END;
        CREATE TRIGGER story_counts_stats_delete AFTER DELETE ON story_stats BEGIN
            UPDATE story_counts SET n = n - 1
            WHERE name = 'listed' AND EXISTS (SELECT 1 FROM stories WHERE id = old.story);
        END;
"""

# Briefs are computed once, by the writer, and read by every reader while their key holds:
# the key hashes all a brief depends on (members, their dates and stage versions, the story's
# title, the names applied, the brief stage's version and settings; see ``run.briefs``).
_M011_BRIEFS = """
        CREATE TABLE briefs (
            story_id TEXT PRIMARY KEY,
            key TEXT NOT NULL,
            stage TEXT NOT NULL,  -- the brief stage that built it: an upgrade finds what it made stale
            body TEXT NOT NULL
        );
"""

# Per-outlet line memory (``run/outlet_lines.py``): in how many of an outlet's articles each
# line (by hash) stands, how many articles of the outlet were counted, and which articles were
# counted (by content hash), so an article counts once however often it is ingested.
_M012_OUTLET_LINES = """
        CREATE TABLE outlet_lines (
            outlet TEXT NOT NULL,
            hash TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (outlet, hash)
        ) WITHOUT ROWID;
        CREATE TABLE outlet_articles (outlet TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE outlet_counted (content_hash TEXT PRIMARY KEY) WITHOUT ROWID;
"""

# Clustering features of stored articles (``pipeline/link/feature_cache.py``), under a digest of
# what they were computed from: a run reads them instead of computing them again.
_M013_LINK_FEATURES = """
        CREATE TABLE link_features (
            article_id TEXT PRIMARY KEY,
            digest TEXT NOT NULL,
            body BLOB NOT NULL
        ) WITHOUT ROWID;
"""

MIGRATIONS: list[tuple[str, str]] = [
    ("001_articles", _M001_ARTICLES),
    ("002_stories", _M002_STORIES),
    ("003_fulltext", _M003_FULLTEXT),
    ("004_times_anchor", _M004_TIMES_ANCHOR),
    ("005_stable_stories", _M005_STABLE_STORIES),
    ("006_web_indexes", _M006_WEB_INDEXES),
    ("007_story_stats", _M007_STORY_STATS),
    ("008_articles_newest", _M008_ARTICLES_NEWEST),
    ("009_quote_speaker_rule", _M009_QUOTE_SPEAKER_RULE),
    ("010_story_counts", _M010_STORY_COUNTS),
    ("011_briefs", _M011_BRIEFS),
    ("012_outlet_lines", _M012_OUTLET_LINES),
    ("013_link_features", _M013_LINK_FEATURES),
]


# Migrations that add only what the writer fills for itself (stored briefs, the per-outlet line
# memory, clustering features): a read-only store still lacking them is read without them, its briefs built when read.
READER_OPTIONAL = frozenset({"011_briefs", "012_outlet_lines", "013_link_features"})


def pending(db: sqlite3.Connection) -> list[str]:
    """Names of the migrations not yet applied to ``db`` (read without taking a lock)."""
    has_table = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").fetchone()
    done = {row[0] for row in db.execute("SELECT name FROM migrations")} if has_table else set()
    return [name for name, _ in MIGRATIONS if name not in done]


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply every migration not yet applied, in one transaction under the write lock; return their names.

    What is pending is read again once the lock is held, so two processes
    opening a new store at once apply each migration exactly once: the second
    waits (the connection's busy timeout), then finds nothing left to do.
    """
    if not pending(db):
        return []  # the common case takes no lock, so reading a store never waits for a writer
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        todo = pending(db)
        for name, sql in MIGRATIONS:
            if name not in todo:
                continue
            for statement in _statements(sql):
                db.execute(statement)
            db.execute("INSERT INTO migrations VALUES (?, datetime('now'))", (name,))
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    return todo


def _statements(script: str) -> list[str]:
    """A script's statements one by one (``executescript`` would commit the open transaction first)."""
    out: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):  # a trigger's inner ";" leaves it incomplete
            out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return out

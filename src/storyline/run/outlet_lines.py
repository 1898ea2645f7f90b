"""Per-outlet boilerplate memory in the store: lines an outlet repeats across its articles.

``pipeline/lines/boilerplate.py`` decides, from plain counts, which lines
of an article are its outlet's boilerplate (sign-up prompts, taglines,
copyright lines that read like prose). This module keeps those counts in
the store as the corpus grows (tables ``outlet_lines``, ``outlet_articles``
and ``outlet_counted``, migration ``012_outlet_lines``), so an article is
judged against every article of its outlet ingested before it, across runs.

The one call an ingest makes is ``remember_outlet_lines(store, articles)``
on each batch of cleaned articles before they are analysed: it counts each
article's lines under its outlet (once per article, by content hash: a
re-ingest counts nothing) and returns the articles with their outlet's
boilerplate paragraphs moved to ``removed``.

Not yet called by ``ingest``: clean and analyze run together in worker
processes while only the parent writes, and the memory an article is judged
against must not depend on how batches interleave across workers. The call
needs a snapshot of the memory taken when a run starts (shared with the
workers as they fork) and counting at save time.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storyline.models import Article
from storyline.pipeline.lines.boilerplate import article_lines, line_hashes, outlet_key, strip_boilerplate

if TYPE_CHECKING:
    from storyline.store.db import Store

# SQLite's default limit on host parameters is 999 in old builds: look hashes up in chunks below it.
_CHUNK = 500


def learn(db: sqlite3.Connection, articles: Sequence[Article]) -> None:
    """Count the lines of each article not counted before under its outlet (inside the caller's transaction)."""
    per_outlet: dict[str, Counter[str]] = {}
    n_articles: Counter[str] = Counter()
    for article in articles:
        key = outlet_key(article.outlet)
        if key is None:
            continue
        if not db.execute("INSERT INTO outlet_counted VALUES (?) ON CONFLICT DO NOTHING",
                          (article.content_hash,)).rowcount:
            continue  # counted already: an article re-ingested teaches nothing new
        n_articles[key] += 1
        per_outlet.setdefault(key, Counter()).update({h for h in line_hashes(article_lines(article)) if h})
    db.executemany(
        "INSERT INTO outlet_articles VALUES (?, ?) ON CONFLICT (outlet) DO UPDATE SET n = n + excluded.n",
        list(n_articles.items()),
    )
    db.executemany(
        "INSERT INTO outlet_lines VALUES (?, ?, ?) ON CONFLICT (outlet, hash) DO UPDATE SET n = n + excluded.n",
        [(key, h, n) for key, counts in per_outlet.items() for h, n in counts.items()],
    )


def counts(db: sqlite3.Connection, outlet: str | None, hashes: Sequence[str]) -> tuple[dict[str, int], int]:
    """For an outlet: in how many of its articles each of ``hashes`` stands, and how many articles it has."""
    key = outlet_key(outlet)
    if key is None:
        return {}, 0
    row = db.execute("SELECT n FROM outlet_articles WHERE outlet = ?", (key,)).fetchone()
    found: dict[str, int] = {}
    wanted = sorted({h for h in hashes if h})
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start:start + _CHUNK]
        found.update(db.execute(
            f"SELECT hash, n FROM outlet_lines WHERE outlet = ? AND hash IN ({', '.join('?' * len(chunk))})",
            (key, *chunk),
        ).fetchall())
    return found, (row[0] if row else 0)


def remember_outlet_lines(store: Store, articles: Sequence[Article]) -> list[Article]:
    """Count a batch of cleaned articles' lines under their outlets, then strip each article's outlet
    boilerplate (``boilerplate.strip_boilerplate``): the articles, in order, some with paragraphs moved
    to ``removed``. A read-only store judges against what it holds and counts nothing."""
    if not store.readonly:
        with store.transaction() as db:
            learn(db, articles)
    out = []
    for article in articles:
        if outlet_key(article.outlet) is None:
            out.append(article)
            continue
        paragraphs = [p for p in article.text.split("\n\n") if p.strip()]
        found, n = counts(store.db, article.outlet, line_hashes(paragraphs))
        out.append(strip_boilerplate(article, found, n) if n else article)
    return out

"""Per-outlet boilerplate memory in the store: lines an outlet repeats across its articles.

``pipeline/lines/boilerplate.py`` decides, from plain counts, which lines
of an article are its outlet's boilerplate (sign-up prompts, taglines,
copyright lines that read like prose). This module keeps those counts in
the store as the corpus grows (tables ``outlet_lines``, ``outlet_articles``
and ``outlet_counted``, migration ``012_outlet_lines``), so an article is
judged against every article of its outlet ingested before it, across runs.

Two calls, both made by ``ingest`` (and ``load``): ``count_outlet_lines`` on
each batch of analysed articles before they are stored (each article's lines
are counted under its outlet once, by content hash: a re-ingest counts
nothing), and ``cut_outlet_boilerplate`` when the run's stories settle: each
new article's paragraphs that its outlet repeats are cut (``pipeline/excise.py``
keeps the analyses' offsets right) and moved to ``removed``. Judging at the
end of the run, against the counts of everything stored by then, makes the
cut independent of the order of the run's input and of the number of workers.
"""

from __future__ import annotations

import sqlite3
import sys
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storyline.models import Article
from storyline.pipeline.excise import excise_paragraphs, paragraph_spans
from storyline.pipeline.lines.boilerplate import article_lines, line_hashes, outlet_key, paragraphs_to_cut

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


def count_outlet_lines(store: Store, articles: Sequence[Article]) -> None:
    """Count a batch of articles' lines under their outlets (nothing in a read-only store)."""
    if not store.readonly and any(outlet_key(a.outlet) for a in articles):
        with store.transaction() as db:
            learn(db, articles)


def cut_outlet_boilerplate(store: Store, article_ids: Sequence[str]) -> list[str]:
    """Cut from the stored articles ``article_ids`` the paragraphs their outlet repeats
    (``boilerplate.boilerplate_flags``; never the whole body); return the ids of those cut.
    An article whose cut fails keeps its text, with a one-line error."""
    cut: list[str] = []
    heads = (head for start in range(0, len(article_ids), _CHUNK)  # a big run's texts are read a chunk at a time
             for head in store.articles(article_ids[start:start + _CHUNK], parts=()))
    for head in heads:
        if outlet_key(head.outlet) is None:
            continue
        try:
            paragraphs = [head.text[s:e] for s, e in paragraph_spans(head.text)]
            found, n = counts(store.db, head.outlet, line_hashes(paragraphs))
            flags = paragraphs_to_cut(head, found, n)
            if flags is not None:  # judged on the text alone; only an article that loses a line is read whole
                store.replace_body(excise_paragraphs(store.article(head.id), flags))
                cut.append(head.id)
        except Exception as exc:  # noqa: BLE001 - one article's cut must not stop the run; it keeps its lines
            print(f"storyline: {head.source}: stage outlet-lines: {type(exc).__name__}: {exc}", file=sys.stderr)
    return cut


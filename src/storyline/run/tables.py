"""Articles as Parquet tables, and back: the batch runner's on-disk shape.

An analysed article is spread over four tables that mirror the store's:
``articles`` (one row per article), ``entities``, ``quotes`` and ``times``
(one row per item, keyed by ``article_id`` and ``seq``). Rows are written in
id order, so the same articles always give byte-identical files whatever
engine or worker produced them. pyarrow is imported here only, and only when
a batch runs, so the in-process path does not need it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from storyline.store import rows
from storyline.errors import MissingExtraError
from storyline.models import Article

try:
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError:
    raise MissingExtraError("storyline batch", "batch", "pyarrow") from None

_STR = pa.string()
_LIST = pa.list_(pa.string())

ARTICLES = pa.schema([
    ("id", _STR), ("content_hash", _STR), ("source", _STR), ("input_id", _STR), ("url", _STR),
    ("title", _STR), ("byline", _STR), ("outlet", _STR), ("agencies", _LIST), ("dateline", _STR),
    ("published", _STR), ("published_estimated", pa.bool_()), ("language", _STR), ("text", _STR),
    ("removed", _LIST),
])
ENTITIES = pa.schema([
    ("article_id", _STR), ("seq", pa.int32()), ("text", _STR), ("label", _STR), ("canonical", _STR),
    ("start", pa.int32()), ("end", pa.int32()), ("role", _STR),
])
QUOTES = pa.schema([
    ("article_id", _STR), ("seq", pa.int32()), ("text", _STR), ("start", pa.int32()), ("end", pa.int32()),
    ("speaker", _STR), ("speakers", _LIST), ("mention_text", _STR), ("mention_start", pa.int32()),
    ("mention_end", pa.int32()), ("cue", _STR), ("speaker_rule", _STR),
])
TIMES = pa.schema([
    ("article_id", _STR), ("seq", pa.int32()), ("text", _STR), ("start", pa.int32()), ("end", pa.int32()),
    ("value", _STR), ("type", _STR), ("anchor", _STR), ("estimated", pa.bool_()),
])
# Linking keys per article: the driver's catalogue (language, date ordinal, published),
# LSH band keys (grouped across the cluster) and exact shingle hashes (read back only
# for candidate pairs, to verify them).
SIGNATURES = pa.schema([
    ("article_id", _STR), ("language", _STR), ("day", pa.int32()), ("published", _STR),
    ("bands", pa.list_(pa.int64())), ("shingles", pa.list_(pa.uint32())),
])
STORIES = pa.schema([
    ("id", _STR), ("title", _STR), ("articles", _LIST), ("first_published", _STR), ("last_published", _STR),
])
ASSIGNMENTS = pa.schema([("article_id", _STR), ("story", _STR), ("canonical", _STR)])
REJECTS = pa.schema([("source", _STR), ("reason", _STR)])
BRIEFS = pa.schema([("story", _STR), ("brief", _STR)])  # the contract's story object, as JSON text

ARTICLE_TABLES = {"articles": ARTICLES, "entities": ENTITIES, "quotes": QUOTES, "times": TIMES}


def article_rows(articles: Sequence[Article]) -> dict[str, list[dict[str, Any]]]:
    """Rows of the four article tables, articles in id order (the store's rows: ``storyline.rows``)."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in ARTICLE_TABLES}
    for a in sorted(articles, key=lambda a: a.id):
        out["articles"].append(rows.article_row(a))
        for table, items in rows.child_rows(a).items():
            out[table] += items
    return out


def write_table(path: Path, rows: list[dict[str, Any]], schema: pa.Schema) -> None:
    """Write ``rows`` as one Parquet file, atomically (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(rows, schema=schema)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def read_rows(paths: Iterable[Path], columns: list[str] | None = None, filters: Any = None) -> list[dict[str, Any]]:
    """Every row of the given Parquet files (missing files are skipped), as dicts."""
    rows: list[dict[str, Any]] = []
    for path in paths:
        if path.exists():
            rows += pq.read_table(path, columns=columns, filters=filters).to_pylist()
    return rows


def articles_from_rows(tables: dict[str, list[dict[str, Any]]]) -> list[Article]:
    """Articles rebuilt from rows of the four article tables (in the articles rows' order)."""
    articles = [rows.article_from_row(row) for row in tables["articles"]]
    by_id = {a.id: a for a in articles}
    for table in rows.CHILD_COLUMNS:
        for r in sorted(tables[table], key=lambda r: (r["article_id"], r["seq"])):
            rows.add_child(by_id[r["article_id"]], table, r)
    return articles


def read_articles(out: Path, shards: Iterable[str] | None = None, ids: Iterable[str] | None = None) -> list[Article]:
    """Articles of a batch output directory (of the named shards; only ``ids`` if given), in id order."""
    names = list(shards) if shards is not None else sorted(p.stem for p in (out / "articles").glob("*.parquet"))
    wanted = sorted(set(ids)) if ids is not None else None
    tables = {}
    for t in ARTICLE_TABLES:
        column = "id" if t == "articles" else "article_id"
        filters = [(column, "in", wanted)] if wanted is not None else None
        tables[t] = read_rows((out / t / f"{name}.parquet" for name in names), filters=filters)
    return sorted(articles_from_rows(tables), key=lambda a: a.id)


def read_by_shard(out: str | Path, ids_by_shard: dict[str, list[str]]) -> list[Article]:
    """The named articles, reading only the shard files that hold them, in id order."""
    found: list[Article] = []
    for key, ids in sorted(ids_by_shard.items()):
        found += read_articles(Path(out), [key], ids)
    return sorted(found, key=lambda a: a.id)

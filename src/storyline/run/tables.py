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

from storyline.errors import MissingExtraError
from storyline.models import Article, Entity, Mention, Quote, TimeExpr

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
    """Rows of the four article tables, articles in id order."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in ARTICLE_TABLES}
    for a in sorted(articles, key=lambda a: a.id):
        rows["articles"].append({name: getattr(a, name) for name in ARTICLES.names})
        for i, e in enumerate(a.entities):
            rows["entities"].append({
                "article_id": a.id, "seq": i, "text": e.text, "label": e.label, "canonical": e.canonical,
                "start": e.start, "end": e.end, "role": e.role,
            })
        for i, q in enumerate(a.quotes):
            m = q.speaker_mention
            rows["quotes"].append({
                "article_id": a.id, "seq": i, "text": q.text, "start": q.start, "end": q.end,
                "speaker": q.speaker, "speakers": list(q.speakers), "mention_text": m.text if m else None,
                "mention_start": m.start if m else None, "mention_end": m.end if m else None, "cue": q.cue,
                "speaker_rule": q.speaker_rule,
            })
        for i, t in enumerate(a.times):
            rows["times"].append({
                "article_id": a.id, "seq": i, "text": t.text, "start": t.start, "end": t.end,
                "value": t.value, "type": t.type, "anchor": t.anchor, "estimated": t.estimated,
            })
    return rows


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
    articles = [Article(**row) for row in tables["articles"]]
    by_id = {a.id: a for a in articles}
    for r in sorted(tables["entities"], key=lambda r: (r["article_id"], r["seq"])):
        by_id[r["article_id"]].entities.append(
            Entity(r["text"], r["label"], r["canonical"], r["start"], r["end"], r["role"]))
    for r in sorted(tables["quotes"], key=lambda r: (r["article_id"], r["seq"])):
        mention = Mention(r["mention_text"], r["mention_start"], r["mention_end"]) if r["mention_text"] is not None else None
        by_id[r["article_id"]].quotes.append(
            Quote(r["text"], r["start"], r["end"], r["speaker"], list(r["speakers"]), mention, r["cue"],
                  r.get("speaker_rule")))
    for r in sorted(tables["times"], key=lambda r: (r["article_id"], r["seq"])):
        by_id[r["article_id"]].times.append(TimeExpr(
            r["text"], r["start"], r["end"], r["value"], r["type"], r.get("anchor"), bool(r.get("estimated"))))
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

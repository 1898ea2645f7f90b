"""Articles as table rows, and back: the one row shape of the SQLite store and the Parquet tables.

An analysed article is spread over four tables: ``articles`` (one row per
article) and ``entities``, ``quotes`` and ``times`` (one row per item, keyed
by ``article_id`` and ``seq``). The store and the batch runner's Parquet
files use the same columns; they differ only in how a column holds a list or
a flag, so each row function takes ``flat``: True for SQLite (lists as JSON
text, flags as 0/1), False for Arrow (native lists and booleans).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from storyline.models import Article, Entity, Mention, Quote, TimeExpr

ARTICLE_COLUMNS = (
    "id", "content_hash", "source", "input_id", "url", "title", "byline", "outlet", "agencies",
    "dateline", "published", "published_estimated", "language", "text", "removed",
)
CHILD_COLUMNS: dict[str, tuple[str, ...]] = {
    "entities": ("article_id", "seq", "text", "label", "canonical", "start", "end", "role"),
    "quotes": (
        "article_id", "seq", "text", "start", "end", "speaker", "speakers", "mention_text", "mention_start",
        "mention_end", "cue", "speaker_rule",
    ),
    "times": ("article_id", "seq", "text", "start", "end", "value", "type", "anchor", "estimated"),
}
_LISTS = frozenset({"agencies", "removed", "speakers"})
_FLAGS = frozenset({"published_estimated", "estimated"})


def _out(column: str, value: Any, flat: bool) -> Any:
    if flat and column in _LISTS:
        return json.dumps(list(value), ensure_ascii=False)
    if flat and column in _FLAGS:
        return int(value)
    return list(value) if column in _LISTS else value


def _in(column: str, value: Any, flat: bool) -> Any:
    if column in _LISTS:
        return list(json.loads(value) if flat and isinstance(value, str) else value or [])
    if column in _FLAGS:
        return bool(value)
    return value


def _get(row: Mapping[str, Any], column: str) -> Any:
    """A column a table gained later (Parquet written before it has none); sqlite3.Row has no ``get``,
    and listing its keys for every row cost more than reading the row."""
    try:
        return row[column]
    except (KeyError, IndexError):  # a dict's missing key; sqlite3.Row's missing column
        return None


def article_row(article: Article, flat: bool = False) -> dict[str, Any]:
    """The ``articles`` row of ``article`` (without its story)."""
    return {c: _out(c, getattr(article, c), flat) for c in ARTICLE_COLUMNS}


def child_rows(article: Article, flat: bool = False) -> dict[str, list[dict[str, Any]]]:
    """The ``entities``, ``quotes`` and ``times`` rows of ``article``, in order."""
    out: dict[str, list[dict[str, Any]]] = {table: [] for table in CHILD_COLUMNS}
    for i, e in enumerate(article.entities):
        out["entities"].append({
            "article_id": article.id, "seq": i, "text": e.text, "label": e.label, "canonical": e.canonical,
            "start": e.start, "end": e.end, "role": e.role,
        })
    for i, q in enumerate(article.quotes):
        m = q.speaker_mention
        out["quotes"].append({
            "article_id": article.id, "seq": i, "text": q.text, "start": q.start, "end": q.end,
            "speaker": q.speaker, "speakers": _out("speakers", q.speakers, flat),
            "mention_text": m.text if m else None, "mention_start": m.start if m else None,
            "mention_end": m.end if m else None, "cue": q.cue, "speaker_rule": q.speaker_rule,
        })
    for i, t in enumerate(article.times):
        out["times"].append({
            "article_id": article.id, "seq": i, "text": t.text, "start": t.start, "end": t.end,
            "value": t.value, "type": t.type, "anchor": t.anchor, "estimated": _out("estimated", t.estimated, flat),
        })
    return out


def article_from_row(row: Mapping[str, Any], flat: bool = False) -> Article:
    """The article of an ``articles`` row (its entities, quotes and times come from ``add_child``)."""
    return Article(**{c: _in(c, row[c], flat) for c in ARTICLE_COLUMNS}, story=_get(row, "story"))


def add_child(article: Article, table: str, row: Mapping[str, Any], flat: bool = False) -> None:
    """Append the item of one ``entities``, ``quotes`` or ``times`` row to ``article`` (rows come in ``seq`` order)."""
    if table == "entities":
        article.entities.append(Entity(row["text"], row["label"], row["canonical"], row["start"], row["end"], row["role"]))
    elif table == "quotes":
        mention = (
            Mention(row["mention_text"], row["mention_start"], row["mention_end"])
            if row["mention_text"] is not None else None
        )
        article.quotes.append(Quote(
            row["text"], row["start"], row["end"], row["speaker"], _in("speakers", row["speakers"], flat), mention,
            row["cue"], _get(row, "speaker_rule"),
        ))
    elif table == "times":
        article.times.append(TimeExpr(
            row["text"], row["start"], row["end"], row["value"], row["type"], _get(row, "anchor"),
            bool(_get(row, "estimated")),
        ))
    else:
        raise ValueError(f"not an article child table: {table!r}")

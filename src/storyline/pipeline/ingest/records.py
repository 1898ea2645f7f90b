"""JSON and JSONL records, one article each, per the contract's input schema.

Fields (all optional but one of ``text``/``html``):
``id, url, title, text, html, published, outlet, byline, language``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from storyline.errors import InputError
from storyline.models import RawArticle, Reject
from storyline.pipeline.ingest.decode import decode_text
from storyline.settings import Settings

_STRING_FIELDS = ("url", "title", "text", "html", "published", "outlet", "byline", "language")


def to_raw(record: Any, source: str) -> RawArticle:
    """Validate one record and turn it into a ``RawArticle``."""
    if not isinstance(record, dict):
        raise InputError(source, f"expected a JSON object, got {type(record).__name__}")
    values: dict[str, str | None] = {}
    for name in _STRING_FIELDS:
        value = record.get(name)
        if isinstance(value, list):  # e.g. a list of authors
            value = ", ".join(str(v) for v in value if v)
        values[name] = None if value in (None, "", "None") else str(value)
    if not values["text"] and not values["html"]:
        raise InputError(source, "record has neither 'text' nor 'html'")
    raw_id = record.get("id")
    return RawArticle(
        source=source, input_id=None if raw_id is None else str(raw_id), **values
    )


def read_json(data: bytes, source: str, settings: Settings) -> Iterator[RawArticle | Reject]:
    """A ``.json`` file: one record, or a list of records."""
    try:
        doc = json.loads(decode_text(data, source))
    except json.JSONDecodeError as exc:
        raise InputError(source, f"malformed JSON at line {exc.lineno} ({exc.msg})") from exc
    items = doc if isinstance(doc, list) else [doc]
    for i, item in enumerate(items):
        where = source if len(items) == 1 else f"{source}[{i}]"
        try:
            yield to_raw(item, where)
        except InputError as exc:
            yield Reject(exc.source, exc.reason)


def read_jsonl(data: bytes, source: str, settings: Settings) -> Iterator[RawArticle | Reject]:
    """A ``.jsonl`` file: one record per line; a bad line is rejected alone."""
    if not data.strip():
        raise InputError(source, "empty input")
    for number, line in enumerate(data.splitlines(), start=1):
        where = f"{source}:{number}"
        if not line.strip():
            continue
        if len(line) > settings.max_line_bytes:
            yield Reject(where, f"line is {len(line):,} bytes, over the {settings.max_line_bytes:,} cap")
            continue
        try:
            record = json.loads(line.decode("utf-8-sig"))
            yield to_raw(record, where)
        except UnicodeDecodeError:
            yield Reject(where, "not valid UTF-8")
        except json.JSONDecodeError as exc:
            yield Reject(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
        except InputError as exc:
            yield Reject(exc.source, exc.reason)

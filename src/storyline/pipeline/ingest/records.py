"""JSON and JSONL records, one article each, per the contract's input schema.

Fields (all optional but one of ``text``/``html``):
``id, url, title, text, html, published, outlet, byline, language``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from storyline.errors import InputError
from storyline.models import RawArticle, Reject
from storyline.pipeline.ingest.decode import decode_text
from storyline.settings import Settings

_STRING_FIELDS = ("url", "title", "text", "html", "published", "outlet", "byline", "language")
_CHUNK = 1 << 16


def _as_text(value: Any) -> str | None:
    if isinstance(value, list):  # e.g. a list of authors
        value = ", ".join(str(v) for v in value if v not in (None, ""))
    elif isinstance(value, dict):
        value = value.get("name") or value.get("text")
    if value in (None, "", "None"):
        return None
    return str(value)


def to_raw(record: Any, source: str) -> RawArticle:
    """Validate one record and turn it into a ``RawArticle``."""
    if not isinstance(record, dict):
        raise InputError(source, f"expected a JSON object, got {type(record).__name__}")
    values = {name: _as_text(record.get(name)) for name in _STRING_FIELDS}
    if not (values["text"] or "").strip() and not (values["html"] or "").strip():
        raise InputError(source, "record has neither 'text' nor 'html'")
    raw_id = record.get("id")
    return RawArticle(source=source, input_id=None if raw_id is None else str(raw_id), **values)


def read_json(data: bytes, source: str, settings: Settings) -> Iterator[RawArticle | Reject]:
    """A ``.json`` file: one record, or a list of records."""
    try:
        doc = json.loads(decode_text(data, source))
    except json.JSONDecodeError as exc:
        raise InputError(source, f"malformed JSON at line {exc.lineno} ({exc.msg})") from exc
    items = doc if isinstance(doc, list) else [doc]
    if not items:
        raise InputError(source, "empty JSON list")
    for i, item in enumerate(items):
        where = source if len(items) == 1 else f"{source}[{i}]"
        try:
            yield to_raw(item, where)
        except InputError as exc:
            yield Reject(exc.source, exc.reason)


def read_jsonl(data: bytes, source: str, settings: Settings) -> Iterator[RawArticle | Reject]:
    """A ``.jsonl`` file held in memory: one record per line; a bad line is rejected alone."""
    yield from read_jsonl_stream(io.BytesIO(data), source, settings)


def _lines(fh: BinaryIO, limit: int) -> Iterator[tuple[bytes | None, int]]:
    """(line, length) per line; an over-long line comes as ``(None, length)``, never held whole."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line, len(line)
            continue
        length = len(line)
        while line and not line.endswith(b"\n"):  # skip the rest of the long line in chunks
            line = fh.readline(_CHUNK)
            length += len(line)
        yield None, length


def read_jsonl_stream(fh: BinaryIO, source: str, settings: Settings) -> Iterator[RawArticle | Reject]:
    """A ``.jsonl`` stream: one record per line, read line by line; a bad line is rejected alone."""
    found = False
    for number, (line, length) in enumerate(_lines(fh, settings.max_line_bytes), start=1):
        where = f"{source}:{number}"
        if line is None:
            found = True
            yield Reject(where, f"line is {length:,} bytes, over the {settings.max_line_bytes:,} cap")
            continue
        if not line.strip():
            continue
        found = True
        try:
            record = json.loads(line.decode("utf-8-sig"))
            yield to_raw(record, where)
        except UnicodeDecodeError:
            yield Reject(where, "not valid UTF-8")
        except json.JSONDecodeError as exc:
            yield Reject(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
        except RecursionError:
            yield Reject(where, "JSON nested too deeply")
        except InputError as exc:
            yield Reject(exc.source, exc.reason)
    if not found:
        raise InputError(source, "empty input")

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
from storyline.pipeline.ingest.decode import decode_text, looks_binary
from storyline.pipeline.metadata import check_language, check_published
from storyline.settings import Settings

_BODY_FIELDS = ("text", "html")
_META_FIELDS = ("url", "title", "published", "outlet", "language")
_CHUNK = 1 << 16


def _as_text(value: Any) -> str | None:
    """A metadata value as text: a string, or the name(s) of a person or body; else None."""
    if isinstance(value, list):  # e.g. a list of authors
        names = [_as_text(v) for v in value]
        value = ", ".join(n for n in names if n)
    elif isinstance(value, dict):  # {"name": "Jane Doe"}, schema.org style
        value = value.get("name") or value.get("text")
    if not isinstance(value, str) or value.strip() in ("", "None"):
        return None
    return value


def _described(value: Any) -> str:
    return f"{type(value).__name__} {str(value)[:30]!r}"


def to_raw(record: Any, source: str) -> RawArticle:
    """Validate one record and turn it into a ``RawArticle``.

    The body (``text`` or ``html``) must be a string. A declared field of the
    wrong type or with an impossible value (a date that cannot be, a language
    that is no language code) is discarded, and ``notes`` says so.
    """
    if not isinstance(record, dict):
        raise InputError(source, f"expected a JSON object, got {type(record).__name__}")
    for name in _BODY_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(source, f"field {name!r} must be a string, not {_described(value)}")
    text, html = record.get("text") or None, record.get("html") or None
    if not (text or "").strip() and not (html or "").strip():
        raise InputError(source, "record has neither 'text' nor 'html'")
    notes: list[str] = []
    values: dict[str, str | None] = {}
    for name in _META_FIELDS + ("byline",):
        value = record.get(name)
        values[name] = _as_text(value) if name in ("byline", "outlet") else value if isinstance(value, str) else None
        if value not in (None, "", []) and values[name] is None:
            notes.append(f"{name} ({_described(value)}) discarded: not text")
    values["published"], note = check_published(values["published"])
    values["language"], lang_note = check_language(values["language"])
    notes += [n for n in (note, lang_note) if n]
    raw_id = record.get("id")
    if raw_id is not None and not isinstance(raw_id, (str, int)):
        notes.append(f"id ({_described(raw_id)}) discarded: not a string or number")
        raw_id = None
    return RawArticle(
        source=source, text=text, html=html, input_id=None if raw_id is None else str(raw_id), notes=notes, **values
    )


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


# A file whose first lines are all unreadable is not JSON lines at all (a binary file, a CSV
# named .jsonl): one reject for the file rather than one per line.
_GIVE_UP_LINES = 20


def read_jsonl_stream(fh: BinaryIO, source: str, settings: Settings) -> Iterator[RawArticle | Reject]:
    """A ``.jsonl`` stream: one record per line, read line by line; a bad line is rejected alone.

    Until a line parses as JSON, unreadable lines are held back: if the first
    ``_GIVE_UP_LINES`` are all unreadable, the file is rejected once, whole.
    """
    found = False
    parsed_any = False
    held: list[Reject] = []
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
            if looks_binary(line):
                raise UnicodeDecodeError("utf-8", line, 0, 1, "binary data")
            record = json.loads(line.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            reject = Reject(where, _unreadable(exc))
            if parsed_any:
                yield reject
                continue
            held.append(reject)
            if len(held) >= _GIVE_UP_LINES:
                raise InputError(source, f"not JSON lines: the first {len(held)} lines are unreadable "
                                         f"({held[0].reason})") from None
            continue
        if not parsed_any:
            parsed_any = True
            yield from held
            held = []
        try:
            yield to_raw(record, where)
        except InputError as exc:
            yield Reject(exc.source, exc.reason)
    if len(held) > 1:
        raise InputError(source, f"not JSON lines: none of its {len(held)} lines is readable ({held[0].reason})")
    yield from held
    if not found:
        raise InputError(source, "empty input")


def _unreadable(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "JSON nested too deeply"
    if isinstance(exc, json.JSONDecodeError):
        return f"malformed JSON ({exc.msg} at column {exc.colno})"
    return "binary data, not text" if getattr(exc, "reason", "") == "binary data" else "not valid UTF-8"

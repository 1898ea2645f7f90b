"""HTML pages: one page is one article; cleaning extracts the body later."""

from __future__ import annotations

import re
from collections.abc import Iterator

from storyline.errors import InputError
from storyline.models import RawArticle, Reject
from storyline.pipeline.ingest.decode import decode_text, looks_binary
from storyline.settings import Settings

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)


def decode_html(data: bytes, source: str) -> str:
    """Decode a page by its declared charset, falling back to UTF-8."""
    if looks_binary(data):
        raise InputError(source, "binary data, not HTML")
    match = _META_CHARSET.search(data[:4096])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return decode_text(data, source)


def read(data: bytes, source: str, settings: Settings) -> Iterator[RawArticle | Reject]:
    page = decode_html(data, source)
    if "<" not in page:
        raise InputError(source, "no HTML markup")
    yield RawArticle(source=source, html=page)

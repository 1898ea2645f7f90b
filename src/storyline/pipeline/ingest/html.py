"""HTML pages: one page is one article; cleaning extracts the body later."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from storyline.errors import InputError
from storyline.models import RawArticle, Reject
from storyline.pipeline.ingest.decode import decode_text, looks_binary
from storyline.settings import Settings

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)
_MARKUP = re.compile(r"<\s*(html|head|body|p|div|article|title|h1|meta)\b", re.I)


def decode_html(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode a page by its declared charset (header, then ``<meta>``), falling back to UTF-8."""
    if looks_binary(data):
        raise InputError(source, "binary data, not HTML")
    match = _META_CHARSET.search(data[:4096])
    for charset in (declared, match.group(1).decode("ascii") if match else None):
        if not charset:
            continue
        try:
            codecs.lookup(charset)
        except LookupError:
            continue
        # A page declaring a charset it then breaks still reads; the bad bytes become U+FFFD.
        return data.decode(charset, errors="replace")
    return decode_text(data, source)


def read(data: bytes, source: str, settings: Settings) -> Iterator[RawArticle | Reject]:
    """One ``.html`` file: the page, decoded; its body is found by the clean stage."""
    page = decode_html(data, source)
    if not _MARKUP.search(page[:65536]):
        raise InputError(source, "no HTML markup")
    yield RawArticle(source=source, html=page)

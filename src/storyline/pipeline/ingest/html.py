"""HTML pages: one page is one article; cleaning extracts the body later."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

import charset_normalizer

from storyline.errors import InputError
from storyline.models import RawArticle, Reject
from storyline.pipeline.ingest.decode import decode_text, looks_binary
from storyline.settings import Settings

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)
_MARKUP = re.compile(r"<\s*(html|head|body|p|div|article|title|h1|meta)\b", re.I)
# Where a page may declare its charset: HTML says the first 1,024 bytes, but pages with
# long inline scripts in their head declare it later, and browsers still find it.
_PRESCAN = 65536
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode a page: by its byte-order mark, its declared charset (HTTP header, then
    ``<meta>`` or the XML declaration), as UTF-8, and failing those by detection
    (charset-normalizer); bytes that do not fit become U+FFFD."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    if looks_binary(data):
        raise InputError(source, "binary data, not HTML")
    if not data.strip():
        raise InputError(source, "empty input")
    head = data[:_PRESCAN]
    in_markup = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    for charset in (declared, in_markup.group(1).decode("ascii", "replace") if in_markup else None):
        if codec := _codec(charset):
            # A page declaring a charset it then breaks still reads; the bad bytes become U+FFFD.
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[:_PRESCAN]).best()
    # windows-1252 is what browsers assume for an undeclared page that is not UTF-8.
    return data.decode(_codec(best.encoding if best else None) or "cp1252", errors="replace")


def read(data: bytes, source: str, settings: Settings) -> Iterator[RawArticle | Reject]:
    """One ``.html`` file: the page, decoded; its body is found by the clean stage."""
    check_html_size(data, source, settings)
    page = decode_html(data, source)
    if not _MARKUP.search(page[:65536]):
        raise InputError(source, "no HTML markup")
    yield RawArticle(source=source, html=page)


def check_html_size(data: bytes, source: str, settings: Settings) -> None:
    """Refuse a page over ``max_html_bytes``: extracting its body would take minutes."""
    if len(data) > settings.max_html_bytes:
        raise InputError(source, f"page is {len(data):,} bytes, over the max_html_bytes cap of {settings.max_html_bytes:,}")

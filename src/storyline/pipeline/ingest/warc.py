"""WARC archives (warcio): every HTML response record becomes an article.

The archive is streamed record by record; a truncated or corrupt record
ends the archive with one reject naming the file, and the records read
before it are kept.
"""

from __future__ import annotations

import io
import logging
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storyline.errors import InputError
from storyline.models import RawArticle, Reject
from storyline.pipeline.ingest.html import check_html_size, decode_html
from storyline.pipeline.metadata import check_published
from storyline.settings import Settings


# warcio writes a warning to stderr for each record whose length is off, and logs one for each
# bad target URI: 150 lines for 3 KB of garbage. The reject storyline prints says it once.
logging.getLogger("warcio").setLevel(logging.ERROR)


class _QuietArchiveIterator(ArchiveIterator):
    INC_RECORD = ""  # the stderr warning's template: written as nothing (errors are still counted)


class _Truncated(Exception):
    """A record shorter than its declared length: the archive ends there."""


def read(data: bytes, source: str, settings: Settings) -> Iterator[RawArticle | Reject]:
    """A WARC or WARC.gz archive held in memory."""
    yield from read_stream(io.BytesIO(data), source, settings)


def read_stream(fh: BinaryIO, source: str, settings: Settings) -> Iterator[RawArticle | Reject]:
    """A WARC or WARC.gz archive read as a stream."""
    found = 0
    records = 0
    try:
        for record in _QuietArchiveIterator(fh):
            records += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            where = f"{source}#{url or records}"
            ctype = record.http_headers.get_header("Content-Type", "") or ""
            status = record.http_headers.get_statuscode() or ""
            if "html" not in ctype.lower() or not status.startswith("2"):
                continue
            found += 1
            body = record.content_stream().read(settings.max_input_bytes + 1)
            try:
                if len(body) > settings.max_input_bytes:
                    raise InputError(where, "response body over the size cap")
                check_html_size(body, where, settings)
                if getattr(record.raw_stream, "limit", 0) > 0:
                    # warcio hands out a cut-off record without complaint; its
                    # Content-Length says how many bytes never arrived.
                    raise _Truncated(f"record for {url or records} is cut short")
                if not body.strip():
                    raise InputError(where, "empty response body")
                fetched, note = check_published(record.rec_headers.get_header("WARC-Date") or "")
                yield RawArticle(
                    source=where,
                    html=decode_html(body, where, _charset(ctype)),
                    url=url or None,
                    fetched=fetched,
                    notes=[note.replace("published", "WARC-Date", 1)] if note else [],
                )
            except InputError as exc:
                yield Reject(exc.source, exc.reason)
    except (_Truncated, ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as exc:
        yield Reject(source, f"truncated or malformed WARC after {records} records ({str(exc)[:120]})")
        return
    except (AttributeError, TypeError, KeyError, IndexError) as exc:
        # warcio's parser trips over some malformed headers with these (found by fuzzing).
        yield Reject(source, f"malformed WARC after {records} records ({type(exc).__name__})")
        return
    if not found:
        raise InputError(source, "no HTML response records in the archive")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None

"""WARC archives (warcio): every HTML response record becomes an article."""

from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storyline.errors import InputError
from storyline.models import RawArticle, Reject
from storyline.pipeline.ingest.html import decode_html
from storyline.settings import Settings


def read(data: bytes, source: str, settings: Settings) -> Iterator[RawArticle | Reject]:
    found = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{source}#{url}"
            ctype = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
            if "html" not in ctype.lower():
                continue
            found += 1
            try:
                body = record.content_stream().read(settings.max_input_bytes + 1)
                if len(body) > settings.max_input_bytes:
                    raise InputError(where, "response body over the size cap")
                yield RawArticle(
                    source=where,
                    html=decode_html(body, where),
                    url=url,
                    fetched=record.rec_headers.get_header("WARC-Date"),
                )
            except InputError as exc:
                yield Reject(exc.source, exc.reason)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield Reject(source, f"truncated or malformed WARC ({exc})")
        return
    if not found:
        raise InputError(source, "no HTML response records in the archive")

"""Plain-text files: the whole file is one article's scraped text."""

from __future__ import annotations

from collections.abc import Iterator

from storyline.models import RawArticle, Reject
from storyline.pipeline.ingest.decode import decode_text
from storyline.settings import Settings


def read(data: bytes, source: str, settings: Settings) -> Iterator[RawArticle | Reject]:
    yield RawArticle(source=source, text=decode_text(data, source))

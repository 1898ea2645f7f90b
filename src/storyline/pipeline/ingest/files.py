"""Walk files and folders and hand each file to the reader for its kind."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from storyline.errors import InputError
from storyline.models import RawArticle, Reject
from storyline.pipeline.ingest import feed, html, records, text, warc
from storyline.pipeline.ingest.decode import gunzip_capped
from storyline.settings import Settings

Reader = Callable[[bytes, str, Settings], Iterator[RawArticle | Reject]]

READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".html": html.read,
    ".htm": html.read,
    ".json": records.read_json,
    ".jsonl": records.read_jsonl,
    ".xml": feed.read,
    ".rss": feed.read,
    ".atom": feed.read,
    ".warc": warc.read,
}
SUPPORTED_SUFFIXES = tuple(sorted(READERS) + [s + ".gz" for s in sorted(READERS)])


def _kind(path: Path) -> tuple[str, bool]:
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    if gz:
        suffixes = suffixes[:-1]
    return (suffixes[-1] if suffixes else ""), gz


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Reject]:
    """Every supported file under ``paths``, in a stable (sorted) order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if _kind(child)[0] in READERS and not child.name.startswith("."):
                    yield child
        elif path.is_file():
            yield path
        else:
            yield Reject(str(path), "no such file or folder")


def read_file(path: Path, settings: Settings) -> Iterator[RawArticle | Reject]:
    """Read one file with the reader its name calls for."""
    source = str(path)
    suffix, gz = _kind(path)
    reader = READERS.get(suffix)
    if reader is None:
        yield Reject(source, f"unsupported file type {suffix or '(none)'!r}")
        return
    try:
        size = path.stat().st_size
        if size > settings.max_input_bytes and suffix not in (".jsonl", ".warc"):
            raise InputError(source, f"file is {size:,} bytes, over the {settings.max_input_bytes:,} cap")
        data = path.read_bytes()
        if gz and suffix != ".warc":  # warcio reads .warc.gz itself, record by record
            data = gunzip_capped(data, source, settings.max_input_bytes)
        yield from reader(data, source, settings)
    except InputError as exc:
        yield Reject(exc.source, exc.reason)
    except OSError as exc:
        yield Reject(source, exc.strerror or str(exc))


def read_paths(
    paths: Iterable[str | os.PathLike[str]], settings: Settings | None = None
) -> Iterator[RawArticle | Reject]:
    """Every article (or reject) found under ``paths``."""
    settings = settings or Settings()
    for item in iter_files(paths):
        if isinstance(item, Reject):
            yield item
        else:
            yield from read_file(item, settings)

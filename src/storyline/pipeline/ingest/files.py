"""Walk files and folders and hand each file to the reader for its kind.

Most kinds are read whole (under ``max_input_bytes``). JSONL and WARC files
may be corpora of any size, so they are streamed: one record at a time,
with a long JSONL line skipped without being held in memory.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from storyline.errors import InputError
from storyline.models import RawArticle, Reject
from storyline.pipeline.ingest import feed, html, records, text, warc
from storyline.pipeline.ingest.decode import CappedGzip, gunzip_capped
from storyline.pipeline.ingest.fetch import FetchConfig, is_url, shared_fetcher
from storyline.settings import Settings

Reader = Callable[[bytes, str, Settings], Iterator[RawArticle | Reject]]
StreamReader = Callable[[BinaryIO, str, Settings], Iterator[RawArticle | Reject]]

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
STREAM_READERS: dict[str, StreamReader] = {
    ".jsonl": records.read_jsonl_stream,
    ".warc": warc.read_stream,
}
SUPPORTED_SUFFIXES = tuple(sorted(READERS) + [s + ".gz" for s in sorted(READERS)])


def _kind(path: Path) -> tuple[str, bool]:
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    if gz:
        suffixes = suffixes[:-1]
    return (suffixes[-1] if suffixes else ""), gz


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | str | Reject]:
    """Every supported file under ``paths``, in a stable (sorted) order.

    An ``http(s)://`` argument is passed through as a string: ``read_file``
    fetches it.
    """
    for raw in paths:
        if is_url(raw):
            yield str(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if _kind(child)[0] in READERS and not child.name.startswith("."):
                    yield child
        elif path.is_file():
            yield path
        else:
            yield Reject(str(path), "no such file or folder")


def read_file(path: Path | str, settings: Settings) -> Iterator[RawArticle | Reject]:
    """Read one file (or fetch one URL) with the reader its kind calls for; failures become ``Reject``s.

    URLs are fetched with the ``fetch_*`` settings (see ``ingest.fetch``).
    """
    if is_url(path):
        yield from shared_fetcher(FetchConfig.from_settings(settings)).fetch(str(path))
        return
    path = Path(path)
    source = str(path)
    suffix, gz = _kind(path)
    if suffix not in READERS:
        yield Reject(source, f"unsupported file type {suffix or '(none)'!r}")
        return
    try:
        if suffix in STREAM_READERS:
            yield from _read_stream(path, source, suffix, gz, settings)
            return
        size = path.stat().st_size
        if size > settings.max_input_bytes:
            raise InputError(source, f"file is {size:,} bytes, over the {settings.max_input_bytes:,} cap")
        data = path.read_bytes()
        if gz:
            data = gunzip_capped(data, source, settings.max_input_bytes)
        yield from READERS[suffix](data, source, settings)
    except InputError as exc:
        yield Reject(exc.source, exc.reason)
    except OSError as exc:
        yield Reject(source, exc.strerror or str(exc))
    except RecursionError:
        yield Reject(source, "input nested too deeply to parse")
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        yield Reject(source, f"internal reader error ({type(exc).__name__}: {str(exc)[:120]})")


def _read_stream(path: Path, source: str, suffix: str, gz: bool, settings: Settings) -> Iterator[RawArticle | Reject]:
    with path.open("rb") as fh:
        if gz and suffix != ".warc":  # warcio reads .warc.gz itself, record by record
            raw = CappedGzip(fh, source, settings.max_input_bytes, path.stat().st_size)
            stream: BinaryIO = io.BufferedReader(raw, buffer_size=1 << 16)  # type: ignore[assignment]
            yield from STREAM_READERS[suffix](stream, source, settings)
        else:
            yield from STREAM_READERS[suffix](fh, source, settings)


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

"""Walk files and folders and hand each file to the reader for its kind.

Most kinds are read whole (under ``max_input_bytes``). JSONL, WARC and feed
files may be corpora of any size, so they are streamed: one record (or feed
entry) at a time, with a long JSONL line skipped without being held in memory.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from storyline.errors import InputError
from storyline.models import RawArticle, Reject
from storyline.pipeline.budget import over_char_cap
from storyline.pipeline.ingest import feed, html, records, text, warc
from storyline.pipeline.ingest.decode import CappedGzip, gunzip_capped, path_text, scrub
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
    ".xml": feed.read_stream,
    ".rss": feed.read_stream,
    ".atom": feed.read_stream,
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
    fetches it. What cannot be read (a missing or unreadable path, a folder
    that cannot be listed, a symbolic link loop, a FIFO or device) is a
    ``Reject`` naming it; the walk goes on.
    """
    for raw in paths:
        if is_url(raw):
            yield str(raw)
            continue
        path = Path(raw)
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            yield Reject(path_text(path), _missing_reason(path, exc))
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(path)
        elif stat.S_ISREG(mode):
            yield path
        else:
            yield Reject(path_text(path), _NOT_REGULAR)


_NOT_REGULAR = "not a regular file (a FIFO, socket or device)"
_READ_TWICE = "folder already read by another path (a symbolic link loop or a second link)"


def _missing_reason(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(exc, FileNotFoundError):
        return "broken symbolic link" if path.is_symlink() else "no such file or folder"
    return exc.strerror or str(exc)


def _walk(root: Path) -> list[Path | Reject]:
    """Files of a supported kind under ``root`` (hidden files skipped), sorted by path.

    Symbolic links to folders are followed, each folder read once (a link
    back to an ancestor is a loop, named as such).
    """
    found: list[tuple[Path, Path | Reject]] = []
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in seen:
                found.append((folder, Reject(path_text(folder), _READ_TWICE)))
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            found.append((folder, Reject(path_text(folder), f"cannot list folder ({exc.strerror or exc})")))
            continue
        for entry in entries:
            path = Path(entry.path)
            try:
                if entry.is_dir():
                    stack.append(path)
                    continue
                if entry.name.startswith(".") or _kind(path)[0] not in READERS:
                    continue
                if entry.is_file():
                    found.append((path, path))
                else:
                    path.stat()  # raises for a dangling link or a loop
                    found.append((path, Reject(path_text(path), _NOT_REGULAR)))
            except OSError as exc:
                found.append((path, Reject(path_text(path), _missing_reason(path, exc))))
    found.sort(key=lambda pair: pair[0])
    return [item for _, item in found]


def read_file(path: Path | str, settings: Settings) -> Iterator[RawArticle | Reject]:
    """Read one file (or fetch one URL) with the reader its kind calls for; failures become ``Reject``s.

    URLs are fetched with the ``fetch_*`` settings (see ``ingest.fetch``).
    Every string that comes out can be encoded: lone surrogates become U+FFFD
    and file names that are not UTF-8 are spelled with ``\\x`` escapes. A
    plain text longer than the article cap (``budget.article_char_cap``) is
    rejected here, before cleaning spends seconds on what analysis would refuse.
    """
    for item in _read_file(path, settings):
        too_long = isinstance(item, RawArticle) and item.text and over_char_cap(len(item.text), settings)
        yield Reject(item.source, too_long) if too_long else _scrubbed(item)


def _scrubbed(item: RawArticle | Reject) -> RawArticle | Reject:
    for name in item.__slots__:  # type: ignore[attr-defined]
        value = getattr(item, name)
        if isinstance(value, str):
            setattr(item, name, scrub(value))
        elif isinstance(value, list):
            setattr(item, name, [scrub(v) if isinstance(v, str) else v for v in value])
    return item


def _read_file(path: Path | str, settings: Settings) -> Iterator[RawArticle | Reject]:
    if is_url(path):
        yield from shared_fetcher(FetchConfig.from_settings(settings)).fetch(str(path))
        return
    path = Path(path)
    source = path_text(path)
    suffix, gz = _kind(path)
    if suffix not in READERS:
        yield Reject(source, f"unsupported file type {suffix or '(none)'!r}")
        return
    try:
        if not path.is_file():
            raise InputError(source, _NOT_REGULAR if path.exists() else "no such file")
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
    except (RecursionError, MemoryError) as exc:
        yield Reject(source, "input nested too deeply to parse" if isinstance(exc, RecursionError) else "out of memory")
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

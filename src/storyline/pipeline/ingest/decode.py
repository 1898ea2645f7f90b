"""Bytes → text, with the checks every reader needs (size caps, gzip bombs, binary data)."""

from __future__ import annotations

import gzip
import io
import os
import re
import zlib
from typing import BinaryIO

from storyline.errors import InputError

_CHUNK = 1 << 16
# Lone UTF-16 surrogates: JSON may spell them ("\\ud800") though no text holds them,
# and SQLite, UTF-8 output and every library after us refuse them.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Text compresses 3-10x; a stream inflating far beyond that is a bomb.
BOMB_RATIO = 200


def gunzip_capped(data: bytes, source: str, limit: int) -> bytes:
    """Decompress gzip ``data``, refusing more than ``limit`` bytes (a gzip bomb)."""
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            while chunk := fh.read(_CHUNK):
                if out.tell() + len(chunk) > limit:
                    raise InputError(source, f"decompressed size exceeds {limit:,} bytes (gzip bomb?)")
                out.write(chunk)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(source, f"not a valid gzip stream ({exc})") from exc
    return out.getvalue()


class CappedGzip(io.RawIOBase):
    """A gzip stream read lazily that fails once it inflates past a cap.

    Streamed inputs (JSONL, WARC) may be large on purpose, so the cap is
    ``max(limit, BOMB_RATIO × compressed size)``: a big honest archive passes,
    a few kilobytes inflating to gigabytes does not.
    """

    def __init__(self, fh: BinaryIO, source: str, limit: int, compressed_size: int) -> None:
        super().__init__()
        self._gz = gzip.GzipFile(fileobj=fh)
        self._source = source
        self._cap = max(limit, BOMB_RATIO * compressed_size)
        self._read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            data = self._gz.read(len(buffer))
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(self._source, f"not a valid gzip stream ({exc})") from exc
        self._read += len(data)
        if self._read > self._cap:
            raise InputError(self._source, f"decompressed size exceeds {self._cap:,} bytes (gzip bomb?)")
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._gz.close()
        super().close()


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: NUL bytes or mostly control characters."""
    head = data[:4096]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.05


def decode_text(data: bytes, source: str) -> str:
    """Decode ``data`` as UTF-8 (with or without BOM, or UTF-16 with BOM), else fail with a reason.

    A declared charset is the HTML reader's business; plain files must be UTF-8.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(source, "not valid UTF-16") from exc
    if not data.strip():
        raise InputError(source, "empty input")
    if looks_binary(data):
        raise InputError(source, "binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            source, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc


def scrub(value: str) -> str:
    """``value`` with every lone surrogate replaced by U+FFFD, so it can be written anywhere."""
    if value.isascii():
        return value
    return _SURROGATE.sub("\ufffd", value)


def path_text(path: str | os.PathLike[str]) -> str:
    """A file name as text: bytes that are not UTF-8 are spelled ``\\xff``, never a lone surrogate."""
    try:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a name handed in as text with a lone surrogate of its own
        return scrub(os.fspath(path))

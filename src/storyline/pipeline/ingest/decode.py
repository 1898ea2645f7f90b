"""Bytes → text, with the checks every reader needs."""

from __future__ import annotations

import gzip
import io
import zlib

from storyline.errors import InputError

_CHUNK = 1 << 16


def gunzip_capped(data: bytes, source: str, limit: int) -> bytes:
    """Decompress gzip ``data``, refusing more than ``limit`` bytes (a gzip bomb)."""
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            while chunk := fh.read(_CHUNK):
                if out.tell() + len(chunk) > limit:
                    raise InputError(source, f"decompressed size exceeds {limit:,} bytes")
                out.write(chunk)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(source, f"not a valid gzip stream ({exc})") from exc
    return out.getvalue()


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: NUL bytes or mostly control characters."""
    head = data[:4096]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.05


def decode_text(data: bytes, source: str) -> str:
    """Decode ``data`` as UTF-8 (with or without BOM), else fail with a reason.

    A declared charset is the HTML reader's business; plain files must be UTF-8.
    """
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

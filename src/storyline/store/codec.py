"""Records to JSON and back: one codec for every record stored as JSON.

pydantic's ``TypeAdapter`` reads the dataclasses of ``models`` as they are
declared (nested records, lists, optional fields), so a stored record decodes
into the same typed object the pipeline made, and a field added to a record
needs no change here. Used for stored briefs (``store.briefs``).
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from pydantic import TypeAdapter

T = TypeVar("T")


@cache
def _adapter(kind: type[T]) -> TypeAdapter[T]:
    return TypeAdapter(kind)


def prepare(kind: type) -> None:
    """Build ``kind``'s encoder and decoder now (tens of milliseconds), not on first use."""
    _adapter(kind)


def to_json(record: Any) -> str:
    """``record`` (a dataclass of ``models``) as compact JSON."""
    return _adapter(type(record)).dump_json(record).decode()


def from_json(kind: type[T], text: str | bytes) -> T:
    """The ``kind`` record that ``to_json`` wrote as ``text``."""
    return _adapter(kind).validate_json(text)

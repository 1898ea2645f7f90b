"""The Stage protocol, the context stages run in, and the stage registry.

A stage is a small object holding configuration only, with one ``run`` entry
point over a stream of records. It says what it ``requires`` and what it
``assigns``; its ``name`` carries a version, bumped whenever its output
changes, so a store knows what to recompute. Stages do no I/O beyond what
their name says.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, runtime_checkable

from storyline.models import Reject
from storyline.settings import Settings

In = TypeVar("In", contravariant=True)
Out = TypeVar("Out", covariant=True)


@dataclass(slots=True)
class Context:
    """What every stage may use: settings, counters and a logger."""

    settings: Settings = field(default_factory=Settings)
    counters: Counter[str] = field(default_factory=Counter)
    log: logging.Logger = field(default_factory=lambda: logging.getLogger("storyline"))

    def count(self, key: str, n: int = 1) -> None:
        self.counters[key] += n


@runtime_checkable
class Stage(Protocol[In, Out]):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def run(self, records: Iterable[In], ctx: Context) -> Iterator[Out | Reject]: ...


_REGISTRY: dict[str, type[Any]] = {}


def register(cls: type[Any]) -> type[Any]:
    """Class decorator: make a stage findable by its name."""
    _REGISTRY[cls.name] = cls
    return cls


def registered() -> dict[str, type[Any]]:
    """Stage name (with version) → stage class."""
    return dict(_REGISTRY)

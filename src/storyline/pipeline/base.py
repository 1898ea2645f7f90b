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

from storyline.errors import TimeBudgetExceeded
from storyline.models import Reject
from storyline.pipeline.budget import cpu_budget
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


def _source_of(record: Any) -> str:
    """How a reject names its record: the file or URL, and the record's own id or article id."""
    source = getattr(record, "source", None) or "?"
    label = getattr(record, "input_id", None) or getattr(record, "id", None)
    return f"{source} ({label})" if label else source


def run_guarded(stage: Any, records: list[Any], ctx: Context) -> tuple[list[Any], list[Reject]]:
    """Run ``stage`` over a batch; an exception for one record becomes that record's reject.

    The batch runs whole first (stages such as Analyze are faster over a batch);
    only if it raises is it run again one record at a time, so one bad article
    costs its own reject and never the rest of the batch (a batch of one
    record is not run again: its reject comes from the first failure).

    The stage runs under a CPU budget (``settings.article_time_budget``),
    restarted at each output: a record it spends longer on stops the batch
    the same way, and, alone, becomes a reject naming the stage and
    "time budget exceeded" (``pipeline.budget`` says how and where it works).
    """
    budget = float(getattr(ctx.settings, "article_time_budget", 0) or 0)
    try:
        out = _run_budgeted(stage, records, ctx, budget)
    except (Exception, TimeBudgetExceeded) as first:  # noqa: BLE001 - any failure of one record must not stop the others
        out = []
        for record in records:
            try:
                if len(records) == 1:  # its failure is known: running it again would spend its budget twice
                    raise first
                out += _run_budgeted(stage, [record], ctx, budget)
            except TimeBudgetExceeded:
                ctx.count(f"rejected_{stage.name.split('/')[0]}")
                ctx.count("rejected_time_budget")
                out.append(Reject(_source_of(record), f"{stage.name}: {TIME_BUDGET_EXCEEDED} ({budget:g} s of CPU)",
                                  stage=stage.name))
            except Exception as exc:  # noqa: BLE001
                ctx.count(f"rejected_{stage.name.split('/')[0]}")
                reason = f"{stage.name} failed: {type(exc).__name__}: {exc}".strip()
                out.append(Reject(_source_of(record), reason, stage=stage.name))
    kept = [r for r in out if not isinstance(r, Reject)]
    rejects = [r if r.stage else Reject(r.source, r.reason, stage.name) for r in out if isinstance(r, Reject)]
    return kept, rejects


TIME_BUDGET_EXCEEDED = "time budget exceeded"


def _run_budgeted(stage: Any, records: list[Any], ctx: Context, budget: float) -> list[Any]:
    """Every output of ``stage`` over ``records``, the CPU budget restarted at each one."""
    out: list[Any] = []
    with cpu_budget(budget) as timer:
        for item in stage.run(records, ctx):
            out.append(item)
            timer.restart()
    return out


_REGISTRY: dict[str, type[Any]] = {}


def register(cls: type[Any]) -> type[Any]:
    """Class decorator: make a stage findable by its name."""
    _REGISTRY[cls.name] = cls
    return cls


def registered() -> dict[str, type[Any]]:
    """Stage name (with version) → stage class."""
    return dict(_REGISTRY)

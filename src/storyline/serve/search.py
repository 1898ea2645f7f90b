"""Search queries made safe to run: words de-duplicated and capped, a time budget per query.

A query from the web is hostile input: "the the the …" or two thousand common
words cost the full-text index far more than they are worth. ``terms`` keeps
the distinct words of a query up to a cap; ``budget`` stops any SQLite
statement that runs past its time (SQLite's progress handler), raising
``SearchTimeout`` so the page can say so instead of holding a thread for minutes.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from storyline.serve.disconnect import client_gone

MAX_QUERY_CHARS = 500  # longer queries are cut here before they are read
MAX_TERMS = 12  # distinct words kept; every one must match, so more only narrows
MAX_TERM_CHARS = 40  # no word in any language runs longer; longer "words" are noise
BUDGET_SECONDS = 1.0  # per search statement: an ordinary search over 100,000 articles takes a tenth of it
PROGRESS_STEPS = 2000  # SQLite VM instructions between clock checks


class SearchTimeout(Exception):
    """A search ran past its time budget and was stopped."""


class ClientGone(Exception):
    """The client hung up while its request's SQL ran: the statement was stopped (nothing to answer)."""


@dataclass(frozen=True, slots=True)
class Terms:
    """The words a query searches for, and whether the query was cut to get them."""

    words: tuple[str, ...]
    shortened: bool

    @property
    def text(self) -> str:
        return " ".join(self.words)


def terms(query: str | None) -> Terms:
    """The distinct words of ``query`` (case-folded, first occurrence order), at most ``MAX_TERMS``."""
    if not query:
        return Terms((), False)
    cut = len(query) > MAX_QUERY_CHARS
    if cut:  # drop the word the cut goes through
        query = re.sub(r"\w+$", "", query[:MAX_QUERY_CHARS + 1])
    seen: dict[str, None] = {}
    for word in re.findall(r"\w+", query):
        word = word.casefold()
        if len(word) > MAX_TERM_CHARS:
            cut = True
            continue
        seen.setdefault(word, None)
    words = tuple(seen)
    if len(words) > MAX_TERMS:
        words, cut = words[:MAX_TERMS], True
    return Terms(words, cut)


@contextmanager
def budget(db: sqlite3.Connection, seconds: float | None = None) -> Iterator[None]:
    """Interrupt any statement on ``db`` that runs past ``seconds`` (default ``BUDGET_SECONDS``), raising
    ``SearchTimeout``, or whose client hung up (``disconnect``), raising ``ClientGone``."""
    seconds = BUDGET_SECONDS if seconds is None else seconds
    deadline = time.monotonic() + seconds
    gone = client_gone()

    def stop() -> int:
        return 1 if time.monotonic() > deadline or (gone is not None and gone.is_set()) else 0

    db.set_progress_handler(stop, PROGRESS_STEPS)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            if gone is not None and gone.is_set():
                raise ClientGone("the client hung up; its search was stopped") from None
            raise SearchTimeout(f"the search took over {seconds:g} s and was stopped; use fewer common words") from None
        raise
    finally:
        db.set_progress_handler(None, 0)

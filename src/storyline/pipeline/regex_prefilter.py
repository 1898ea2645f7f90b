"""A cheap substring test before a regular expression: skip the search when it cannot match.

Most lines of an article match none of the junk and shape patterns, and
Python's ``re`` tries every alternative at every position of the line before
it says so. ``Prefiltered`` reads the pattern's parse tree once and finds
literal pieces one of which every match must contain ("cookie" for "we use
cookies|accept (all )?cookies"); a line holding none of them is answered
without the search. Written by hand because the engines that do this (RE2,
Hyperscan) would replace ``re`` and its syntax; this keeps both.

The test is sound: it compares lower-cased text with lower-cased pieces, and
a text holding a character that ``re`` folds onto an ASCII letter under
IGNORECASE (the long s, the Kelvin sign, dotless i, ...) is always searched.
"""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser

_Requirement = frozenset[str] | None  # one of these pieces is in every match; None: nothing known


# The characters outside ASCII that IGNORECASE matching can take for an ASCII letter: dotted
# capital I (lower-cases to "i" and a dot), dotless i, long s and the Kelvin sign (re's extra
# cases). tests/test_regex_prefilter.py derives the list from the Unicode tables.
EXOTIC_FOLDING = "\u0130\u0131\u017f\u212a"
_EXOTIC = re.compile(f"[{EXOTIC_FOLDING}]")


def _best(options: list[frozenset[str]]) -> _Requirement:
    """The most selective requirement: the one whose shortest piece is longest."""
    return max(options, key=lambda pieces: (min(map(len, pieces)), -len(pieces)), default=None)


def _sequence(items: list[tuple[object, object]]) -> _Requirement:
    """What every match of a sequence of parse items must contain."""
    options: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            options.append(frozenset({"".join(run)}))
        run.clear()

    for op, arg in items:
        if op is sre.LITERAL:
            run.append(chr(arg).lower())  # type: ignore[arg-type]
            continue
        close_run()
        inner: _Requirement = None
        if op is sre.SUBPATTERN:
            inner = _sequence(list(arg[-1]))  # type: ignore[index]
        elif op is sre.BRANCH:
            alternatives = [_sequence(list(alt)) for alt in arg[1]]  # type: ignore[index]
            if all(alternatives):
                inner = frozenset().union(*alternatives)  # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and arg[0] >= 1:  # type: ignore[index]
            inner = _sequence(list(arg[2]))  # type: ignore[index]
        if inner:
            options.append(inner)
    close_run()
    return _best(options)


def required_pieces(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case pieces one of which every match of ``pattern`` contains, or ``None`` if none are known."""
    return _sequence(list(_parser.parse(pattern.pattern, pattern.flags)))


class Prefiltered:
    """``pattern.search`` behind a substring test; ``search(text, lower)`` takes ``text.lower()`` if known."""

    __slots__ = ("_finder", "pattern", "pieces")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.pieces = required_pieces(pattern)
        # One search for all the pieces: literal alternatives are what ``re`` scans fastest.
        pieces = sorted(self.pieces or (), key=lambda p: (-len(p), p))
        self._finder = re.compile("|".join(map(re.escape, pieces))) if pieces else None

    def might_match(self, lower: str) -> bool:
        """False only when no piece occurs in ``lower`` (the text lower-cased)."""
        return self._finder is None or self._finder.search(lower) is not None

    def search(self, text: str, lower: str | None = None) -> re.Match[str] | None:
        """``pattern.search(text)``, skipped when the text cannot match."""
        if lower is None:
            lower = text.lower()
        folds_onto_ascii = not text.isascii() and _EXOTIC.search(text) is not None
        if self.might_match(lower) or folds_onto_ascii:
            return self.pattern.search(text)
        return None

"""Quoted segments of a text: quotation marks paired, apostrophes left alone.

Hand-written because no maintained library pairs marks the way news copy needs:
textacy pairs every quote token in order and raises on an odd count; regexes over
``"…"`` break on apostrophes (don’t, the world’s, ’90s), nested single quotes and
multi-paragraph quotes. This is a small per-paragraph state machine instead:

- double marks: straight ``"``, curly ``“…”``, ``„…“``/``„…”``, guillemets ``«…»``;
- single marks as outer quotes (``‘…’``, ``'…'``) only where they open at a word start
  and a closing mark ends a word later in the paragraph; inside a double quote they
  are nested and belong to it (and vice versa, British style);
- a mark left open runs to the end of its paragraph (``closed=False``); when the next
  paragraph opens with a mark too, that one continues the quote (``continued=True``);
- a stray closing mark is ignored and a second opening mark closes the open quote just
  before it, so an unbalanced article still yields everything that can be recovered;
  an opening ``“`` that ends a word (``“It is unusual,“ said …``) closes the quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE_OPEN = {"“": "”\"", "„": "“”\"", "«": "»", '"': "\"”"}
_SINGLE_OPEN = {"‘": "’'", "'": "'’", "‚": "‘’"}
# elisions that start with an apostrophe: ’90s, 'em, 'n', ’tis, 'cause, 'til
_ELISION = re.compile(r"['‘’](?:\d0s|\d\d\b|em\b|n\b|tis\b|twas\b|cause\b|til\b|bout\b)", re.I)


@dataclass(slots=True)
class QuotedSpan:
    """A quoted segment: ``start``/``end`` bound the text inside the marks."""

    start: int
    end: int
    closed: bool = True
    continued: bool = False  # continues a quote from the paragraph before
    single: bool = False  # delimited by single marks

    def __len__(self) -> int:
        return self.end - self.start


def _single_closer(text: str, pos: int, end: int, closers: str) -> int | None:
    """The mark that closes a single quote opened before ``pos``: one ending a word."""
    for i in range(pos, end):
        ch = text[i]
        if ch in closers:
            before = text[i - 1]
            after = text[i + 1] if i + 1 < end else " "
            if not before.isspace() and not after.isalnum():
                # "the players’ union": a plural possessive ends a word too; accept it only
                # when the segment would still hold a word after trimming
                return i
        if ch == "\n":
            return None
    return None


def _opens_single(text: str, i: int, end: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < end else " "
    if prev.isalnum() or not (nxt.isalnum() or nxt in "\"“"):
        return False
    return _ELISION.match(text, i) is None


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """All quoted segments of ``text`` in order (see the module docstring)."""
    spans: list[QuotedSpan] = []
    previous_open_to_end = False
    for para in re.finditer(r"[^\n]+", text):
        start_count = len(spans)
        _scan_paragraph(text, para.start(), para.end(), spans)
        if len(spans) > start_count:
            first = spans[start_count]
            lead = text[para.start():first.start - 1]
            if previous_open_to_end and not lead.strip():
                first.continued = True
        previous_open_to_end = bool(spans) and not spans[-1].closed and len(spans) > start_count
    return spans


def _scan_paragraph(text: str, pos: int, end: int, spans: list[QuotedSpan]) -> None:
    i = pos
    while i < end:
        ch = text[i]
        if text.startswith("''", i) or text.startswith("``", i):
            # two apostrophes (or PTB backquotes) as a double mark, as in NYT copy: ''Yes,'' he said
            if i > pos and text[i - 1].isalnum() and ch == "'":
                i += 2  # a stray closing pair
                continue
            i = _close(text, i, end, "''", double=True, spans=spans, width=2)
        elif ch in _DOUBLE_OPEN:
            if ch == '"' and i > pos and text[i - 1].isalnum() and (i + 1 >= end or text[i + 1] in " ,.;:"):
                i += 1  # a stray closing straight mark (or inches: 12")
                continue
            i = _close(text, i, end, _DOUBLE_OPEN[ch], double=True, spans=spans)
        elif ch in _SINGLE_OPEN and _opens_single(text, i, end):
            closer = _single_closer(text, i + 2, end, _SINGLE_OPEN[ch])
            if closer is None:
                i += 1
                continue
            spans.append(QuotedSpan(i + 1, closer, single=True))
            i = closer + 1
        else:
            i += 1


def _close(text: str, mark: int, end: int, closers: str, *, double: bool, spans: list[QuotedSpan],
           width: int = 1) -> int:
    """Find the mark closing the double quote opened at ``mark``; return where to go on."""
    j = mark + width
    while j < end:
        ch = text[j]
        if width == 2:
            if text.startswith("''", j):
                spans.append(QuotedSpan(mark + 2, j))
                return j + 2
            j += 1
            continue
        if ch in closers:
            # a straight mark directly followed by a letter opens a new quote rather than
            # closing this one only when a space precedes it ("a" "b"): rare, so close here
            spans.append(QuotedSpan(mark + 1, j))
            return j + 1
        if ch == "“" and not text[j - 1].isspace() and (j + 1 >= end or text[j + 1] in " ,.;:!?—"):
            # '“It is unusual,“ said …': an opening mark typed for a closing one ends a word
            spans.append(QuotedSpan(mark + 1, j))
            return j + 1
        if ch in "“«„" and ch not in closers:
            # a second opening mark: the first quote was never closed; recover it
            stop = j
            while stop > mark + 1 and text[stop - 1].isspace():
                stop -= 1
            if stop > mark + 1:
                spans.append(QuotedSpan(mark + 1, stop, closed=False))
            return j
        j += 1
    stop = end
    while stop > mark + width and text[stop - 1].isspace():
        stop -= 1
    if stop > mark + width:
        spans.append(QuotedSpan(mark + width, stop, closed=False))
    return end

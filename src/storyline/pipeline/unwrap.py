"""Join hard-wrapped plain text back into paragraphs.

Wire copy, e-mail and text archives break every line at a fixed width
(Reuters at about 70 characters), so each paragraph arrives as five or six
lines. Read line by line, such a text is a pile of fragments: the line model
judges half-sentences, and every later stage sees a paragraph break in the
middle of each sentence. No library reflows text (``textwrap`` only wraps),
so this is written here, following the rule text formatters such as ``par``
use: a break was forced by the width when the next line's first word would
not have fitted on the line before it. Such a break is joined; any other
break is the writer's (the end of a paragraph, a table row, a heading).

A text is treated as hard-wrapped only when most of its lines run close to
one width of at most ``MAX_WIDTH`` characters, so a web scrape, whose
paragraphs are one line each, is left exactly as it came.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

_CLOSED = re.compile(r"[.!?:;\"'”’)]\s*$")

MAX_WIDTH = 100  # wider than any wrap width in use (72, 76, 80) and narrower than most prose paragraphs
MIN_WIDTH = 50  # narrower "widths" are short lines: table rows, lists, headings
NEAR_WIDTH = 0.75  # a wrapped line fills at least this share of the width ...
FULL_SHARE = 0.5  # ... for at least this share of the lines that run on into another
MIN_RUNS = 3  # fewer lines cannot show a width


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _base_indent(lines: list[str]) -> int:
    """The indent most lines have; a deeper one starts a paragraph or a table row."""
    return Counter(_indent(line) for line in lines if line.strip()).most_common(1)[0][0]


def _runs_on(line: str, after: str, base: int) -> bool:
    """True when ``after`` could continue ``line``'s paragraph: both have words and ``after`` is not indented."""
    return bool(line.strip()) and bool(after.strip()) and _indent(after) <= base


def wrap_width(lines: list[str], base: int) -> int | None:
    """The width a text was wrapped at, or None when it was not hard-wrapped."""
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    if not lengths:
        return None
    width = max(lengths)
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    runs = [a for a, b in pairwise(lines) if _runs_on(a, b, base)]
    full = [a for a in runs if len(a.rstrip()) >= NEAR_WIDTH * width]
    if len(runs) < MIN_RUNS or len(full) < FULL_SHARE * len(runs):
        return None
    if sum(1 for a in full if _CLOSED.search(a)) > len(full) / 2:  # sentences one per line, not wrapped prose
        return None
    if sum(1 for n in lengths if n >= 0.9 * width) < 2:  # one long line is not a width
        return None
    return width


def _wrapped(before: str, after: str, width: int) -> bool:
    """True when the break between two lines is the wrapper's, not the writer's.

    Either ``after``'s first word would not have fitted at the end of
    ``before``, or the sentence visibly runs on: no closing punctuation
    before the break and a lowercase word after it (a first line left short
    by a dateline cut off in front of it).
    """
    if len(before.rstrip()) + 1 + len(after.split(None, 1)[0]) > width:
        return True
    return after.lstrip()[0].islower() and not _CLOSED.search(before)


def unwrap(text: str) -> str:
    """``text`` with the width-forced line breaks of a hard-wrapped text joined; other text unchanged.

    A line indented deeper than the text's usual indent starts a paragraph
    (Reuters indents each paragraph's first line) and is never joined to the
    line above; a blank line always ends a paragraph.
    """
    lines = text.split("\n")
    if not text.strip():
        return text
    base = _base_indent(lines)
    width = wrap_width(lines, base)
    if width is None:
        return text
    out: list[str] = []
    last = ""  # the previous raw line, whose length decides whether the break was forced
    for line in lines:
        if out and _runs_on(last, line, base) and _wrapped(last, line, width):
            joint = "" if out[-1].endswith("-") and out[-1][-2:-1].isalpha() else " "
            out[-1] = out[-1].rstrip() + joint + line.strip()
        else:
            out.append(line)
        last = line
    return "\n".join(out)

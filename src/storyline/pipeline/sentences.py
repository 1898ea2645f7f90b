"""Sentence spans of a clean article text.

A regex splitter rather than spaCy's parser: briefs are built from stored
text, and re-parsing every article of a story would cost more than the rest
of the brief. It keeps offsets exact and knows the usual abbreviations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep",
    "st", "jr", "sr", "inc", "ltd", "co", "corp", "no", "vs", "u.s", "u.k", "u.n", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "a.m", "p.m",
}
_BOUNDARY = re.compile(r"""[.!?…]+["”’')\]]*(?=\s+["“‘'(\[]?[A-Z0-9])""")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with their character offsets; never crosses a paragraph."""
    found: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for match in _BOUNDARY.finditer(text, para.start(), para.end()):
            word = re.search(r"(\S+)$", text[start:match.start()])
            if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
            if word and len(word.group(1)) == 1 and word.group(1).isupper():
                continue  # an initial: "Jane Q. Public"
            _add(found, text, start, match.end())
            start = match.end()
        _add(found, text, start, para.end())
    return found


def _add(found: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        found.append(Sentence(start, end, text[start:end]))

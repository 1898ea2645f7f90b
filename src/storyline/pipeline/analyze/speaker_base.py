"""What the speaker searches share: a found cue, where the quotes are, and where a token is."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.pipeline.analyze.nlp import doc_text  # noqa: F401 (the searches import it from here)


@dataclass(slots=True)
class Cue:
    """A speaker mention (character span) and the cue that introduces it."""

    start: int
    end: int
    cue: str
    # what the mention stands for, when that is elsewhere: the antecedent of "who"
    refers: tuple[int, int] | None = None


class QuoteIndex:
    """Where the quoted segments of a text are, to keep cues outside them."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def between(self, start: int, end: int) -> bool:
        """Whether a whole quoted segment lies within ``start:end``."""
        i = bisect_left(self.starts, start)
        return i < len(self.spans) and self.spans[i][1] <= end

    def inside(self, pos: int) -> bool:
        i = bisect_left(self.starts, pos + 1) - 1
        return i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]


def same_block(text: str, pos: int, start: int, end: int) -> bool:
    """Whether ``pos`` is in the paragraph of the quote at ``start:end``, or in the one
    before it that ends with a colon introducing the quote."""
    if start <= pos < end:
        return True
    if pos >= end:
        return "\n" not in text[end:pos]
    between = text[pos:start]
    if "\n" not in between:
        return True
    cut = between.rfind("\n")
    before, rest = between[:cut].rstrip(), between[cut + 1:]
    return "\n" not in before and before.endswith(":") and not rest.strip(" \t“\"«„‘'`")


def opens_paragraph(text: str, start: int) -> bool:
    """Whether only white space and the opening mark come before ``start`` in its paragraph."""
    para = text.rfind("\n", 0, start) + 1
    return not text[para:start - 1].strip()


def sentences_before(doc: Doc, char: int, count: int) -> Iterator[Span]:
    """Up to ``count`` sentences before the one holding character ``char``, nearest first."""
    if not len(doc):
        return
    sent = token_at(doc, char).sent
    for _ in range(count):
        if sent.start == 0:
            return
        sent = doc[sent.start - 1].sent
        yield sent


def token_at(doc: Doc, char: int) -> Token:
    """The token covering (or the last one starting before) character ``char``."""
    # cached on the doc (spaCy's place for per-doc data): one list per article, not per quote
    starts = doc.user_data.get("_token_starts")
    if starts is None:
        starts = doc.user_data["_token_starts"] = [t.idx for t in doc]
    return doc[max(0, bisect_left(starts, char + 1) - 1)]

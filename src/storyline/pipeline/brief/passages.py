"""Shared passages as a reader sees them: whole sentences, one passage per run of shared text.

Link finds runs of eight or more words that articles share, word for word; a
run begins and ends wherever the copies stop agreeing, often mid-sentence. Here
each run is trimmed to the sentences it holds whole in every article carrying
it (a quoted sentence closing mid-sentence, '… without them," they said', counts
as whole), and shown as one passage, paragraph breaks and all: a wire story three
outlets carry is one shared passage of several paragraphs, not one per
sentence. A run is split only where its carriers break it differently (one
starts a paragraph where another runs on), so each carrier's span prints the
same text. A run that holds no whole sentence (a shared name, half a quote) is
not shown. Each carrier's citation
covers its own sentences, opening and closing marks included; a carrier that
prints the words with other marks (straight against curly quotes) is cited as
a variant, with its own text, so every citation's span is the text shown beside it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.models import Article, Citation, CitedText, SharedPassage
from storyline.pipeline.brief.body import sentences_of
from storyline.pipeline.link import find_shared_passages
from storyline.pipeline.link.words import Words, words
from storyline.pipeline.sentences import Sentence

MIN_WORDS = 8  # a shown passage is at least this many words
_WORDLESS = re.compile(r"\W*")
# A quotation closing on its sentence's punctuation: '," they said' ('calls "force multipliers" and' is no end)
_QUOTE_CLOSE = re.compile(r"[,.!?…]+[\"”]")


@dataclass(slots=True)
class _Layout:
    """An article's words and sentences, to map a word to the sentence holding it."""

    text: str
    words: Words
    sentences: list[Sentence]
    starts: list[int]

    @classmethod
    def of(cls, text: str) -> _Layout:
        sentences = list(sentences_of(text))
        return cls(text, words(text), sentences, [s.start for s in sentences])

    def sentence(self, k: int) -> Sentence | None:
        if not 0 <= k < len(self.words):
            return None
        i = bisect.bisect_right(self.starts, self.words.starts[k]) - 1
        return self.sentences[i] if i >= 0 and self.words.ends[k] <= self.sentences[i].end else None

    def opens(self, k: int) -> bool:
        """Word ``k`` is the first word of its sentence."""
        s = self.sentence(k)
        return s is not None and _WORDLESS.fullmatch(self.text[s.start:self.words.starts[k]]) is not None

    def closes(self, k: int) -> bool:
        """Word ``k`` is the last word of its sentence, or of a quoted sentence (see :meth:`end_of`)."""
        return self.end_of(k) is not None

    def end_of(self, k: int) -> int | None:
        """Where a passage ending at word ``k`` ends: its sentence's end; else, where a quotation closes on a
        sentence of the speaker's ("… than we could without them," they said), the closing mark's end."""
        s = self.sentence(k)
        if s is None:
            return None
        if _WORDLESS.fullmatch(self.text[self.words.ends[k]:s.end]) is not None:
            return s.end
        close = _QUOTE_CLOSE.match(self.text, self.words.ends[k])
        return close.end() if close else None

    def gap_after(self, k: int) -> str:
        """What stands between word ``k`` and the next (a paragraph break when it holds a newline)."""
        return self.text[self.words.ends[k]:self.words.starts[k + 1]] if k + 1 < len(self.words) else ""


def sentence_passages(articles: Sequence[Article], min_words: int = MIN_WORDS) -> list[SharedPassage]:
    """The contract's ``shared_passages``: the whole sentences of each shared run, with each carrier's span."""
    layouts: dict[str, _Layout] = {}
    result: list[SharedPassage] = []
    texts = {a.id: a.text for a in articles}
    for passage in find_shared_passages(articles):
        carriers = []
        for span in passage.spans:
            layout = layouts.get(span.article) or layouts.setdefault(span.article, _Layout.of(texts[span.article]))
            first = bisect.bisect_left(layout.words.starts, span.start)
            carriers.append((span.article, layout, first))
        # A span that does not open on a word boundary here starts one word later: never run past a carrier's end.
        n = min([passage.words] + [len(layout.words) - first for _, layout, first in carriers])
        segment_start = 0
        for k in range(n):
            if k == n - 1 or _breaks_differ([layout.gap_after(first + k) for _, layout, first in carriers]):
                piece = _whole_sentences(carriers, segment_start, k, min_words)
                if piece:
                    result.append(piece)
                segment_start = k + 1
    return result


def _breaks_differ(gaps: list[str]) -> bool:
    """The carriers part two words differently: one breaks the paragraph there, another runs on, or they
    break it with other whitespace (one blank line against two)."""
    breaks = {gap for gap in gaps if "\n" in gap}
    return bool(breaks) and (len(breaks) > 1 or len(breaks) < len(set(gaps)))


def _whole_sentences(carriers: list[tuple[str, _Layout, int]], lo: int, hi: int, min_words: int) -> SharedPassage | None:
    """Words ``lo``..``hi`` of a run trimmed to the sentences every carrier holds whole."""
    start = next((k for k in range(lo, hi + 1) if all(lay.opens(f + k) for _, lay, f in carriers)), None)
    end = next((k for k in range(hi, lo - 1, -1) if all(lay.closes(f + k) for _, lay, f in carriers)), None)
    if start is None or end is None or end - start + 1 < min_words:
        return None
    citations = []
    for article, layout, first in carriers:
        opening = layout.sentence(first + start)
        citations.append(Citation(article, opening.start, layout.end_of(first + end)))  # type: ignore[union-attr, arg-type]
    printed = [layout.text[c.start:c.end] for c, (_, layout, _) in zip(citations, carriers)]
    passage = SharedPassage(printed[0], sorted({c.article for c in citations}))
    for citation, wording in zip(citations, printed):  # a citation says what it points at
        if wording == passage.text:
            passage.citations.append(citation)
        elif variant := next((v for v in passage.variants if v.text == wording), None):
            variant.citations.append(citation)
        else:
            passage.variants.append(CitedText(wording, [citation]))
    return passage

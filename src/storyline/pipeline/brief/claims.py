"""What claim finders share: an article's quoted spans, word stems, days between dates."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from storyline.models import Article, Citation

if TYPE_CHECKING:
    from storyline.pipeline.brief.evidence import Item

WORD = re.compile(r"[A-Za-z][\w'’-]*")
# Articles published further apart than this report a story's later state: a count
# that rose is an update, not a disagreement.
MAX_PUBLISHED_APART = 3


def stop_words() -> frozenset[str]:
    """scikit-learn's English stop words (read without importing scikit-learn: see :mod:`tfidf`)."""
    from storyline.pipeline.brief.tfidf import english_stop_words

    return english_stop_words()


def quoted_spans(article: Article) -> list[tuple[int, int]]:
    """The spans of the article's direct quotes: what they hold is the speaker's claim, not the outlet's."""
    return [(q.start, q.end) for q in article.quotes]


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s")
CONTEXT_REACH = 300  # characters before a sentence searched for the start of the sentence it continues


def whole_sentence(item: Item) -> str:
    """The sentence ``item`` belongs to: itself, or, when it continues one a hard-wrapped text broke
    across paragraphs ("Most market expectations called for the\\n\\nChancellor to announce …"), that
    sentence from its start."""
    return item.article.text[sentence_start(item.article.text, item.start):item.start] + item.text


def sentence_start(text: str, start: int) -> int:
    """Where the sentence holding the split sentence at ``start`` of ``text`` starts (see :func:`whole_sentence`)."""
    window = text[max(0, start - CONTEXT_REACH):start]
    ends = list(_SENTENCE_END.finditer(window))
    return start - len(window) + ends[-1].end() if ends else start - len(window)


def stem(word: str) -> str:
    """A word lower-cased without its possessive or plural "s" ("homes" → "home")."""
    word = word.lower().replace("’", "'")
    word = re.sub(r"'s$", "", word)
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def days_apart(a: str, b: str) -> int:
    """Whole days between two ISO dates (0 when either is not one)."""
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return 0


def independent_sides(by_value: dict[str, list[Citation]], outlet_of: dict[str, str]) -> dict[str, list[Citation]]:
    """The values of one claim that sources give against each other, or {} when no two do.

    An article that gives two of the values (a caption's date beside the body's)
    speaks of two things, not against itself: it is no side. What remains is a
    disagreement only if two values come from different outlets: one outlet's
    two articles differ by an update or a second event far more often than by
    a fact in dispute. ``outlet_of`` maps an article id to its outlet (or its id).
    """
    seen: dict[str, set[str]] = {}
    for value, cites in by_value.items():
        for c in cites:
            seen.setdefault(c.article, set()).add(value)
    kept = {v: [c for c in cs if len(seen[c.article]) == 1] for v, cs in by_value.items()}
    kept = {v: cs for v, cs in kept.items() if cs}
    outlets = {v: {outlet_of.get(c.article, c.article) for c in cs} for v, cs in kept.items()}
    values = list(kept)
    if any(a != b for i, v in enumerate(values) for w in values[i + 1:] for a in outlets[v] for b in outlets[w]):
        return kept
    return {}

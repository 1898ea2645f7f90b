"""What claim finders share: an article's quoted spans, word stems, days between dates."""

from __future__ import annotations

import re
from datetime import date

from storyline.models import Article

WORD = re.compile(r"[A-Za-z][\w'’-]*")
# Articles published further apart than this report a story's later state: a count
# that rose is an update, not a disagreement.
MAX_PUBLISHED_APART = 3


def quoted_spans(article: Article) -> list[tuple[int, int]]:
    """The spans of the article's direct quotes: what they hold is the speaker's claim, not the outlet's."""
    return [(q.start, q.end) for q in article.quotes]


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

"""Whether two sentences tell the same thing: shared content words, time words aside.

Used to merge one event reported by several outlets (the timeline) and to pin an
undated article's relative dates to a dated article's account of the same
event (pubdate). Words are lower-cased, stop words and time words dropped, and
crudely stemmed ("fined"/"fine", "crowns"/"crown"); the overlap is shared words
over the shorter sentence's, so a long and a short account of one event match.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

TIME_WORDS = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|"
    r"july|august|september|october|november|december|today|yesterday|tomorrow|week|month|year|morning|"
    r"afternoon|evening|night|last|next|earlier|later)$")


def _stem(word: str) -> str:
    return re.sub(r"(?:ing|es|ed|s|d)$", "", word)[:6] or word


def content_words(text: str) -> set[str]:
    """The stemmed content words of ``text``: no stop words, no time words."""
    words = set(re.findall(r"[a-z][a-z'’-]{2,}", text.lower()))
    return {_stem(w) for w in words if w not in STOP_WORDS and not TIME_WORDS.match(w)}


def overlap(a: set[str], b: set[str]) -> float:
    """Shared words over the smaller set's size; 0 when either is empty."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0

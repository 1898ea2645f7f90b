"""Time words inside proper names: "USA Today", ABC's "This Week", CBS's "60 Minutes", "High Noon".

The TIDES and TimeML guidelines do not mark a time expression that is part of a
name (a newspaper, a programme, a film). Such a word gives itself away by its
capital: a word that is written in lower case in running text ("today", "week",
"minutes", "noon") is capitalised inside a name, while it is capitalised in
running text only at the start of a sentence. Month and weekday names are
always capitalised and say nothing, so they are not in the list; nor is an
all-capitals word (a headline or a wire's slug).
"""

from __future__ import annotations

import re

# Time words written in lower case in running text (matched lower-cased, whole words). Not "day":
# it is capitalised in the names of days themselves ("Thanksgiving Day", "Election Day").
LOWER_CASE_TIME_WORDS = frozenset({
    "today", "tonight", "tomorrow", "yesterday", "now", "noon", "midnight", "midday", "morning", "afternoon",
    "evening", "night", "overnight", "this", "last", "next", "week", "weekend", "month", "year", "decade",
    "century", "quarter", "hour", "hours", "minute", "minutes", "second", "seconds", "weeks",
    "months", "years", "daily", "weekly", "monthly", "annually", "quarterly", "future", "present", "past",
    "spring", "summer", "autumn", "fall", "winter", "current", "recently", "soon",
})
_WORD = re.compile(r"[A-Za-z]+")
# What may stand before the first word of a sentence: nothing, end punctuation, quotes (`` too),
# brackets, dashes.
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”‘’'`()\[\]—–_-]|\n)\s*$")


def _title_case(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].islower() or word in {"A"}


def in_a_name(text: str, start: int, end: int) -> bool:
    """True if the expression at ``text[start:end]`` is part of a name ("USA Today", "This Week")."""
    if text[start:end] == text[start:end].lower():
        return False  # no capital at all: most expressions, and the cheapest answer
    words = list(_WORD.finditer(text, start, end))
    for k, w in enumerate(words):
        word = w.group()
        if word.lower() not in LOWER_CASE_TIME_WORDS or not _title_case(word):
            continue
        if k > 0 or not _SENTENCE_START.search(text[max(0, w.start() - 40):w.start()]):
            return True
    return False

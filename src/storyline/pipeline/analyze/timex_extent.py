"""The extent of a time expression as TIMEX3 draws it: the words a match needs but the span leaves out.

The grammar matches some words only because they license or shape a reading: "for three years"
is a duration, "until 9 a.m. Tuesday" a deadline, "the year ended Sept. 30" a fiscal year. TIMEX3
(TimeML 1.2.1 annotation guidelines, §2.2.1) leaves a preposition outside the expression, as a
SIGNAL; the time is "three years", "9 a.m. Tuesday", "the year". The TempEval-3 training data
(TBAQ) agrees without exception: of its gold expressions, none starts with "for" (110 stand right
after one), "until" (24), "since" (20), "within" (12) or "during" (10); none with "just" or
"only" (8 right after), none with "the" before an adjectival count ("the eight-year war": the
article is the noun's; 30 gold "N-year"/"third-quarter" forms, no "the"). Modifiers that shape the
value stay in: "about", "nearly", "more than", "at least", "over a week", "early", "earlier".

Trimming happens after the value is resolved, so the reading still sees the whole match.
"""

from __future__ import annotations

import re

from storyline.pipeline.analyze.timex_vocab import UNIT

# (id, pattern): each removes words at one edge of a span; applied until none matches.
EXTENT_RULES: list[tuple[str, re.Pattern[str]]] = [
    # A preposition is a SIGNAL, never part of the TIMEX3.
    ("lead_preposition", re.compile(
        r"^(?:for|until|till|since|within|during|throughout|through|from|in|on|of|by|before|after)\s+", re.I)),
    # "over the past year" is a preposition; "over a week" / "just over an hour" is a modifier (more than).
    ("lead_over", re.compile(
        r"^over\s+(?=(?:the|this|that|these|those|recent|past|last|next|coming|several|many|few)\b)", re.I)),
    # "at noon Friday" is a preposition; "at least two years" a modifier.
    ("lead_at", re.compile(r"^at\s+(?!(?:least|most)\b)", re.I)),
    # Focus words: "just a decade ago", "only six months".
    ("lead_focus", re.compile(r"^(?:just|only)\s+", re.I)),
    # "the eight-year war", "the 30-day period", "the third-quarter results": the article is the noun's.
    ("adjectival_the", re.compile(rf"^the\s+(?=(?:fiscal\s+)?[\w.]+-{UNIT}s?$)", re.I)),
    # "the year ended Sept. 30": the verb introduces the end date, the time is "the year".
    ("tail_ended", re.compile(r"\s+end(?:ed|ing)$", re.I)),
]


# Whether any rule could apply: most spans start with none of these words, and one search says so.
_MAYBE = re.compile(r"^(?:for|until|till|since|within|during|throughout|through|from|in|on|of|by|before|after|over|at|"
                    r"just|only|the)\s|\send(?:ed|ing)$", re.I)


def trim_extent(text: str, start: int, end: int,
                rules: list[tuple[str, re.Pattern[str]]] | None = None) -> tuple[int, int]:
    """``(start, end)`` narrowed to the TIMEX3 extent of ``text[start:end]`` (unchanged if nothing applies).

    ``rules`` defaults to :data:`EXTENT_RULES` as it is at call time (benchmarks/timex_extent_cv.py
    scores subsets of it)."""
    rules = EXTENT_RULES if rules is None else rules
    span = text[start:end]
    if rules is EXTENT_RULES and not _MAYBE.search(span):
        return start, end
    changed = True
    while changed:
        changed = False
        for _, pattern in rules:
            m = pattern.search(span)
            if m is None or m.end() - m.start() >= len(span):
                continue
            if m.start() == 0:
                start += m.end()
                span = span[m.end():]
            else:
                end -= len(span) - m.start()
                span = span[:m.start()]
            changed = True
    return start, end

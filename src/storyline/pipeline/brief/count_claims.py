"""Counts of one thing that outlets give differently.

The same noun counted in the same slot of similar sentences (three of the two
words before the number and the two after its noun agree; a sentence start both
share counts half), in articles published within a few days of each other (a
later count is an update), whose values cannot both be true (:mod:`values`).
Numbers inside direct quotes are the speaker's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from storyline.models import Citation, CitedText, Discrepancy
from storyline.pipeline.brief.claims import MAX_PUBLISHED_APART, WORD, days_apart, quoted_spans, stem
from storyline.pipeline.brief.evidence import Evidence, Item
from storyline.pipeline.brief.values import APPROXIMATIONS, NUMBER_WORDS, SCALES, count_interval, counts_disagree

SAME_SLOT = 3.0  # agreeing neighbours (of four) that put two counts in the same slot
SAME_FACT = 0.3  # sentence cosine above which two sentences may report one count (the slot test does the rest)

_COUNT = re.compile(
    r"(?P<phrase>(?:(?P<approx>" + "|".join(sorted(APPROXIMATIONS, key=len, reverse=True)) + r")\s+)?"
    r"(?<![\w.-])(?P<n>\d[\d,]*(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + r")(?:\s+(?P<scale>" + "|".join(SCALES) + r"))?"
    r"\s+(?P<noun>[a-z][a-z-]+))",
    re.IGNORECASE,
)
_TIME_NOUNS = {"year", "years", "day", "days", "month", "months", "week", "weeks", "hour", "hours",
               "minute", "minutes", "a.m", "p.m", "percent", "per", "of", "and", "to", "or", "in", "times",
               "seconds", "decades", "centuries", "am", "pm"}

@dataclass(slots=True)
class _Count:
    noun: str  # stemmed: "homes" and "home" are one noun
    printed: str
    interval: tuple[float, float]
    phrase: str
    citation: Citation
    before: tuple[str, ...]
    after: tuple[str, ...]


def _counts(item: Item) -> list[_Count]:
    quoted = quoted_spans(item.article)
    found = []
    for m in _COUNT.finditer(item.text):
        noun = m.group("noun")
        start = item.start + m.start("phrase")
        if noun.lower() in _TIME_NOUNS or noun[0].isupper() or any(s <= start < e for s, e in quoted):
            continue  # a duration, a name ("six North Korean"), or the speaker's number
        raw = m.group("n").lower().replace(",", "")
        value = float(NUMBER_WORDS.get(raw, raw)) * SCALES.get((m.group("scale") or "").lower(), 1)
        before = tuple(w.lower() for w in WORD.findall(item.text[: m.start("phrase")])[-2:])
        after = tuple(w.lower() for w in WORD.findall(item.text[m.end("phrase"):])[:2])
        found.append(_Count(stem(noun), noun.lower(), count_interval(m.group("approx"), value, m.group("n") if not m.group("scale") else None), m.group("phrase"),
                            Citation(item.article.id, start, start + len(m.group("phrase"))), before, after))
    return found


def _slot_match(a: _Count, b: _Count) -> float:
    """How many of the two words before and the two after two counts agree (a sentence edge both share: half)."""
    def at(c: _Count, k: int) -> str | None:
        words = (c.before[::-1] if k < 2 else c.after)
        i = k if k < 2 else k - 2
        return words[i] if i < len(words) else None

    score = 0.0
    for k in range(4):
        x, y = at(a, k), at(b, k)
        score += 1.0 if x is not None and x == y else 0.5 if x is None and y is None else 0.0
    return score


def number_conflicts(evidence: Evidence) -> list[Discrepancy]:
    """Every count of the story that articles give differently, each value citing its phrases."""
    items = evidence.items
    rows, cols = np.nonzero(np.triu(evidence.similarity, k=1) >= SAME_FACT)
    counts: dict[int, list[_Count]] = {}

    def counted(i: int) -> list[_Count]:
        if i not in counts:
            counts[i] = _counts(items[i])
        return counts[i]

    by_noun: dict[str, dict[tuple[float, float], list[tuple[str, Citation]]]] = defaultdict(lambda: defaultdict(list))
    printed: dict[str, str] = {}
    for i, j in zip(rows, cols):
        a_art, b_art = items[i].article, items[j].article
        if a_art.id == b_art.id or (a_art.published and b_art.published
                                    and days_apart(a_art.published, b_art.published) > MAX_PUBLISHED_APART):
            continue  # a later count is an update (a toll that rose), not a disagreement
        for a in counted(int(i)):
            for b in counted(int(j)):
                same_slot = a.noun == b.noun and _slot_match(a, b) >= SAME_SLOT
                if same_slot and counts_disagree(a.interval, b.interval):
                    for c in (a, b):
                        printed.setdefault(c.noun, c.printed)
                        if all(cite != c.citation for _, cite in by_noun[c.noun][c.interval]):
                            by_noun[c.noun][c.interval].append((c.phrase, c.citation))
    return [
        Discrepancy(f"number of {printed[noun]}", [CitedText(e[0][0], [c for _, c in e]) for _, e in sorted(by_value.items())])
        for noun, by_value in sorted(by_noun.items())
    ]



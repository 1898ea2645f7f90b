"""Where sources disagree: dates, numbers, roles and speakers, each side citing its articles.

Two sentences from different articles that report the same thing (similar
wording) but give a different date or a different count for the same noun
are a disagreement; so are two titles for one person and two speakers for
one quote.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np

from storyline.models import Article, BriefQuote, Citation, CitedText, Discrepancy
from storyline.pipeline.brief.evidence import Evidence, Item

SAME_EVENT = 0.45  # sentence cosine above which two sentences report the same event
SAME_FACT = 0.3  # … the same fact, for counts of the same noun

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100,
}
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_COUNT = re.compile(
    r"(?P<phrase>(?:(?:at least|more than|over|nearly|almost|about|around|some|up to|fewer than|less than)\s+)?"
    r"(?P<n>\d[\d,]*(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")(?:\s+(?P<scale>thousand|million|billion))?"
    r"\s+(?P<noun>[a-z]+))",
    re.I,
)
_TIME_NOUNS = {"year", "years", "day", "days", "month", "months", "week", "weeks", "hour", "hours",
               "minute", "minutes", "a.m", "p.m", "percent", "per", "of", "and", "to", "or", "in", "times"}


def find_discrepancies(evidence: Evidence, quotes: list[BriefQuote]) -> list[Discrepancy]:
    return (
        _date_conflicts(evidence)
        + _number_conflicts(evidence)
        + _role_conflicts(evidence.articles)
        + _speaker_conflicts(evidence.articles, quotes)
    )


def _pairs(evidence: Evidence, threshold: float) -> list[tuple[int, int]]:
    """Sentence pairs from different outlets at least ``threshold`` alike, each once."""
    items = evidence.items
    rows, cols = np.nonzero(np.triu(evidence.similarity, k=1) >= threshold)
    return [(int(i), int(j)) for i, j in zip(rows, cols) if items[i].outlet != items[j].outlet]


def _days(item: Item) -> dict[str, Citation]:
    """Day-precise dates the sentence gives in the outlet's own words.

    A date inside a direct quote ("a page today") is the speaker's, and a re-run
    published a day later does not make it a different claim.
    """
    quoted = [(q.start, q.end) for q in item.article.quotes]
    return {
        t.value: Citation(item.article.id, t.start, t.end)
        for t in item.article.times
        if t.type == "DATE" and len(t.value) == 10 and item.start <= t.start < item.end
        and not any(s <= t.start < e for s, e in quoted)
    }


def _date_conflicts(evidence: Evidence) -> list[Discrepancy]:
    found: dict[str, dict[str, list[Citation]]] = {}
    about: dict[str, str] = {}
    for i, j in _pairs(evidence, SAME_EVENT):
        left, right = _days(evidence.items[i]), _days(evidence.items[j])
        if left and right and not set(left) & set(right):
            key = min(evidence.items[i].text, evidence.items[j].text, key=len)
            about.setdefault(key, f"date of: {key}")
            claims = found.setdefault(key, defaultdict(list))
            for side in (left, right):
                for value, cite in side.items():
                    if cite not in claims[value]:
                        claims[value].append(cite)
    return [
        Discrepancy(about[k], [CitedText(v, c) for v, c in sorted(claims.items())])
        for k, claims in sorted(found.items())
    ]


def _counts(item: Item) -> dict[str, tuple[float, str, Citation]]:
    found = {}
    for m in _COUNT.finditer(item.text):
        noun = m.group("noun").lower()
        if noun in _TIME_NOUNS:
            continue
        raw = m.group("n").lower().replace(",", "")
        value = float(_NUMBER_WORDS.get(raw, raw) if raw in _NUMBER_WORDS else raw)
        value *= _SCALE.get((m.group("scale") or "").lower(), 1)
        start = item.start + m.start("phrase")
        found[noun] = (value, m.group("phrase"), Citation(item.article.id, start, start + len(m.group("phrase"))))
    return found


def _number_conflicts(evidence: Evidence) -> list[Discrepancy]:
    by_noun: dict[str, dict[float, list[tuple[str, Citation]]]] = defaultdict(lambda: defaultdict(list))
    for i, j in _pairs(evidence, SAME_FACT):
        left, right = _counts(evidence.items[i]), _counts(evidence.items[j])
        for noun in set(left) & set(right):
            if left[noun][0] != right[noun][0]:
                for value, phrase, cite in (left[noun], right[noun]):
                    if all(c != cite for _, c in by_noun[noun][value]):
                        by_noun[noun][value].append((phrase, cite))
    result = []
    for noun, by_value in sorted(by_noun.items()):
        claims = [
            CitedText(entries[0][0], [c for _, c in entries]) for _, entries in sorted(by_value.items())
        ]
        result.append(Discrepancy(f"number of {noun}", claims))
    return result


def _role_conflicts(articles: list[Article]) -> list[Discrepancy]:
    roles: dict[str, dict[str, list[Citation]]] = defaultdict(lambda: defaultdict(list))
    for article in articles:
        for entity in article.entities:
            if entity.role:
                roles[entity.canonical][entity.role.lower()].append(Citation(article.id, entity.start, entity.end))
    return [
        Discrepancy(f"title or role of {name}", [CitedText(role, cites) for role, cites in sorted(by_role.items())])
        for name, by_role in sorted(roles.items())
        if len(by_role) > 1 and not _nested(list(by_role))
    ]


def _nested(roles: list[str]) -> bool:
    """Roles that differ only by one containing the other ("minister" / "foreign minister")."""
    return all(a in b or b in a for a in roles for b in roles)


def _speaker_conflicts(articles: list[Article], quotes: list[BriefQuote]) -> list[Discrepancy]:
    by_id = {a.id: a for a in articles}
    result = []
    for merged in quotes:
        if len(merged.speakers) < 2:
            continue
        claims: dict[str, list[Citation]] = defaultdict(list)
        for article_id in merged.articles:
            for quote in by_id[article_id].quotes:
                if quote.speaker in merged.speakers and (quote.text == merged.text or quote.text in merged.variants):
                    claims[quote.speaker].append(Citation(article_id, quote.start, quote.end))
        # A description ("the official") or a shorter form of the same name is no disagreement.
        named = [n for n in claims if n[:1].isupper() and not any(n != o and n in o for o in claims)]
        claims = {n: claims[n] for n in named}
        if len(claims) > 1:
            result.append(Discrepancy(
                f"speaker of the quote “{merged.text}”",
                [CitedText(name, cites) for name, cites in sorted(claims.items())],
            ))
    return result

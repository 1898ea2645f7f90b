"""Where sources disagree: dates, counts, roles and speakers, each side citing its articles.

A disagreement is two claims about the same thing whose values cannot both be
true (:mod:`values`). What makes two claims about the same thing:

- dates: the words around each date (up to eight words either side, without
  other dates) share at least three content words, half of the shorter context
  and one lower-case word (what was done: "published", "piece"), in sentences
  of different articles, the dates within a few days of each other. Dates are compared as
  resolved days, so "Monday" in one outlet and "yesterday" in a re-run a day
  later are one date, and "published Sunday" against "published Monday" is not;
- counts: the same noun counted in the same slot of similar sentences (three of
  the two words before the number and the two after its noun are the same; a
  sentence start both share counts half) of
  articles published within a few days (a later count is an update);
- roles: one person's titles with the same head noun (places and nationalities
  in them set aside);
- speakers: one merged quote credited to different people (people the story
  names as such) by different articles, each naming the speaker beside the
  quote (not "he", nor a surname two people of the story share).

Dates and numbers inside direct quotes are the speaker's, not the outlet's claim.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.models import Article, BriefQuote, Citation, CitedText, Discrepancy, Quote
from storyline.pipeline.brief.evidence import Evidence, Item
from storyline.pipeline.brief.values import (
    APPROXIMATIONS, NUMBER_WORDS, SCALES, count_interval, counts_disagree, roles_agree_exactly, roles_disagree, same_person,
)

MIN_UTTERANCE = 6  # words a quote needs before two speakers for it are a disagreement
SAME_SLOT = 3.0  # agreeing neighbours (of four) that put two counts in the same slot
SAME_FACT = 0.3  # sentence cosine above which two sentences may report one count (the slot test does the rest)
CONTEXT_WORDS = 8  # words either side of a date that say what it is the date of
MIN_SHARED = 3  # content words two date contexts must share …
MIN_SHARED_SHARE = 0.5  # … and this share of the shorter context
# Dates further apart than this, or from articles published further apart, are two
# occurrences of one kind of event (two launches, two briefings) far more often than
# one event misdated: a misdating comes from a weekday or "yesterday" read a day or
# two off, or a time zone.
MAX_DAYS_APART = 6
MAX_PUBLISHED_APART = 3

_COUNT = re.compile(
    r"(?P<phrase>(?:(?P<approx>" + "|".join(sorted(APPROXIMATIONS, key=len, reverse=True)) + r")\s+)?"
    r"(?<![\w.-])(?P<n>\d[\d,]*(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + r")(?:\s+(?P<scale>" + "|".join(SCALES) + r"))?"
    r"\s+(?P<noun>[a-z][a-z-]+))",
    re.I,
)
_TIME_NOUNS = {"year", "years", "day", "days", "month", "months", "week", "weeks", "hour", "hours",
               "minute", "minutes", "a.m", "p.m", "percent", "per", "of", "and", "to", "or", "in", "times",
               "seconds", "decades", "centuries", "am", "pm"}
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their"}
_DAY_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
              "today", "tonight", "tomorrow", "january", "february", "march", "april", "may", "june", "july",
              "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
              "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thurs",
              "fri", "sat", "sun"}
_REPORTING = {"said", "say", "says", "told", "tell", "added", "according", "stated", "reported", "announced"}
_CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
             "today", "tomorrow", "january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
             "sep", "sept", "oct", "nov", "dec", "morning", "evening", "afternoon", "night", "week", "last",
             "next", "earlier", "later"}


def find_discrepancies(evidence: Evidence, quotes: list[BriefQuote]) -> list[Discrepancy]:
    """Every disagreement of the story: dates, counts, roles, then speakers."""
    return (
        _date_conflicts(evidence)
        + _number_conflicts(evidence)
        + _role_conflicts(evidence.articles)
        + _speaker_conflicts(evidence.articles, quotes)
    )


def _quoted(article: Article) -> list[tuple[int, int]]:
    return [(q.start, q.end) for q in article.quotes]


@dataclass(slots=True)
class _DateClaim:
    value: str
    citation: Citation
    context: frozenset[str]
    predicates: frozenset[str]  # the context's lower-case words: what happened, not who or where
    sentence: str
    others: frozenset[str]  # every day the sentence gives
    published: str | None
    wording: str  # the date as printed, lower-cased


def _stem(word: str) -> str:
    word = word.lower().replace("’", "'")
    word = re.sub(r"'s$", "", word)
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def _date_claims(item: Item) -> list[_DateClaim]:
    """Day-precise dates the sentence gives in the outlet's own words, each with its context."""
    quoted = _quoted(item.article)
    times = [t for t in item.article.times if t.type in {"DATE", "TIME"} and item.start <= t.start < item.end]
    days = [t for t in times if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value[:10]) and t.type == "DATE"
            and _names_a_day(t.text) and not any(s <= t.start < e for s, e in quoted)]
    if not days:
        return []
    tokens = [(m.start() + item.start, m.end() + item.start, m.group()) for m in _WORD.finditer(item.text)]
    in_time = [any(t.start <= s < t.end for t in times) for s, _, _ in tokens]
    every = frozenset(t.value[:10] for t in days)
    claims = []
    for t in days:
        at = next((k for k, (s, _, _) in enumerate(tokens) if s >= t.start), len(tokens))
        window = [k for k in range(max(0, at - CONTEXT_WORDS), min(len(tokens), at + CONTEXT_WORDS))]
        kept = [k for k in window if not in_time[k] and tokens[k][2].lower() not in ENGLISH_STOP_WORDS | _CALENDAR]
        context = frozenset(_stem(tokens[k][2]) for k in kept)
        predicates = frozenset(
            _stem(tokens[k][2]) for k in kept if tokens[k][2].islower() and tokens[k][2] not in _REPORTING
        )
        claims.append(_DateClaim(t.value[:10], Citation(item.article.id, t.start, t.end), context, predicates,
                                 item.text, every, item.article.published, t.text.lower()))
    return claims


def _names_a_day(text: str) -> bool:
    """An expression that names a day ("Sunday", "yesterday", "Oct. 19", "3/14"), not a duration read as one."""
    words = {w.lower().rstrip(".") for w in re.findall(r"[A-Za-z.]+", text)}
    return bool(words & _DAY_WORDS) or re.search(r"\d{1,4}[/-]\d{1,2}", text) is not None


def _same_event(a: _DateClaim, b: _DateClaim) -> bool:
    """Contexts that share enough words, one of them a lower-case one (the thing done, not only who)."""
    shared = len(a.context & b.context)
    return (shared >= MIN_SHARED and shared >= MIN_SHARED_SHARE * min(len(a.context), len(b.context))
            and bool(a.predicates & b.predicates))


def _linked(a: _DateClaim, b: _DateClaim) -> bool:
    """Two date claims of different articles about one event (whatever their values)."""
    if a.citation.article == b.citation.article or not _same_event(a, b):
        return False
    if a.value == b.value:
        return True
    # a sentence that gives the other's date too is about two events, not a disagreement
    if b.value in a.others or a.value in b.others:
        return False
    # the same relative words ("yesterday") copied into a re-run published on another day are one
    # claim; only our anchoring to each publication day tells them apart
    if a.wording == b.wording and not re.search(r"\d", a.wording) and a.published and b.published and (
        _days_apart(a.value, b.value) == _days_apart(a.published, b.published)
    ):
        return False
    return _days_apart(a.value, b.value) <= MAX_DAYS_APART and (
        a.published is None or b.published is None or _days_apart(a.published, b.published) <= MAX_PUBLISHED_APART
    )


def _days_apart(a: str, b: str) -> int:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return 0


def _joins(claim: _DateClaim, group: list[_DateClaim]) -> bool:
    """A claim joins a group about one event: a new date only if it is about the event with every
    member; a date the group already has if it is about the event with a member giving that date."""
    if claim.value in {m.value for m in group}:
        return any(m.value == claim.value and _linked(claim, m) for m in group)
    return all(_linked(claim, m) for m in group)


def _date_conflicts(evidence: Evidence) -> list[Discrepancy]:
    claims = [c for item in evidence.items for c in _date_claims(item)]
    # Groups whose members are all about one event with one another (no chains:
    # "launched Saturday" and "launched Tuesday" of two different launches stay apart).
    # Claims that clash with others found the groups; claims agreeing with a member join after,
    # so the result does not depend on which article came first.
    clashes = [sum(1 for b in claims if b.value != a.value and _linked(a, b)) for a in claims]
    order = sorted(range(len(claims)), key=lambda i: (-clashes[i], i))
    groups: list[list[_DateClaim]] = []
    for claim in (claims[i] for i in order):
        home = next((g for g in groups if _joins(claim, g)), None)
        if home is None:
            groups.append([claim])
        else:
            home.append(claim)
    result = []
    for members in groups:
        by_value: dict[str, list[Citation]] = defaultdict(list)
        for c in members:
            if c.citation not in by_value[c.value]:
                by_value[c.value].append(c.citation)
        if len(by_value) < 2:
            continue
        about = min((c.sentence for c in members), key=lambda s: (len(s), s))
        result.append(Discrepancy(f"date of: {about}", [CitedText(v, cs) for v, cs in sorted(by_value.items())]))
    return sorted(result, key=lambda d: d.about)


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
    quoted = _quoted(item.article)
    found = []
    for m in _COUNT.finditer(item.text):
        noun = m.group("noun")
        start = item.start + m.start("phrase")
        if noun.lower() in _TIME_NOUNS or noun[0].isupper() or any(s <= start < e for s, e in quoted):
            continue  # a duration, a name ("six North Korean"), or the speaker's number
        raw = m.group("n").lower().replace(",", "")
        value = float(NUMBER_WORDS[raw] if raw in NUMBER_WORDS else raw) * SCALES.get((m.group("scale") or "").lower(), 1)
        before = tuple(w.lower() for w in _WORD.findall(item.text[: m.start("phrase")])[-2:])
        after = tuple(w.lower() for w in _WORD.findall(item.text[m.end("phrase"):])[:2])
        found.append(_Count(_stem(noun), noun.lower(), count_interval(m.group("approx"), value, m.group("n") if not m.group("scale") else None), m.group("phrase"),
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


def _number_conflicts(evidence: Evidence) -> list[Discrepancy]:
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
                                    and _days_apart(a_art.published, b_art.published) > MAX_PUBLISHED_APART):
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


def _role_conflicts(articles: list[Article]) -> list[Discrepancy]:
    roles: dict[str, dict[str, list[Citation]]] = defaultdict(lambda: defaultdict(list))
    for article in articles:
        for entity in article.entities:
            if entity.role and entity.label == "PERSON":  # a title is a person's
                roles[entity.canonical][entity.role.lower()].append(Citation(article.id, entity.start, entity.end))
    # a place or nationality in a role ("Nigerian information minister") says where, not what
    places = frozenset(w for a in articles for e in a.entities if e.label in {"GPE", "NORP", "LOC"}
                       for w in e.text.lower().split())
    result = []
    for name, by_role in sorted(roles.items()):
        clashing = sorted({r for a in by_role for b in by_role if roles_disagree(a, b, places) for r in (a, b)},
                          key=lambda r: (-len(by_role[r]), r))
        claims: list[CitedText] = []
        for role in clashing:  # one claim per role in all its wordings ("X engineering manager" = "engineering manager for X")
            same = next((c for c in claims if roles_agree_exactly(c.text, role, places)), None)
            if same:
                same.citations.extend(by_role[role])
            else:
                claims.append(CitedText(role, list(by_role[role])))
        if len(claims) > 1:
            result.append(Discrepancy(f"title or role of {name}", sorted(claims, key=lambda c: c.text)))
    return result


def _grounded(quote: Quote, people: set[str]) -> bool:
    """An attribution that names its speaker: not a pronoun, nor a surname two people of the story share."""
    mention = quote.speaker_mention
    if mention is None or not mention.text[:1].isupper() or mention.text.lower() in _PRONOUNS:
        return False
    words = mention.text.split()
    return len(words) > 1 or sum(1 for p in people if p.split()[-1] == words[-1]) <= 1


def _speaker_conflicts(articles: list[Article], quotes: list[BriefQuote]) -> list[Discrepancy]:
    by_id = {a.id: a for a in articles}
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        for entity in article.entities:
            labels[entity.canonical][entity.label == "PERSON"] += 1
    # a name the story mostly tags as a body or a place ("SpaceX") is no person, whatever one tag says
    people_of_story = {name for name, c in labels.items() if c[True] > c[False]}
    result = []
    for merged in quotes:
        if len(merged.speakers) < 2 or len(merged.text.split()) < MIN_UTTERANCE:
            continue  # a short phrase ("perfectly fine") may well be said by two people
        claims: dict[str, list[Citation]] = defaultdict(list)
        for article_id in merged.articles:
            for quote in by_id[article_id].quotes:
                if not _grounded(quote, people_of_story):
                    continue
                if quote.speaker in merged.speakers and (quote.text == merged.text or quote.text in merged.variants):
                    claims[quote.speaker].append(Citation(article_id, quote.start, quote.end))
        # Only people disagree: a description ("the official"), a body or a place credited
        # with a quote, or another form of the same name, is no disagreement.
        named = sorted(n for n in claims if n in people_of_story)
        people: list[str] = []
        for name in sorted(named, key=lambda n: (-len(n), n)):
            if not any(same_person(name, p) for p in people):
                people.append(name)
        # … and different articles must credit them: one article naming two is its own ambiguity
        sources = {n: {c.article for c in claims[n]} for n in people}
        if len(people) > 1 and len({frozenset(a) for a in sources.values()}) > 1 and any(
            sources[a] - sources[b] and sources[b] - sources[a] for a in people for b in people if a != b
        ):
            result.append(Discrepancy(
                f"speaker of the quote “{merged.text}”",
                [CitedText(name, claims[name]) for name in sorted(people)],
            ))
    return result

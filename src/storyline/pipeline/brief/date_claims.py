"""Dates of one event that outlets give differently.

The words around each date (up to eight words either side, without other dates)
say what it is the date of. Two dates from sentences of different articles are
of one event when those words share at least three content words, half of the
shorter context and two lower-case words (what was done: "published", "piece";
names alone say who, not what; one verb, "play", is a kind of event, not one),
and the dates lie within a few days of each other. Two dates are never one
event's when any sentence of the story gives both (the story has an event on
each day: "Saturday's semifinal against the winner of Friday's quarterfinal"),
when the sentences name different people (the Saints placed one player on
injured reserve on Tuesday and another on Wednesday), or when a day apart and
either says the event ran overnight. A named day ("Patch Tuesday", "Black
Friday") is no date of the event. Dates are compared as resolved days, so
"Monday" in one outlet and "yesterday" in a re-run a day later are one date,
and "published Sunday" against "published Monday" is not. Only expressions that name a day count, and
never inside a direct quote. A day read against a publication time ("today", "yesterday") is a day unsure
(wire copy is timed hours after it is written), so one day off another is no disagreement; nor are two
articles each dating the event on its own publication day (a re-run, or each day's news), two sentences
each giving two days or more (a series), or two dated sentences giving other figures none of which they share.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from storyline.models import Citation, CitedText, Discrepancy
from storyline.pipeline.brief.claim_words import sense
from storyline.pipeline.brief.claims import (
    MAX_PUBLISHED_APART,
    WORD,
    days_apart,
    independent_sides,
    quoted_spans,
    stem,
    stop_words,
)
from storyline.pipeline.brief.evidence import Evidence, Item
from storyline.pipeline.brief.subjects import Subjects

CONTEXT_WORDS = 8  # words either side of a date that say what it is the date of
MIN_SHARED = 3  # content words two date contexts must share …
MIN_SHARED_SHARE = 0.5  # … and this share of the shorter context
MIN_SHARED_PREDICATES = 2  # … and this many lower-case words (what was done)
# Dates further apart than this, or from articles published further apart, are two
# occurrences of one kind of event (two launches, two briefings) far more often than
# one event misdated: a misdating comes from a weekday or "yesterday" read a day or
# two off, or a time zone (two fundraising emails sent three days apart are two).
MAX_DAYS_APART = 2

_DAY_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
              "today", "tonight", "tomorrow", "january", "february", "march", "april", "may", "june", "july",
              "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
              "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thurs",
              "fri", "sat", "sun"}
# Days read against the article's publication time ("today", "later today", "last night"); that time is often
# a day off the writer's (a wire story written late Sunday and timed early Monday), so such a day is a day unsure.
_DEICTIC = re.compile(r"\b(?:today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)|last (?:night|evening))\b")
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
# Days named for what happens on them: the day resolved is the nearest weekday, not the event's date.
NAMED_DAYS = frozenset({"patch tuesday", "super tuesday", "giving tuesday", "shrove tuesday", "black friday",
                        "good friday", "cyber monday", "black monday", "easter monday", "ash wednesday",
                        "maundy thursday", "holy thursday", "holy saturday", "super saturday", "small business saturday",
                        "easter sunday", "palm sunday", "super bowl sunday", "bloody sunday", "selection sunday"})
_OVERNIGHT = re.compile(r"\bovernight\b|\bthrough the night\b", re.IGNORECASE)
# words of saying, shared by every report: no sign of the same event
_REPORTING = {"said", "say", "says", "told", "tell", "added", "according", "stated", "reported", "announced"}
_CALENDAR = _DAY_WORDS | {"morning", "evening", "afternoon", "night", "week", "last", "next", "earlier", "later"}


@dataclass(slots=True)
class _DateClaim:
    value: str
    citation: Citation
    context: frozenset[str]
    predicates: frozenset[str]  # the context's lower-case words: what happened, not who or where
    sentence: str
    others: frozenset[str]  # every day the sentence gives
    people: frozenset[str]  # the people the sentence names
    overnight: bool  # the sentence says the event ran overnight
    published: str | None
    wording: str  # the date as printed, lower-cased
    guessed: bool  # resolved against a publication date we estimated
    item: int  # the sentence's index among the evidence's items
    figures: frozenset[str] = frozenset()  # the figures the sentence gives outside its dates ("900 mln", "99.5")

    @property
    def deictic(self) -> bool:
        """The day is read against the publication time ("today", "yesterday"), not named."""
        return _DEICTIC.search(self.wording) is not None


def _date_claims(item: Item, index: int) -> list[_DateClaim]:
    """Day-precise dates the sentence gives in the outlet's own words, each with its context."""
    quoted = quoted_spans(item.article)
    times = [t for t in item.article.times if t.type in {"DATE", "TIME"} and item.start <= t.start < item.end]
    days = [t for t in times if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value[:10]) and t.type == "DATE"
            and _names_a_day(t.text) and not any(s <= t.start < e for s, e in quoted)
            and not _named_day(item, t.start - item.start, t.end - item.start)]
    if not days:
        return []
    tokens = [(m.start() + item.start, m.end() + item.start, m.group()) for m in WORD.finditer(item.text)]
    in_time = [any(t.start <= s < t.end for t in times) for s, _, _ in tokens]
    every = frozenset(t.value[:10] for t in days)
    people = frozenset(e.canonical for e in item.article.entities
                       if e.label == "PERSON" and item.start <= e.start < item.end)
    overnight = _OVERNIGHT.search(item.text) is not None
    figures = frozenset(m.group().replace(",", "") for m in _FIGURE.finditer(item.text)
                        if not any(t.start <= item.start + m.start() < t.end for t in times))
    claims = []
    skipped = stop_words() | _CALENDAR
    for t in days:
        at = next((k for k, (s, _, _) in enumerate(tokens) if s >= t.start), len(tokens))
        window = [k for k in range(max(0, at - CONTEXT_WORDS), min(len(tokens), at + CONTEXT_WORDS))]
        kept = [k for k in window if not in_time[k] and len(tokens[k][2]) > 1 and tokens[k][2].lower() not in skipped]
        context = frozenset(_word(tokens[k][2]) for k in kept)
        predicates = frozenset(
            _word(tokens[k][2]) for k in kept if tokens[k][2].islower() and tokens[k][2] not in _REPORTING
        )
        claims.append(_DateClaim(t.value[:10], Citation(item.article.id, t.start, t.end), context, predicates,
                                 item.text, every, people, overnight, item.article.published, t.text.lower(),
                                 t.estimated, index, figures))
    return claims


def _named_day(item: Item, start: int, end: int) -> bool:
    """The expression at ``start:end`` of the sentence is part of a named day ("Patch Tuesday")."""
    before = re.search(r"([A-Za-z]+(?: [A-Za-z]+)?)\s+$", item.text[:start])
    words = item.text[start:end].lower().split()
    if not before or not words:
        return False
    last_two = before.group(1).lower().split()
    return any(f"{' '.join(last_two[k:])} {words[0]}" in NAMED_DAYS for k in range(len(last_two)))


def _word(token: str) -> str:
    """A context word as its sense ("op-ed" and "opinion" are one), else its stem."""
    meaning = sense(token)
    return meaning if meaning != token else stem(token)


def _names_a_day(text: str) -> bool:
    """An expression that names a day ("Sunday", "yesterday", "Oct. 19", "3/14"), not a duration read as one."""
    words = {w.lower().rstrip(".") for w in re.findall(r"[A-Za-z.]+", text)}
    return bool(words & _DAY_WORDS) or re.search(r"\d{1,4}[/-]\d{1,2}", text) is not None


def _same_event(a: _DateClaim, b: _DateClaim) -> bool:
    """Contexts that share enough words, two of them lower-case ones (the thing done, not only who)."""
    shared = len(a.context & b.context)
    return (shared >= MIN_SHARED and shared >= MIN_SHARED_SHARE * min(len(a.context), len(b.context))
            and len(a.predicates & b.predicates) >= MIN_SHARED_PREDICATES)


def _linked(a: _DateClaim, b: _DateClaim, together: frozenset[frozenset[str]] = frozenset(),
            subjects: Subjects | None = None, aligned: Callable[[int, int], bool] | None = None) -> bool:
    """Two date claims of different articles about one event (whatever their values)."""
    if a.citation.article == b.citation.article or not _same_event(a, b):
        return False
    if subjects is not None and not (subjects.sentences_name_one(a.item, b.item)
                                     or subjects.same(a.citation.article, b.citation.article)):
        return False  # two stake filings "on Feb 19" and "on Feb 20" are two companies' news
    if a.people and b.people and not a.people & b.people:
        return False  # what one person did on one day and another on the next
    if a.value == b.value:
        return True
    # a sentence that gives the other's date too is about two events, not a disagreement
    if b.value in a.others or a.value in b.others:
        return False
    if frozenset((a.value, b.value)) in together:
        return False
    if aligned is not None and not aligned(a.item, b.item):
        return False  # no evidence the two sentences state one fact (see :mod:`alignment`)
    if (a.overnight or b.overnight) and days_apart(a.value, b.value) == 1:
        return False  # a night spans two dates: "an overnight fire Friday" burned the church "Saturday"
    # "today" or "yesterday" read against a publication date we guessed says little about the
    # day: set against another date it shows our guess, not the outlets, to be off
    if (a.guessed and a.deictic) or (b.guessed and b.deictic):
        return False
    # … and so is a day read from "yesterday" or "today" against a page's or a wire story's time, which is often
    # its last update or a day past the writer's: one day off another day, it shows that time, not the outlets, to differ
    if (a.deictic or b.deictic) and days_apart(a.value, b.value) == 1:
        return False
    # the same relative words ("yesterday"; "today" and "later today") copied into a re-run published on another
    # day are one claim; only our anchoring to each publication day tells them apart
    if (a.wording == b.wording or (a.deictic and b.deictic)) and not re.search(r"\d", a.wording + b.wording) and (
        a.published and b.published and days_apart(a.value, b.value) == days_apart(a.published, b.published)
    ):
        return False
    # each article dating the event on its own publication day, the two days apart, tells the day it was written:
    # a story re-run, or each day's news ("Baker speaks to the meeting today (Monday)" / "the meeting ended today")
    if a.published and b.published and a.value == a.published[:10] and b.value == b.published[:10]:
        return False
    # a day inside the span another sentence gives ("will meet from March 30 to April 1" / "will meet March 31")
    # may well be true with it
    if any(len(x.others) > 1 and min(x.others) < y.value < max(x.others) for x, y in ((a, b), (b, a))):
        return False
    # two sentences that each give two days or more (a series: "totaled 11.1 billion on April 1 compared with 9.0
    # billion on March 31") set days against each other; which day a context word goes with is anyone's guess
    if len(a.others) > 1 and len(b.others) > 1:
        return False
    # sentences that both give figures besides their dates state one fact only if they share one: "lowered the
    # offer price on the 900 mln riyal issue … last Saturday" / "… on the 500 mln riyal issue … last Monday" are two
    if a.figures and b.figures and not a.figures & b.figures:
        return False
    return days_apart(a.value, b.value) <= MAX_DAYS_APART and (
        a.published is None or b.published is None or days_apart(a.published, b.published) <= MAX_PUBLISHED_APART
    )


def _joins(claim: _DateClaim, group: list[_DateClaim], together: frozenset[frozenset[str]],
           subjects: Subjects | None = None, aligned: Callable[[int, int], bool] | None = None) -> bool:
    """A claim joins a group about one event: a new date only if it is about the event with every
    member; a date the group already has if it is about the event with a member giving that date."""
    if claim.value in {m.value for m in group}:
        return any(m.value == claim.value and _linked(claim, m, together, subjects, aligned) for m in group)
    return all(_linked(claim, m, together, subjects, aligned) for m in group)


def date_conflicts(evidence: Evidence) -> list[Discrepancy]:
    """Every event of the story that articles date differently, each date citing its expressions."""
    claims = [c for k, item in enumerate(evidence.items) for c in _date_claims(item, k)]
    # Two days one sentence gives together are two events of the story, in every article.
    together = frozenset(frozenset((x, y)) for c in claims for x in c.others for y in c.others if x != y)
    # Groups whose members are all about one event with one another (no chains:
    # "launched Saturday" and "launched Tuesday" of two different launches stay apart).
    # Claims that clash with others found the groups; claims agreeing with a member join after,
    # so the result does not depend on which article came first.
    def aligned(i: int, j: int) -> bool:
        """Two sentences about one subject (an actor or a place both name; or, naming none, worded nearly
        alike) and one cast (no actor the other article never prints). That they state one fact is the date contexts' evidence (:func:`_same_event`):
        the clause around a date ("an op-ed published Sunday in the Washington Post" / "a joint opinion piece
        in the Washington Post yesterday") says more than the rest of two sentences worded apart."""
        alignment = evidence.aligned(i, j)
        return alignment.actors_agree and (alignment.one_subject or alignment.one_fact)

    clashes = [sum(1 for b in claims if b.value != a.value and _linked(a, b, together, evidence.subjects, aligned))
               for a in claims]
    order = sorted(range(len(claims)), key=lambda i: (-clashes[i], i))
    groups: list[list[_DateClaim]] = []
    for claim in (claims[i] for i in order):
        home = next((g for g in groups if _joins(claim, g, together, evidence.subjects, aligned)), None)
        if home is None:
            groups.append([claim])
        else:
            home.append(claim)
    outlet_of = {a.id: a.outlet or a.id for a in evidence.articles}
    result = []
    for members in groups:
        by_value: dict[str, list[Citation]] = defaultdict(list)
        for c in members:
            if c.citation not in by_value[c.value]:
                by_value[c.value].append(c.citation)
        by_value = independent_sides(by_value, outlet_of)
        if len(by_value) < 2:
            continue
        about = min((c.sentence for c in members), key=lambda s: (len(s), s))
        result.append(Discrepancy(f"date of: {about}", [CitedText(v, cs) for v, cs in sorted(by_value.items())]))
    return sorted(result, key=lambda d: d.about)



"""Counts of one thing that outlets give differently.

A count is a number and the noun it counts ("at least 84 people", "five fire
rescue units": the head is the first plural of the words after the number).
Two counts from articles published within a few days of each other (a later
count is an update) are of one thing when they count the same noun and:

- both say the same outcome near the number (:data:`claim_words.OUTCOMES`:
  "84 people were killed" / "seven people have died"), in sentences alike
  enough to be of one event; or
- neither says an outcome and the word before them is the same ("posted four
  photos" / "posted three photos"), in sentences more alike.

They disagree only when their values cannot both be true (:mod:`values`; a count
its sentence calls provisional, "so far", "could rise", has no upper bound). Never
compared: a count inside a direct quote (the speaker's) or in brackets (a conversion), counts of two people
named just before them ("Kane scored two goals" / "Sane scored three goals"), a count of "new",
"more" or "daily" things against a plain one (a part against a total), and two
counts where either sentence also gives the other's number (a breakdown:
"20 of those injured were taken to …"), nor figures over twice apart (another thing
counted, or a later state), nor counts in sentences that each give two or more
other figures and share none (two records, not one figure misreported), nor a count whose sentence dates it more than a week
before its article was published ("that temblor killed six people in September"):
background, another event's toll. A figure that is no toll is compared only when its sentences put it at
one time (not "in the morning session" / "in the afternoon session", May / June), share another figure
when both give one (dates and ages aside), and, for a sum, are about one subject both ways.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import numpy as np

from storyline.models import Citation, CitedText, Discrepancy
from storyline.pipeline.brief.alignment import SAME_WORDS
from storyline.pipeline.brief.claim_words import MONEY, outcome
from storyline.pipeline.brief.claims import (
    MAX_PUBLISHED_APART,
    WORD,
    days_apart,
    independent_sides,
    quoted_spans,
    stem,
    stop_words,
    whole_sentence,
)
from storyline.pipeline.brief.evidence import Evidence, Item
from storyline.pipeline.brief.values import APPROXIMATIONS, NUMBER_WORDS, SCALES, count_interval, counts_disagree
from storyline.pipeline.link.components import components

SAME_OUTCOME_EVENT = 0.2  # sentence cosine at which two counts of one outcome are of one event
SAME_FACT = 0.3  # … and for counts without an outcome, whose words say less
SAME_SLOT = 3.0  # agreeing neighbours (of four) that put two counts without an outcome in the same slot
AFTER, BEFORE = 6, 3  # words after the number and before it searched for the count's outcome
WHO_REACH = 40  # characters before a count in which a person named is the one it counts for
MIN_OTHER_FIGURES = 2  # sentences each giving this many other figures, none shared, are two records
BACKGROUND_DAYS = 7  # a count its sentence dates further back than this is background, not the story's news
# Outlets that misreport one figure give figures near each other; one figure over twice the
# other is another thing counted (a subtotal, another incident) or a later state far more often.
MAX_RATIO = 2.0
# A toll is news for days and outlets revise it (MAX_PUBLISHED_APART); any other figure (a price, a sum, a
# tally) is what it was on the day: two articles more than a day apart may both be right.
FIGURE_DAYS = 1
RUN = 3  # words after the number that may name what is counted ("fire rescue units")

_COUNT = re.compile(
    r"(?P<phrase>(?:(?P<approx>" + "|".join(sorted(APPROXIMATIONS, key=len, reverse=True)) + r")\s+)?"
    r"(?<![\w.$£€/-])(?P<n>\d[\d,]*(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + r")(?![\w.,]*\d)(?:\s+(?P<scale>" + "|".join(SCALES) + r"))?"
    r"(?=\s+[a-z]))",
    re.IGNORECASE,
)
_TIME_NOUNS = {"year", "years", "day", "days", "month", "months", "week", "weeks", "hour", "hours",
               "minute", "minutes", "a.m", "p.m", "percent", "per", "times", "seconds", "decades",
               "centuries", "am", "pm", "percentage", "points", "pct", "basis"}
# A number after these names a thing, not a count of it ("band two bills", "Category 4 storm", "Flight 17").
_LABEL_NOUNS = {"band", "type", "phase", "level", "category", "grade", "stage", "round", "no", "number", "class",
                "tier", "article", "section", "chapter", "page", "room", "flight", "route", "division", "series",
                "model", "gate", "platform", "lane", "highway", "interstate", "channel", "tranche", "option"}
# A count after these is the figure it is compared with, an earlier period's or another's ("rose to 31.2 mln
# from 24.5 mln", "586,000 dlrs vs 195,000 dlrs", "compared with 5.6 cts"): not the claim.
_COMPARED = {"from", "vs", "versus", "against", "than", "compared", "unchanged"}
# A figure a change leads to ("GAF has raised its offer to 48 dlrs", "cut its stake to 5.1 pct") is a new
# state: set against another outlet's figure, that is most often the one before the change, and both are true.
_CHANGED = frozenset({"raised", "raises", "raise", "lowered", "lowers", "lower", "cut", "cuts", "increased", "increases",
                      "reduced", "reduces", "boosted", "hiked", "lifted", "revised", "rose", "fell", "climbed",
                      "dropped", "jumped", "slipped", "eased", "declined", "trimmed", "upped", "extended", "changed"})
CHANGE_REACH = 6  # words before "to" a change verb leads over
# The size of a change ("will be increased by 30 dlrs a ton", "up 2.90 dlrs") is one movement's: two such
# figures are of two movements (two products' price rises, two sessions' gains) unless their sentences are
# one report nearly word for word.
_DELTA_AFTER = frozenset({"up", "down", "by"}) | _CHANGED
# Plurals without an "s": after a number of two or more, any other noun without one is no counted
# thing but a label or a measure the number names ("92 octane", "a 747 jet", "Route 66 diner").
_UNMARKED_PLURALS = frozenset({"people", "persons", "men", "women", "children", "police", "staff", "personnel", "crew",
                               "cattle", "sheep", "fish", "deer", "swine", "livestock", "poultry", "aircraft",
                               "spacecraft", "head", "feet", "teeth", "geese", "mice", "data", "media", "criteria",
                               "bacteria", "yen", "yuan", "renminbi", "rand", "baht", "won", "stg", "sterling", "youth",
                               "offspring", "series", "species", "militia", "infantry", "clergy", "faculty"})
# Words that make a count a part or a rate of another ("two more", "40 new cases"), not the total.
_PART = {"new", "more", "another", "additional", "further", "daily", "extra", "other", "total", "overall",
         "cumulative", "remaining", "still", "each", "per"}
# sklearn's stop words hold content words ("fire", "bill", "system"): keep those as nouns
_CONTENT_STOP_WORDS = frozenset({"fire", "bill", "system", "interest", "computer", "call", "detail", "mill",
                                        "name", "part", "side", "top", "bottom", "back", "front", "hundred", "thousand",
                                        "million", "amount", "con", "cry", "found", "full", "move", "show", "thick",
                                        "thin", "sincere", "describe", "fill", "find", "fifty", "forty", "sixty"})


@cache
def _function_words() -> frozenset[str]:
    return stop_words() - _CONTENT_STOP_WORDS

# A count its own sentence calls provisional ("so far", "the toll could rise") bounds the true
# figure from below only: a higher count elsewhere is its update, not a contradiction.
_PROVISIONAL = re.compile(r"\bso far\b|\b(?:might|may|could|is expected to|are expected to|is likely to|are likely to|"
                          r"is feared to|will likely) (?:rise|climb|increase|grow)\b", re.IGNORECASE)
_NUMBER_IN = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass(slots=True)
class _Count:
    noun: str  # the head noun, stemmed: "homes" and "home" are one noun
    printed: str
    interval: tuple[float, float]
    value: float
    phrase: str
    citation: Citation
    outcome: str | None  # what is counted: "killed", "injured", … (None: the count says no outcome)
    cue: str | None  # the content word just before the count ("posted")
    part: bool  # a part or a rate ("more", "new", "daily")
    numbers: frozenset[float]  # every number its sentence gives
    before: tuple[str, ...]  # the two words before the count
    who: frozenset[str]  # people named just before the count: whose count it is ("Messi scored two goals")
    after: tuple[str, ...]  # the two words after its noun
    change: bool = False  # the size of a change ("increased by 30 dlrs"), not a level
    anchors: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())  # when: its days, its parts of a day
    figures: frozenset[float] = frozenset()  # its numbers that are no date, time or age: what the record gives
    raw: float = 0.0  # the number as printed, before its scale ("97" of "97 mln")


_CALENDAR_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?(?=$|T)")
# Parts of a day a figure is given for ("97 mln stg in the morning session" / "104 mln stg in the afternoon session").
_PART_OF_DAY = re.compile(r"\b(?:morning|afternoon|evening|night|overnight|midday|noon|midsession)\b", re.IGNORECASE)


def _anchors(item: Item) -> tuple[frozenset[str], frozenset[str]]:
    """When the sentence puts what it tells: the dates it gives, as resolved (a day, a month, a year: "1987-05"),
    and its parts of a day."""
    dates = {m.group() for t in item.article.times if t.type in {"DATE", "TIME"} and item.start <= t.start < item.end
             and (m := _CALENDAR_DATE.match(t.value))}
    return frozenset(dates), frozenset(m.group().lower() for m in _PART_OF_DAY.finditer(item.text))


def _two_times(a: _Count, b: _Count) -> bool:
    """The two sentences put their figures at two times: dates none of which holds or is held by one of the
    other's ("1987-05" holds "1987-05-12"), or two parts of a day and none shared."""
    (days_a, parts_a), (days_b, parts_b) = a.anchors, b.anchors
    if days_a and days_b and not any(x.startswith(y) or y.startswith(x) for x in days_a for y in days_b):
        return True
    return bool(parts_a and parts_b and not parts_a & parts_b)


_AGE = re.compile(r"\d+(?:-| )years?(?:-| )old\b|\baged? \d+", re.IGNORECASE)


def _figures(item: Item) -> frozenset[float]:
    """The sentence's numbers that are no date, time or age (those say when or who, not what the record is)."""
    text = list(item.text)
    spans = [(t.start - item.start, t.end - item.start) for t in item.article.times if item.start <= t.start < item.end]
    spans += [m.span() for m in _AGE.finditer(item.text)]
    for start, end in spans:
        text[start:end] = " " * (end - start)
    return _numbers("".join(text))


def _numbers(text: str) -> frozenset[float]:
    found = {float(n.replace(",", "")) for n in _NUMBER_IN.findall(text) if n.replace(",", "").replace(".", "").isdigit()}
    found |= {float(v) for w, v in NUMBER_WORDS.items() if re.search(rf"\b{w}\b", text, re.IGNORECASE)}
    return frozenset(found)


def _background(item: Item) -> bool:
    """The sentence dates what it tells (a day or a month) more than ``BACKGROUND_DAYS`` before its article."""
    published = item.article.published
    if not published or not re.match(r"\d{4}-\d{2}-\d{2}", published):
        return False
    for t in item.article.times:
        if t.type != "DATE" or not item.start <= t.start < item.end:
            continue
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value):
            last = t.value
        elif re.fullmatch(r"\d{4}-\d{2}", t.value):
            year, month = int(t.value[:4]), int(t.value[5:])
            last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).isoformat()
        else:
            continue
        if last < published[:10] and days_apart(last, published) > BACKGROUND_DAYS:
            return True
    return False


# A sentence setting a figure against another ("sales 11.25 billion crowns vs 10.22 billion", "profits of
# 1.62 billion dlrs against 1.19 billion in 1985", "up from 25", "raised from an initial offering of 60 mln"): a change over time of one subject's figures,
# which outlets copy as given; two such sentences that differ are two subjects' far more often than one misreported.
_COMPARISON = re.compile(r"\b(?:vs\.?|versus|against|compared (?:with|to)|up from|down from|from)\s+(?:(?:a|an|the)\s+)?"
                         r"(?:[a-z]+\s+){0,3}\$?\d", re.IGNORECASE)


# A figure someone expects, forecasts or predicts ("analysts expected a PSBR of about 5.5 billion") is no
# report of what happened: the story's figure may well differ.
_FORECAST = re.compile(r"\b(?:expect(?:s|ed|ing|ations?)?|forecasts?|forecast(?:ed|ing)|predict(?:s|ed|ing|ions?)?|"
                       r"projections?|projected|anticipated|called for)\b", re.IGNORECASE)


def _counts(item: Item) -> list[_Count]:
    # "the toll is expected to rise" makes the count provisional (below), not a forecast
    sentence = whole_sentence(item)
    if _background(item) or _COMPARISON.search(sentence) or _FORECAST.search(_PROVISIONAL.sub("", sentence)):
        return []
    quoted = quoted_spans(item.article)
    tokens = [(m.start(), m.end(), m.group()) for m in WORD.finditer(item.text)]
    numbers = _numbers(item.text)
    anchors = _anchors(item)
    figures = _figures(item)
    provisional = _PROVISIONAL.search(item.text) is not None
    found = []
    for m in _COUNT.finditer(item.text):
        start = item.start + m.start("phrase")
        if any(s <= start < e for s, e in quoted) or item.text[:m.start("phrase")].rstrip().endswith("("):
            continue  # the speaker's number, or a conversion of the figure before it ("3,700 km (2,300 miles)")
        after = [t for t in tokens if t[0] >= m.end("phrase")]
        run = []
        for _, _, word in after[:RUN]:
            if word[0].isupper() or (word.lower() in _function_words() and word.lower() != "and"):
                break
            run.append(word.lower())
        while run and run[-1] == "and":
            run.pop()
        if not run or run[0] in _TIME_NOUNS or run[0] == "and" or run[0] in SCALES:
            continue  # a name ("six North Korean"), a duration, a date part, a share, an amount of nothing named
        before = [t for t in tokens if t[1] <= m.start("phrase")]
        last = [w.lower() for _, _, w in before[-2:]]
        if last and (last[-1] in _LABEL_NOUNS or last[-1] in _COMPARED or last[-2:] in (["compared", "with"], ["compared", "to"])):
            continue  # "band two", "from 24.5 mln", "vs 195,000 dlrs"
        if len(before) >= 2 and before[-1][2] == "of" and before[-2][2][:1].isupper() and m.group("n")[:1].isalpha():
            continue  # a name: "the Group of Seven leading industrial nations"
        head = next((w for w in run if len(w) > 3 and w.endswith("s") and not w.endswith("ss")), run[0])
        if head in _TIME_NOUNS or head in _function_words():
            continue
        raw = m.group("n").lower().replace(",", "")
        value = float(NUMBER_WORDS.get(raw, raw)) * SCALES.get((m.group("scale") or "").lower(), 1)
        if value >= 2 and not head.endswith("s") and head not in _UNMARKED_PLURALS and not m.group("scale"):
            continue  # "92 octane": a grade, not 92 of anything
        near = [(k + 1, w) for k, (_, _, w) in enumerate(after[:AFTER])] + [(k + 1, w) for k, (_, _, w) in enumerate(before[::-1][:BEFORE])]
        found_outcome = next((outcome(w) for _, w in sorted(near, key=lambda x: x[0]) if outcome(w)), None)
        if found_outcome is None and last[-1:] == ["to"] and any(
                w.lower() in _CHANGED for _, _, w in before[-CHANGE_REACH - 1:-1]):
            continue  # "raised its offer to 48 dlrs": the figure after a change
        cue = next((stem(w) for _, _, w in before[::-1][:2] if w.lower() not in _function_words()), None)
        part = bool(_PART & set(run) or _PART & {w.lower() for _, _, w in before[-2:]})
        interval = count_interval(m.group("approx"), value, m.group("n"), SCALES.get((m.group("scale") or "").lower(), 1))
        if provisional:
            interval = (interval[0], float("inf"))
        end = after[run.index(head)][1] if after else m.end("phrase")
        phrase = item.text[m.start("phrase"):end]
        change = bool(last) and last[-1] in _DELTA_AFTER and (last[-1] != "by" or any(
            w.lower() in _CHANGED for _, _, w in before[-CHANGE_REACH - 1:-1]))
        found.append(_Count(stem(head), head, interval, value, phrase, Citation(item.article.id, start, start + len(phrase)),
                            found_outcome, cue, part, numbers, tuple(w.lower() for _, _, w in before[-2:]), _who(item, start),
                            tuple(w.lower() for _, _, w in after[run.index(head) + 1:run.index(head) + 3]), change, anchors, figures,
                            float(NUMBER_WORDS.get(raw, raw))))
    return found


def _who(item: Item, start: int) -> frozenset[str]:
    """The people the sentence names in the words just before a count (the subject, most often)."""
    return frozenset(e.canonical for e in item.article.entities
                     if e.label == "PERSON" and item.start <= e.start and e.end <= start and start - e.end <= WHO_REACH)


def _same_thing(a: _Count, b: _Count, similarity: float) -> bool:
    """Two counts of one thing: the same noun, then the same outcome or the same verb before them."""
    if a.noun != b.noun or a.part or b.part or (a.who and b.who and not a.who & b.who):
        return False  # another noun, a part of a total, or two people's counts
    if _other_figures_differ(a, b):
        return False
    if a.outcome or b.outcome:
        return a.outcome == b.outcome and similarity >= SAME_OUTCOME_EVENT
    return similarity >= SAME_FACT and ((a.cue is not None and a.cue == b.cue) or _slot_match(a, b) >= SAME_SLOT)


def _other_figures_differ(a: _Count, b: _Count) -> bool:
    """Both sentences give two or more other figures and share none: two records ("269 yards … 29 passes
    for 201 yards" / "793 yards … 39 passes for 302 yards": two players' seasons), not one misreported. A figure
    that is no toll needs one other figure shared when both give one: one price misprinted leaves its neighbours
    alike, while "Steer top 67.50 and Heifers at 66.00 dlrs" / "Steer top 68.00 and Heifers at 66.50 dlrs" are two
    markets' prices."""
    # small figures ("two touchdowns") recur by chance: only ten and above tell two records apart
    others_a = {n for n in a.numbers if n >= 10} - {a.value}
    others_b = {n for n in b.numbers if n >= 10} - {b.value}
    if len(others_a) >= MIN_OTHER_FIGURES and len(others_b) >= MIN_OTHER_FIGURES and not others_a & others_b:
        return True
    if a.outcome or b.outcome:
        return False
    # … and any figure both give ("eight fire engines") ties them; dates and ages ("21-year-old") are no record's
    figures_a, figures_b = a.figures - {a.value, a.raw}, b.figures - {b.value, b.raw}
    return (any(n >= 10 for n in figures_a) and any(n >= 10 for n in figures_b)
            and not figures_a & figures_b)


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


def _far_apart(a: _Count, b: _Count) -> bool:
    """One figure more than :data:`MAX_RATIO` times the other."""
    low, high = sorted((a.value, b.value))
    return low <= 0 or high / low > MAX_RATIO


def _breakdown(a: _Count, b: _Count) -> bool:
    """Either sentence also gives the other's number: a part and its whole, or two figures side by side."""
    return any(a.interval[0] <= n <= a.interval[1] for n in b.numbers) or any(
        b.interval[0] <= n <= b.interval[1] for n in a.numbers)


def _one_report(evidence: Evidence, i: int, j: int, a: _Count, b: _Count, counts_i: list[_Count],
                counts_j: list[_Count]) -> bool:
    """Positive evidence that sentences ``i`` and ``j`` give one count (see :mod:`alignment`). Always: one cast
    (no actor one names that the other article never prints). A toll ("killed", "injured") is the event's slot:
    one outcome of one noun in sentences of one event (:func:`_same_thing`) is one toll. Any other figure needs
    its sentences to state one fact (:attr:`Alignment.one_fact`: naming one actor, its owner, as "Harris raised
    its stake to …" reads alike in two companies' filings), or agreeing on another count ("eight fire engines and four rescue units" / "Eight fire
    engines, five fire rescue units": one scene's figures, however else they are worded), or one verb frame (the
    same past-tense verb just before the same noun: "received nearly 235,000 comments" / "has received nearly
    300,000 comments"). A sum of money needs
    its sentences alike and naming one actor: a price quoted without an owner moves all day. The size of a
    change needs its sentences nearly word for word: two price rises of one company are two products' rises."""
    alignment = evidence.aligned(i, j)
    if not alignment.actors_agree:
        return False
    if a.outcome is not None:  # a toll is the event's: one outcome of one noun, in sentences of one event and cast
        return True
    if _two_times(a, b):
        return False  # a figure put at two times ("in the morning session" / "in the afternoon session"; May / June)
    if (a.change or b.change) and alignment.overlap < SAME_WORDS:
        return False  # the sizes of two movements
    if a.noun in MONEY:  # a sum or a price is someone's: only the same report of one actor's figure will do
        return (alignment.alike and alignment.one_actor and evidence.subjects.sentences_share_subject(i, j)
                and evidence.subjects.share_subject(evidence.items[i].article.id, evidence.items[j].article.id))
    if any(x.noun == y.noun and x.interval == y.interval for x in counts_i if x is not a for y in counts_j if y is not b):
        return True
    if a.cue is not None and a.cue == b.cue and len(a.cue) > 4 and a.cue.endswith("ed"):
        return True  # one verb frame: "the agency received nearly 235,000 comments" / "has received nearly 300,000 comments"
    return alignment.one_fact


def number_conflicts(evidence: Evidence) -> list[Discrepancy]:
    """Every count of the story that articles give differently, each value citing its phrases.

    Counts that disagree, and counts giving the same value of one thing, are joined;
    each group so joined is one thing counted ("the dead of the attack", apart
    from "the dead of last month's air strikes" though both count "civilians killed").
    """
    items = evidence.items
    rows, cols = np.nonzero(np.triu(evidence.similarity, k=1) >= min(SAME_OUTCOME_EVENT, SAME_FACT))
    counts: dict[int, list[_Count]] = {}

    def counted(i: int) -> list[_Count]:
        if i not in counts:
            counts[i] = _counts(items[i])
        return counts[i]

    given: dict[str, set[tuple[str, tuple[float, float]]]] = {}

    def gives(article_id: str, c: _Count) -> bool:
        """The article prints ``c``'s count of its noun somewhere (then another of its counts is another thing)."""
        if article_id not in given:
            given[article_id] = {(x.noun, x.interval) for k, it in enumerate(items)
                                 if it.article.id == article_id for x in counted(k)}
        return (c.noun, c.interval) in given[article_id]

    nodes: list[_Count] = []
    index: dict[tuple[str, int], int] = {}

    def node(c: _Count) -> int:
        key = (c.citation.article, c.citation.start)
        if key not in index:
            index[key] = len(nodes)
            nodes.append(c)
        return index[key]

    clashes, agreements = [], []
    for i, j in zip(rows, cols):
        a_art, b_art = items[i].article, items[j].article
        if a_art.id == b_art.id or (a_art.published and b_art.published
                                    and days_apart(a_art.published, b_art.published) > MAX_PUBLISHED_APART):
            continue  # a later count is an update (a toll that rose), not a disagreement
        if not evidence.subjects.same(a_art.id, b_art.id):
            continue  # two companies' results, worded alike
        apart = days_apart(a_art.published, b_art.published) if a_art.published and b_art.published else 0
        for a in counted(int(i)):
            for b in counted(int(j)):
                if apart > FIGURE_DAYS and not (a.outcome or b.outcome):
                    continue  # a price or a sum two days apart: the figure moved
                if not _same_thing(a, b, float(evidence.similarity[i, j])):
                    continue
                if a.interval == b.interval:
                    agreements.append((node(a), node(b)))
                elif (counts_disagree(a.interval, b.interval) and not _breakdown(a, b) and not _far_apart(a, b)
                      and not gives(a_art.id, b) and not gives(b_art.id, a)
                      and _one_report(evidence, int(i), int(j), a, b, counted(int(i)), counted(int(j)))):
                    clashes.append((node(a), node(b)))
    outlet_of = {a.id: a.outlet or a.id for a in evidence.articles}
    result = []
    for members in components(len(nodes), clashes + agreements):
        if not any(x in members for pair in clashes for x in pair):
            continue
        # one side per figure: "seven people" and "at least seven people" give one number
        by_value: dict[str, list[Citation]] = defaultdict(list)
        value_of: dict[str, float] = {}
        phrase_of: dict[tuple[str, int], str] = {}
        for k in members:
            c = nodes[k]
            by_value[f"{c.value:g}"].append(c.citation)
            value_of[f"{c.value:g}"] = c.value
            phrase_of[c.citation.article, c.citation.start] = c.phrase
        sides = independent_sides(by_value, outlet_of)
        if len(sides) < 2:
            continue
        first = nodes[members[0]]
        about = f"number of {first.printed} {first.outcome}" if first.outcome else f"number of {first.printed}"
        ordered = sorted(sides.items(), key=lambda kv: value_of[kv[0]])  # low to high
        claims = [CitedText(phrase_of[cs[0].article, cs[0].start], sorted(cs, key=lambda c: (c.article, c.start)))
                  for _, cs in ordered]
        result.append(Discrepancy(about, claims))
    return sorted(result, key=lambda d: (d.about, d.claims[0].text))

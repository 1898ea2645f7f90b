"""Where sources disagree: dates, counts, roles and speakers, each side citing its articles.

A disagreement is two claims about the same thing whose values cannot both be
true (:mod:`values`), reported only on positive evidence that two outlets state
one fact (:mod:`alignment`: their sentences share one cast and subject, and are
one report written twice), between outlets the articles name
(:func:`between_named_outlets`); whatever lacks that evidence is not reported. What
makes two claims about the same thing:

- dates: see :mod:`date_claims`; counts: see :mod:`count_claims`;
- roles: one person's titles with the same head noun (places and nationalities
  in them set aside), given by two outlets in sentences alike;
- speakers: one merged quote credited to different people (people the story
  names as such) by different articles, each naming the speaker beside the
  quote (not "he", nor a surname two people of the story share).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from urllib.parse import urlsplit

from storyline.models import Article, BriefQuote, Citation, CitedText, Discrepancy, Quote
from storyline.pipeline.brief.alignment import Aligner
from storyline.pipeline.brief.claims import independent_sides
from storyline.pipeline.brief.count_claims import number_conflicts
from storyline.pipeline.brief.date_claims import date_conflicts
from storyline.pipeline.brief.evidence import Evidence
from storyline.pipeline.brief.values import roles_agree_exactly, roles_disagree, same_person

MIN_UTTERANCE = 8  # words each side's quote needs before two speakers for it are a disagreement
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their"}


def find_discrepancies(evidence: Evidence, quotes: list[BriefQuote]) -> list[Discrepancy]:
    """Every disagreement of the story between named outlets (:func:`between_named_outlets`): dates, counts,
    roles, then speakers."""
    return between_named_outlets(
        date_conflicts(evidence)
        + number_conflicts(evidence)
        + _role_conflicts(evidence.articles, evidence.aligner)
        + _speaker_conflicts(evidence.articles, quotes),
        evidence.articles,
    )


def named_outlet(article: Article) -> str | None:
    """Who an article is known to come from: its outlet's name, else its address's host, else its writer
    (a byline: someone's own reporting, not an unnamed wire's copy); None when nothing names it."""
    host = urlsplit(article.url).hostname if article.url else None
    byline = " ".join((article.byline or "").split())
    return article.outlet or (host.removeprefix("www.") if host else None) or (f"by {byline}" if byline else None)


def between_named_outlets(discrepancies: list[Discrepancy], articles: list[Article]) -> list[Discrepancy]:
    """The disagreements that two named sources state: each side keeps only its articles whose outlet (or
    host, or writer) is known (:func:`named_outlet`), and at least two sides of different sources must remain.

    A reader is told that outlets disagree, and which. An article nothing names the source of may be the same
    wire's copy, its update or its correction (a price at midsession and at the close; "65 mln dlrs", then
    "CORRECTED ... 81 mln dlrs"; one company's filing and another's, worded alike). Of the reports the team
    judged (``benchmarks/labels/disagreements*.jsonl``), 7 of 102 without two named sources were real, 11 of 17
    with them."""
    outlet_of = {a.id: named_outlet(a) for a in articles}
    kept = []
    for d in discrepancies:
        claims = [CitedText(c.text, named, c.variants) for c in d.claims
                  if (named := [x for x in c.citations if outlet_of[x.article]])]
        outlets = [{outlet_of[x.article] for x in c.citations} for c in claims]
        if any(a != b for i, xs in enumerate(outlets) for ys in outlets[i + 1:] for a in xs for b in ys):
            kept.append(Discrepancy(d.about, claims))
    return kept


def _stated_alike(sides: dict[str, list[Citation]], by_id: dict[str, Article], outlet_of: dict[str, str],
                  aligner: Aligner) -> bool:
    """Two outlets giving two of the values in sentences that state one fact (see :mod:`alignment`)."""
    return any(
        outlet_of[x.article] != outlet_of[y.article]
        and aligner.align(by_id[x.article], (x.start, x.end), by_id[y.article], (y.start, y.end)).alike
        for v, xs in sides.items() for w, ys in sides.items() if v < w for x in xs for y in ys
    )


def _role_conflicts(articles: list[Article], aligner: Aligner) -> list[Discrepancy]:
    outlet_of = {a.id: a.outlet or a.id for a in articles}
    by_id = {a.id: a for a in articles}
    roles: dict[str, dict[str, list[Citation]]] = defaultdict(lambda: defaultdict(list))
    for article in articles:
        for entity in article.entities:
            if entity.role and entity.label == "PERSON" and _whole_role(entity.role):  # a title is a person's
                role = _DESCRIBED_EMPLOYER.sub("", " ".join(entity.role.split())).lower()
                roles[entity.canonical][role].append(Citation(article.id, entity.start, entity.end))
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
        # sources against each other: one article giving two wordings ("editor of the Microprocessor
        # Report", "the newsletter editor") describes one role twice
        sides = independent_sides({c.text: c.citations for c in claims}, outlet_of)
        if len(sides) > 1 and _stated_alike(sides, by_id, outlet_of, aligner):
            result.append(Discrepancy(f"title or role of {name}", [CitedText(t, cs) for t, cs in sorted(sides.items())]))
    return result


# An employer the role describes in lower-case words ("founder of the brokerage firm bearing his name",
# "spokesman for the agency") says where, in other words than another outlet's name for it: the
# role is what comes before. A name ("Secretary of the Treasury") is kept.
_DESCRIBED_EMPLOYER = re.compile(r"\s+(?:of|for|at|with)\s+(?:the|a|an|his|her|its|their)\s+[^A-Z]*$")


_ROLE_EDGES = {"and", "or", "but", "of", "for", "at", "to", "in", "on", "with", "who", "which", "that", "the", "a",
               "an", "by", "as"}


def _whole_role(role: str) -> bool:
    """A role that reads as one: not a fragment cut at a conjunction or preposition ("and the interior
    secretary", "representative for") nor one running into the next sentence."""
    words = role.lower().split()
    return bool(words) and words[0] not in _ROLE_EDGES and words[-1] not in _ROLE_EDGES and ". " not in role


def _grounded(quote: Quote, people: set[str], text: str) -> bool:
    """An attribution that names one speaker beside the quote: in its paragraph (a name a paragraph
    away is the last quote's), not a pronoun, not a group ("Mark and Condon"), nor a surname two
    people of the story share; and a quote long enough to be one person's words."""
    mention = quote.speaker_mention
    if mention is None or not mention.text[:1].isupper() or mention.text.lower() in _PRONOUNS:
        return False
    if len(quote.speakers) > 1 or re.search(r"\b(?:and|&)\b", mention.text) or len(quote.text.split()) < MIN_UTTERANCE:
        return False
    if "\n" in text[min(quote.end, mention.end):max(quote.start, mention.start)]:
        return False
    words = mention.text.split()
    return len(words) > 1 or sum(1 for p in people if p.split()[-1] == words[-1]) <= 1


def _bare(name: str, common: set[str]) -> str:
    """A name without the descriptors before it: words the story also prints lower-case
    ("Comedienne Sarah" → "Sarah" where a text says "the comedienne")."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in common:
        words = words[1:]
    return " ".join(words)


def _speaker_conflicts(articles: list[Article], quotes: list[BriefQuote]) -> list[Discrepancy]:
    by_id = {a.id: a for a in articles}
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        for entity in article.entities:
            labels[entity.canonical][entity.label == "PERSON"] += 1
    # a name the story mostly tags as a body or a place ("SpaceX") is no person, whatever one tag says
    people_of_story = {name for name, c in labels.items() if c[True] > c[False]}
    common = {w for a in articles for w in re.findall(r"\b[a-z]{3,}\b", a.text)}
    result = []
    for merged in quotes:
        if len(merged.speakers) < 2 or len(merged.text.split()) < MIN_UTTERANCE:
            continue  # a short phrase ("perfectly fine") may well be said by two people
        claims: dict[str, list[Citation]] = defaultdict(list)
        for article_id in merged.articles:
            for quote in by_id[article_id].quotes:
                if not _grounded(quote, people_of_story, by_id[article_id].text):
                    continue
                if quote.speaker in merged.speakers and (quote.text == merged.text or quote.text in merged.variants):
                    claims[quote.speaker].append(Citation(article_id, quote.start, quote.end))
        # Only people disagree: a description ("the official"), a body or a place credited
        # with a quote, or another form of the same name, is no disagreement.
        named = sorted(n for n in claims if n in people_of_story)
        people: list[str] = []
        for name in sorted(named, key=lambda n: (-len(n), n)):
            if not any(same_person(_bare(name, common), _bare(p, common)) for p in people):
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

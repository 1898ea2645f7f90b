"""Who "he", "she" or "the senator" stands for: the people named before, ranked.

A pronoun or a definite description that credits a quote refers to someone named
earlier. Every person named before it, outside quotation marks, in the quote's
paragraph and the ones before (back to :data:`MAX_PARAGRAPHS`), is a candidate; one
whose sex the article or a first name settles and that disagrees is out, and so is a
name that is no one's ("Twitter", "Brexit": one word, never with a first name, a
title or a quote of its own, and tagged as something else elsewhere in the article).
The rest are scored by the features below, each with an id and a weight, and the
best wins:

- ``subject``, ``main_subject``: the subject of its clause ("Manafort said he agreed with
  Mr. Cruz": Manafort), more so of its sentence's main clause ("Earnest said Obama was not
  targeting Trump": Earnest);
- ``speaker`` / ``last_speaker``: already credited with a quote of the article, or with the
  last one (a speaker named only in a cue counts from where the cue named them);
- ``possessive``, ``subject_possessive``, ``modifier``, ``oblique``: "Trump's claim" ("Smith's
  lawsuit demands …" names Smith as the actor), "a Trump rally", "with Mr. Cruz";
- ``agrees``: the person's sex is known and is the pronoun's;
- ``sentences`` / ``paragraphs``: how far back, counting only sentences outside quotes;
- ``mentions``: how often the article names the person (log);
- ``bare``: a one-word name with no title, no first name and no sex known;
- ``role``: a description whose noun is the person's title ("the senator" for "Sen. Jane Smith");
  ``role_other``: the person has titles and the description's noun is none of them;
- ``untagged``: the naming is a surname the model left untagged ("Hollande denounced …"), found
  again by :class:`~storyline.pipeline.analyze.speaker_resolve.SpeakerResolver`.

For people, the weights are learned (``data/speaker_antecedents.json``: a pairwise
logistic regression trained by ``benchmarks/train_antecedents.py`` on the team's
labels of PolNeAR train quotes, which prints its article-grouped CV beside the
hand-set :data:`WEIGHTS`; more features are given there: ``nearest``, ``rank``,
``same_paragraph``, ``log_sentences``, ``log_tokens``, ``sex_unknown``, ``titled``, ...).
The hand-set weights still rank bodies ("the board", "it"), which have no labels
enough to learn from. ``benchmarks/quotes.py`` measures the whole (name accuracy).
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from storyline.models import Entity
from storyline.pipeline.analyze.speaker_base import QuoteIndex, doc_text
from storyline.pipeline.analyze.speaker_lexicon import PERSON_NOUNS

WEIGHTS: dict[str, float] = {
    "subject": 1.5,
    "main_subject": 1.0,
    "subject_possessive": 0.0,
    "speaker": 0.5,
    "last_speaker": 0.5,
    "possessive": -2.0,
    "modifier": -3.0,
    "oblique": -1.0,
    "sentences": -0.5,
    "paragraphs": -0.5,
    "mentions": 0.3,
    "agrees": 1.0,
    "bare": -1.0,
    "role": 3.0,
}
# where a benchmark collects every ranking of people as (start, wanted, noun, candidates, pick); None at run time
TRACE: list | None = None
MODEL_PATH = Path(__file__).resolve().parent / "data" / "speaker_antecedents.json"
MAX_PARAGRAPHS = 6  # how far back a candidate may be: the quote's paragraph and six before
_SUBJECTS = {"nsubj", "nsubjpass"}
# titles written short before a name, and the nouns a description uses for them
_ROLE_ALIASES = {"sen.": "senator", "sen": "senator", "gov.": "governor", "gov": "governor",
                 "rep.": "representative", "rep": "representative", "gen.": "general", "pres.": "president",
                 "dr.": "doctor", "prof.": "professor", "congressman": "representative",
                 "congresswoman": "representative", "lawmaker": "representative"}


@dataclass(slots=True)
class Candidate:
    """A person named before a mention, and what the ranker knows about that naming."""

    entity: Entity
    role: str  # "main_subject" | "subject" | "subject_possessive" | "possessive" | "modifier" | "oblique" | "other"
    sentence: int  # index among the sentences outside quotes
    paragraph: int


class Antecedents:
    """The people of one article as candidates for the pronouns and descriptions that credit its quotes."""

    def __init__(self, text: str, doc: Doc | None, people: list[Entity], quotes: QuoteIndex,
                 genders: dict[str, str], others: set[str], bodies: bool = False,
                 titled: list[Entity] | None = None, untagged: set[int] | None = None) -> None:
        self.text = text
        self.untagged = untagged or set()  # ids of the mentions the model left untagged (a surname found again)
        self.bodies = bodies  # candidates are organisations and places, not people
        self.genders = genders
        self.paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n+", text)]
        self.sentence_starts: list[int] = []
        if doc is not None and len(doc) and doc.has_annotation("SENT_START"):
            self.sentence_starts = [s.start_char for s in doc.sents if not quotes.inside(s.start_char)]
        counts: dict[str, int] = {}
        for person in people:
            counts[person.canonical] = counts.get(person.canonical, 0) + 1
        self.counts = counts
        self.candidates = [Candidate(p, _role(doc, p), self._sentence(p.start), self._paragraph(p.start))
                           for p in people if bodies or not _nobody(p, others, genders)]
        self.starts = [c.entity.start for c in self.candidates]
        # a family by its name in the plural ("the Clintons", "the Khans"): a surname of the article plus "s"
        surnames = {p.canonical.split()[-1] for p in people if len(p.canonical.split()) > 1}
        self.families = {p.canonical for p in people
                         if " " not in p.canonical and p.canonical.endswith("s") and p.canonical[:-1] in surnames}
        self.roles: dict[str, set[str]] = {}  # canonical → the title words the article gives the person
        self.described: set[str] = set()  # people the article describes in apposition (", a lobbyist,")
        for person in titled if titled is not None else people:  # a title given inside a quote counts too
            self.roles.setdefault(person.canonical, set()).update(_role_words(text, person))
            if _AFTER.match(text, person.end, min(len(text), person.end + 100)) \
                    or _WHOSE.search(text, max(0, person.start - 40), person.start):
                self.described.add(person.canonical)

    def _sentence(self, pos: int) -> int:
        return bisect_right(self.sentence_starts, pos)

    def _paragraph(self, pos: int) -> int:
        return bisect_right(self.paragraph_starts, pos)

    def best(self, start: int, wanted: str | None, spoken: list[tuple[int, str]], noun: str | None = None,
             name_word: bool = False, role_only: bool = False, name_words: frozenset[str] = frozenset(),
             untitled: bool = False) -> str | None:
        """The canonical name the mention at ``start`` most likely stands for, if anyone is a candidate.

        ``wanted`` is the sex the mention requires ("m", "f" or None); ``spoken`` the
        (position, name) of the speakers credited so far; ``noun`` the head noun of a
        description ("senator"), whose match with a person's title counts (or, with
        ``name_word``, with a word of a body's name: "the board" for "the Board of Elections");
        with ``role_only`` only a person with that title is a candidate; with ``name_word``, a word of
        ``name_words`` (the description's other nouns: "news" of "the news outlet") in a body's name
        counts as the noun does; with ``untitled`` only a person the article gives no title and describes
        in no apposition is."""
        found = self.features(start, wanted, spoken, noun, name_word, role_only, name_words, untitled)
        weights = WEIGHTS if self.bodies else MODEL_WEIGHTS
        pick = max(found, key=lambda item: sum(weights.get(k, 0.0) * v for k, v in item[1].items()))[0] \
            if found else None
        if TRACE is not None and not self.bodies:
            TRACE.append((start, wanted, noun, found, pick))
        return pick

    def features(self, start: int, wanted: str | None, spoken: list[tuple[int, str]], noun: str | None = None,
                 name_word: bool = False, role_only: bool = False,
                 name_words: frozenset[str] = frozenset(), untitled: bool = False) -> list[tuple[str, dict[str, float]]]:
        """Every candidate for the mention at ``start`` (see :meth:`best`), nearest first, with its features.

        A person's features come from their nearest naming before the mention; a speaker
        credited before whom the ranker has no naming of nearby (a surname the model
        missed) is a candidate too, from where the cue named them (``fallback``)."""
        paragraph, sentence = self._paragraph(start), self._sentence(start)
        spoken_before = [name for pos, name in spoken if pos < start]
        last = spoken_before[-1] if spoken_before else None
        found: dict[str, dict[str, float]] = {}
        subjects: set[str] = set()  # people already seen as a subject nearer the mention
        for candidate in self.candidates[:bisect_left(self.starts, start)][::-1]:
            person = candidate.entity
            if person.end > start:
                continue
            if paragraph - candidate.paragraph > MAX_PARAGRAPHS:
                break
            known = self.genders.get(person.canonical)
            if wanted and known and known != wanted:
                continue
            if person.canonical in self.families and (wanted or noun is not None):
                continue  # "the Clintons" is no "he"
            is_subject = candidate.role in {"subject", "main_subject"}
            if person.canonical in found:
                if is_subject:
                    found[person.canonical]["subject_any"] = 1.0
                continue
            words = person.canonical.lower().split() if name_word else ()
            role = float(noun is not None and ((noun in words or not name_words.isdisjoint(words)) if name_word
                                               else _ROLE_ALIASES.get(noun, noun) in self.roles[person.canonical]))
            if role_only and not role or untitled and (self.roles.get(person.canonical)
                                                       or person.canonical in self.described):
                continue
            sentences = float(max(0, sentence - candidate.sentence))
            features = {
                candidate.role: 1.0,
                "subject": float(is_subject),
                "subject_any": float(is_subject),
                "nearest_subject": float(is_subject and not subjects),
                "agrees": float(bool(wanted) and known == wanted),
                "sex_unknown": float(bool(wanted) and known is None),
                "speaker": float(person.canonical in spoken_before),
                "last_speaker": float(person.canonical == last),
                "sentences": sentences,
                "log_sentences": math.log1p(sentences),
                "log_tokens": math.log1p(max(0, start - person.end) / 6.0),  # ~6 characters a word
                "paragraphs": float(paragraph - candidate.paragraph),
                "same_paragraph": float(paragraph == candidate.paragraph),
                "mentions": math.log(self.counts[person.canonical]),
                "bare": float(not self.bodies and len(person.canonical.split()) == 1 and known is None
                              and not person.role),
                "titled": float(bool(self.roles.get(person.canonical))),
                "role": role,
                "description_no_role": float(noun is not None and not role),
                # a description whose noun is not the title the article gives the person ("the senator"
                # for a person it calls a host)
                "role_other": float(noun is not None and not role and bool(self.roles.get(person.canonical))),
                "nearest": float(not found),
                "untagged": float(id(person) in self.untagged),
                "rank": math.log1p(len(found)),
            }
            if is_subject:
                subjects.add(person.canonical)
            found[person.canonical] = features
        for pos, name in reversed(spoken):  # speakers the ranker has no naming of nearby (a surname the model missed)
            if pos >= start or name in found or name not in self.counts \
                    or paragraph - self._paragraph(pos) > MAX_PARAGRAPHS:
                continue
            known = self.genders.get(name)
            if (wanted and known and known != wanted) or (noun is not None and not name_word):
                continue
            sentences = float(max(0, sentence - self._sentence(pos)))
            found[name] = {"fallback": 1.0, "subject": 1.0, "main_subject": 1.0, "subject_any": 1.0, "speaker": 1.0,
                           "last_speaker": float(name == last), "agrees": float(bool(wanted) and known == wanted),
                           "sex_unknown": float(bool(wanted) and known is None),
                           "sentences": sentences, "log_sentences": math.log1p(sentences),
                           "log_tokens": math.log1p(max(0, start - pos) / 6.0),
                           "paragraphs": float(paragraph - self._paragraph(pos)),
                           "same_paragraph": float(paragraph == self._paragraph(pos)),
                           "rank": math.log1p(len(found))}
        return list(found.items())


def _load_model() -> dict[str, float]:
    """The trained weights for people (``speaker_antecedents.json``), else the hand-set ones."""
    try:
        return json.loads(MODEL_PATH.read_text(encoding="utf-8"))["weights"]
    except FileNotFoundError:
        return WEIGHTS


MODEL_WEIGHTS = _load_model()


# lower-case words right before a name ("Morning Joe hosts Joe Scarborough", "law professor Tim Canova")
_BEFORE = re.compile(r"(?:(?-i:[a-z][\w-]*)\s+){1,3}$")
# the words right before a name, any case ("Senate Minority Leader Harry Reid", "Vermont Sen. Bernie Sanders")
_WORDS_BEFORE = re.compile(r"(?:[\w.'’-]+\s+){1,5}$")
# a body's possessive right before a name: "CNN's Gloria Borger" (described by whom the person works for)
_WHOSE = re.compile(r"(?-i:[A-Z])[\w.&-]*(?:\s+(?-i:[A-Z])[\w.&-]*){0,3}['’]s?\s+$")
# an apposition after a name: ", the minority leader," / ", a former governor of Pennsylvania."
_AFTER = re.compile(r",\s+(?:the|a|an)\s+([^,.;:()\n]{1,80})[,.;]")


def _role_words(text: str, person: Entity) -> set[str]:
    """The title words the article gives a person at one mention (singular, aliases resolved)."""
    words = (person.role or "").lower().split()
    before = _BEFORE.search(text, max(0, person.start - 40), person.start)
    if before and _is_title(before.group(0).split()[-1]):  # a title attached to the name, not "an official met"
        words += before.group(0).split()
    words += _title_before(text, person.start)
    after = _AFTER.match(text, person.end, min(len(text), person.end + 100))
    if after:
        words += after.group(1).lower().split()
    out = set()
    for i, word in enumerate(words):
        word = _ROLE_ALIASES.get(word, word)
        if word.endswith("s") and not word.endswith("ss") and word[:-1] in PERSON_NOUNS:
            word = word[:-1]  # "hosts"
        if word in PERSON_NOUNS or word in _ROLE_ALIASES.values():
            out.add(_vice(words[i - 1] if i else "", word))
    return out


def _vice(before: str, noun: str) -> str:
    """"vice president" is another office than "president" ("the vice president" is not Obama)."""
    return f"vice {noun}" if before.lower().rstrip(".") in {"vice", "deputy"} else noun


def _is_title(word: str) -> bool:
    """Whether ``word`` is a title or a person noun (singular or plural: "hosts")."""
    word = _ROLE_ALIASES.get(word.lower(), word.lower())
    return word in PERSON_NOUNS or word in _ROLE_ALIASES.values() or (word.endswith("s") and word[:-1] in PERSON_NOUNS)


def _title_before(text: str, start: int) -> list[str]:
    """A capitalised title written before a name: the title words, walking back from the name,
    through the capitalised words that qualify them ("Senate Minority Leader", "Vermont Sen.")."""
    found = _WORDS_BEFORE.search(text, max(0, start - 60), start)
    if not found:
        return []
    out: list[str] = []
    for word in reversed(found.group(0).split()):
        low = word.lower()
        if low in {"vice", "deputy"} and out:
            out.insert(len(out) - 1, low)  # "Vice President": kept before its noun, see _vice
        elif low in PERSON_NOUNS or low in _ROLE_ALIASES or low.rstrip(".") in _ROLE_ALIASES:
            out.append(low if low in PERSON_NOUNS or low in _ROLE_ALIASES else low.rstrip("."))
        elif not (out and word[:1].isupper() and word[-1:] not in {",", ".", ";", ":"}):
            break  # "said", "told", a comma: the title, if any, has ended
    return out


def _role(doc: Doc | None, person: Entity) -> str:
    """How the name is used in its clause, from the parse: subject, possessive, modifier, oblique, other."""
    if doc is None or not len(doc):
        return "other"
    span = doc.char_span(person.start, person.end, alignment_mode="expand")
    if span is None or not len(span):
        return "other"
    token = span.root
    while token.dep_ in {"appos", "conj", "flat"} and token.head.i != token.i:
        token = token.head  # "Smith, a spokeswoman," / "Smith and Lee": the role of the phrase
    if token.dep_ in _SUBJECTS:
        head = token.head
        main = head.dep_ == "ROOT" or (head.dep_ == "conj" and head.head.dep_ == "ROOT")
        return "main_subject" if main else "subject"
    if token.dep_ == "poss" or doc_text(doc)[person.end:person.end + 1] in {"'", "’"}:
        return "subject_possessive" if token.head.dep_ in _SUBJECTS else "possessive"
    if token.dep_ in {"compound", "amod", "nmod"} and token.head.pos_ in {"NOUN", "ADJ"}:
        return "modifier"
    if token.dep_ in {"pobj", "dobj", "dative"}:
        return "oblique"
    return "other"


def _nobody(person: Entity, others: set[str], genders: dict[str, str]) -> bool:
    """A PERSON name that names no one: one word, no sex known, no title, and tagged as
    something else (a body, a place, a product, a law, a work) elsewhere in the article; or
    words of a headline the model took for a name ("Trump May be Aligning", "Trump’s ‘Incredibly"):
    a word in lower case that no name has, or a quotation mark opening a word."""
    name = person.canonical
    if any(w[:1] in _OPENING or (w[:1].islower() and w not in _NAME_PARTICLES) for w in name.split()):
        return True
    return len(name.split()) == 1 and name not in genders and not person.role and name in others


# words in lower case inside names ("Ludwig van Beethoven", "Osama bin Laden", "Sophie in 't Veld")
_NAME_PARTICLES = {"de", "da", "das", "do", "dos", "di", "del", "della", "der", "den", "van", "von", "bin", "ibn",
                   "al", "el", "la", "le", "du", "y", "e", "ter", "ten", "in", "'t", "zu", "st.", "mc", "bint"}
_OPENING = {"‘", "“", '"', "«"}

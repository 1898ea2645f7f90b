"""Whether two sentences of different articles state one fact: the positive evidence a disagreement needs.

Rules that set aside what is *not* a disagreement (two companies, a forecast, a
later price) do not carry to the next corpus: each new kind of news brings a new
kind of false report. So a disagreement is reported only on evidence that two
outlets state the same fact with a different value: their two sentences are
*aligned*, one report of one event written twice. Aligned sentences

- share most of what they say outside the values compared: at least
  :data:`MIN_SHARED` content words, and :data:`MIN_OVERLAP` of the shorter
  sentence's content words (words of one sense, "killed" / "died", "op-ed" /
  "opinion", count as one; figures, dates, stop words and words of saying do
  not count: every report has them);
- name the same actors: when both name people, companies or bodies, one of
  them is printed in the other sentence (two companies' results read alike, word
  for word, but are about two subjects);
- and set nothing against the value that the other leaves out: a word just before
  or after one value that the other sentence lacks and that names what is
  measured ("LME *lead* stocks" / "LME *zinc* stocks", "at *midsession*" /
  "at the *close*") makes two slots, not one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from storyline.models import Article
from storyline.pipeline.brief.claim_words import outcome, sense
from storyline.pipeline.brief.claims import CONTEXT_REACH, WORD, sentence_start, stem, stop_words

MIN_SHARED = 3  # content words two aligned sentences share at least …
MIN_OVERLAP = 0.5  # … and this share of the shorter sentence's content words
# Sentences that name no actor are one report only when nearly word for word ("Some 40 homes were flooded in
# the town on Saturday after …" / "More than 60 homes were flooded in the town on Saturday when …").
SAME_WORDS = 0.8
ACTORS = frozenset({"PERSON", "ORG", "FAC"})
PLACES = frozenset({"GPE", "LOC"})  # a nationality ("Canadian cts") describes; it names no subject
# Words of saying and of time: every report has them, so sharing them shows nothing.
_NO_EVIDENCE = frozenset({
    "said", "say", "says", "saying", "told", "tell", "added", "according", "stated", "reported", "reports",
    "announced", "statement", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "yesterday", "today", "tonight", "tomorrow", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "morning", "evening", "afternoon", "night", "week", "weekend", "month",
    "year", "least", "nearly", "almost", "about", "around", "roughly", "approximately", "estimated", "some",
})
_NUMBER_WORD = re.compile(r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                          r"thirty|forty|fifty|hundreds?|thousands?|dozens?|millions?|billions?|mln|bln|bn)$")


@cache
def _skipped() -> frozenset[str]:
    return stop_words() | _NO_EVIDENCE


def content_word(token: str) -> str | None:
    """A token as the content word it counts for in an alignment (its outcome or sense id, else its stem),
    or None for a stop word, a figure, a date word or a word of saying."""
    word = token.lower().strip("'’-")
    if len(word) < 2 or any(ch.isdigit() for ch in word) or word in _skipped() or _NUMBER_WORD.match(word):
        return None
    found = outcome(word)
    if found:
        return found
    meaning = sense(word)
    return meaning if meaning != word else stem(word)


def content_words(text: str) -> frozenset[str]:
    """The content words of ``text`` (the values compared, figures and dates, are none)."""
    return frozenset(w for m in WORD.finditer(text) if (w := content_word(m.group())))


@dataclass(frozen=True, slots=True)
class Alignment:
    """How alike two sentences are outside their values (see the module's rules)."""

    shared: int
    overlap: float
    actors_agree: bool  # every actor either sentence names is printed in the other article
    one_actor: bool  # an actor is printed in both sentences
    one_subject: bool  # a name (an actor or a place) is printed in both sentences
    actorless: bool  # neither sentence names an actor (sources aside)

    @property
    def alike(self) -> bool:
        """One report written twice, whatever it names: enough of its words shared, no other actor."""
        return self.shared >= MIN_SHARED and self.overlap >= MIN_OVERLAP and self.actors_agree

    @property
    def one_fact(self) -> bool:
        """One report of one subject: alike and naming one actor; or, naming no actor, one place or worded
        nearly alike ("More than 60 homes were flooded in Millbrook on Saturday when the River Alder …" /
        "At least 40 homes were flooded in Millbrook yesterday after the River Alder …")."""
        return self.alike and (self.one_actor or (self.actorless and (self.one_subject or self.overlap >= SAME_WORDS)))


@cache
def _pattern(form: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")


def _printed(forms: set[str], text: str) -> bool:
    return any(_pattern(f).search(text) for f in forms)


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?(?:\s|$)")


def whole(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The sentence holding ``span`` of ``text`` read whole where a hard-wrapped text broke it across
    paragraphs: back to the end of the sentence before, on to its own end (within ``CONTEXT_REACH``)."""
    start = sentence_start(text, span[0])
    if _SENTENCE_END.search(text[max(span[0], span[1] - 3):span[1] + 1]):
        return start, span[1]
    match = _SENTENCE_END.search(text, span[1], span[1] + CONTEXT_REACH)
    return start, len(text[:match.end()].rstrip()) if match else span[1]


@dataclass(slots=True)
class _Sentence:
    text: str  # lower-cased, spaces collapsed
    words: frozenset[str]
    actors: list[set[str]]  # each actor named (not as the source), as the forms it may be printed in
    places: list[set[str]]


class Aligner:
    """Aligns sentences of a story's articles (:func:`Aligner.align`), each sentence and article read once."""

    def __init__(self) -> None:
        self._sentences: dict[tuple[str, int, int], _Sentence] = {}
        self._texts: dict[str, str] = {}

    def _text(self, article: Article) -> str:
        if article.id not in self._texts:
            self._texts[article.id] = " ".join(article.text.lower().split())
        return self._texts[article.id]

    def _sentence(self, article: Article, span: tuple[int, int]) -> _Sentence:
        key = (article.id, *span)
        if key not in self._sentences:
            start, end = whole(article.text, span)
            text = article.text[start:end]
            sources = _sources(article, start, end)
            self._sentences[key] = _Sentence(" ".join(text.lower().split()), content_words(text),
                                             [n for n in _names(article, start, end, ACTORS) if n not in sources],
                                             _names(article, start, end, PLACES))
        return self._sentences[key]

    def align(self, a: Article, a_span: tuple[int, int], b: Article, b_span: tuple[int, int]) -> Alignment:
        """How well the sentence at ``a_span`` of ``a`` and the one at ``b_span`` of ``b`` (offsets into the
        articles' texts, each read whole: :func:`whole`) align outside their values."""
        x, y = self._sentence(a, a_span), self._sentence(b, b_span)
        shared = len(x.words & y.words)
        overlap = shared / min(len(x.words), len(y.words)) if x.words and y.words else 0.0
        # one event's cast: an actor one sentence names that the other article never prints is another
        # subject's ("raised its stake in Builders Transport" / "… in Bell Industries"); a tagger's name
        # running on ("Tavon Alleyne on Instagram") holds the other's ("Alleyne")
        agree = (all(_cast(forms, self._text(b), y.actors) for forms in x.actors)
                 and all(_cast(forms, self._text(a), x.actors) for forms in y.actors))
        one_actor = any(_printed(f, y.text) for f in x.actors) or any(_printed(f, x.text) for f in y.actors)
        one = one_actor or any(_printed(f, y.text) for f in x.places) or any(_printed(f, x.text) for f in y.places)
        return Alignment(shared, overlap, agree, one_actor, one, not x.actors and not y.actors)


def _cast(forms: set[str], other_text: str, other_actors: list[set[str]]) -> bool:
    """An actor (its forms) is printed in the other article, or holds an actor the other sentence names."""
    return _printed(forms, other_text) or any(_printed(fs, name) for name in forms for fs in other_actors)


def _names(article: Article, start: int, end: int, labels: frozenset[str]) -> list[set[str]]:
    """The names of ``labels`` a sentence at ``start:end`` gives, each as the forms it may be printed in."""
    from storyline.pipeline.brief.subjects import name_forms

    names = []
    for e in article.entities:
        if e.label in labels and start <= e.start < end and (forms := name_forms(e.text, e.label)):
            names.append(forms | name_forms(e.canonical, e.label))
    return names


# A name the sentence credits with what it says ("…, Red Cross officials said", "said local doctor Noor
# Fayez", "according to the ministry") is the outlet's source, not the fact's subject: outlets that cite
# different sources for one toll still report one toll.
# A name saying something of itself ("Texaco Canada said it will raise postings") is the fact's subject too.
_SAID_AFTER = re.compile(r"^[^.;:!?]{0,40}?\b(?:said|says|told|reported|announced|confirmed)\b"
                         r"(?!\s+(?:(?:that|on \w+|today|yesterday)\s+)?(?:it|its|he|she|they|we|the company)\b)")
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|according to|quoted|citing)\W+(?:\w+\W+){0,4}$")


def _sources(article: Article, start: int, end: int) -> list[set[str]]:
    """The actors a sentence at ``start:end`` names as its source (see ``_SAID_AFTER``), as their forms."""
    from storyline.pipeline.brief.subjects import name_forms

    found = []
    for e in article.entities:
        if e.label in ACTORS and start <= e.start < end and (
            _SAID_AFTER.search(article.text[e.end:end]) or _SAID_BEFORE.search(article.text[max(start, e.start - 40):e.start])
        ) and (forms := name_forms(e.text, e.label)):
            found.append(forms | name_forms(e.canonical, e.label))
    return found

"""Whether two articles of a story report on the same subject, from the names their leads give.

A story joins articles by their words, and news of one kind is worded alike:
two companies' results, two stake filings, two bond issues, two refiners'
price postings read almost the same but are about different subjects. A count
or a date two such articles give differently is no disagreement. A news lead
(the body's first sentence, or its second when the first names nothing) names what the article is about,
and an article about the same subject names it too, somewhere. Two dates are
of one subject when their sentences are about one actor or place (two banks' stories
both print when Brazil suspended its payments); else, and for counts (whose
owner a sentence seldom names: "a gain of 821,000 dlrs"), when their articles are:

- two leads set in places, neither printed in the other article, are two
  subjects (top hog prices at Omaha and in Indiana, both from the USDA);
- the actors (people, bodies, buildings) come first: when both leads name some,
  the first of one lead (its subject; the others are its lead managers, sources
  and counterparts: "Hokkaido Takushoku Bank is issuing … lead managed by
  Takugin International") must be in the other article, wherever it is (a
  lead's place, as "New York" or "U.S.", is shared by many subjects);
- when either lead names no actor, a place or a nationality of a lead will do;
- when either lead names nothing (a table of results), the headlines must share
  half their words; without both headlines nothing tells the subjects apart,
  and they are taken as one.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from storyline.models import Article
from storyline.pipeline.brief.claims import sentence_start, stop_words

if TYPE_CHECKING:
    from storyline.pipeline.brief.evidence import Item

ACTORS = frozenset({"PERSON", "ORG", "FAC"})
PLACES = frozenset({"GPE", "LOC", "NORP"})
LEAD_MIN, LEAD_MAX = 60, 300  # characters of body the lead's first sentence ends within
LEAD_SENTENCES = 2  # sentences read for a lead's names, when the first names none
TITLES_ALIKE = 0.5  # share of their words two headlines hold in common to be of one subject
_LEAD_END = re.compile(r"[.!?][\"'”’)]?(?:\s|$)")
# a company's legal form says nothing about which company it is ("Lucky Stores Inc" = "Lucky Stores")
_LEGAL = re.compile(r"[\s,]+(?:inc|corp|corporation|co|cos|company|ltd|plc|llc|ag|sa|nv|bv|group|holdings?)\.?$",
                    re.IGNORECASE)


# A place after a preposition says where ("listing will be in Luxembourg"), not who: two bond issues listed in one
# city are two subjects. A place that acts ("Brazil suspended its payments") names the subject.
_WHERE = re.compile(r"\b(?:in|at|from|to|on|near|into|across|outside|inside|throughout|within|for)\s+(?:the\s+)?$",
                    re.IGNORECASE)


def lead_end(text: str, start: int = 0) -> int:
    """Where the body's lead (from ``start``) ends: its first sentence, at most ``LEAD_MAX`` characters
    in (a hard-wrapped body breaks its first sentence across paragraphs, so paragraphs are not looked at)."""
    match = _LEAD_END.search(text, start + LEAD_MIN, start + LEAD_MAX)
    return match.end() if match else min(len(text), start + LEAD_MAX)


def _forms(text: str, label: str) -> set[str]:
    """The ways an article may print a name: as given, without its legal form, a person by surname.

    A lower-case "name" is a tagger's slip on a table ("cts"), and a legal form alone ("Co Inc")
    names no company: neither is a form."""
    name = re.sub(r"^the\s+", "", " ".join(text.split()), flags=re.IGNORECASE)
    bare = name
    while (shorter := _LEGAL.sub("", f" {bare}").strip()) != bare:
        bare = shorter
    if not name[:1].isupper() or len(bare) < 3:
        return set()
    forms = {name, bare}
    if label == "PERSON" and len(name.split()) > 1 and len(name.split()[-1]) >= 4:
        forms.add(name.split()[-1])
    return {f.lower() for f in forms}


name_forms = _forms  # the public name: alignment reads a sentence's actors the same way


def _title_words(title: str | None) -> frozenset[str]:
    """A headline's content words: no stop words, figures, tickers' brackets or legal forms."""
    words = re.findall(r"[a-z][a-z'’-]+", (title or "").lower())
    return frozenset(w for w in words if w not in stop_words() and not _LEGAL.fullmatch(f" {w}"))


@cache
def _pattern(form: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")


class Subjects:
    """Answers "same subject?" for pairs of a story's articles, each pair worked out once."""

    def __init__(self, articles: list[Article], items: list[Item] | None = None) -> None:
        self._by_id = {a.id: a for a in articles}
        self._items = items or []
        self._sentences: dict[int, tuple[list[set[str]], str]] = {}
        self._sentence_pairs: dict[tuple[int, int], bool] = {}
        self._leads: dict[str, tuple[list[set[str]], list[set[str]]]] = {}
        self._texts: dict[str, str] = {}
        self._pairs: dict[tuple[str, str], bool] = {}

    def _lead(self, article_id: str) -> tuple[list[set[str]], list[set[str]]]:
        """The actors and the places the article's lead names, each as the forms it may be printed in."""
        if article_id not in self._leads:
            article = self._by_id[article_id]
            actors: dict[str, set[str]] = {}
            places: dict[str, set[str]] = {}
            end = 0
            for _ in range(LEAD_SENTENCES):  # a lead that names nothing (a quote) is followed by one that does
                start, end = end, lead_end(article.text, end)
                for e in article.entities:
                    if start <= e.start < end and e.label in ACTORS | PLACES and (forms := _forms(e.text, e.label)):
                        kind = actors if e.label in ACTORS else places
                        kind.setdefault(e.canonical, set()).update(forms | _forms(e.canonical, e.label))
                if actors or places:
                    break
            self._leads[article_id] = (list(actors.values()), list(places.values()))
        return self._leads[article_id]

    def _text(self, article_id: str) -> str:
        if article_id not in self._texts:
            article = self._by_id[article_id]
            self._texts[article_id] = " ".join(f"{article.title or ''}\n{article.text}".lower().split())
        return self._texts[article_id]

    def _printed_in(self, names: list[set[str]], article_id: str) -> bool:
        text = self._text(article_id)
        return any(_pattern(form).search(text) for forms in names for form in forms)

    def _titles_alike(self, a: str, b: str) -> bool:
        """A lead that names nothing (a results table) leaves the headlines: two about one subject share
        most of their words ("LVI GROUP INC 4TH QTR NET" / "LAMSON AND SESSIONS CO 4TH QTR LOSS" do not).
        Without both headlines nothing tells the subjects apart."""
        words = [_title_words(self._by_id[x].title) for x in (a, b)]
        if not words[0] or not words[1]:
            return True
        return len(words[0] & words[1]) >= TITLES_ALIKE * len(words[0] | words[1])

    def _sentence_names(self, article_id: str, span: tuple[int, int]) -> list[set[str]]:
        """The forms of the sentence's first name: its subject, most often ("Brazil suspended …"; a place or
        a nationality further on says where or whose: "Shell Canada raised its price for Edmonton crude by 32
        Canadian cts"). A nationality describes; it names no subject, nor does a place after a preposition."""
        text = self._by_id[article_id].text
        names = sorted((e.start, i, forms) for i, e in enumerate(self._by_id[article_id].entities)
                       if span[0] <= e.start < span[1] and e.label in ACTORS | PLACES - {"NORP"}
                       and not (e.label in PLACES and _WHERE.search(text, max(span[0], e.start - 20), e.start))
                       and (forms := _forms(e.text, e.label)))
        return [names[0][2]] if names else []

    def _sentence_text(self, article_id: str, span: tuple[int, int]) -> str:
        return " ".join(self._by_id[article_id].text[span[0]:span[1]].lower().split())

    def sentences_name_one(self, i: int, j: int) -> bool:
        """Sentences ``i`` and ``j`` (indexes of the evidence's items, each read whole where a hard-wrapped
        text broke it) are about one actor or place: either's first name is printed in the other, the
        subject a date in both is the date of ("Brazil suspended interest payments … on February 20",
        printed in two banks' stories, each about its own loans)."""
        key = (i, j) if i < j else (j, i)
        if key not in self._sentence_pairs:
            (names_a, text_a), (names_b, text_b) = self._sentence(i), self._sentence(j)
            self._sentence_pairs[key] = any(_pattern(f).search(text_b) for forms in names_a for f in forms) or any(
                _pattern(f).search(text_a) for forms in names_b for f in forms)
        return self._sentence_pairs[key]

    def share_subject(self, a: str, b: str) -> bool:
        """Articles ``a`` and ``b`` (ids) are about one subject both ways, as a sum or a price needs: when both
        leads name actors, each lead's first is printed in the other article (a refiner's posting story names its
        rivals, "Several independent oil companies such as … Coastal Corp", but is about its own prices)."""
        (actors_a, _), (actors_b, _) = self._lead(a), self._lead(b)
        if actors_a and actors_b:
            return self._printed_in(actors_a[:1], b) and self._printed_in(actors_b[:1], a)
        return self.same(a, b)

    def sentences_share_subject(self, i: int, j: int) -> bool:
        """Each of sentences ``i`` and ``j`` prints the other's first name: one subject both ways, as a sum
        needs ("TWA has offered 52 dlrs a share for USAir" / "USAir offered 71 dlrs a share for Piedmont" print
        USAir both, but only one of them is the bidder)."""
        (names_a, text_a), (names_b, text_b) = self._sentence(i), self._sentence(j)
        return any(_pattern(f).search(text_b) for forms in names_a for f in forms) and any(
            _pattern(f).search(text_a) for forms in names_b for f in forms)

    def _sentence(self, i: int) -> tuple[list[set[str]], str]:
        """Sentence ``i``'s first name's forms and its text, read whole, worked out once."""
        if i not in self._sentences:
            article_id, span = self._items[i].article.id, self._whole(i)
            self._sentences[i] = (self._sentence_names(article_id, span), self._sentence_text(article_id, span))
        return self._sentences[i]

    def _whole(self, i: int) -> tuple[int, int]:
        item = self._items[i]
        return sentence_start(item.article.text, item.start), item.end

    def same(self, a: str, b: str) -> bool:
        """Articles ``a`` and ``b`` (ids) report on one subject, as far as their leads tell."""
        if a == b:
            return True
        key = (a, b) if a < b else (b, a)
        if key not in self._pairs:
            (actors_a, places_a), (actors_b, places_b) = self._lead(a), self._lead(b)
            if places_a and places_b and not (self._printed_in(places_a, b) or self._printed_in(places_b, a)):
                same = False  # set in two places, neither printed in the other's article: hog prices in two markets
            elif actors_a and actors_b:  # the first actor of a lead is its subject: the rest are lead managers, sources
                same = self._printed_in(actors_a[:1], b) or self._printed_in(actors_b[:1], a)
            elif (actors_a or places_a) and (actors_b or places_b):
                same = self._printed_in(actors_a + places_a, b) or self._printed_in(actors_b + places_b, a)
            else:
                same = self._titles_alike(a, b)
            self._pairs[key] = same
        return self._pairs[key]

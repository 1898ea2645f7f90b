"""From a speaker mention to a canonical speaker: a name, a pronoun, a group, a description.

A name in the mention is the speaker. A pronoun, a definite description of a person
("the senator") or of a body ("the board") is resolved by :mod:`speaker_antecedents`
(the people, or the bodies, named before, ranked), except that a body described by its noun
is first the one named with that noun before ("the Wall Street Journal editorial board" …
"the editorial board", rule ``description_owner``); a document ("the statement read",
"the ad says") by who issued it (:mod:`speaker_issuers`); "they" by the people last named
together; a description by the person named in apposition to it (rule ``apposition``). An office
("the Texas senator") that nobody of the article holds goes to a person it names with no title or
apposition at all, as readers know who holds it (rule ``description_untitled``).
Each resolution records its rule (:attr:`SpeakerResolver.rule`).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc

from storyline.models import Entity
from storyline.pipeline.analyze.canonical import group_order
from storyline.pipeline.analyze.entities import fold
from storyline.pipeline.analyze.speaker_antecedents import Antecedents
from storyline.pipeline.analyze.speaker_base import QuoteIndex, token_at
from storyline.pipeline.analyze.speaker_gender import title_gender
from storyline.pipeline.analyze.speaker_places import known_place
from storyline.pipeline.analyze.speaker_issuers import (
    MADE_WORKS,
    OWN_RULES,
    document_before,
    issuer,
    own_issuer,
    reporter_before,
)
from storyline.pipeline.analyze.speaker_lexicon import (
    BODY_NOUNS,
    DOCUMENT_NOUNS,
    GROUP_WORDS,
    OFFICE_NOUNS,
    PERSON_NOUNS,
    PRONOUNS,
    ROLE_ONLY_NOUNS,
    ROLE_WORD,
)

# "the senator", "this Florida Democrat", "The 43-year-old former congressman": one, known
_DEFINITE = re.compile(r"(?:the|this|that)\s+(?:[\w.'’-]+\s+){0,6}?(?P<noun>\w[\w-]*)", re.I)
# what joins two people named together: "Smith and Arata", "Smith, Lee and Defense Secretary Arata"
_TOGETHER = re.compile(r"\s*(?:,|and|&|,\s*and)\s+(?:(?-i:[A-Z][\w.-]*)\s+){0,4}|\s*(?:,|and|&|,\s*and)\s*")
# "the top envoy and defense chief", "the president and the first lady": two people, named together before
_TWO_ROLES = re.compile(r"the\s+(?:[\w.'’-]+\s+){0,4}?(?P<a>[a-z][\w-]*)\s+and\s+(?:the\s+)?(?:[\w.'’-]+\s+){0,3}?"
                        r"(?P<b>[a-z][\w-]*)", re.I)
# who speaks for a country, and how far after "China said" the text may name them
_VOICE = re.compile(r"\b(?:spokes(?:man|woman|person)|ministry|minister|official|ambassador|envoy)\b")
_VOICE_WINDOW = 600
# "a spokesman for", "an adviser to the Rev.": a person named after these words is whose the speaker is
_WHOSE_BEFORE = re.compile(r"\s(?:for|to)\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,4}$")
# "the base chief known as Bob", "a worker identified only as Maria": the name the person goes by
_KNOWN_AS = re.compile(r",?\s+(?:(?:known|identified)\s+(?:only\s+)?as|who\s+goes\s+by)\s+")
_REST_WINDOW = 60  # characters: how long the rest of a cut description before its apposition may be
# where a mention ends inside a name rather than before words that only follow it ("Lopez: Saying" of a
# headline): inside a word, or before a connecting word ("the American Federation| of Teachers")
_CUT_NAME = re.compile(r"\w\w|\w\s+(?:of|for|and|de|du|da|del|van|von|la|le)\s")
# the rest of a word cut at a hyphen: "-no" of "Kuk-no"
_HYPHENED = re.compile(r"(?:-[^\W_]+)+")
# a name that says whose the next words are ("Robert De Niro’s longtime makeup artist"): no one named together
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
# a name as a person or a body writes it: capitalised words ("Nefzi", "Matdos Santos"), not markup
_NAME_SHAPE = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}")
# the head nouns a description's words are read for (else the parse's head is)
_HEADS = PERSON_NOUNS | BODY_NOUNS | DOCUMENT_NOUNS | MADE_WORKS | {"campaign"}
# "her statement", "his campaign", "its website": the owner speaks
_OWNED = re.compile(r"(?P<owner>his|her|their|its)\s+(?:[\w'’-]+\s+){0,2}?(?P<noun>[a-z][\w-]*)", re.I)


# a name followed by words in lower case and then another name says whose or what the named one is:
# "Former Obama speechwriter Jon Favreau", "Latino Decisions researcher Sylvia Manzano"; not a phrase
# that joins or places ("Ted Cruz of Texas and Rand Paul", "Smith and Jones")
_BEFORE_NAME = re.compile(
    r"\s+(?:(?!(?:and|or|nor|of|from|in|at|for|with|to|on|by|who|whose|which|the|a|an|said|says)\b)"
    r"(?-i:[a-z][\w-]*)\s+){1,4}(?-i:[A-Z])")


class SpeakerResolver:
    """Resolves a speaker mention to a canonical name, from the entities before it."""

    def __init__(self, text: str, entities: list[Entity], quotes: QuoteIndex,
                 genders: dict[str, str] | None = None, doc: Doc | None = None) -> None:
        self.text = text
        self.genders = genders or {}  # canonical name → "m"/"f" where the article settles it
        self.doc = doc
        self.quotes = quotes
        outside = [e for e in entities if not quotes.inside(e.start)]
        self.people = [e for e in outside if e.label == "PERSON"]
        self.named = [e for e in entities if e.label in {"PERSON", "ORG", "GPE", "NORP", "FAC"}]
        self.bodies = [e for e in outside if e.label in {"ORG", "GPE", "FAC"}]
        self.spoken: list[tuple[int, str]] = []  # (where, canonical) of every speaker credited so far
        self.rule: str | None = None  # the rule that made the last resolution
        self._people_ranked: Antecedents | None = None
        self._bodies_ranked: Antecedents | None = None

    def _ranked(self, bodies: bool = False) -> Antecedents:
        """The ranker over people (or bodies), built on first need: most articles never ask."""
        if bodies:
            if self._bodies_ranked is None:
                self._bodies_ranked = Antecedents(self.text, self.doc, self.bodies, self.quotes, {}, set(), bodies=True)
            return self._bodies_ranked
        if self._people_ranked is None:
            others = {e.text for e in self.doc.ents if e.label_ != "PERSON"} if self.doc is not None else set()
            others |= {e.text for e in self.named if e.label != "PERSON"}
            titled = [e for e in self.named if e.label == "PERSON"]
            # the surname of a person named in full is that person wherever the model tagged it a body
            # ("the Sanders campaign" beside "Bernie Sanders"): somebody, even when two people bear it
            others -= {e.text.split()[-1] for e in titled if len(e.text.split()) > 1}
            untagged = self._untagged_surnames()
            people = sorted(self.people + untagged, key=lambda e: e.start) if untagged else self.people
            self._people_ranked = Antecedents(self.text, self.doc, people, self.quotes, self.genders, others,
                                              titled=titled, untagged={id(e) for e in untagged})
        return self._people_ranked

    def _untagged_surnames(self) -> list[Entity]:
        """Mentions of a person's surname the model left untagged ("Hollande denounced Trump"
        after "President François Hollande"), outside quotes and entities: candidates the ranker
        would otherwise never see. Only surnames one person of the article bears."""
        if self.doc is None:
            return []
        owners: dict[str, dict[str, str]] = {}  # surname → {first name folded: a full name}
        for person in self.people:
            words = person.canonical.split()
            if len(words) > 1 and words[-1][:1].isupper():
                owners.setdefault(words[-1], {})[fold(words[0])] = person.canonical
        wanted = {surname: next(iter(names.values())) for surname, names in owners.items() if len(names) == 1}
        if not wanted:
            return []
        covered = sorted((e.start, e.end) for e in self.named)
        starts = [a for a, _ in covered]
        found = []
        # the surnames found in the text, then checked as whole tokens: a regex scan, not a walk of every token
        pattern = r"\b(?:" + "|".join(sorted(map(re.escape, wanted), key=len, reverse=True)) + r")\b"
        for match in re.finditer(pattern, self.text):
            at = match.start()
            token = token_at(self.doc, at)
            if token.idx != at or len(token) != match.end() - at or token.ent_type_ or self.quotes.inside(at):
                continue
            i = bisect_right(starts, at) - 1
            if i >= 0 and covered[i][0] <= at < covered[i][1]:
                continue
            found.append(Entity(text=token.text, label="PERSON", canonical=wanted[token.text], start=at,
                                end=match.end()))
        return found

    def credit(self, start: int, speakers: list[str]) -> None:
        """Record that the mention at ``start`` credited a quote to ``speakers`` (salience for later pronouns)."""
        for name in speakers:
            self.spoken.append((start, name))

    def resolve(self, start: int, end: int) -> tuple[str | None, list[str]]:
        """``(speaker, speakers)`` for the mention at ``start:end``; :attr:`rule` says which rule chose."""
        hyphened = _HYPHENED.match(self.text, end)
        if hyphened:  # a mention cut inside a hyphenated name ("Colonel Lee Kuk" of "Lee Kuk-no") runs to its end
            end = hyphened.end()
        cut = next((e for e in self.named if start <= e.start < end < e.end), None)
        if cut is not None and _CUT_NAME.match(self.text, end - 1):
            end = cut.end  # "the American Federation" of "the American Federation of Teachers": the whole name
        speaker, speakers = self._resolve(start, end)
        if speakers and self.rule != "as_written":
            self.credit(start, speakers)
        return speaker, speakers

    def _resolve(self, start: int, end: int) -> tuple[str | None, list[str]]:
        mention = self.text[start:end]
        lowered = mention.lower()
        self.rule = None
        if mention.isupper() and len(mention) > 2:  # a transcript's "PENCE": the person surnamed so
            bearers = self._bearers(mention.split()[-1])
            if len(bearers) == 1:
                return self._found("transcript_label", bearers)
        inside = [e for e in self.named if e.start >= start and e.end <= end and not self._modifier(e, start, end)]
        people = list(dict.fromkeys(e.canonical for e in inside if e.label == "PERSON"))
        if people:
            return self._found("name", people)
        named = self._apposition(end)
        if named is None and not inside and lowered not in PRONOUNS and lowered not in GROUP_WORDS:
            named = self._apposition_after_rest(end)
        if named is not None:  # "Her spokesman, Ben Ortiz, said": the name the description gives
            return self._found("apposition", [named])
        bodies = list(dict.fromkeys(e.canonical for e in inside))
        if len(bodies) > 1 and re.search(r"\sand\s", mention):  # "Russia and China said"
            return self._found("bodies", bodies)
        if inside and inside[0].label == "GPE" and len(inside) == 1 \
                and re.fullmatch(r"(?:the\s+)?", self.text[start:inside[0].start], re.I) \
                and not self.text[inside[0].end:end].strip(" ,"):
            return self._country(inside[0], end)
        if inside:
            return self._found("body", [inside[0].canonical])
        if lowered in PRONOUNS:
            return self._pronoun(start, lowered)
        plural = re.fullmatch(r"(?:the|both)\s+(?:two\s+)?(?:two|\w+s)", lowered)
        if lowered in GROUP_WORDS or (plural and lowered.split()[-1] not in PERSON_NOUNS):
            group = self._last_group(start) or self._last_two(start, lowered)
            if group:
                return self._found("group", group)
            if lowered in GROUP_WORDS:
                return None, []
        two = _TWO_ROLES.fullmatch(mention.rstrip(" ,"))
        if two and {two.group("a").lower(), two.group("b").lower()} <= PERSON_NOUNS:
            group = self._last_group(start) or self._last_two(start, "the two")
            if group:
                return self._found("group_roles", group)
        found = self._description(start, mention)
        if found is not None:
            return found
        if lowered in {"it", "its"}:  # "…," it said: a document just named, else the body last in view
            document = document_before(self.doc, start, self.quotes) if self.doc is not None else None
            who = issuer(self.doc, self.text, start, document, self.named, self.quotes) if document else None
            if who:
                return self._found("it_document", [who])
            body = self._ranked(bodies=True).best(start, None, self.spoken)
            return self._found("it_body", [body]) if body else (None, [])
        if lowered in {"i", "we"}:
            return None, []
        # a surname or a first name the model did not tag: the one person of the article who bears it
        word = mention.split()[-1] if mention.split() else ""
        bearers = {e.canonical for e in self.people if e.canonical.split()[-1] == word}
        if mention[:1].isupper() and len(bearers) == 1:
            return self._found("surname", [bearers.pop()])
        firsts = {e.canonical for e in self.people if len(e.canonical.split()) > 1 and e.canonical.split()[0] == word}
        if mention[:1].isupper() and len(mention.split()) == 1 and len(firsts) == 1 and not bearers:
            return self._found("first_name", [firsts.pop()])  # "Jordan said" after "Jordan Stewart"
        self.rule = "as_written"
        return mention, [mention]

    def _country(self, country: Entity, end: int) -> tuple[str | None, list[str]]:
        """"China said …": a country speaks through someone. The spokesperson, minister or
        official of that country the text names next (within :data:`_VOICE_WINDOW` characters,
        "Chinese Foreign Ministry spokesman Zhao Lijian"), else nobody: a country is no speaker.
        A name the model took for a place that no gazetteer knows and the article never writes
        as one ("Nefzi said", "Tanden wrote") is a surname or a body's name: it speaks itself."""
        stem = country.canonical[:4].lower()
        for person in self.people:
            if not end <= person.start <= end + _VOICE_WINDOW:
                continue
            before = self.text[max(0, person.start - 60):person.start].lower()
            role = f"{person.role or ''} {before}".lower()
            if _VOICE.search(role) and stem in before:
                return self._found("country_voice", [person.canonical])
        if _NAME_SHAPE.fullmatch(country.canonical) and not known_place(country.canonical, self.text):
            return self._found("gpe_speaker", [country.canonical])
        self.rule = "country"
        return None, []

    def _found(self, rule: str, names: list[str]) -> tuple[str, list[str]]:
        self.rule = rule
        names = group_order(names)  # one group, one speaker string, in whatever order the text names it
        return " and ".join(names), names

    def _pronoun(self, start: int, lowered: str) -> tuple[str | None, list[str]]:
        """"he", "she", "his", "her": the best-ranked person before who agrees."""
        wanted = "f" if lowered in {"she", "her"} else "m" if lowered in {"he", "him", "his"} else None
        before = [e for e in self.people if e.end <= start and self._agrees(e.canonical, wanted)]
        described = self._described_since(before[-1].end if before else 0, start, wanted) if wanted else None
        if described is not None:  # "The governor was upbeat. "…," she said"
            return self._found("pronoun_described", [described])
        best = self._ranked().best(start, wanted, self.spoken)
        return self._found("pronoun", [best]) if best else (None, [])

    def _description(self, start: int, mention: str) -> tuple[str | None, list[str]] | None:
        """A definite description of a person or a body, a document, or a thing someone owns."""
        lowered = mention.lower()
        own = self._own_issuer(start, start + len(mention))
        if own is not None:  # "A Feb. 1 letter from the American Legion", "the ministry's statement"
            return self._found("document", [own])
        owned = _OWNED.fullmatch(mention.rstrip(" ,\xa0"))
        if owned:
            noun = owned.group("noun").lower()
            if noun in DOCUMENT_NOUNS or noun in {"campaign", "office"}:  # "her statement", "his office": the owner's words
                owner = owned.group("owner").lower()
                if owner in {"his", "her"}:
                    return self._pronoun(start, owner)
                if owner == "its":
                    body = self._ranked(bodies=True).best(start, None, self.spoken)
                    return self._found("owner_body", [body]) if body else None
            return None
        definite = _DEFINITE.fullmatch(mention.rstrip(" ,\xa0"))
        if definite is None:
            return None
        noun = definite.group("noun").lower()
        if noun not in _HEADS and self.doc is not None:  # "the order released Friday": the parse's head
            span = self.doc.char_span(start, start + len(mention.rstrip(" ,\xa0")), alignment_mode="expand")
            if span is not None and len(span) and span.root.lower_ in _HEADS:
                noun = span.root.lower_
        of = re.search(r"(\w[\w-]*)\s+(?:of|for|at)\s", mention)
        if of and of.group(1).lower() in PERSON_NOUNS:  # "the secretary of state", "the head of the agency"
            noun = of.group(1).lower()
        if re.fullmatch(r"\d+-year-old", noun):  # "the 43-year-old": a person
            noun = "person"
        if noun in MADE_WORKS and noun not in DOCUMENT_NOUNS:  # "the note" of "a note from Trump": who made it
            who = issuer(self.doc, self.text, start, noun, self.named, self.quotes, rules=OWN_RULES) \
                if self.doc is not None else None
            return self._found("document", [who]) if who else None
        if noun in DOCUMENT_NOUNS:
            if self.doc is None:
                return None
            who = issuer(self.doc, self.text, start, noun, self.named, self.quotes)
            if who:
                return self._found("document", [who])
            who = reporter_before(self.doc, start, self.named, self.quotes)
            return self._found("document_reporter", [who]) if who else None
        if noun == "campaign":  # "the Clinton campaign": the candidate's words (a named modifier)
            named = [e for e in self.people if start <= e.start and e.end <= start + len(mention)]
            if named:
                return self._found("campaign", [named[-1].canonical])
        if noun in BODY_NOUNS:
            whose = issuer(self.doc, self.text, start, noun, self.named, self.quotes, rules=("owner", "compound")) \
                if self.doc is not None else None
            if whose:  # "the Wall Street Journal editorial board" … "the editorial board writes"
                return self._found("description_owner", [whose])
            body = self._ranked(bodies=True).best(start, None, self.spoken, noun=noun, name_word=True,
                                                   name_words=self._modifier_nouns(start, start + len(mention)))
            return self._found("description_body", [body]) if body else None
        if noun in PERSON_NOUNS or noun == "person":
            if self._unnamed_before(start, noun):  # "A senior official said …" … "the official said"
                return None
            office = f"vice {noun}" if re.search(r"\b(?:vice|deputy)[\s-]+" + noun + r"\b", lowered) else noun
            best = self._ranked().best(start, title_gender(noun), self.spoken, noun=office,
                                       role_only=noun in ROLE_ONLY_NOUNS)
            if best is None and noun in OFFICE_NOUNS:
                # "Cruz warned …" … "the Texas senator said": an office holder the article names without
                # the title (the reader knows it); only someone it gives no other title
                best = self._ranked().best(start, title_gender(noun), self.spoken, noun=office, untitled=True)
                return self._found("description_untitled", [best]) if best else None
            return self._found("description", [best]) if best else None
        for body in reversed([e for e in self.bodies if e.end <= start]):  # "the embassy": the Norland Embassy
            if noun in body.canonical.lower().split():
                return self._found("description_body", [body.canonical])
        return None

    def _modifier_nouns(self, start: int, end: int) -> frozenset[str]:
        """The common nouns before a description's head ("news" of "the news outlet"): words a body's
        name may share ("Fox News"), as the head may ("the board" of "the Board of Elections")."""
        span = self.doc.char_span(start, end, alignment_mode="contract") if self.doc is not None else None
        if span is None or len(span) < 2:
            return frozenset()
        return frozenset(t.lower_ for t in span if t.pos_ == "NOUN" and t.i != span.root.i and t.is_lower)

    def _agrees(self, name: str, wanted: str | None) -> bool:
        """Whether a pronoun wanting gender ``wanted`` ("m", "f", None for any) can stand for ``name``."""
        return wanted is None or self.genders.get(name, wanted) == wanted

    def _described_since(self, since: int, start: int, wanted: str | None) -> str | None:
        """The person a sentence between ``since`` and ``start`` is about when it opens with
        that person's role ("The governor was upbeat."), and no name came after it."""
        opening = r"(?:^|(?<=[.!?]\s)|(?<=\n))The\s+([a-z]+)\b(?!['’])"  # not "The president's critics"
        for match in reversed(list(re.finditer(opening, self.text[since:start]))):
            bearers = [e for e in self.people if e.end <= since + match.start() and e.role
                       and e.role.lower().split()[-1] == match.group(1)
                       and self._agrees(e.canonical, wanted)]
            if bearers:
                return bearers[-1].canonical
        return None

    def _modifier(self, entity: Entity, start: int, end: int) -> bool:
        """A name that says whose the speaker is ("Smith's deputy"), or a place that says where
        the speaker is from: after a preposition ("the senator from Ohio") or before the noun
        ("the Ohio Democrat", "China's foreign ministry"), or a group one speaker belongs to
        ("another Florida Republican"). None of them is the speaker."""
        after = self.text[entity.end:end]
        if re.match(r"['’]s?\s+[^\W\d_]", after):
            return True
        if entity.label == "PERSON":  # "Trump campaign manager Kellyanne Conway", "one Obama insider"
            if _WHOSE_BEFORE.search(self.text, start, entity.start):
                return True  # "a spokesman for Senator Jane Arata", "an adviser to Trump": whose, not who
            return bool(re.match(r"\s+" + ROLE_WORD + r"\b", after)) or bool(_BEFORE_NAME.match(after)) \
                or bool(re.match(r"\s+(?!and\b|or\b|nor\b|himself\b|herself\b)(?-i:[a-z][\w-]*)\s*[,]?\s*$", after))
        before = self.text[start:entity.start]
        if entity.label in {"NORP", "ORG"}:
            last = self.text[start:end].split()[-1].lower().strip(",")
            if re.match(r"\s+(?-i:[a-z])", after) or (after.strip() and last in PERSON_NOUNS):
                return True  # "the Republican nominee", "the Senate Democratic leader": a word about the speaker
            if entity.label == "NORP" and not after.strip() \
                    and re.fullmatch(r"(?:the|this|that)\s+(?:[\w.'’-]+\s+){0,3}", before, re.I):
                return True  # "the Republican said": a person described by party
        if entity.label == "NORP":  # "another New Hampshire Republican": one of them, not the party
            return bool(re.match(r"(?:an?|one|another|some|many|several|two|three|most)\s", before, re.I))
        if entity.label != "GPE":
            return False
        return bool(re.search(r"\b(?:from|of|in|for)\s+(?:the\s+)?$", before)) \
            or bool(re.match(r"(?:['’]s)?\s+(?!and\b|or\b)[^\W\d_]", after))  # not "Russia and China"

    def _apposition(self, end: int) -> str | None:
        """The person named in apposition right after a mention: ", Ben Ortiz,"; or the name a
        description says the person goes by: "the base chief known as Bob"."""
        for person in self.people:
            if end < person.start <= end + 3 and re.fullmatch(r",\s*", self.text[end:person.start]) \
                    and self.text[person.end:person.end + 1] == ",":
                return person.canonical
            if end < person.start <= end + 30 and _KNOWN_AS.fullmatch(self.text, end, person.start):
                return person.canonical
        return None

    def _apposition_after_rest(self, end: int) -> str | None:
        """The person named in apposition after the rest of a description the mention was cut from:
        "the American| ambassador at the time, John E. Herbst.", "One| of the university's top
        executives, Michael Sexton,". The words between hold no verb, quotation mark or line break."""
        if self.doc is None:
            return None
        comma = self.text.find(",", end, end + _REST_WINDOW)
        if comma < 0 or re.search(r"[\n\"“”‘’«»]", self.text[end:comma]):
            return None
        person = next((p for p in self.people if comma < p.start <= comma + 3), None)
        if person is None or not re.fullmatch(r",\s*", self.text[comma:person.start]) \
                or not re.match(r"\s*(?:[,.;]|$)", self.text[person.end:person.end + 2]):
            return None
        rest = self.doc.char_span(end, comma, alignment_mode="expand")
        if rest is None or any(t.pos_ in {"VERB", "AUX"} for t in rest):
            return None
        return person.canonical

    def names_someone(self, start: int, end: int) -> bool:
        """Whether a named person or body lies within ``start:end``, or the surname of a
        person the article names ("Arata: …" in a headline the model left untagged)."""
        if any(e.start >= start and e.end <= end for e in self.named):
            return True
        words = self.text[start:end].split()
        return bool(words) and bool(self._bearers(words[-1]))

    def names_person(self, start: int, end: int) -> bool:
        """Whether a person of the article is named within ``start:end`` (by surname too)."""
        words = self.text[start:end].split()
        return any(e.start >= start and e.end <= end for e in self.people) or (
            bool(words) and bool(self._bearers(words[-1])))

    def _bearers(self, surname: str) -> list[str]:
        """The people of the article with this surname (any case when it is written in capitals)."""
        fold = str.upper if surname.isupper() else str
        return list(dict.fromkeys(e.canonical for e in self.people if fold(e.canonical.split()[-1]) == surname))

    def _own_issuer(self, start: int, end: int) -> str | None:
        """The issuer a document mention names itself: its owner or a "from"/"by" phrase."""
        if self.doc is None:
            return None
        return own_issuer(self.doc, start, end, self.named)

    def _unnamed_before(self, start: int, noun: str) -> bool:
        """Whether the last mention of ``noun`` before ``start`` is indefinite ("a senior official",
        "one aide") with no person named after it: the description is of someone unnamed."""
        found = None
        for match in re.finditer(r"\b(?:an?|one|another)\s+(?:[\w.'’-]+\s+){0,4}?" + re.escape(noun) + r"\b",
                                 self.text[max(0, start - 3000):start], re.I):
            found = max(0, start - 3000) + match.end()
        if found is None or self.quotes.inside(found - 1):
            return False
        return not any(found <= e.start < start and not self.quotes.inside(e.start) for e in self.people)

    def _whose_apposition(self, gap: str, person: Entity) -> bool:
        """Whether ``person`` follows a name only with a comma and says whose the next words are:
        "Ilona Herman, Robert De Niro’s longtime makeup artist" describes Herman; no pair."""
        return not re.search(r"\band\b|&", gap) and bool(_POSSESSIVE_AFTER.match(self.text, person.end))

    def _last_two(self, start: int, lowered: str) -> list[str] | None:
        """"Santos met Baker … the two said": the last two people named, for a mention that
        counts two ("the two", "both", "the pair"), when no pair was named together."""
        if not re.match(r"(?:the\s+two|both|the\s+pair|the\s+couple)\b", lowered):
            return None
        names = list(dict.fromkeys(e.canonical for e in reversed(self.people) if e.end <= start))[:2]
        return names[::-1] if len(names) == 2 else None

    def _last_group(self, start: int) -> list[str] | None:
        """The last people named together ("Smith and Arata", "Secretary Jane Smith and Defense
        Secretary Tom Arata") before ``start``."""
        before = [e for e in self.people if e.end <= start]
        for k in range(len(before) - 1, 0, -1):
            group = [before[k]]
            j = k
            while j > 0 and _TOGETHER.fullmatch(gap := self.text[before[j - 1].end:before[j].start]) \
                    and not self._whose_apposition(gap, before[j]):
                group.insert(0, before[j - 1])
                j -= 1
            names = list(dict.fromkeys(e.canonical for e in group))
            if len(names) >= 2:
                return names
        return None

"""From a speaker mention to a canonical speaker: a name, a pronoun, a group, a description."""

from __future__ import annotations

import re

from storyline.models import Entity
from storyline.pipeline.analyze.speaker_base import QuoteIndex
from storyline.pipeline.analyze.speaker_lexicon import GROUP_WORDS, PRONOUNS, ROLE_WORD


class SpeakerResolver:
    """Resolves a speaker mention to a canonical name, from the entities before it."""

    def __init__(self, text: str, entities: list[Entity], quotes: QuoteIndex,
                 genders: dict[str, str] | None = None) -> None:
        self.text = text
        self.genders = genders or {}  # canonical name → "m"/"f" where the article settles it
        outside = [e for e in entities if not quotes.inside(e.start)]
        self.people = [e for e in outside if e.label == "PERSON"]
        self.named = [e for e in entities if e.label in {"PERSON", "ORG", "GPE", "NORP", "FAC"}]
        self.bodies = [e for e in outside if e.label in {"ORG", "GPE", "FAC"}]

    def resolve(self, start: int, end: int) -> tuple[str | None, list[str]]:
        """``(speaker, speakers)`` for the mention at ``start:end``."""
        mention = self.text[start:end]
        lowered = mention.lower()
        if mention.isupper() and len(mention) > 2:  # a transcript's "PENCE": the person surnamed so
            bearers = self._bearers(mention.split()[-1])
            if len(bearers) == 1:
                return bearers[0], bearers
        inside = [e for e in self.named if e.start >= start and e.end <= end and not self._modifier(e, start, end)]
        people = list(dict.fromkeys(e.canonical for e in inside if e.label == "PERSON"))
        if people:
            return " and ".join(people), people
        named = self._apposition(end)
        if named is not None:  # "Her spokesman, Ben Ortiz, said": the name the description gives
            return named, [named]
        bodies = list(dict.fromkeys(e.canonical for e in inside))
        if len(bodies) > 1 and re.search(r"\sand\s", mention):  # "Russia and China said"
            return " and ".join(bodies), bodies
        if inside:
            return inside[0].canonical, [inside[0].canonical]
        before = [e for e in self.people if e.end <= start]
        if lowered in PRONOUNS:
            wanted = "f" if lowered in {"she", "her"} else "m" if lowered in {"he", "him", "his"} else None
            agreeing = [e for e in before if self._agrees(e.canonical, wanted)]
            described = self._described_since(agreeing[-1].end if agreeing else 0, start, wanted) if wanted else None
            if described is not None:  # "The governor was upbeat. "…," she said"
                return described, [described]
            if agreeing:  # the last person the pronoun can stand for
                return agreeing[-1].canonical, [agreeing[-1].canonical]
            return None, []
        if lowered in GROUP_WORDS or re.fullmatch(r"(?:the|both)\s+(?:two\s+)?(?:two|\w+s)", lowered):
            group = self._last_group(start) or self._last_two(start, lowered)
            if group:
                return " and ".join(group), group
            if lowered in GROUP_WORDS:
                return None, []
        if re.match(r"(?:the|this|that)\s", lowered):
            noun = lowered.split()[-1]
            for person in reversed(before):
                role = (person.role or "").lower()
                if role and (noun in role.split() or noun in {"official", "aide"}):
                    return person.canonical, [person.canonical]
            for body in reversed([e for e in self.bodies if e.end <= start]):
                if noun in body.canonical.lower().split():
                    return body.canonical, [body.canonical]
        if lowered in {"it", "i", "we"}:
            return None, []
        # a surname the model did not tag: the one person of the article who bears it
        bearers = {e.canonical for e in self.people if e.canonical.split()[-1] == mention.split()[-1]}
        if mention[:1].isupper() and len(bearers) == 1:
            only = bearers.pop()
            return only, [only]
        return mention, [mention]

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
        if entity.label == "PERSON":  # "Trump campaign manager Kellyanne Conway"
            return bool(re.match(r"\s+" + ROLE_WORD + r"\b", after))
        before = self.text[start:entity.start]
        if entity.label == "NORP":  # "another New Hampshire Republican": one of them, not the party
            return bool(re.match(r"(?:an?|one|another|some|many|several|two|three|most)\s", before, re.I))
        if entity.label != "GPE":
            return False
        return bool(re.search(r"\b(?:from|of|in|for)\s+(?:the\s+)?$", before)) \
            or bool(re.match(r"(?:['’]s)?\s+(?!and\b|or\b)[^\W\d_]", after))  # not "Russia and China"

    def _apposition(self, end: int) -> str | None:
        """The person named in apposition right after a mention: ", Ben Ortiz,"."""
        for person in self.people:
            if end < person.start <= end + 3 and re.fullmatch(r",\s*", self.text[end:person.start]) \
                    and self.text[person.end:person.end + 1] == ",":
                return person.canonical
        return None

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

    def _last_two(self, start: int, lowered: str) -> list[str] | None:
        """"Santos met Baker … the two said": the last two people named, for a mention that
        counts two ("the two", "both", "the pair"), when no pair was named together."""
        if not re.match(r"(?:the\s+two|both|the\s+pair|the\s+couple)\b", lowered):
            return None
        names = list(dict.fromkeys(e.canonical for e in reversed(self.people) if e.end <= start))[:2]
        return names[::-1] if len(names) == 2 else None

    def _last_group(self, start: int) -> list[str] | None:
        """The last people named together ("Smith and Arata") before ``start``."""
        before = [e for e in self.people if e.end <= start]
        for k in range(len(before) - 1, 0, -1):
            group = [before[k]]
            j = k
            while j > 0 and re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", self.text[before[j - 1].end:before[j].start]):
                group.insert(0, before[j - 1])
                j -= 1
            names = list(dict.fromkeys(e.canonical for e in group))
            if len(names) >= 2:
                return names
        return None

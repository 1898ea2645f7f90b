"""Which people of an article are "he" and which are "she", where the article says so.

spaCy's small English pipeline knows the gender of pronouns, not of names, and a list of
first names would be a guess about people it has never met. Guessing from the pronouns
near a name fails in political copy ("Clinton said he is unfit" is about her opponent),
so only what the article states is used: an honorific ("Mrs. Clinton", "Mr. Trump") or a
family or royal title ("his wife", "Queen"). Anyone else stays open to either pronoun.
"""

from __future__ import annotations

from storyline.models import Entity

_TITLE_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
                 "queen": "f", "princess": "f", "wife": "f", "mother": "f", "daughter": "f", "sister": "f",
                 "king": "m", "prince": "m", "husband": "m", "father": "m", "son": "m", "brother": "m"}


def genders(text: str, entities: list[Entity]) -> dict[str, str]:
    """Canonical name → "m" or "f" for the people whose own title says it (never both)."""
    seen: dict[str, set[str]] = {}
    for person in entities:
        if person.label != "PERSON":
            continue
        # the word right before the name ("Mr. Merrill"), the name's first word and the
        # role's ("wife Jane"): not every word of "spokesman for Mrs. Clinton"
        before = text[max(0, person.start - 12):person.start].split()[-1:]
        words = [*before, *person.text.split()[:1], *(person.role or "").split()[:1]]
        for word in words:
            if word.lower() in _TITLE_GENDER:
                seen.setdefault(person.canonical, set()).add(_TITLE_GENDER[word.lower()])
    return {name: found.pop() for name, found in seen.items() if len(found) == 1}

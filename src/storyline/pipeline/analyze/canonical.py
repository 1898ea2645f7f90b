"""One canonical name per person across the corpus.

Within an article :mod:`entities` already maps "Smith" to "Jane Smith" when the
article names her in full. Across articles two more things happen here:

- a bare surname ("Smith") takes the one full name the corpus knows with that
  surname; when the corpus knows two ("Jane Smith", "John Smith") it stays as it is;
- spellings of one full name ("Donald Trump", "Donald J. Trump") share one form:
  the most used, then the longest, then the first in alphabetical order.

The result does not depend on the order of the articles. Quote speakers are
renamed with their entities.

Within one story (:func:`story_names`, used by the brief) more can be merged,
because a story is about few people:

- titles and descriptors leave names: "Comedian Sarah Silverman", "Dr Guerras",
  "Rabbi Jonathan Blake" are Sarah Silverman, Guerras, Jonathan Blake. A leading
  word is a title when it is one of the title words of :mod:`entities`, an
  abbreviation or acronym ("Dr", "MVP"), or a word the story also prints in lower
  case before the same name ("comedian Sarah Silverman"); a name of two words or
  more is left, and never one that starts in lower case ("Bill de Blasio");
- one name written in two cases ("Zhao LIjian", "ZHAO LIJIAN", "Zhao Lijian") is one
  person, under its form in ordinary case (else the most used);
- a shorter form ("Trump", "Guerras") takes the one full name of the story that
  ends with it; when two people of the story share it, it stays as it is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from storyline.models import Article
from storyline.pipeline.analyze.entities import EXTRA_TITLES, HONORIFICS, ROLE_HEADS, ROLE_MODIFIERS, fold

# Title words seen before names that the role lists of :mod:`entities` do not hold (kept there).
_TITLE_WORDS = {w.rstrip(".") for w in ROLE_HEADS | ROLE_MODIFIERS | HONORIFICS} | EXTRA_TITLES
# Titles that may leave a bare surname behind ("Dr Guerras"); "Lady Gaga" keeps her name.
_SHORT_TITLES = {"mr", "mrs", "ms", "dr", "prof"}
_POSSESSIVE = re.compile(r"['’]s?$")
# An article joined to a surname ("al-Adnani" is "Adnani" in a later mention).
_PARTICLE = re.compile(r"^(?:al|el|ul|ad|ar|as|ash|at|az|an)-(?=\w)")


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
    apply_names(articles, canonical_names(articles), printed_only=True)


def apply_names(articles: Iterable[Article], mapping: dict[str, str], *, printed_only: bool = False) -> None:
    """Apply a renaming (:func:`canonical_names`' or :func:`story_names`') to ``articles``, in place.

    With ``printed_only`` (for corpus-wide names) a name is only given in an
    article that prints every word of it: across a corpus, a bare "Kim" must not
    become the "Jack Kim" of some unrelated article. Within one story
    (:func:`story_names`) the articles tell of the same people, and a surname
    takes the full name another article of the story gives it.
    """
    if not mapping:
        return
    for article in articles:
        if printed_only:
            own = _words_of(article)
            local = {old: new for old, new in mapping.items() if _words(new) <= own}
        else:
            local = mapping
        for entity in article.entities:
            if entity.label == "PERSON":
                entity.canonical = local.get(entity.canonical, entity.canonical)
        for quote in article.quotes:
            if quote.speakers:
                quote.speakers = group_order([local.get(s, s) for s in quote.speakers])
                quote.speaker = " and ".join(quote.speakers)


def group_order(names: list[str]) -> list[str]:
    """A group of speakers in one stable order, whatever order the text gives them in.

    "Blinken and Austin said" and "Austin and Blinken said" credit one group: the members
    sorted (case and accents aside) make one speaker string for both. One name stays as it is."""
    unique = list(dict.fromkeys(names))
    return sorted(unique, key=lambda name: (fold(name), name)) if len(unique) > 1 else unique


def _words(name: str) -> set[str]:
    return {w.lower().rstrip(".") for w in name.split()}


def _words_of(article: Article) -> set[str]:
    """Every word of the article's title and text, lower-cased (:func:`apply_names`'s guard)."""
    return printed_words(f"{article.title or ''} {article.text}")


def printed_words(text: str) -> set[str]:
    """Every word ``text`` prints, lower-cased: what a name given in it may be made of ("Niro’s" prints "niro")."""
    words = {w.lower().rstrip(".") for w in re.findall(r"[\w.'’-]+", text)}
    return words | {_POSSESSIVE.sub("", w) for w in words}


def printed(name: str, words: set[str]) -> bool:
    """Whether every word of ``name`` is among ``words`` (:func:`printed_words` of a text)."""
    return _words(name) <= words


def _strip_titles(name: str, texts: list[str]) -> str:
    """``name`` without the titles and descriptors before it, keeping two words or more."""
    tokens = name.split()
    while len(tokens) > 2 or (len(tokens) == 2 and tokens[0].rstrip(".").lower() in _SHORT_TITLES):
        head = tokens[0].rstrip(".")
        described = any(f"{head.lower()} {' '.join(tokens[1:])}" in text for text in texts)  # "comedian Sarah Silverman"
        if not (head.lower() in _TITLE_WORDS or described or (head.isupper() and len(head) > 1)) or tokens[1][:1].islower():
            break
        tokens = tokens[1:]
    return " ".join(tokens)


def _odd_case(name: str) -> int:
    """How many words of ``name`` are not in ordinary case ("LIjian", "ZHAO"): 0 for "Zhao Lijian"."""
    return sum(not (w[:1].isupper() and (w[1:].islower() or not w[1:].isalpha())) for w in name.split())


def story_names(articles: Iterable[Article]) -> dict[str, str]:
    """The renaming ``{canonical: name in the story}`` of the people of one story.

    Titles and descriptors are stripped; a shorter form takes the one full name of
    the story it ends ("Trump" → "Donald Trump") when only one person of the story
    has that ending. Independent of the order of ``articles``.
    """
    articles = list(articles)
    counts: Counter[str] = Counter()
    for article in articles:
        for entity in article.entities:
            if entity.label == "PERSON":
                counts[entity.canonical] += 1
    texts = [a.text for a in articles]
    stripped = {name: _strip_titles(name, texts) for name in counts}
    by_case: dict[str, Counter[str]] = {}
    for name, n in counts.items():
        by_case.setdefault(stripped[name].casefold(), Counter())[stripped[name]] += n
    cased = {form: min(forms, key=lambda f: (_odd_case(f), -forms[f], f))
             for forms in by_case.values() for form in forms}
    stripped = {name: cased[form] for name, form in stripped.items()}
    names: Counter[str] = Counter()
    for name, n in counts.items():
        names[stripped[name]] += n
    mapping = dict(stripped)

    def words(name: str) -> list[str]:
        return [_PARTICLE.sub("", w) for w in name.lower().split()]

    for short in names:
        tail = words(short)
        fuller = [n for n in names if len(words(n)) > len(tail) and words(n)[-len(tail):] == tail
                  and not n.split()[-1].islower() and not re.search(r"['’]s\b", n)]
        if fuller and len({_key(n) for n in fuller}) == 1:
            best = min(fuller, key=lambda n: (-names[n], -len(n.split()), n))
            for name, target in mapping.items():
                if target == short:
                    mapping[name] = best
    return {old: new for old, new in mapping.items() if old != new}

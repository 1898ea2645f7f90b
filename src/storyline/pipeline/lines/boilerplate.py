"""Per-outlet boilerplate memory: lines an outlet repeats across its articles are junk for that outlet.

Sign-up prompts, taglines ("For more neighborhood news, listen to …"),
copyright lines and verification notices read like prose, so a line model
that sees one article keeps them; across an outlet's articles they give
themselves away by repeating word for word. This module is pure: it turns
lines into stable hashes, counts in how many articles of an outlet each
hash stands (``BoilerplateMemory.learn``, one article at a time or a whole
batch in one pass with ``learn_batch``), and decides which lines of an
article are repeated boilerplate (``boilerplate_flags``). Where the counts
live (memory, the store's tables) is the caller's business: they are plain
``(outlet, line hash) → number of articles`` and ``outlet → number of
articles``.

A line is boilerplate for an outlet when it stands in at least
``MIN_ARTICLES`` of the outlet's articles (the article judged included) and
in at least ``MIN_SHARE`` of them. A line carrying a quotation with a
reporting verb is never boilerplate: the same quote in several articles of
one outlet is news repeated, not furniture.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from storyline.models import Article
from storyline.pipeline.lines.shapes import has_reported_quote

# How many articles of one outlet a line must stand in, the judged article included (three
# sightings: two could be one story and its update).
MIN_ARTICLES = 3
# And what share of the outlet's articles: a line in 3 of 5,000 articles is a coincidence of wording.
MIN_SHARE = 0.02
# Reason recorded for a line this module removes.
REASON = "outlet boilerplate"
_WORD = re.compile(r"\w+", re.UNICODE)
# Years only: "© 2019" and "© 2020" are one footer, but "fell 200 points" and "fell 300 points" are news.
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def line_hash(line: str) -> str:
    """A stable 16-hex-digit hash of a line's words (case, punctuation and years aside:
    "© 2019 The X" and "© 2020 The X" are one line). Empty for a line without words."""
    words = _WORD.findall(_YEAR.sub("0", line.casefold()))
    if not words:
        return ""
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).hexdigest()


def line_hashes(lines: Iterable[str]) -> list[str]:
    """``line_hash`` of each line, in order."""
    return [line_hash(line) for line in lines]


def article_lines(article: Article) -> list[str]:
    """The lines of an article that count towards its outlet's memory: its body paragraphs and removed lines."""
    return [p for p in article.text.split("\n\n") if p.strip()] + list(article.removed)


def outlet_key(outlet: str | None) -> str | None:
    """The outlet a memory is kept under: the name case- and space-folded; ``None`` for an unknown outlet."""
    if not outlet or not outlet.strip():
        return None
    return " ".join(outlet.casefold().split())


def boilerplate_flags(lines: list[str], counts: Mapping[str, int], n_articles: int,
                      min_articles: int = MIN_ARTICLES, min_share: float = MIN_SHARE) -> list[bool]:
    """Which of an article's lines are its outlet's boilerplate.

    ``counts`` maps a line hash to the number of the outlet's articles it stands in and
    ``n_articles`` is the number of the outlet's articles, both counting the judged article
    itself (learn it first). Lines carrying a reported quotation are never flagged.
    """
    flags = []
    for line in lines:
        key = line_hash(line)
        seen = counts.get(key, 0) if key else 0
        flags.append(seen >= min_articles and seen >= min_share * max(1, n_articles) and not has_reported_quote(line))
    return flags


@dataclass(slots=True)
class BoilerplateMemory:
    """Line-hash counts per outlet, learned from articles; a plain in-memory form of what a store keeps."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    articles: Counter[str] = field(default_factory=Counter)

    def learn(self, outlet: str | None, lines: Iterable[str]) -> None:
        """Count one article of ``outlet``: each distinct line once. An unknown outlet teaches nothing."""
        key = outlet_key(outlet)
        if key is None:
            return
        self.articles[key] += 1
        self.counts.setdefault(key, Counter()).update({h for h in line_hashes(lines) if h})

    @classmethod
    def learn_batch(cls, articles: Iterable[Article]) -> BoilerplateMemory:
        """A memory learned from a batch of articles in one pass (each under its ``outlet``)."""
        memory = cls()
        for article in articles:
            memory.learn(article.outlet, article_lines(article))
        return memory

    def flags(self, outlet: str | None, lines: list[str]) -> list[bool]:
        """``boilerplate_flags`` for lines of an article of ``outlet`` (already learned)."""
        key = outlet_key(outlet)
        if key is None:
            return [False] * len(lines)
        return boilerplate_flags(lines, self.counts.get(key, Counter()), self.articles[key])


def paragraphs_to_cut(article: Article, counts: Mapping[str, int], n_articles: int) -> list[bool] | None:
    """Per body paragraph of ``article`` (blank-line separated, blank ones skipped), whether it is its
    outlet's boilerplate; ``None`` when nothing is to be cut: no paragraph flagged, or every one
    (the body is never emptied). ``counts`` and ``n_articles`` as for ``boilerplate_flags``."""
    paragraphs = [p for p in article.text.split("\n\n") if p.strip()]
    flags = boilerplate_flags(paragraphs, counts, n_articles)
    return flags if any(flags) and not all(flags) else None


def strip_boilerplate(article: Article, counts: Mapping[str, int], n_articles: int) -> Article:
    """The article's text less the body paragraphs that are its outlet's boilerplate, moved to
    ``removed`` (the text only: for comparing articles; ``excise.excise_paragraphs`` also moves
    an article's analyses). The article itself when nothing is cut (``paragraphs_to_cut``)."""
    flags = paragraphs_to_cut(article, counts, n_articles)
    if flags is None:
        return article
    paragraphs = [p for p in article.text.split("\n\n") if p.strip()]
    kept = [p for p, f in zip(paragraphs, flags) if not f]
    dropped = [p for p, f in zip(paragraphs, flags) if f]
    return replace(article, text="\n\n".join(kept), removed=list(article.removed) + dropped)

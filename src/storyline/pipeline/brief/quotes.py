"""Quotes merged across outlets: each distinct quote once, with its wording variants.

Two printed quotes are one quote when their words agree once case, quote marks,
apostrophes and punctuation are set aside; when one is a run of the other's
words (an outlet quoting the first sentence of a longer quote); or when they
share most of their words (a rewording). The main form is the full quote when
the others are fragments of it, else the earliest article's wording; every
other wording an article prints is kept verbatim as a variant.
"""

from __future__ import annotations

import difflib

import numpy as np

from storyline.models import Article, BriefQuote, QuoteChange
from storyline.pipeline.brief.body import normal_words
from storyline.pipeline.brief.overlap import shared_words
from storyline.pipeline.link.components import components

SAME_QUOTE = 0.6  # word-set Jaccard at which two quotes are one quote in different words
MIN_FRAGMENT = 4  # a run this long of a longer quote's words is a fragment of it


def words(text: str) -> list[str]:
    """The words of a quote, lower-cased, apostrophes unified, punctuation dropped."""
    return list(normal_words(text))


def same_quote(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two quotes (as :func:`normal_words`) are one quote: equal, one inside the other, or reworded."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= MIN_FRAGMENT and f" {' '.join(short)} " in f" {' '.join(long)} ":
        return True
    sa, sb = set(a), set(b)
    return min(len(sa), len(sb)) >= MIN_FRAGMENT and len(sa & sb) / len(sa | sb) >= SAME_QUOTE


def merge_quotes(articles: list[Article]) -> list[BriefQuote]:
    """Group the story's quotes (``articles`` in date order), each group once with its variants."""
    printed = [(article, quote, normal_words(quote.text)) for article in articles for quote in article.quotes]
    printed = [p for p in printed if len(set(p[2])) >= 2]
    normal = [p[2] for p in printed]
    pairs = [(i, j) for i, j in candidate_pairs(normal) if same_quote(normal[i], normal[j])]
    groups = []
    for indices in components(len(printed), pairs):
        main = _main_form(indices, [p[2] for p in printed])
        group = BriefQuote(printed[main][1].text, printed[main][1].speaker, [], [])
        for i in indices:
            article, quote, normal = printed[i]
            if article.id not in group.articles:
                group.articles.append(article.id)
            if quote.speaker and quote.speaker not in group.speakers:
                group.speakers.append(quote.speaker)
            group.speaker = group.speaker or quote.speaker
            if quote.text != group.text and quote.text not in group.variants:
                group.variants.append(quote.text)  # every wording an article carries, verbatim
            if normal != printed[main][2]:
                _add_change(group, quote.text, article.id)
        groups.append(group)
    return sorted(groups, key=lambda q: (-len(q.articles), q.text))


def candidate_pairs(normal: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """The pairs ``i < j`` (in order) that :func:`same_quote` can join: those sharing every word of the
    smaller word set (equal, or one inside the other) or a Jaccard share of ``SAME_QUOTE``.

    Counted for all pairs at once from a sparse quote-by-word matrix: a story's
    quotes are compared pairwise, and most pairs share no more than "the".
    """
    if len(normal) < 2:
        return []
    i, j, n, size = shared_words(normal)
    union = size[i] + size[j] - n
    # a superset of what same_quote joins (it decides): one word set inside the other, or Jaccard near the bar
    keep = (i < j) & ((n == np.minimum(size[i], size[j])) | (n >= SAME_QUOTE * union - 1e-9))
    return sorted(zip(i[keep].tolist(), j[keep].tolist()))


def _main_form(indices: list[int], normal: list[tuple[str, ...]]) -> int:
    """The wording every other one is a run of (a full quote and its fragments), else the earliest."""
    fullest = min(indices, key=lambda i: (-len(normal[i]), i))
    text = f" {' '.join(normal[fullest])} "
    if all(f" {' '.join(normal[i])} " in text for i in indices):
        return fullest
    return indices[0]


def _add_change(group: BriefQuote, variant: str, article_id: str) -> None:
    """Record how ``variant`` differs in words (not just marks or case) from the main form."""
    for change in group.changes:
        if normal_words(change.variant) == normal_words(variant):
            if article_id not in change.articles:
                change.articles.append(article_id)
            return
    main, other = words(group.text), words(variant)
    added: list[str] = []
    removed: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=main, b=other, autojunk=False).get_opcodes():
        if op in {"delete", "replace"}:
            removed.append(" ".join(main[i1:i2]))
        if op in {"insert", "replace"}:
            added.append(" ".join(other[j1:j2]))
    group.changes.append(QuoteChange(variant, [article_id], added, removed))

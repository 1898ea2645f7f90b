"""Quotes merged across outlets: each distinct quote once, with its wording variants."""

from __future__ import annotations

import difflib
import re

from storyline.models import Article, BriefQuote, QuoteChange

SAME_QUOTE = 0.6  # word-set Jaccard at which two quotes are one quote in different words


def words(text: str) -> list[str]:
    return re.findall(r"[\w’']+", text.lower())


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def merge_quotes(articles: list[Article]) -> list[BriefQuote]:
    """Group the story's quotes; the first wording seen (earliest article) is the main form."""
    groups: list[tuple[set[str], BriefQuote]] = []
    for article in articles:
        for quote in article.quotes:
            bag = set(words(quote.text))
            if len(bag) < 2:
                continue
            group = next((g for w, g in groups if _jaccard(bag, w) >= SAME_QUOTE or (bag <= w and len(bag) >= 4)), None)
            if group is None:
                group = BriefQuote(quote.text, quote.speaker, [], [])
                groups.append((bag, group))
            if article.id not in group.articles:
                group.articles.append(article.id)
            if quote.speaker and quote.speaker not in group.speakers:
                group.speakers.append(quote.speaker)
            group.speaker = group.speaker or quote.speaker
            if quote.text != group.text and quote.text not in group.variants:
                group.variants.append(quote.text)  # every wording an article carries, verbatim
            if _normal(quote.text) != _normal(group.text):
                _add_change(group, quote.text, article.id)
    return sorted((g for _, g in groups), key=lambda q: (-len(q.articles), q.text))


def _normal(text: str) -> str:
    return " ".join(words(text))


def _add_change(group: BriefQuote, variant: str, article_id: str) -> None:
    """Record how ``variant`` differs in words (not just marks or case) from the main form."""
    for change in group.changes:
        if _normal(change.variant) == _normal(variant):
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

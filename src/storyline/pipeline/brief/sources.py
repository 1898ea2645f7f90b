"""Per outlet: its articles, the agencies it credits, and what it alone reports.

A sentence is one outlet's alone when no article of another source carries it
(:class:`Evidence`: alike, or an echo, its words inside another's sentence or
most of it another's) nor says anything close to it. Articles whose outlet is unknown are
sources apart, each listed on its own and named by what a reader tells it by (:func:`unknown_source_name`):
two articles nobody names the outlet of are no more one source than any two articles.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from urllib.parse import urlsplit

import numpy as np

from storyline.models import Article, CitedText, SourceReport
from storyline.pipeline.brief.evidence import Evidence

UNIQUE_BELOW = 0.5  # a sentence with no counterpart this alike elsewhere is one outlet's alone
UNKNOWN = "(unknown outlet)"
TITLE_WORDS = 12  # a longer title is shortened to this many words in a source's name
OPENING_WORDS = 8  # an untitled, undated article is named by this many of its first words


def unknown_source_name(article: Article) -> str:
    """The name of an article's source when its outlet is unknown, after ``(unknown outlet)``: what a reader
    can tell it by, its address's host, else its title, else its byline, else "untitled article" with its
    date (when the article gives it; a date we estimated would mislead), else with its opening words ("(unknown outlet) example.com", "(unknown outlet) “Blinken, Austin
    travel to Tokyo …”", "(unknown outlet) untitled article, 14 March 2021"). Never its id: an id tells a
    reader nothing."""
    host = urlsplit(article.url).hostname if article.url else None
    if host:
        return f"{UNKNOWN} {host.removeprefix('www.')}"
    words = (article.title or "").split()
    if words:
        return f"{UNKNOWN} “{_shortened(words)}”"
    if article.byline and article.byline.strip():
        return f"{UNKNOWN} article by {' '.join(article.byline.split())}"
    day = None if article.published_estimated else _day(article.published)  # an estimate is ours, not the article's
    if day:
        return f"{UNKNOWN} untitled article, {day}"
    return f"{UNKNOWN} untitled, undated article beginning “{_shortened(article.text.split(), OPENING_WORDS)}”"


def _shortened(words: list[str], most: int = TITLE_WORDS) -> str:
    return " ".join(words[:most]) + (" …" if len(words) > most else "")


def _day(published: str | None) -> str | None:
    """An ISO publication date as a reader writes it ("14 March 2021"), or None."""
    try:
        when = date.fromisoformat((published or "")[:10])
    except ValueError:
        return None
    return f"{when.day} {when:%B %Y}"


def _source_names(articles: list[Article]) -> dict[str, str]:
    """Article id → the name of its source: its outlet, or one name per article of an unknown outlet (an id
    added where two would read alike: the same host without an outlet name is still told apart)."""
    names = {a.id: a.outlet or unknown_source_name(a) for a in articles}
    unknown = Counter(names[a.id] for a in articles if not a.outlet)
    for article in articles:
        if not article.outlet and unknown[names[article.id]] > 1:
            names[article.id] = f"{names[article.id]} ({article.id})"
    return names


def report_sources(evidence: Evidence) -> list[SourceReport]:
    """The contract's ``sources``: per source (an outlet; each article of an unknown outlet on its own), its
    articles, the agencies they credit, and the sentences no other source carries."""
    by_outlet: dict[str, SourceReport] = {}
    name_of = _source_names(evidence.articles)
    for article in evidence.articles:
        outlet = name_of[article.id]
        report = by_outlet.setdefault(outlet, SourceReport(outlet, []))
        report.articles.append(article.id)
        report.agencies.extend(a for a in article.agencies if a not in report.agencies)
    if len(by_outlet) < 2:
        return list(by_outlet.values())
    items, similarity = evidence.items, evidence.similarity
    # Articles of an unknown outlet are sources apart: "only here" means only in that article.
    sources = np.array(evidence.sources, dtype=object)
    # Per sentence, its best match in another source's articles (one matrix pass, not a loop per pair).
    elsewhere = sources[:, None] != sources[None, :]
    best_elsewhere = np.where(elsewhere, similarity, -np.inf).max(axis=1) if len(items) else np.zeros(0)
    for i, (item, best) in enumerate(zip(items, best_elsewhere)):
        carried = any(evidence.sources[j] != evidence.sources[i]
                      for j in (*evidence.carriers[i].values(), *evidence.echoes.get(i, ())))
        if best < UNIQUE_BELOW and not carried:
            by_outlet[name_of[item.article.id]].unique.append(CitedText(item.text, [item.citation()]))
    return sorted(by_outlet.values(), key=lambda s: s.outlet)

"""What clustering compares: hashed term counts, canonical entities, dates, shingles."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import HashingVectorizer

from storyline.models import Article
from storyline.pipeline.link.passages import MIN_WORDS
from storyline.pipeline.link.words import shingle_hashes, words

N_FEATURES = 2**18
# Hashing (not a fitted vocabulary) so an online index can weight any new article
# by document frequencies it keeps itself, and recluster can recompute them.
_VECTORIZER = HashingVectorizer(
    n_features=N_FEATURES, alternate_sign=False, norm=None, stop_words="english",
    ngram_range=(1, 1), lowercase=True, token_pattern=r"(?u)\b[^\W\d_][\w'-]+\b",
)
_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"}
TITLE_WEIGHT = 5  # headlines say what the story is: chosen on the benchmarks (3-5 all help)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(slots=True)
class ArticleFeatures:
    id: str
    title: str | None
    counts: csr_matrix  # 1 × N_FEATURES sublinear term counts, title counted TITLE_WEIGHT times
    entities: Counter[str]  # canonical name (lower-cased) → mentions
    day: date | None  # publication date, else a date the article mentions (see article_day)
    published: bool  # whether ``day`` is a publication date rather than a mentioned one
    event_days: frozenset[date]  # every full date the article's time expressions resolve to
    years: frozenset[int]  # every year those expressions name
    shingles: frozenset[int]  # word 8-gram hashes, the evidence of shared passages


def _mentioned_days(article: Article) -> list[date]:
    days = []
    for t in article.times:
        if t.type == "DATE" and _DAY.match(t.value):
            try:
                days.append(date.fromisoformat(t.value))
            except ValueError:
                continue
    return days


def article_day(article: Article) -> date | None:
    """The article's date: its publication date, else the median date it mentions."""
    if article.published:
        try:
            return date.fromisoformat(article.published[:10])
        except ValueError:
            pass
    days = sorted(_mentioned_days(article))
    return days[len(days) // 2] if days else None


def _years(article: Article) -> frozenset[int]:
    years = set()
    for t in article.times:
        if t.type == "DATE" and t.value[:4].isdigit() and t.value[4:5] in ("", "-"):
            years.add(int(t.value[:4]))
    return frozenset(years)


def features_of(article: Article) -> ArticleFeatures:
    """Everything clustering needs from one article, computed once."""
    title = article.title or ""
    counts = _VECTORIZER.transform(["\n".join([title] * TITLE_WEIGHT + [article.text])]).tocsr()
    counts.data = np.log1p(counts.data)  # sublinear term frequency
    published = bool(article.published) and article_day(article) is not None and not article.published_estimated
    return ArticleFeatures(
        id=article.id,
        title=article.title,
        counts=counts,
        entities=Counter(e.canonical.lower() for e in article.entities if e.label in _ENTITY_LABELS),
        day=article_day(article),
        published=published,
        event_days=frozenset(_mentioned_days(article)),
        years=_years(article),
        shingles=frozenset(shingle_hashes(words(article.text).tokens, MIN_WORDS)),
    )

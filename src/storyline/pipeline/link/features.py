"""What clustering compares: hashed term counts, canonical entities, a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import HashingVectorizer

from storyline.models import Article

N_FEATURES = 2**18
_VECTORIZER = HashingVectorizer(
    n_features=N_FEATURES, alternate_sign=False, norm=None, stop_words="english",
    ngram_range=(1, 1), lowercase=True,
)
_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}


@dataclass(slots=True)
class ArticleFeatures:
    id: str
    title: str | None
    counts: csr_matrix  # 1 × N_FEATURES term counts, title counted twice
    entities: frozenset[str]
    day: date | None


def article_day(article: Article) -> date | None:
    """The article's date: its publication date, else the median date it mentions."""
    if article.published:
        return date.fromisoformat(article.published[:10])
    days = sorted(
        date.fromisoformat(t.value) for t in article.times if t.type == "DATE" and len(t.value) == 10
    )
    return days[len(days) // 2] if days else None


def features_of(article: Article) -> ArticleFeatures:
    title = article.title or ""
    counts = _VECTORIZER.transform([f"{title}\n{title}\n{article.text}"]).tocsr()
    counts.data = np.log1p(counts.data)  # sublinear term frequency
    return ArticleFeatures(
        id=article.id,
        title=article.title,
        counts=counts,
        entities=frozenset(e.canonical.lower() for e in article.entities if e.label in _ENTITY_LABELS),
        day=article_day(article),
    )

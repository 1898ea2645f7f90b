"""Online story clustering over a time window.

Each article is compared with the stories whose dates fall within the window
of its own date (all stories when either date is unknown), by TF-IDF cosine
to the story's centroid plus a bonus for shared canonical entities, and joins
the best one above the threshold, or starts a new story.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from scipy.sparse import csr_matrix

from storyline.models import Article, Reject
from storyline.pipeline.base import Context, register
from storyline.pipeline.link.features import N_FEATURES, ArticleFeatures, features_of

ENTITY_WEIGHT = 0.15


@dataclass(slots=True)
class _StoryState:
    id: str
    members: list[ArticleFeatures] = field(default_factory=list)
    centroid: csr_matrix | None = None
    entities: Counter[str] = field(default_factory=Counter)
    first: date | None = None
    last: date | None = None

    def add(self, features: ArticleFeatures) -> None:
        self.members.append(features)
        self.centroid = features.counts if self.centroid is None else self.centroid + features.counts
        self.entities.update(features.entities)
        if features.day:
            self.first = min(filter(None, [self.first, features.day]))
            self.last = max(filter(None, [self.last, features.day]))


class StoryIndex:
    """The stories seen so far, with what is needed to place a new article."""

    def __init__(self, threshold: float, window_days: int) -> None:
        self.threshold = threshold
        self.window_days = window_days
        self.stories: dict[str, _StoryState] = {}
        self._df = np.zeros(N_FEATURES, dtype=np.float32)
        self._docs = 0

    def _idf(self) -> np.ndarray:
        return np.log((self._docs + 1) / (self._df + 1)) + 1

    def _weighted(self, counts: csr_matrix, idf: np.ndarray) -> csr_matrix:
        weighted = counts.multiply(idf).tocsr()
        norm = np.sqrt(weighted.multiply(weighted).sum())
        return weighted / norm if norm else weighted

    def _in_window(self, story: _StoryState, day: date | None) -> bool:
        if day is None or story.first is None:
            return True
        return (story.first - day).days <= self.window_days and (day - story.last).days <= self.window_days

    def score(self, features: ArticleFeatures, story: _StoryState, idf: np.ndarray) -> float:
        article_vec = self._weighted(features.counts, idf)
        centroid = self._weighted(story.centroid, idf)
        cosine = float(article_vec.multiply(centroid).sum())
        shared = sum(1 for e in features.entities if story.entities[e] * 2 >= len(story.members))
        return cosine + ENTITY_WEIGHT * min(shared, 3) / 3

    def restore(self, features: ArticleFeatures, story_id: str) -> None:
        """Re-add an article whose story was decided in an earlier run."""
        self._df[features.counts.indices] += 1
        self._docs += 1
        self.stories.setdefault(story_id, _StoryState(story_id)).add(features)

    def place(self, features: ArticleFeatures) -> str:
        """Add an article to the best story (or a new one) and return the story id."""
        self._df[features.counts.indices] += 1
        self._docs += 1
        idf = self._idf()
        best, best_score = None, self.threshold
        for story in self.stories.values():
            if not self._in_window(story, features.day):
                continue
            value = self.score(features, story, idf)
            if value > best_score:
                best, best_score = story, value
        if best is None:
            best = self.stories.setdefault("s" + features.id[1:], _StoryState("s" + features.id[1:]))
        best.add(features)
        return best.id

    def representative_title(self, story_id: str) -> str:
        """The headline of the member closest to the story's centroid."""
        story = self.stories[story_id]
        idf = self._idf()
        centroid = self._weighted(story.centroid, idf)
        titled = [m for m in story.members if m.title] or story.members
        best = max(titled, key=lambda m: (float(self._weighted(m.counts, idf).multiply(centroid).sum()), m.id))
        return best.title or "(untitled)"


@register
class Link:
    """Article → Article with ``story`` set, by online clustering against ``index``."""

    name = "link/1"
    requires = ("text", "title", "entities", "published")
    assigns = ("story",)

    def __init__(self, index: StoryIndex) -> None:
        self.index = index

    def run(self, records: Iterable[Article], ctx: Context) -> Iterator[Article | Reject]:
        for article in records:
            article.story = self.index.place(features_of(article))
            yield article

    def add_known(self, article: Article) -> None:
        """Put an already-stored article back into the index, in its stored story."""
        self.index.restore(features_of(article), article.story or "s" + article.id[1:])

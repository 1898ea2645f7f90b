"""Online story clustering: each new article joins the best existing story or starts one.

An article is compared only with *candidate* stories: those that share one of
its most weighted terms, one of its entities, or an 8-word passage, found
through inverted indexes whose posting lists keep the most recent stories only.
So placing an article costs time in proportion to its candidates, not to the
corpus. The score against a candidate is ``similarity.py``'s, with the story's
centroid standing for its members. Every per-story quantity is bounded (centroid
terms, entity counts) and its weighted form is cached, so a story that grows
costs no more to score; on 16,210 analysed Reuters articles (mostly) the last
thousand cost 1.16x the first per article, where rebuilding each candidate's
weights every time cost 2.25x. Lines an outlet repeats (``lines.boilerplate``)
are left out of what is compared, as in the corpus step. ``recluster.py`` gives the order-free result
over a whole set; this is the fast incremental approximation used on ingest.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from scipy.sparse import csr_matrix, vstack

from storyline.models import Article, Reject
from storyline.pipeline.base import Context, register
from storyline.pipeline.lines.boilerplate import BoilerplateMemory, article_lines, outlet_key, strip_boilerplate
from storyline.pipeline.link.features import N_FEATURES, ArticleFeatures, features_of
from storyline.pipeline.link.similarity import (
    ENTITY_WEIGHT, EVENT_DAY_BONUS, dot, entity_vector, passage_bonus, soften, span_time_factor, year_factor,
)

KEY_TERMS = 12  # an article's most weighted terms used to find candidate stories
KEY_ENTITIES = 8
POSTING_STORIES = 32  # stories kept per term / entity / shingle posting (the most recent)
# Only shingles whose hash is 0 mod SHINGLE_SAMPLE are indexed (the same ones in every
# article, so shared passages still meet); counts are scaled back up.
SHINGLE_SAMPLE = 8
# Stories scored per article, those sharing the most keys with it. Few, because the cost of
# placing an article grows with them until the cap is reached: 16 and 48 give the same online
# B-cubed F1 on Giveme5W1H and ECB+ 1-35 (file order and a shuffle), and with 16 the cap is
# reached within a stream's first hundred articles, so the cost per article stays flat after.
MAX_CANDIDATES = 16
# A story's centroid keeps its CENTROID_TERMS heaviest terms once it holds twice as many:
# a long-running story's vocabulary keeps growing, and without a cap the cost of scoring
# it would grow with it. The dropped tail is terms seen once or twice in a big story,
# which move its cosine with any article very little.
CENTROID_TERMS = 500
# A story's entity counts are pruned the same way, to its ENTITY_TERMS most mentioned.
ENTITY_TERMS = 100
# A story's weighted unit vectors (text and entities) are cached, and computed again when
# the story gains an article or the corpus has grown by this fraction since (IDF drifts
# slowly): scoring a candidate then costs the article's size, not the story's.
REWEIGH_GROWTH = 0.1
# The stories an article came close to joining (scored at least NEAR_FRACTION of the threshold;
# the NEAR_STORIES best): with the story it joined, what the corpus step after a run
# re-clusters in a big store, so that step's work follows the run's size, not the store's.
NEAR_FRACTION = 0.5
NEAR_STORIES = 3


class _LazyIdf:
    """IDF of just the term columns asked for: the full 2**18 vector per article would cost O(vocabulary)."""

    __slots__ = ("df", "docs")

    def __init__(self, df: np.ndarray, docs: int) -> None:
        self.df, self.docs = df, docs

    def __getitem__(self, columns: np.ndarray) -> np.ndarray:
        return np.log((self.docs + 1) / (self.df[columns] + 1)) + 1


class _EntityIdf:
    """Entity IDF computed on demand, so placing an article never walks every entity seen."""

    __slots__ = ("edf", "docs")

    def __init__(self, edf: Counter[str], docs: int) -> None:
        self.edf, self.docs = edf, docs

    def get(self, name: str, default: float) -> float:
        count = self.edf.get(name)
        return default if count is None else math.log((self.docs + 1) / (count + 1)) + 1


def _heaviest(row: csr_matrix, keep: int) -> csr_matrix:
    """The ``keep`` largest entries of a one-row matrix (ties broken by column: deterministic)."""
    order = np.lexsort((row.indices, -row.data))[:keep]
    order = order[np.argsort(row.indices[order])]  # back in column order, as CSR expects
    return csr_matrix((row.data[order], row.indices[order], [0, len(order)]), shape=row.shape)


@dataclass(slots=True)
class _Member:
    id: str
    title: str | None
    counts: csr_matrix


@dataclass(slots=True)
class _StoryState:
    id: str
    members: list[_Member] = field(default_factory=list)
    centroid: csr_matrix | None = None
    entities: Counter[str] = field(default_factory=Counter)
    years: set[int] = field(default_factory=set)
    named_days: set[date] = field(default_factory=set)  # full dates its members name (not their own publication day)
    first: date | None = None
    last: date | None = None
    # Cached by StoryIndex._weighed: the centroid's IDF-weighted unit vector (columns, values),
    # the entities' unit vector, and the corpus size they were weighted at (-1: not yet).
    unit_columns: np.ndarray | None = None
    unit_values: np.ndarray | None = None
    entity_unit: dict[str, float] = field(default_factory=dict)
    weighed_at: int = -1

    def add(self, features: ArticleFeatures) -> None:
        self.members.append(_Member(features.id, features.title, features.counts))
        self.centroid = features.counts if self.centroid is None else self.centroid + features.counts
        if self.centroid.nnz > 2 * CENTROID_TERMS:
            self.centroid = _heaviest(self.centroid.tocsr(), CENTROID_TERMS)
        self.entities.update(features.entities)
        if len(self.entities) > 2 * ENTITY_TERMS:
            self.entities = Counter(dict(sorted(self.entities.items(), key=lambda kv: (-kv[1], kv[0]))[:ENTITY_TERMS]))
        self.weighed_at = -1
        self.years.update(features.years)
        self.named_days.update(features.named_days)
        if features.day and features.published:
            self.first = min(filter(None, [self.first, features.day]))
            self.last = max(filter(None, [self.last, features.day]))


class StoryIndex:
    """The stories seen so far, with the indexes needed to place a new article."""

    def __init__(self, threshold: float, window_days: int) -> None:
        self.threshold = threshold
        self.window_days = window_days
        self.stories: dict[str, _StoryState] = {}
        self._df = np.zeros(N_FEATURES, dtype=np.float32)
        self._edf: Counter[str] = Counter()
        self._docs = 0
        self._postings: dict[object, dict[str, None]] = {}
        self._scratch = np.zeros(N_FEATURES)  # a dense copy of the article being placed, zero between uses
        self.near: dict[str, list[str]] = {}  # article placed → stories it joined or came close to (NEAR_*)

    # -- weights ------------------------------------------------------------

    def _idf(self) -> _LazyIdf:
        return _LazyIdf(self._df, self._docs)

    def _entity_idf(self) -> tuple[_EntityIdf, float]:
        return _EntityIdf(self._edf, self._docs), math.log(self._docs + 1) + 1

    @staticmethod
    def _unit(counts: csr_matrix, idf: _LazyIdf) -> csr_matrix:
        counts = counts.tocsr()
        data = counts.data * idf[counts.indices]
        norm = float(np.sqrt(np.dot(data, data)))
        return csr_matrix((data / norm if norm else data, counts.indices, counts.indptr), shape=counts.shape)

    def _weighed(self, story: _StoryState, idf: _LazyIdf, entity_idf: tuple[_EntityIdf, float]) -> _StoryState:
        """``story`` with its unit vectors cached (weighted now if it changed or the corpus grew enough)."""
        if story.weighed_at < 0 or self._docs > story.weighed_at * (1 + REWEIGH_GROWTH):
            unit = self._unit(story.centroid, idf)
            story.unit_columns, story.unit_values = unit.indices, unit.data
            story.entity_unit = entity_vector(story.entities, *entity_idf)
            story.weighed_at = self._docs
        return story

    def _cosines(self, article_vec: csr_matrix, stories: list[_StoryState]) -> np.ndarray:
        """Cosine of a unit article vector with each story's cached unit centroid, in one pass.

        Plain numpy over the candidates' concatenated index arrays: a scipy
        sparse product per candidate costs ~10 times more, most of it overhead.
        """
        result = np.zeros(len(stories))
        if not stories or not article_vec.nnz:
            return result
        scratch = self._scratch
        scratch[article_vec.indices] = article_vec.data
        owner = np.repeat(np.arange(len(stories)), [len(s.unit_columns) for s in stories])
        columns = np.concatenate([s.unit_columns for s in stories])
        values = np.concatenate([s.unit_values for s in stories])
        result = np.bincount(owner, weights=values * scratch[columns], minlength=len(stories))
        scratch[article_vec.indices] = 0.0
        return result

    # -- indexes ------------------------------------------------------------

    def _keys(self, features: ArticleFeatures, idf: _LazyIdf) -> list[object]:
        weights = features.counts.data * idf[features.counts.indices]
        order = np.lexsort((features.counts.indices, -weights))[:KEY_TERMS]
        keys: list[object] = [("t", int(features.counts.indices[i])) for i in order]
        edf = self._edf
        ents = sorted(features.entities, key=lambda e: (edf[e], e))[:KEY_ENTITIES]
        keys += [("e", e) for e in ents]
        keys += [("p", h) for h in sorted(h for h in features.shingles if h % SHINGLE_SAMPLE == 0)]
        return keys

    def _index(self, story_id: str, keys: list[object]) -> None:
        for key in keys:
            posting = self._postings.get(key)
            if posting is None:
                posting = self._postings[key] = {}
            posting.pop(story_id, None)  # re-insert: a dict keeps insertion order, newest last
            posting[story_id] = None
            if len(posting) > POSTING_STORIES:
                del posting[next(iter(posting))]

    def _count(self, features: ArticleFeatures) -> None:
        self._df[features.counts.indices] += 1
        self._edf.update(set(features.entities))
        self._docs += 1

    # -- placing --------------------------------------------------------------

    def score(self, features: ArticleFeatures, story: _StoryState, cosine: float, article_ents: dict[str, float],
              shared_shingles: int) -> float:
        """Similarity of an article to a story (see similarity.py), given the cosine of their texts."""
        value = cosine + ENTITY_WEIGHT * dot(article_ents, story.entity_unit) + passage_bonus(shared_shingles)
        if story.named_days and not story.named_days.isdisjoint(features.named_days):
            value += EVENT_DAY_BONUS
        day = features.day if features.published else None
        time = soften(span_time_factor(day, story.first, story.last, self.window_days), value)
        article_span = (day.year, day.year) if day else None
        story_span = (story.first.year, story.last.year) if story.first and story.last else None
        return value * time * year_factor(features.years, story.years, article_span, story_span)

    def candidates(self, keys: list[object]) -> dict[str, int]:
        """The MAX_CANDIDATES stories sharing the most keys with the article → shingles they share.

        Ranking by shared keys and keeping the best few bounds the work per article
        once posting lists are full, whatever the size of the corpus.
        """
        hits: Counter[str] = Counter()
        shingles: Counter[str] = Counter()
        for key in keys:
            posting = self._postings.get(key)
            if posting:
                hits.update(posting.keys())  # counts a posting's stories in C, not one by one
                if key[0] == "p":  # type: ignore[index]
                    shingles.update(posting.keys())
        best = sorted(hits, key=lambda s: (-hits[s], s))[:MAX_CANDIDATES]
        return {s: SHINGLE_SAMPLE * shingles[s] for s in best}

    def restore(self, features: ArticleFeatures, story_id: str) -> None:
        """Re-add an article whose story was decided in an earlier run."""
        self._count(features)
        self.stories.setdefault(story_id, _StoryState(story_id)).add(features)
        self._index(story_id, self._keys(features, self._idf()))

    def place(self, features: ArticleFeatures) -> str:
        """Add an article to the best candidate story (or a new one) and return the story id."""
        self._count(features)
        idf = self._idf()
        keys = self._keys(features, idf)
        entity_idf = self._entity_idf()
        article_vec = self._unit(features.counts, idf)
        article_ents = entity_vector(features.entities, *entity_idf)
        best, best_score = None, self.threshold
        candidates = sorted(self.candidates(keys).items())
        stories = [self._weighed(self.stories[story_id], idf, entity_idf) for story_id, _ in candidates]
        cosines = self._cosines(article_vec, stories)
        close: list[tuple[float, str]] = []
        for story, (_, shared), cosine in zip(stories, candidates, cosines):
            value = self.score(features, story, float(cosine), article_ents, shared)
            if value >= NEAR_FRACTION * self.threshold:
                close.append((-value, story.id))
            if value > best_score:
                best, best_score = story, value
        if best is None:
            new_id = "s" + features.id[1:]
            best = self.stories.setdefault(new_id, _StoryState(new_id))
        best.add(features)
        self._index(best.id, keys)
        self.near[features.id] = [best.id] + [s for _, s in sorted(close)[:NEAR_STORIES] if s != best.id]
        return best.id

    def representative_title(self, story_id: str) -> str:
        """The headline of the member closest to the story's centroid."""
        story = self.stories[story_id]
        idf = self._idf()
        centroid = self._unit(story.centroid, idf)
        titled = [m for m in story.members if m.title] or story.members
        # One sparse product over all members (row-normalised) rather than one per member:
        # this runs for every article placed, and big stories have hundreds of members.
        rows = vstack([m.counts for m in titled]).tocsr()
        rows.data = rows.data * idf[rows.indices]
        norms = np.sqrt(np.asarray(rows.multiply(rows).sum(axis=1)).ravel())
        scores = np.asarray((rows @ centroid.T).todense()).ravel()
        np.divide(scores, norms, out=scores, where=norms > 0)
        best = max(range(len(titled)), key=lambda i: (float(scores[i]), titled[i].id))
        return titled[best].title or "(untitled)"


@register
class Link:
    """Article → Article with ``story`` set, by online clustering against ``index``."""

    name = "link/6"
    requires = ("text", "title", "entities", "times", "published")
    assigns = ("story",)

    def __init__(self, index: StoryIndex) -> None:
        self.index = index
        # Features of the articles placed or put back, as they are (what the corpus step after
        # reuses: its boilerplate is learned over its own region, so it must not get these runs'
        # stripping). Those of the stored articles put back spare the corpus step computing them
        # again for the region it re-clusters, which is most of the store while it is small.
        self.features: dict[str, ArticleFeatures] = {}
        self.boilerplate = BoilerplateMemory()  # the outlets' repeated lines, learned as articles arrive

    def _placing(self, article: Article, features: ArticleFeatures) -> ArticleFeatures:
        """``features`` less the lines the article's outlet has repeated so far (boilerplate_flags).

        Taglines and sign-up prompts an outlet prints under every article would
        otherwise link its unrelated articles, as in the corpus step.
        """
        self.boilerplate.learn(article.outlet, article_lines(article))
        key = outlet_key(article.outlet)
        if key is None:
            return features
        stripped = strip_boilerplate(article, self.boilerplate.counts[key], self.boilerplate.articles[key])
        return features if stripped is article else features_of(stripped)

    def run(self, records: Iterable[Article], ctx: Context) -> Iterator[Article | Reject]:
        for article in records:
            features = self.features[article.id] = features_of(article)
            article.story = self.index.place(self._placing(article, features))
            ctx.count("linked")
            yield article

    def add_known(self, article: Article, features: ArticleFeatures | None = None) -> None:
        """Put an already-stored article back into the index, in its stored story (``features``:
        its features as computed before, if they were kept)."""
        features = self.features[article.id] = features or features_of(article)
        self.index.restore(self._placing(article, features), article.story or "s" + article.id[1:])

"""Deterministic re-clustering of a whole set of articles into stories.

The online clusterer decides as articles arrive, so its result can depend on
their order. ``recluster`` looks at all articles at once and gives the same
stories whatever the order (articles are sorted by id first, and every step is
order-free):

1. First-order similarity (similarity.py: TF-IDF + entities + shared passages,
   scaled by time and year agreement), IDF taken over the whole set.
2. Each article keeps its ``neighbours`` most similar articles, less those under
   NEIGHBOUR_RATIO of its best one; the second-order similarity of two articles
   is the cosine of their neighbour rows. Articles of one story share
   neighbours; two events of the same kind (two earthquakes in one region) share
   vocabulary but not neighbourhoods, and this is what tells them apart (on ECB+
   it moves B-cubed F1 from ~0.89 to ~0.95). The ratio matters for small
   stories: an article of a three-article story would otherwise fill its row
   with weak neighbours from a nearby story and drag the two together (on
   Giveme5W1H it moves B-cubed precision from ~0.935 to ~0.96).
3. Average-linkage agglomerative clustering of the second-order similarity,
   cut at ``threshold``. It runs per connected component of the graph of pairs
   at or above the threshold, which an average-linkage cluster can never span,
   so no dense all-pairs matrix of the corpus is ever built.
4. A cluster is split where its members are not chained by first-order links of
   at least DIRECT_FLOOR: shared neighbourhoods mean little in a small set,
   where everything is everyone's neighbour.

Stories are named by ``storyids.name_stories``: a fresh story by its
earliest-published member, the one rule every path uses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix, diags, identity, vstack
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

from storyline.models import Article
from storyline.pipeline.link.features import ArticleFeatures, features_of, features_without_boilerplate
from storyline.pipeline.link.passages import MAX_CARRIERS
from storyline.pipeline.link.similarity import (
    ENTITY_WEIGHT,
    EVENT_DAY_BONUS,
    PASSAGE_BONUS,
    PASSAGE_FULL,
    STRONG_HIGH,
    STRONG_LOW,
    TIME_DECAY_DAYS,
    YEAR_MISMATCH,
    YEAR_SLACK,
)
from storyline.pipeline.link.storyids import name_stories

NEIGHBOURS = 8
NEIGHBOUR_RATIO = 0.3  # a neighbour less similar than this fraction of the row's best is dropped
THRESHOLD = 0.25
# Every article of a story must be chained to the others by first-order links of at least
# this much. In a small set (fewer articles than NEIGHBOURS) every row holds every article,
# and the self term of second_order makes any direct pair of first-order ~0.18 or more look
# like shared neighbours: the odd report of another occurrence joins the story. Chosen on
# small stores of ECB+ topics 1-20 (benchmarks/clustering_small.py) as the highest floor
# that leaves Giveme5W1H and ECB+ 1-35 as they were: small-store B-cubed .905 -> .911 on
# 1-20, .892 -> .899 on held-out 21-35 (0.2 does more on small stores but costs Giveme5W1H .013).
DIRECT_FLOOR = 0.15
WINDOW_DAYS = 14
_CHUNK = 512
# Largest component clustered as one dense matrix; a bigger one is cut at a
# stricter threshold first (8 bytes × 6000² ≈ 290 MB).
_MAX_DENSE = 6000


def normalize(matrix: csr_matrix) -> csr_matrix:
    """Rows scaled to unit length (all-zero rows stay zero), as sklearn's ``normalize`` without its import cost."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(diags(1.0 / norms) @ matrix)


def _tfidf(matrix: csr_matrix) -> csr_matrix:
    """``matrix`` (rows × hashed terms) with each stored value times its column's smoothed idf.

    Computed over the columns the rows use, not all 2**18 hashed ones: a story of
    three articles would otherwise pay for a quarter of a million idf values.
    """
    n = matrix.shape[0]
    _, column, df = np.unique(matrix.indices, return_inverse=True, return_counts=True)
    idf = np.log((n + 1) / (df + 1)) + 1
    return csr_matrix((matrix.data * idf[column], matrix.indices, matrix.indptr), shape=matrix.shape)


def _compact(matrix: csr_matrix) -> csr_matrix:
    """``matrix`` with only the columns its rows use, in their order: sums and products over
    rows come out the same, without dense vectors as wide as the hashed vocabulary."""
    used, column = np.unique(matrix.indices, return_inverse=True)
    return csr_matrix((matrix.data, column.astype(matrix.indices.dtype), matrix.indptr), shape=(matrix.shape[0], len(used)))


def _entity_matrix(features: Sequence[ArticleFeatures]) -> csr_matrix:
    names = sorted({e for f in features for e in f.entities})
    column = {e: i for i, e in enumerate(names)}
    rows, cols, vals = [], [], []
    for r, f in enumerate(features):
        for e, c in f.entities.items():
            rows.append(r)
            cols.append(column[e])
            vals.append(np.log1p(c))
    matrix = csr_matrix((vals, (rows, cols)), shape=(len(features), max(1, len(names))), dtype=np.float64)
    return normalize(_tfidf(matrix))


def _year_matrices(features: Sequence[ArticleFeatures]) -> tuple[csr_matrix, csr_matrix]:
    """Articles × the years they name, and articles × those of these years within YEAR_SLACK of their publication year."""
    years = sorted({y for f in features for y in f.years})
    column = {y: i for i, y in enumerate(years)}
    rows = [r for r, f in enumerate(features) for _ in f.years]
    cols = [column[y] for f in features for y in sorted(f.years)]
    shape = (len(features), max(1, len(years)))
    named = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
    around = [(r, column[y]) for r, f in enumerate(features) if f.day and f.published
              for y in range(f.day.year - YEAR_SLACK, f.day.year + YEAR_SLACK + 1) if y in column]
    rows, cols = [r for r, _ in around], [c for _, c in around]
    return named, csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)


def _day_matrix(features: Sequence[ArticleFeatures]) -> csr_matrix:
    """Articles × the full dates their text names other than their own publication day."""
    named = [sorted(f.named_days) for f in features]
    days = sorted({d for ds in named for d in ds})
    column = {d: i for i, d in enumerate(days)}
    rows = [r for r, ds in enumerate(named) for _ in ds]
    cols = [column[d] for ds in named for d in ds]
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(features), max(1, len(days))))


def _passage_pairs(features: Sequence[ArticleFeatures]) -> csr_matrix:
    """Shared 8-word shingles per article pair (a shingle carried by 2 to MAX_CARRIERS articles counts).

    The product of the article × shingle incidence matrix with itself, in
    scipy: pairing each shingle's carriers in Python cost a run's regroup two
    CPU-seconds on 6,000 Reuters articles.
    """
    n = len(features)
    sizes = [len(f.shingles) for f in features]
    hashes = np.fromiter((h for f in features for h in f.shingles), dtype=np.int64, count=sum(sizes))
    shingles, column, carriers = np.unique(hashes, return_inverse=True, return_counts=True)
    kept = (carriers[column] >= 2) & (carriers[column] <= MAX_CARRIERS)
    if not kept.any():
        return csr_matrix((n, n))
    docs = np.repeat(np.arange(n), sizes)[kept]
    incidence = csr_matrix((np.ones(len(docs), dtype=np.int64), (docs, column[kept])), shape=(n, len(shingles)))
    shared = (incidence @ incidence.T).tocoo()
    off = shared.row != shared.col
    return csr_matrix((shared.data[off], (shared.row[off], shared.col[off])), shape=(n, n))


def first_order_neighbours(
    features: Sequence[ArticleFeatures], window_days: int = WINDOW_DAYS, neighbours: int = NEIGHBOURS
) -> csr_matrix:
    """Sparse n × n matrix holding, per row, the ``neighbours`` highest first-order similarities."""
    n = len(features)
    counts = vstack([f.counts for f in features]).tocsr()
    text = normalize(_tfidf(counts))
    ents = _entity_matrix(features)
    years, around = _year_matrices(features)
    has_years = np.asarray(years.sum(axis=1)).ravel() > 0
    days = np.array([f.day.toordinal() if f.day and f.published else np.nan for f in features])
    placed = ~np.isnan(days)
    passages = _passage_pairs(features)
    event_days = _day_matrix(features)
    rows, cols, vals = [], [], []
    for r0 in range(0, n, _CHUNK):
        r1 = min(n, r0 + _CHUNK)
        sim = (text[r0:r1] @ text.T).toarray() + ENTITY_WEIGHT * (ents[r0:r1] @ ents.T).toarray()
        sim += PASSAGE_BONUS * np.minimum(1.0, passages[r0:r1].toarray() / PASSAGE_FULL)
        sim += EVENT_DAY_BONUS * np.minimum(1.0, (event_days[r0:r1] @ event_days.T).toarray())
        gap = np.abs(days[r0:r1, None] - days[None, :]) - window_days
        time = np.where(np.isnan(gap) | (gap <= 0), 1.0, np.clip(1.0 - gap / TIME_DECAY_DAYS, 0.0, 1.0))
        strength = np.clip((sim - STRONG_LOW) / (STRONG_HIGH - STRONG_LOW), 0.0, 1.0)
        sim *= time + (1.0 - time) * strength  # similarity.soften, vectorised
        shared_years = (years[r0:r1] @ years.T).toarray()
        mismatch = has_years[r0:r1, None] & has_years[None, :] & (shared_years == 0)
        # similarity.year_factor's second case: one side dated, the other undated and naming only years far from it
        near = (around[r0:r1] @ years.T).toarray() > 0  # the row is dated near a year the column names
        near_t = (years[r0:r1] @ around.T).toarray() > 0  # the column is dated near a year the row names
        far = (placed[r0:r1, None] & ~placed[None, :] & has_years[None, :] & ~near) | (
            ~placed[r0:r1, None] & has_years[r0:r1, None] & placed[None, :] & ~near_t)
        mismatch |= far & (shared_years == 0)
        sim *= np.where(mismatch, YEAR_MISMATCH, 1.0)
        sim[np.arange(r1 - r0), np.arange(r0, r1)] = 0.0
        k = min(neighbours, n - 1)
        if k <= 0:
            continue
        top = np.argpartition(-sim, k - 1, axis=1)[:, :k]
        best = np.take_along_axis(sim, top, axis=1)
        kept = (best > 0) & (best >= NEIGHBOUR_RATIO * sim.max(axis=1)[:, None])
        rows.append(r0 + np.nonzero(kept)[0])
        cols.append(top[kept])
        vals.append(best[kept])
    if not rows:
        return csr_matrix((n, n))
    return csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))


def second_order(knn: csr_matrix) -> csr_matrix:
    """Cosine of the (symmetrised, self-including) neighbour rows: shared neighbourhoods."""
    sym = knn.maximum(knn.T) + identity(knn.shape[0], format="csr")
    unit = normalize(sym.tocsr())
    return (unit @ unit.T).tocsr()


def _average_linkage(sim: np.ndarray, threshold: float) -> np.ndarray:
    dist = np.clip(1.0 - sim, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    return fcluster(tree, 1.0 - threshold, criterion="distance")


def _cluster_component(sim: csr_matrix, members: np.ndarray, threshold: float) -> list[np.ndarray]:
    if len(members) == 1:
        return [members]
    if len(members) > _MAX_DENSE:  # cut a giant component at a stricter threshold first
        sub = sim[members][:, members]
        strict = threshold + (1 - threshold) / 4
        graph = sub.multiply(sub >= strict)
        count, labels = connected_components(graph, directed=False)
        return [part for c in range(count) for part in _cluster_component(sim, members[labels == c], strict)]
    dense = sim[members][:, members].toarray()
    labels = _average_linkage((dense + dense.T) / 2, threshold)
    return [members[labels == c] for c in np.unique(labels)]


def cluster_features(
    features: Sequence[ArticleFeatures], window_days: int = WINDOW_DAYS,
    threshold: float = THRESHOLD, neighbours: int = NEIGHBOURS,
) -> list[list[str]]:
    """The clusters of ``features`` as lists of article ids (sorted by id here, so input order does not matter)."""
    features = sorted(features, key=lambda f: f.id)
    if not features:
        return []
    knn = first_order_neighbours(features, window_days, neighbours)
    sim = second_order(knn)
    graph = sim.multiply(sim >= threshold).tocsr()
    count, labels = connected_components(graph, directed=False)
    ids = [f.id for f in features]
    direct = knn.maximum(knn.T).tocsr()
    return [
        [ids[i] for i in chained]
        for c in range(count)
        for part in _cluster_component(sim, np.flatnonzero(labels == c), threshold)
        for chained in direct_chains(direct, part)
    ]


def direct_chains(direct: csr_matrix, members: np.ndarray, floor: float | None = None) -> list[np.ndarray]:
    """``members`` of one cluster, split where no chain of first-order links of at least ``floor`` joins them.

    ``direct`` holds the first-order similarities kept as neighbours (symmetric).
    See DIRECT_FLOOR for why a cluster needs them.
    """
    floor = DIRECT_FLOOR if floor is None else floor
    if len(members) == 1 or floor <= 0:
        return [members]
    sub = direct[members][:, members]
    count, labels = connected_components(sub.multiply(sub >= floor), directed=False)
    return [members[labels == c] for c in range(count)]


def recluster(
    articles: Sequence[Article], window_days: int = WINDOW_DAYS,
    threshold: float = THRESHOLD, neighbours: int = NEIGHBOURS,
) -> dict[str, str]:
    """Article id → story id for all ``articles``; the result does not depend on their order."""
    unique = {a.id: a for a in articles}
    ordered = [unique[i] for i in sorted(unique)]
    known = features_without_boilerplate(ordered)
    clusters = cluster_features([known[a.id] for a in ordered], window_days, threshold, neighbours)
    return name_stories(clusters, {}, declared_dates(unique.values())).assignment


def declared_dates(articles: Iterable[Article]) -> dict[str, str | None]:
    """Article id → its declared publication date (None when missing or estimated): what names a story."""
    return {a.id: None if a.published_estimated else a.published for a in articles}


def representative_titles(
    articles: Sequence[Article], assignment: dict[str, str], features: Mapping[str, ArticleFeatures] | None = None,
) -> dict[str, str]:
    """Story id → the headline of the member closest to the story's TF-IDF centroid (ties: smallest id).

    Term weights come from the story's own members, so a story's title depends
    on the story alone: ingest (which re-clusters a region of the store) and
    batch (which titles each story in its shard) pick the same one.
    ``features`` may hold the articles' features already computed (by id).
    """
    ordered = sorted({a.id: a for a in articles}.values(), key=lambda a: a.id)
    known = features or {}
    members: dict[str, list[Article]] = defaultdict(list)
    for a in ordered:
        members[assignment.get(a.id, "s" + a.id[1:])].append(a)
    titles: dict[str, str] = {}
    for story, group in sorted(members.items()):
        if len(group) == 1:  # a story of one: its own headline, no centroid to compute
            titles[story] = group[0].title or "(untitled)"
            continue
        counts = vstack([(known[a.id] if a.id in known else features_of(a)).counts for a in group]).tocsr()
        unit = normalize(_tfidf(_compact(counts)))
        titled = [i for i, a in enumerate(group) if a.title] or list(range(len(group)))
        centroid = np.asarray(unit.sum(axis=0)).ravel()
        closeness = unit[titled] @ centroid
        best = max(range(len(titled)), key=lambda j: (float(closeness[j]), -titled[j]))
        titles[story] = group[titled[best]].title or "(untitled)"
    return titles

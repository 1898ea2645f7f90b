"""Connected components of a graph given as pairs: the one rule for "these belong together"."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components


def components(n: int, pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """The components of nodes ``0..n-1`` joined by ``pairs``, each in index order, ordered by their first node."""
    edges = list(pairs)
    if n == 0:
        return []
    rows = np.array([a for a, _ in edges], dtype=np.int64)
    cols = np.array([b for _, b in edges], dtype=np.int64)
    graph = coo_matrix((np.ones(len(edges)), (rows, cols)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = {}
    for node, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(node)
    return list(groups.values())

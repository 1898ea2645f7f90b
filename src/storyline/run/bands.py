"""The LSH band shuffle: (band key, article id) pairs partitioned, then grouped into buckets.

Kept apart from the rest of the runner, with no model or pipeline imports, so
that a fresh worker process running these tasks starts in well under a second.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def bucket_pairs(ids: Iterable[str]) -> list[tuple[str, str]]:
    """Every candidate pair among the articles of one LSH bucket, smaller id first."""
    members = sorted(set(ids))
    return [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]


def partition_bands(path: str, parts: int) -> Any:
    """Map side: one signature file's (band key, article id) pairs, split into ``parts`` by key.

    Returns the list of partitions, or the only partition when ``parts`` is 1
    (Ray splits a returned list into ``num_returns`` objects only when that is > 1).
    """
    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=["article_id", "bands"]).to_pydict()
    out: list[list[tuple[int, str]]] = [[] for _ in range(parts)]
    for article_id, keys in zip(table["article_id"], table["bands"]):
        for key in keys:
            out[key % parts].append((key, article_id))
    return out if parts > 1 else out[0]


def group_bands(*pieces: list[tuple[int, str]]) -> list[tuple[str, str]]:
    """Reduce side: the candidate pairs of every bucket of one partition, sorted."""
    buckets: dict[int, list[str]] = {}
    for piece in pieces:
        for key, article_id in piece:
            buckets.setdefault(key, []).append(article_id)
    return sorted({p for ids in buckets.values() if len(ids) > 1 for p in bucket_pairs(ids)})

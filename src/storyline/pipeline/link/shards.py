"""Linking in shards, for the batch runner: near-duplicates by LSH bands, stories by time window.

Near-duplicates. Each worker turns an article into MinHash band keys (the same
signature and band layout as ``pipeline.link.neardup``'s datasketch index) and
its exact shingle hashes. The engine groups band keys across the cluster; any
two articles sharing a bucket are a candidate pair; candidates are verified on
the exact shingle sets with ``neardup.is_near_duplicate`` and joined into
groups by union-find in one small step. The groups equal
``neardup.near_duplicate_groups`` over the same articles.

Stories. Articles are sharded by language and time window (consecutive days,
at most ``WINDOW_ARTICLES`` a window); each shard is clustered on its own (the
engine runs shards in parallel), then a merge step re-clusters the stories
touching each window boundary and joins those it puts together, and
near-duplicate copies are pulled into one story.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from datasketch import MinHashLSH

from storyline.models import Article
from storyline.pipeline.link.features import article_day
from storyline.pipeline.link.neardup import (
    LSH_THRESHOLD,
    NUM_PERM,
    canonical_of,
    is_near_duplicate,
    minhash,
    shingles,
)
from storyline.pipeline.link.recluster import recluster, representative_titles
from storyline.pipeline.link.storyids import name_stories
from storyline.settings import Settings

_LSH = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
BANDS, ROWS = _LSH.b, _LSH.r  # the band layout datasketch picks for this threshold


class UnionFind:
    """Disjoint sets over hashable items; the smallest item names its set."""

    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}

    def find(self, x: Any) -> Any:
        parent = self.parent.setdefault(x, x)
        if parent != x:
            parent = self.parent[x] = self.find(parent)
        return parent

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


# -- near-duplicates ------------------------------------------------------


def signature_row(article: Article) -> dict[str, Any]:
    """One article's linking keys: its catalogue entry, LSH band keys and exact shingle hashes."""
    found = shingles(article)
    bands: list[int] = []
    if found:
        values = minhash(found).hashvalues
        for band in range(BANDS):
            chunk = values[band * ROWS:(band + 1) * ROWS].tobytes()
            key = hashlib.blake2b(band.to_bytes(2, "big") + chunk, digest_size=8).digest()
            bands.append(int.from_bytes(key, "big", signed=True))
    return {
        "article_id": article.id, "language": article.language, "day": day_ordinal(article),
        # Only a declared date names a story (storyids.py): an estimate is left out here.
        "published": None if article.published_estimated else article.published,
        "bands": bands, "shingles": sorted(found),
    }


def verified_groups(pairs: Iterable[tuple[str, str]], shingle_sets: dict[str, set[int]]) -> list[list[str]]:
    """Components (sorted, two or more ids) of the candidate pairs that really are near-duplicates."""
    union = UnionFind()
    for a, b in sorted(set(pairs)):
        if is_near_duplicate(shingle_sets[a], shingle_sets[b]):
            union.union(a, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for item in sorted(union.parent):
        groups[union.find(item)].append(item)
    return sorted(members for members in groups.values() if len(members) > 1)


def canonical_ids(groups: Sequence[list[str]], articles: dict[str, Article]) -> dict[str, str]:
    """Article id → its group's canonical copy (the neardup rule), for grouped articles."""
    result = {}
    for members in groups:
        canonical = canonical_of([articles[m] for m in members]).id
        for m in members:
            result[m] = canonical
    return result


# -- stories ----------------------------------------------------------------


def cluster(articles: Sequence[Article], settings: Settings) -> dict[str, str]:
    """Article id → story id for one shard, independent of the order articles come in (``ingest``'s settings)."""
    return dict(recluster(
        list(articles), window_days=settings.cluster_window_days,
        threshold=settings.recluster_threshold, neighbours=settings.recluster_neighbours,
    ))


@dataclass(slots=True)
class Catalog:
    """What the driver keeps of each article: where it is stored, and what sharding and naming need."""

    shard: dict[str, str] = field(default_factory=dict)  # article id → shard key of its Parquet files
    language: dict[str, str] = field(default_factory=dict)
    day: dict[str, int | None] = field(default_factory=dict)  # date ordinal (article_day), None if undated
    published: dict[str, str | None] = field(default_factory=dict)

    def by_shard(self, ids: Iterable[str]) -> dict[str, list[str]]:
        """The given ids grouped by the shard whose files hold them (what a task needs to read)."""
        grouped: dict[str, list[str]] = defaultdict(list)
        for i in sorted(ids):
            grouped[self.shard[i]].append(i)
        return dict(grouped)


def day_ordinal(article: Article) -> int | None:
    """The article's date (``article_day``) as an ordinal, for the catalogue."""
    day = article_day(article)
    return None if day is None else day.toordinal()


# Most articles a clustering shard holds: a window closes at the end of the day that
# would take it past this. Re-clustering cost grows with the square of a shard's size.
WINDOW_ARTICLES = 20_000

WindowKey = tuple[str, int | None]  # (language, first day ordinal of the window; None: undated)


def shard_by_window(catalog: Catalog, max_articles: int = WINDOW_ARTICLES) -> dict[WindowKey, list[str]]:
    """Article ids grouped by language and consecutive time windows of at most ``max_articles``.

    Windows are cut between days, never inside one, so they adapt to the corpus: a
    small archive is one window (clustered exactly as a whole), a firehose gets
    windows of a few days. Undated articles form one shard per language.
    """
    by_language: dict[str, dict[int | None, list[str]]] = defaultdict(lambda: defaultdict(list))
    for i in sorted(catalog.shard):
        by_language[catalog.language[i]][catalog.day[i]].append(i)
    shards: dict[WindowKey, list[str]] = {}
    for language in sorted(by_language):
        days = by_language[language]
        current: list[str] = []
        start: int | None = None
        for day in sorted(d for d in days if d is not None):
            if current and len(current) + len(days[day]) > max_articles:
                shards[(language, start)] = current
                current = []
            if not current:
                start = day
            current += days[day]
        if current:
            shards[(language, start)] = current
        if None in days:
            shards[(language, None)] = days[None]
    return shards


def adjacent_boundaries(shards: dict[WindowKey, list[str]]) -> list[tuple[WindowKey, WindowKey, int]]:
    """(left key, right key, boundary day ordinal) for each pair of consecutive dated windows."""
    keys = sorted(k for k in shards if k[1] is not None)
    return [(left, right, right[1]) for left, right in zip(keys, keys[1:]) if left[0] == right[0]]


def boundary_ids(
    left: list[str], right: list[str], assign: dict[str, str], boundary: int, catalog: Catalog, settings: Settings
) -> list[str]:
    """Articles of the stories that come within the clustering window of a shard boundary."""
    near = settings.cluster_window_days
    stories = {assign[i] for i in left if catalog.day[i] >= boundary - near}
    stories |= {assign[i] for i in right if catalog.day[i] < boundary + near}
    return [i for i in left + right if assign[i] in stories]


def merge_stories(
    assign: dict[str, str],
    merged_boundaries: list[dict[str, str]],
    duplicate_groups: Sequence[list[str]],
    published: dict[str, str | None],
) -> dict[str, str]:
    """Final article id → story id: shard stories joined across boundaries and near-duplicates.

    Stories are named by the one rule every path uses (``storyids.name_stories``).
    """
    union = UnionFind()
    for story in assign.values():
        union.find(story)
    for boundary in merged_boundaries:
        together: dict[str, set[str]] = defaultdict(set)
        for article_id, joint in boundary.items():
            together[joint].add(assign[article_id])
        for stories in together.values():
            first, *rest = sorted(stories)
            for other in rest:
                union.union(first, other)
    for members in duplicate_groups:
        for other in members[1:]:
            union.union(assign[members[0]], assign[other])
    members_of: dict[str, list[str]] = defaultdict(list)
    for article_id in sorted(assign):
        members_of[union.find(assign[article_id])].append(article_id)
    return name_stories(list(members_of.values()), {}, published).assignment


def representative_title(articles: Sequence[Article], settings: Settings) -> str:
    """The headline of the member closest to the story's centroid (the rule ``ingest`` uses)."""
    return representative_titles(articles, {a.id: "story" for a in articles})["story"]
"""Stable story ids: one rule for naming a story, and for keeping its name across re-clustering.

A story is named by one of its articles: ``"s" + article id without its "a"``.
A fresh story is named by its earliest-published member (undated members last,
ties by id), so naming does not depend on the order articles arrived in. When a
set of articles is clustered again, a new cluster keeps an existing id while it
still holds the article that named it; when several clusters would claim
names (stories merged), the one sharing most members with the old story wins,
and the retired ids are mapped to their successors so links keep working.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


def story_id_for(article_id: str) -> str:
    """The id of the story an article names."""
    return "s" + article_id[1:]


def namer_of(story_id: str) -> str:
    """The article that names a story."""
    return "a" + story_id[1:]


def _rank(article: str, published: Mapping[str, str | None]) -> tuple[bool, str, str]:
    """Earliest published first, undated last, ties by id."""
    value = published.get(article)
    return (value is None, value or "", article)


def _first_published(members: Iterable[str], published: Mapping[str, str | None]) -> str:
    return min(members, key=lambda a: _rank(a, published))


@dataclass(slots=True)
class Naming:
    """The result of naming a clustering: article → story id, and retired id → successor."""

    assignment: dict[str, str]
    redirects: dict[str, str]


def name_stories(
    clusters: Sequence[Sequence[str]],
    previous: Mapping[str, str],
    published: Mapping[str, str | None],
) -> Naming:
    """Name each cluster of article ids, keeping the ids in ``previous`` (article → old story) that survive.

    ``published`` gives each article's publication date (ISO, or None). The
    result is a function of its arguments only: the order of ``clusters`` and of
    their members does not matter.
    """
    clusters = sorted((sorted(c) for c in clusters if c), key=lambda c: c[0])
    old_members: dict[str, set[str]] = defaultdict(set)
    for article, story in previous.items():
        old_members[story].add(article)
    assignment: dict[str, str] = {}
    kept: set[str] = set()
    for members in clusters:
        inside = set(members)
        claims = [s for s in {previous[a] for a in members if a in previous} if namer_of(s) in inside]
        if claims:
            # Stories merged: the old story this cluster holds most of keeps its name.
            story = min(claims, key=lambda s: (-len(old_members[s] & inside), _rank(namer_of(s), published)))
        else:
            story = story_id_for(_first_published(members, published))
        kept.add(story)
        for article in members:
            assignment[article] = story
    redirects: dict[str, str] = {}
    for old, members in old_members.items():
        if old in kept:
            continue
        successors = Counter(assignment[a] for a in members if a in assignment)
        if successors:
            redirects[old] = min(successors, key=lambda s: (-successors[s], s))
    return Naming(assignment, redirects)


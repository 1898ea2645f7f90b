"""The corpus step that gives ``ingest`` its order-free stories: re-cluster a region, keep the ids.

Online placement (cluster.py) decides as articles arrive; this step then looks
at a whole region of the store at once (``recluster``'s algorithm), names the
clusters with the stable-id rule (storyids.py) and picks each story's title.
When the region is the whole store, the stories equal ``storyline recluster``'s
whatever order the articles arrived in.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storyline.models import Article
from storyline.pipeline.link.features import ArticleFeatures, features_without_boilerplate
from storyline.pipeline.link.recluster import cluster_features, declared_dates, representative_titles
from storyline.pipeline.link.storyids import name_stories


@dataclass(slots=True)
class StoryUpdate:
    """New story of each article of the region, each story's title, and retired id → successor."""

    assignment: dict[str, str]
    titles: dict[str, str]
    redirects: dict[str, str]


def regroup(
    articles: Sequence[Article],
    previous: Mapping[str, str],
    provisional: Mapping[str, str] | None = None,
    *,
    window_days: int,
    threshold: float,
    neighbours: int,
    features: Mapping[str, ArticleFeatures] | None = None,
) -> StoryUpdate:
    """Re-cluster ``articles`` and name their stories.

    ``previous`` maps the articles that already had a settled story to it: those
    ids survive while their story keeps its naming article. ``provisional`` maps
    articles placed online in this run to their interim story: such ids never
    claim a name (they depend on arrival order), but are redirected to where
    most of their articles went, so a link handed out during the run still works.
    ``features`` may hold articles' features already computed (by id): they are
    a function of the article alone, so online placement's serve here too. Lines
    an outlet repeats across the region's articles count for nothing
    (``features_without_boilerplate``).
    """
    unique = {a.id: a for a in articles}
    ordered = [unique[i] for i in sorted(unique)]
    known = features_without_boilerplate(ordered, features)
    clusters = cluster_features([known[a.id] for a in ordered], window_days, threshold, neighbours)
    naming = name_stories(clusters, previous, declared_dates(ordered))
    live = set(naming.assignment.values())
    redirects = dict(naming.redirects)
    interim: dict[str, Counter[str]] = defaultdict(Counter)
    for article, story in (provisional or {}).items():
        if article in naming.assignment:
            interim[story][naming.assignment[article]] += 1
    for story, successors in interim.items():
        if story not in live and story not in redirects:
            redirects[story] = min(successors, key=lambda s: (-successors[s], s))
    return StoryUpdate(naming.assignment, representative_titles(ordered, naming.assignment, known), redirects)

"""Tasks of the global steps: each reads the articles it needs from the shard files itself.

So the driver sends ids, never articles, and holds only the catalogue.
"""

from __future__ import annotations

import json
from typing import Any

from storyline.models import Story
from storyline.pipeline.brief import BuildBrief
from storyline.pipeline.link.shards import cluster, representative_title
from storyline.run.tables import read_by_shard
from storyline.settings import Settings


def brief_json(data: dict[str, Any]) -> str:
    """A brief's contract object as canonical JSON text (sorted keys: byte-stable)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def cluster_task(ids_by_shard: dict[str, list[str]], out: str, settings: Settings) -> dict[str, str]:
    """Article id → story id over one clustering shard (or one window boundary)."""
    return cluster(read_by_shard(out, ids_by_shard), settings)


def brief_task(stories: list[tuple[str, dict[str, list[str]]]], out: str, settings: Settings) -> list[tuple[Story, str]]:
    """Title and brief of each story of a chunk: (Story, the brief's contract JSON)."""
    wanted: dict[str, list[str]] = {}
    for _, ids_by_shard in stories:
        for key, ids in ids_by_shard.items():
            wanted.setdefault(key, []).extend(ids)
    articles = {a.id: a for a in read_by_shard(out, wanted)}
    builder = BuildBrief(settings.summary_sentences)
    done = []
    for story_id, ids_by_shard in stories:
        members = [articles[i] for ids in ids_by_shard.values() for i in ids]
        # The store's order: dated articles first, by date, then by id.
        members = sorted(members, key=lambda a: (a.published is None, a.published or "", a.id))
        published = [a.published for a in members if a.published]
        story = Story(
            id=story_id, title=representative_title(members, settings), articles=[a.id for a in members],
            first_published=min(published) if published else None,
            last_published=max(published) if published else None,
        )
        done.append((story, brief_json(builder.run(story, members).to_contract())))
    return done

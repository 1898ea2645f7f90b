"""Link: which articles tell the same story.

- ``Link``/``StoryIndex`` (cluster.py): online clustering on ingest.
- ``recluster`` (recluster.py): the order-free batch clustering of a whole set.
- ``near_duplicate_groups`` (neardup.py): syndicated copies and their canonical copy.
- ``find_shared_passages`` (passages.py): passages of 8+ words shared by articles, with spans.
"""

from storyline.pipeline.link.cluster import Link, StoryIndex
from storyline.pipeline.link.neardup import DuplicateGroup, canonical_map, near_duplicate_groups
from storyline.pipeline.link.passages import Passage, PassageSpan, find_shared_passages, shared_passages_of
from storyline.pipeline.link.recluster import recluster, representative_titles

__all__ = [
    "DuplicateGroup", "Link", "Passage", "PassageSpan", "StoryIndex", "canonical_map", "find_shared_passages",
    "near_duplicate_groups", "recluster", "representative_titles", "shared_passages_of",
]

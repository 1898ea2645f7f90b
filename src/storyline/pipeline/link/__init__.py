"""Link: which articles tell the same story."""

from storyline.pipeline.link.cluster import Link, StoryIndex

__all__ = ["Link", "StoryIndex"]

"""storyline: raw news articles in, clean deduplicated stories out."""

from storyline.api import Storyline, open
from storyline.models import Article, Brief, Story

__all__ = ["Article", "Brief", "Story", "Storyline", "open"]
__version__ = "0.1.0"

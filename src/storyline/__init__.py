"""storyline: raw news articles in, clean deduplicated stories out."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storyline.api import Storyline, open
    from storyline.models import Article, Brief, Story

__all__ = ["Article", "Brief", "Story", "Storyline", "open"]
__version__ = "0.1.0"

# Resolved on first use (PEP 562): importing any submodule imports this package
# first, and a Ray worker that only groups LSH bands or builds briefs should not
# pay for the spaCy import that the API pulls in.
_LAZY = {"Storyline": "storyline.api", "open": "storyline.api",
         "Article": "storyline.models", "Brief": "storyline.models", "Story": "storyline.models"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")

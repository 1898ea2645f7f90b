"""Clustering features kept in the store: decoded equal to computed, stale once their article changes."""

from __future__ import annotations

from dataclasses import replace

from storyline.models import Entity
from storyline.pipeline.link import feature_cache
from storyline.pipeline.link.features import features_of
from tests.pipeline.link.conftest import make


def _article():
    return make(
        "a1", "Minister Ana Ruiz said on Monday the port of Vela would reopen after the storm. " * 3,
        title="Vela port to reopen", published="2025-03-03", people=["Ana Ruiz", "Ana Ruiz"],
        places=["Vela"], dates=["2025-03-01", "2024"],
    )


def test_decoded_features_equal_the_computed_ones():
    article = _article()
    computed = features_of(article)
    decoded = feature_cache.decode(article.id, article.title, feature_cache.encode(computed))
    assert (decoded.counts != computed.counts).nnz == 0
    assert decoded.counts.indices.tolist() == computed.counts.indices.tolist()
    assert decoded.counts.data.tolist() == computed.counts.data.tolist()  # exact floats, not rounded
    assert list(decoded.entities.items()) == list(computed.entities.items())  # counts and their order
    for field in ("id", "title", "day", "published", "named_days", "years", "shingles"):
        assert getattr(decoded, field) == getattr(computed, field), field


def test_the_digest_changes_with_anything_the_features_are_computed_from():
    article = _article()
    base = feature_cache.digest(article)
    assert feature_cache.digest(_article()) == base
    changed = [
        replace(article, text=article.text + " More."),
        replace(article, title="Another title"),
        replace(article, published="2025-03-04"),
        replace(article, published_estimated=True),
        replace(article, entities=[*article.entities, Entity("Vela Port", "ORG", "Vela Port", 0, 0)]),
        replace(article, times=article.times[:1]),
    ]
    assert all(feature_cache.digest(a) != base for a in changed)

"""Clustering features kept in the store, so a later run reads them instead of computing them again.

Each ingest puts the newest stored articles back into the online index and
re-clusters the stories it touched: both need every such article's features
(``features.features_of``), and computing them again from the text was most of
what a run spent on articles it did not bring. The features are stored beside
the article under a digest of everything they are computed from; a stored copy
whose digest no longer matches (the text was cut, the article re-dated or
re-analysed, this module's ``VERSION`` changed) is ignored and computed afresh.

The encoding is exact (float64 counts, entity counts in their order), so
decoded features are equal to computed ones and clustering gives the same
stories whichever it used.
"""

from __future__ import annotations

import hashlib
import json
import struct
from collections import Counter
from datetime import date

import numpy as np
from scipy.sparse import csr_matrix

from storyline.models import Article
from storyline.pipeline.link.features import N_FEATURES, ArticleFeatures

VERSION = 1  # raise when features_of changes what it computes: every stored copy then goes stale
_HEAD = struct.Struct("<I")


def digest(article: Article) -> str:
    """A hash of every field ``features_of`` reads, and of VERSION."""
    basis = [
        VERSION, article.title, article.text, article.published, article.published_estimated,
        [(e.canonical, e.label) for e in article.entities],
        [(t.type, t.value, t.estimated) for t in article.times],
    ]
    return hashlib.sha1(json.dumps(basis, ensure_ascii=False).encode()).hexdigest()


def encode(features: ArticleFeatures) -> bytes:
    """``features`` (less its id and title, stored with the article) as bytes."""
    counts = features.counts.tocsr()
    shingles = np.array(sorted(features.shingles), dtype="<u4")
    head = json.dumps({
        "entities": list(features.entities.items()),
        "day": features.day.isoformat() if features.day else None,
        "published": features.published,
        "named_days": sorted(d.isoformat() for d in features.named_days),
        "years": sorted(features.years),
        "terms": int(counts.nnz),
        "shingles": len(shingles),
    }).encode()
    return b"".join([
        _HEAD.pack(len(head)), head,
        counts.indices.astype("<i4").tobytes(), counts.data.astype("<f8").tobytes(), shingles.tobytes(),
    ])


def decode(article_id: str, title: str | None, body: bytes) -> ArticleFeatures:
    """The features ``encode`` wrote."""
    (size,) = _HEAD.unpack_from(body)
    head = json.loads(body[_HEAD.size:_HEAD.size + size])
    at = _HEAD.size + size
    terms, shingles = head["terms"], head["shingles"]
    columns = np.frombuffer(body, dtype="<i4", count=terms, offset=at).astype(np.int32)
    values = np.frombuffer(body, dtype="<f8", count=terms, offset=at + 4 * terms).astype(np.float64)
    hashes = np.frombuffer(body, dtype="<u4", count=shingles, offset=at + 12 * terms)
    return ArticleFeatures(
        id=article_id,
        title=title,
        counts=csr_matrix((values, columns, [0, terms]), shape=(1, N_FEATURES)),
        entities=Counter(dict(head["entities"])),
        day=date.fromisoformat(head["day"]) if head["day"] else None,
        published=head["published"],
        named_days=frozenset(date.fromisoformat(d) for d in head["named_days"]),
        years=frozenset(head["years"]),
        shingles=frozenset(int(h) for h in hashes),
    )

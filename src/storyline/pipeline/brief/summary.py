"""The summary: sentences most sources carry first, then what matters most, no repeats.

Relevance mixes coverage (the share of outlets carrying the sentence: one
outlet's boilerplate printed under each of its articles is still one outlet),
centrality (mean similarity to the story) and position (leads matter); the
choice is by maximal marginal relevance, so no two picks say the same thing.
A line in which the outlet addresses its reader is not picked (:func:`addresses_reader`).
"""

from __future__ import annotations

import numpy as np

from storyline.models import CitedText
from storyline.pipeline.brief.body import addresses_reader
from storyline.pipeline.brief.evidence import SAME_SENTENCE, Evidence

MMR_LAMBDA = 0.7


def summarise(evidence: Evidence, size: int) -> list[CitedText]:
    """Up to ``size`` body sentences: most-carried first, each citing its exact copies and variants."""
    items, similarity = evidence.items, evidence.similarity
    if not items:
        return []
    n_outlets = len({a.outlet or a.id for a in evidence.articles})
    centrality = similarity.mean(axis=1)
    outlets = [evidence.outlets(i) for i in range(len(items))]
    coverage = np.array([n / n_outlets for n in outlets])
    lead = np.array([1.0 / (1 + item.position) for item in items])
    relevance = 0.5 * coverage + 0.35 * centrality / (centrality.max() or 1) + 0.15 * lead
    chosen: list[int] = []
    quoted = {a.id: [(q.start, q.end) for q in a.quotes] for a in evidence.articles}
    candidates = [i for i, it in enumerate(items) if not addresses_reader(it.text, it.start, quoted[it.article.id])]
    candidates = candidates or list(range(len(items)))
    while candidates and len(chosen) < size:
        def mmr(i: int) -> tuple[float, int]:
            redundancy = max((similarity[i, j] for j in chosen), default=0.0)
            return (MMR_LAMBDA * relevance[i] - (1 - MMR_LAMBDA) * redundancy, -i)

        pick = max(candidates, key=mmr)
        chosen.append(pick)
        candidates = [c for c in candidates if c != pick and similarity[pick, c] < SAME_SENTENCE]
    # What most sources report first; among equals, in the order picked.
    rank = {i: r for r, i in enumerate(chosen)}
    ordered = sorted(chosen, key=lambda i: (-outlets[i], rank[i]))
    return [evidence.cited(i) for i in ordered]

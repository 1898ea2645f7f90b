"""Clustering scores: B-cubed precision/recall/F1 and pairwise F1 (Bagga & Baldwin 1998)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def bcubed(pred: Sequence[object], gold: Sequence[object]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a predicted labelling against gold, item by item."""
    n = len(gold)
    both = Counter(zip(pred, gold))
    psize, gsize = Counter(pred), Counter(gold)
    p = sum(both[(pr, go)] / psize[pr] for pr, go in zip(pred, gold)) / n
    r = sum(both[(pr, go)] / gsize[go] for pr, go in zip(pred, gold)) / n
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def pairwise_f1(pred: Sequence[object], gold: Sequence[object]) -> float:
    """F1 over pairs of items placed together (counted from cluster sizes, not by enumeration)."""
    def pairs(counter: Counter) -> int:
        return sum(c * (c - 1) // 2 for c in counter.values())

    tp = pairs(Counter(zip(pred, gold)))
    pp, gp = pairs(Counter(pred)), pairs(Counter(gold))
    if not tp:
        return 0.0
    p, r = tp / pp, tp / gp
    return 2 * p * r / (p + r)

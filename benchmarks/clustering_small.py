"""Small stores: a handful of articles on one event and one on another event of the same kind.

    .venv/bin/python benchmarks/clustering_small.py [--draws 5] [--size 4]

A user who ingests a few articles (the seeds are five) meets the hardest case
in its smallest form: four reports of one visit and one report of another
visit by the same minister. For each ECB+ topic (two events of one kind) and
each draw, ``--size`` articles of one of its events and one of the other make a
store of their own; the clusterer sees nothing else. Rows (cached Clean +
Analyze of ECB+ topics 1-35, clustering_data.py; topics 21-35 shown apart as
they were not tuned on):

- storyline: the order-free regroup that ``storyline ingest`` ends with;
- storyline online: placement alone, articles in file order;
- tfidf+agglo: TF-IDF average-linkage, threshold tuned on these small stores (its best).

Figures: the share of stores where the odd article stands alone, the share
where the ``--size`` same-event articles stay in one story, and mean B-cubed F1.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clustering_data import analysed  # noqa: E402
from clustering_metrics import bcubed  # noqa: E402
from clustering_streams import online, regrouped, tfidf_labels  # noqa: E402

from storyline.models import Article  # noqa: E402


def stores(draws: int, size: int) -> list[tuple[int, list[Article], list[str]]]:
    """(topic, articles, gold) of each small store: ``size`` of one event, then one of the other."""
    articles, gold = analysed("ecbplus")
    by_event: dict[str, list[Article]] = defaultdict(list)
    for a, g in zip(articles, gold):
        by_event[g].append(a)
    rng = random.Random(0)
    result = []
    for topic in sorted({int(g.split("-")[0]) for g in gold}):
        events = [f"{topic}-ecb", f"{topic}-ecbplus"]
        for d in range(draws):
            main, odd = events if d % 2 == 0 else events[::-1]
            if len(by_event[main]) < size or not by_event[odd]:
                continue
            chosen = rng.sample(by_event[main], size) + [rng.choice(by_event[odd])]
            result.append((topic, chosen, [main] * size + [odd]))
    return result


def figures(labels: list[list], golds: list[list[str]]) -> tuple[float, float, float]:
    """Share of stores with the odd (last) article alone, with the rest together, and mean B-cubed F1."""
    alone = np.mean([lab.count(lab[-1]) == 1 for lab in labels])
    together = np.mean([len(set(lab[:-1])) == 1 for lab in labels])
    f1 = np.mean([bcubed(lab, g)[2] for lab, g in zip(labels, golds)])
    return float(alone), float(together), float(f1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=6, help="stores per topic (alternating which event is the odd one)")
    parser.add_argument("--size", type=int, default=4, help="articles of the main event per store")
    args = parser.parse_args()
    data = stores(args.draws, args.size)
    parts = {"topics 1-20": [s for s in data if s[0] <= 20], "topics 21-35": [s for s in data if s[0] > 20]}
    systems = {
        "storyline (regroup, shipped)": lambda arts: regrouped(arts),
        "storyline online (file order)": lambda arts: online(arts),
    }
    best = (-1.0, 0.0)
    for t in np.arange(0.3, 1.0, 0.025):
        f = figures([tfidf_labels(arts, float(t)) for _, arts, _ in data], [g for _, _, g in data])[2]
        best = max(best, (f, float(t)))
    systems[f"tfidf+agglo tuned here (t={best[1]:.3f})"] = lambda arts: tfidf_labels(arts, best[1])
    header = "".join(f"{name + ': alone / together / F1':>40}" for name in parts)
    print(f"{len(data)} stores of {args.size}+1".ljust(36) + header)
    for name, system in systems.items():
        cells = []
        for part in parts.values():
            alone, together, f1 = figures([list(system(arts)) for _, arts, _ in part], [g for _, _, g in part])
            cells.append(f"{alone:.2f} / {together:.2f} / {f1:.3f}")
        print(name.ljust(36) + "".join(f"{c:>40}" for c in cells))


if __name__ == "__main__":
    main()

"""Held-out-style check of story clustering: ECB+ topics 1-20 to tune on, 21-35 held out.

    .venv/bin/python benchmarks/clustering_split.py [--grid]

Each ECB+ topic holds two events of one kind (two earthquakes, two coaches
fired), so ECB+ is made of the contrast a news stream poses. Here the set is
split by topic: topics 1-20 are where a setting may be chosen, topics 21-35
are reported as if unseen. Rows (cached Clean + Analyze from clustering_data.py,
the order-free ``recluster`` that ``storyline ingest`` ends with):

- storyline, shipped defaults: B-cubed F1 on giveme5w1h, ECB+ 1-20 and 21-35;
- tfidf+agglo: average-linkage cosine clustering of TF-IDF, its distance
  threshold tuned on topics 1-20 and applied unchanged to 21-35 (and, as its
  in-sample ceiling, tuned on 21-35 itself).

With ``--grid`` it also prints the "different occurrence" evidence settings
(the factor for two articles naming years, none shared, and the bonus for a
shared event day), each on the three parts, so a reader can see which one
topics 1-20 alone would have chosen and what that costs on 21-35. (The
people-mismatch factor of session 6 was dropped in session 7: .941 on 1-20
and .959 on 21-35 with or without it.)
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clustering_data import analysed  # noqa: E402
from clustering_metrics import bcubed  # noqa: E402

from storyline.models import Article  # noqa: E402
from storyline.pipeline.link.features import features_without_boilerplate  # noqa: E402

recluster = importlib.import_module("storyline.pipeline.link.recluster")


def _topic(label: str) -> int:
    return int(label.split("-")[0])


def parts() -> dict[str, tuple[list[Article], list[str]]]:
    """giveme5w1h, ECB+ topics 1-20 and ECB+ topics 21-35, each with its gold labels."""
    giveme = analysed("giveme5w1h")
    arts, gold = analysed("ecbplus")
    low = [(a, g) for a, g in zip(arts, gold) if _topic(g) <= 20]
    high = [(a, g) for a, g in zip(arts, gold) if _topic(g) > 20]
    return {
        "giveme5w1h": giveme,
        "ECB+ 1-20 (tune)": ([a for a, _ in low], [g for _, g in low]),
        "ECB+ 21-35 (held out)": ([a for a, _ in high], [g for _, g in high]),
    }


def storyline_f1(articles: list[Article], gold: list[str]) -> float:
    """B-cubed F1 of the order-free clusterer with the module's current settings."""
    features = features_without_boilerplate(sorted(articles, key=lambda a: a.id))
    clusters = recluster.cluster_features(list(features.values()))
    label = {i: n for n, c in enumerate(clusters) for i in c}
    return bcubed([label[a.id] for a in articles], gold)[2]


def tfidf_labels(articles: list[Article], threshold: float) -> list[int]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    X = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
        [f"{a.title or ''}\n{a.text}" for a in articles])
    model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold)
    return model.fit_predict(X.toarray()).tolist()


def tuned_threshold(articles: list[Article], gold: list[str]) -> tuple[float, float]:
    """The TF-IDF distance threshold with the best B-cubed F1 on these articles, and that F1."""
    best = (-1.0, 0.0)
    for t in np.arange(0.3, 1.0, 0.025):
        f = bcubed(tfidf_labels(articles, float(t)), gold)[2]
        if f > best[0]:
            best = (f, float(t))
    return best[1], best[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", action="store_true", help="also print the year and event-day settings tried")
    args = parser.parse_args()
    data = parts()
    names = list(data)
    print("B-cubed F1".ljust(44) + "".join(f"{n:>24}" for n in names))
    print("storyline recluster (shipped defaults)".ljust(44)
          + "".join(f"{storyline_f1(*data[n]):>24.3f}" for n in names))
    low, high = data[names[1]], data[names[2]]
    t_low, f_low = tuned_threshold(*low)
    f_high = bcubed(tfidf_labels(high[0], t_low), high[1])[2]
    t_high, f_high_best = tuned_threshold(*high)
    print(f"tfidf+agglo tuned on 1-20 (t={t_low:.3f})".ljust(44) + f"{'':>24}{f_low:>24.3f}{f_high:>24.3f}")
    print(f"tfidf+agglo tuned on 21-35 itself (t={t_high:.3f})".ljust(44) + f"{'':>24}{'':>24}{f_high_best:>24.3f}")
    if args.grid:
        for setting, values in (("YEAR_MISMATCH", (1.0, 0.8, 0.6, 0.4, 0.2)), ("EVENT_DAY_BONUS", (0.0, 0.05, 0.1, 0.2))):
            shipped = getattr(recluster, setting)
            for value in values:
                setattr(recluster, setting, value)
                print(f"  {setting.lower()} {value}".ljust(44)
                      + "".join(f"{storyline_f1(*data[n]):>24.3f}" for n in names))
            setattr(recluster, setting, shipped)


if __name__ == "__main__":
    main()

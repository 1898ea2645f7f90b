"""Held-out-style streams of one kind of event: ECB+ topics grouped by kind, dated, with outlet taglines.

    .venv/bin/python benchmarks/clustering_streams.py [--seeds 3] [--span-days 730] [--held-out]

A local news stream is many events of one kind (shootings, crashes, fires) told
in the same police wording, under the same outlets' taglines, weeks apart. ECB+
holds two events of one kind per topic; here its topics are pooled by kind
(KINDS) so each stream holds 12 to 22 events of one kind. Each event gets a
random day in a span (``--span-days``, two years by default; 30 makes a dense
stream, where dates tell events apart far less) and each article a publication
day 0-3 days after its event. Each event happens in one of four made-up districts of one made-up city,
named in a sentence (and as place entities) under every article of it; each
article is given one of four made-up outlets, whose tagline (written
here, TAGLINES) ends its text, and half the crime articles end with the same
police appeal (written here). Everything else is the cached Clean + Analyze of
ECB+ topics 1-35 (clustering_data.py); the data is read at run time. The
settings were chosen on ECB+ topics 1-20 (clustering_split.py): ``--held-out``
builds the streams from topics 21-35 alone.

Rows, B-cubed F1 per stream and their mean, averaged over ``--seeds`` draws of
days and outlets:
- storyline: the order-free regroup that ``storyline ingest`` ends with
  (``features_without_boilerplate`` + ``cluster_features``, shipped defaults);
- storyline online: the ingest-time placement (``Link``, boilerplate memory
  learned as articles arrive) in publication order;
- tfidf+agglo: TF-IDF + average-linkage cosine clustering of the same texts,
  its distance threshold tuned on these very streams (its in-sample best);
- singletons: every article alone.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clustering_data import analysed  # noqa: E402
from clustering_metrics import bcubed  # noqa: E402

from storyline.models import Article, Entity  # noqa: E402
from storyline.pipeline.base import Context  # noqa: E402
from storyline.pipeline.link.cluster import Link, StoryIndex  # noqa: E402
from storyline.pipeline.link.features import features_without_boilerplate  # noqa: E402
from storyline.settings import Settings  # noqa: E402

# ECB+ topic → kind of event (read from each topic's first lines; topics 15 and 17 are not in the set).
KINDS = {
    "crime": (3, 8, 16, 18, 19, 21, 22, 24, 26, 32, 33),  # killings, shootings, a bombing, heists
    "sport": (5, 7, 10, 25, 29, 31, 35),
    "people": (1, 2, 4, 6, 28, 34),  # rehab, hosts, deaths, appointments
    "other": (9, 11, 12, 13, 14, 20, 23, 27, 30),  # fires, quakes, patches, elections
}
OUTLETS = ("Metro Daily", "Valley Courier", "City Wire", "Lakeside Post")
TAGLINES = (
    "For more neighbourhood news, listen to Metro Daily Radio every weekday morning.",
    "Did not get the confirmation email? Check your spam folder or write to our help desk.",
    "Copyright City Wire. All rights reserved. This material may not be published or redistributed.",
    "Sign up for the Lakeside Post morning briefing to get the day's top local stories in your inbox.",
)
# Made-up districts of one city: each event happens in one of them, so events of a stream share
# place names as a local stream's do ("same neighbourhood names"), in text and as entities.
DISTRICTS = ("Northgate", "Riverside", "Old Harbour", "Eastfield")
CITY = "Port Alder"
POLICE_APPEAL = "Anyone with information is asked to call the police tip line; callers may remain anonymous."
START = date(2013, 1, 1)


def streams(seed: int, span_days: int = 730, held_out: bool = False) -> dict[str, tuple[list[Article], list[str]]]:
    """Kind → (its articles dated, given outlets and taglines, in publication order; gold labels)."""
    articles, gold = analysed("ecbplus")
    rng = random.Random(seed)
    event_day = {g: START + timedelta(days=rng.randrange(span_days)) for g in sorted(set(gold))}
    district = {g: rng.choice(DISTRICTS) for g in sorted(set(gold))}
    result = {}
    for kind, topics in KINDS.items():
        rows = []
        for a, g in zip(articles, gold):
            topic = int(g.split("-")[0])
            if topic not in topics or (held_out and topic <= 20):
                continue
            day = event_day[g] + timedelta(days=rng.randrange(4))
            outlet = rng.randrange(len(OUTLETS))
            place = f"It happened in the {district[g]} district of {CITY}, officials said."
            tail = [place, TAGLINES[outlet]] + ([POLICE_APPEAL] if kind == "crime" and rng.random() < 0.5 else [])
            text = "\n\n".join([a.text, *tail])
            start = len(a.text) + 2 + len("It happened in the ")
            places = [Entity(district[g], "GPE", district[g], start, start + len(district[g])),
                      Entity(CITY, "GPE", CITY, text.index(CITY, start), text.index(CITY, start) + len(CITY))]
            rows.append((day.isoformat(), a.id, replace(a, text=text, outlet=OUTLETS[outlet],
                                                        entities=list(a.entities) + places,
                                                        published=day.isoformat(), published_estimated=False), g))
        rows.sort()
        result[kind] = ([r[2] for r in rows], [r[3] for r in rows])
    return result


def regrouped(articles: list[Article]) -> list[str]:
    """Story of each article as the order-free regroup of ``storyline ingest`` gives it."""
    from storyline.pipeline.link.recluster import cluster_features

    features = features_without_boilerplate(sorted(articles, key=lambda a: a.id))
    label = {i: n for n, c in enumerate(cluster_features(list(features.values()))) for i in c}
    return [str(label[a.id]) for a in articles]


def online(articles: list[Article]) -> list[str]:
    """Story of each article as online placement gives it, articles arriving in publication order."""
    settings = Settings()
    link = Link(StoryIndex(settings.cluster_threshold, settings.cluster_window_days))
    return [a.story or "" for a in link.run([replace(a) for a in articles], Context(settings))]


def tfidf_labels(articles: list[Article], threshold: float) -> list[int]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    X = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
        [f"{a.title or ''}\n{a.text}" for a in articles])
    model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold)
    return model.fit_predict(X.toarray()).tolist()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3, help="draws of days and outlets to average over")
    parser.add_argument("--span-days", type=int, default=730,
                        help="days the events of a stream are spread over (30: a dense local stream)")
    parser.add_argument("--held-out", action="store_true", help="only ECB+ topics 21-35 (not tuned on)")
    args = parser.parse_args()
    draws = [streams(seed, args.span_days, args.held_out) for seed in range(args.seeds)]
    kinds = list(KINDS)
    rows: dict[str, list[list[float]]] = {}

    def add(name: str, per_draw: list[list[float]]) -> None:
        rows[name] = per_draw

    add("storyline (regroup, shipped)", [[bcubed(regrouped(d[k][0]), d[k][1])[2] for k in kinds] for d in draws])
    add("storyline online (publication order)", [[bcubed(online(d[k][0]), d[k][1])[2] for k in kinds] for d in draws])
    best = (-1.0, 0.0)
    for t in np.arange(0.3, 1.0, 0.025):
        mean = float(np.mean([bcubed(tfidf_labels(d[k][0], float(t)), d[k][1])[2] for d in draws for k in kinds]))
        best = max(best, (mean, float(t)))
    add(f"tfidf+agglo tuned here (t={best[1]:.3f})",
        [[bcubed(tfidf_labels(d[k][0], best[1]), d[k][1])[2] for k in kinds] for d in draws])
    add("singletons", [[bcubed(list(range(len(d[k][0]))), d[k][1])[2] for k in kinds] for d in draws])
    sizes = [f"{k} ({len(draws[0][k][0])} art., {len(set(draws[0][k][1]))} ev.)" for k in kinds]
    print(f"B-cubed F1, {args.seeds} draws, {args.span_days} d{', 21-35' if args.held_out else ''}".ljust(40) + "".join(f"{s:>26}" for s in sizes) + f"{'mean':>8}")
    for name, per_draw in rows.items():
        scores = np.mean(np.array(per_draw), axis=0)
        print(name.ljust(40) + "".join(f"{s:>26.3f}" for s in scores) + f"{float(np.mean(scores)):>8.3f}")


if __name__ == "__main__":
    main()

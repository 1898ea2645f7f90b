"""Link-stage speed on the Reuters-21578 bodies: does cost per article stay flat?

    .venv/bin/python benchmarks/clustering_speed.py [--limit N] [--recluster] [--analyze]
    .venv/bin/python benchmarks/clustering_speed.py --ingest [--limit N] [--runs N]

Reads ../shared/data/corpus/reuters21578 at run time. The articles go through
Clean (and, with --analyze, Analyze: slow on a shared CPU) once and are cached
outside the repo; then the online link stage (Link + StoryIndex, default
settings) places them one by one, timed alone. Prints articles/s for the first
and the last thousand, their ratio, and peak memory (process max RSS
before and after linking; --tracemalloc adds the traced Python peak, slowly). With --recluster
it also times the order-free batch ``recluster`` over all of them.

With --store PATH the articles are instead read, already analysed, from a
store a ``storyline ingest`` (for example an interrupted ``--ingest`` run of
this script) wrote, in the order they were stored: placement cost on real
analyses without paying Analyze again.

With --ingest it instead times the whole ``storyline ingest`` a user runs (read
JSONL, clean, analyze, link, save to a fresh SQLite store), stamping each saved
article: the same first/last-thousand figures, for the full per-article cost.

With --ingest --runs N the stream instead arrives as a feed does, in successive
``storyline ingest`` runs of N articles into one store, each run timed whole,
its closing settle (outlet boilerplate cut, regroup, briefs) included; one
worker, so the process's own CPU time is the run's. It prints each run's CPU
per article with the store size, and the last run's against the first's.
"""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clustering_data import CACHE, ROOT  # noqa: E402

from storyline.models import Article, RawArticle  # noqa: E402
from storyline.pipeline.base import Context  # noqa: E402
from storyline.pipeline.link import Link, StoryIndex  # noqa: E402
from storyline.pipeline.link.recluster import recluster  # noqa: E402
from storyline.run.local import article_stages  # noqa: E402
from storyline.settings import Settings  # noqa: E402

REUTERS = ROOT.parent / "shared" / "data" / "corpus" / "reuters21578"


def reuters_raw() -> list[RawArticle]:
    """Every Reuters record with a body, as RawArticle (date parsed to ISO)."""
    raws = []
    for path in sorted(REUTERS.glob("reuters-*.json")):
        for rec in json.loads(path.read_text(encoding="utf-8")):
            if not (rec.get("body") or "").strip():
                continue
            published = None
            try:
                published = datetime.strptime(rec["date"].split(".")[0].strip(), "%d-%b-%Y %H:%M:%S").isoformat()
            except (KeyError, ValueError):
                pass
            raws.append(RawArticle(source=f"{path.name}#{rec.get('id')}", text=rec["body"], title=rec.get("title"),
                                   published=published, input_id=rec.get("id"), outlet="Reuters"))
    return raws


def prepared(analyze: bool) -> list[Article]:
    stages = article_stages() if analyze else article_stages()[:1]
    cache = CACHE / f"reuters-{'-'.join(s.name.replace('/', '') for s in stages)}.pkl"
    if cache.exists():
        with cache.open("rb") as fh:
            return pickle.load(fh)
    ctx = Context(Settings())
    records: list = reuters_raw()
    for stage in stages:
        t0 = time.perf_counter()
        records = [r for r in stage.run(records, ctx) if isinstance(r, Article)]
        print(f"{stage.name}: {len(records)} articles in {time.perf_counter() - t0:.0f}s", flush=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as fh:
        pickle.dump(records, fh)
    return records


def rates(label: str, stamps: list[float], cpu: list[float]) -> None:
    """Articles/s for the first and last thousand (wall and CPU), and the CPU curve per thousand."""
    n = len(stamps) - 1
    k = min(1000, n)
    first, last = k / (stamps[k] - stamps[0]), k / (stamps[n] - stamps[n - k])
    print(f"{label}, wall clock: {n / (stamps[n] - stamps[0]):.0f} articles/s overall; first {k}: {first:.0f}/s; "
          f"last {k}: {last:.0f}/s; last/first = {last / first:.2f}")
    cfirst, clast = k / (cpu[k] - cpu[0]), k / (cpu[n] - cpu[n - k])
    print(f"{label}, CPU time:   {n / (cpu[n] - cpu[0]):.0f} articles/s overall; first {k}: {cfirst:.0f}/s; "
          f"last {k}: {clast:.0f}/s; last/first = {clast / cfirst:.2f}")
    # The whole curve, not just its ends: per-article cost rises while the posting
    # lists and candidate lists fill up to their caps, then should stay flat.
    series = [f"{1000 * (cpu[min(i + k, n)] - cpu[i]) / (min(i + k, n) - i):.2f}" for i in range(0, n, k)]
    print(f"{label}, CPU ms/article per {k}: " + " ".join(series))
    print(f"{label}, CPU per article, last {k} / first {k}: {cfirst / clast:.2f} (target <= 1.2)")


def write_jsonl(raws: list[RawArticle], path: Path) -> Path:
    """The raw articles as the JSONL a user would hand to ``storyline ingest``."""
    with path.open("w", encoding="utf-8") as fh:
        for raw in raws:
            fh.write(json.dumps({"id": raw.input_id, "title": raw.title, "text": raw.text,
                                 "published": raw.published, "outlet": raw.outlet}) + "\n")
    return path


def whole_ingest(raws: list[RawArticle]) -> None:
    """``storyline ingest`` of the raw articles into a fresh store, stamped as each batch is saved.

    The store saves a batch in one transaction, so every article of a batch gets
    the batch's stamp; the per-thousand figures are printed as the run goes, so
    an interrupted run still reports the thousands it finished.
    """
    import storyline

    with tempfile.TemporaryDirectory(prefix="ingest-speed-") as tmp:
        source = write_jsonl(raws, Path(tmp) / "reuters.jsonl")
        with storyline.open(Path(tmp) / "news.db") as sl:
            stamps, cpu = [time.perf_counter()], [time.process_time()]
            save = sl.store.save_articles

            def stamped(articles, **kwargs: object) -> list[bool]:
                saved = save(articles, **kwargs)
                now, used = time.perf_counter(), time.process_time()
                for _ in articles:
                    stamps.append(now)
                    cpu.append(used)
                    if (len(stamps) - 1) % 1000 == 0:
                        n = len(stamps) - 1
                        print(f"  {n} stored: CPU {1000 * (cpu[n] - cpu[n - 1000]) / 1000:.1f} ms/article "
                              f"over the last thousand", flush=True)
                return saved

            sl.store.save_articles = stamped  # type: ignore[method-assign]
            report = sl.ingest([source], progress=False)
            print(f"{len(raws)} Reuters bodies: {len(report.ingested)} stored, {report.unchanged} repeated, "
                  f"{len(report.rejected)} rejected, {len(report.stories)} stories")
        rates("storyline ingest", stamps, cpu)
        print(f"peak memory: process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:.0f} MiB")


def stream_ingest(raws: list[RawArticle], per_run: int, db: str | None = None) -> None:
    """``raws`` ingested as successive runs of ``per_run`` articles into one store, each run's CPU per article.

    The store is a fresh temporary one, or ``db`` (kept, to time more runs on it later).
    """
    import storyline

    per_article: list[float] = []
    full: list[bool] = []  # whether the run brought a full ``per_run`` (a short last run's fixed costs weigh more)
    with tempfile.TemporaryDirectory(prefix="stream-speed-") as tmp, \
            storyline.open(db or Path(tmp) / "news.db", workers=1) as sl:
        # Models load on first use: warm them on one article (not stored) so run 1 times no start-up.
        records: list = raws[:1]
        for stage in article_stages():
            records = [r for r in stage.run(records, Context(sl.settings)) if isinstance(r, Article)]
        for start in range(0, len(raws), per_run):
            source = write_jsonl(raws[start:start + per_run], Path(tmp) / f"run{start}.jsonl")
            wall, cpu = time.perf_counter(), time.process_time()
            report = sl.ingest([source], progress=False)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            stored = max(1, len(report.ingested))
            per_article.append(1000 * cpu / stored)
            full.append(len(report.ingested) >= 0.9 * per_run)
            print(f"  run {len(per_article):>2}: {len(report.ingested):>5} stored, store {sl.store.count_articles():>6}; "
                  f"{per_article[-1]:.1f} CPU ms/article ({wall:.0f}s wall)", flush=True)
    whole = [c for c, f in zip(per_article, full) if f]
    if whole:
        later = sorted(whole[len(whole) // 2:])
        print(f"storyline ingest in runs of {per_run}, CPU per article against the first run: last full run "
              f"{whole[-1] / whole[0]:.2f}, median of the later half {later[len(later) // 2] / whole[0]:.2f}, "
              f"highest {max(whole) / whole[0]:.2f} (target <= 1.2)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--analyze", action="store_true", help="run Analyze too (entities, times)")
    parser.add_argument("--tracemalloc", action="store_true", help="trace Python allocations (slows the run)")
    parser.add_argument("--threshold", type=float, default=None, help="override cluster_threshold")
    parser.add_argument("--recluster", action="store_true", help="also time recluster over all articles")
    parser.add_argument("--ingest", action="store_true", help="time the whole `storyline ingest` instead")
    parser.add_argument("--runs", type=int, default=0, help="with --ingest: successive runs of N articles into one store")
    parser.add_argument("--db", help="with --ingest --runs: ingest into this store (kept) instead of a temporary one")
    parser.add_argument("--store", help="read analysed articles from this SQLite store (in ingest order)")
    args = parser.parse_args()
    if args.ingest:
        raws = reuters_raw()
        raws = raws[: args.limit] if args.limit else raws
        if args.runs:
            stream_ingest(raws, args.runs, args.db)
        else:
            whole_ingest(raws)
        return
    if args.store:
        from storyline.store import Store

        store = Store(args.store, readonly=True)
        articles = store.articles()
        for a in articles:
            a.story = None
        args.analyze = True
    else:
        articles = prepared(args.analyze)
    if args.limit:
        articles = articles[: args.limit]
    settings = Settings().with_values({} if args.threshold is None else {"cluster_threshold": args.threshold})
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10
    print(f"{len(articles)} Reuters articles ({'clean+analyze' if args.analyze else 'clean only'}); "
          f"link threshold={settings.cluster_threshold} window={settings.cluster_window_days}d")
    link = Link(StoryIndex(settings.cluster_threshold, settings.cluster_window_days))
    ctx = Context(settings)
    if args.tracemalloc:
        tracemalloc.start()
    # Wall-clock and CPU time per article: the machine is shared, so CPU time is
    # the figure that does not depend on what the neighbours run.
    stamps = [time.perf_counter()]
    cpu = [time.process_time()]
    for _ in link.run(articles, ctx):
        stamps.append(time.perf_counter())
        cpu.append(time.process_time())
    peak = tracemalloc.get_traced_memory()[1] if args.tracemalloc else 0
    tracemalloc.stop()
    n = len(articles)
    rates("online link", stamps, cpu)
    print(f"{len(link.index.stories)} stories")
    traced = f"link stage {peak / 2**20:.0f} MiB (tracemalloc); " if args.tracemalloc else ""
    print(f"peak memory: {traced}process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:.0f} MiB "
          f"(was {rss_before:.0f} MiB with the articles loaded, before linking)")
    if args.recluster:
        t0, c0 = time.perf_counter(), time.process_time()
        stories = recluster(articles, window_days=settings.cluster_window_days)
        took, cpu_took = time.perf_counter() - t0, time.process_time() - c0
        print(f"recluster: {took:.0f}s wall, {cpu_took:.0f}s CPU ({n / cpu_took:.0f} articles per CPU-second), "
              f"{len(set(stories.values()))} stories; "
              f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:.0f} MiB")


if __name__ == "__main__":
    main()

"""The batch runner: a corpus in, Parquet tables out, on any engine.

    run_batch(["crawl/"], "out/", settings, engine=LocalEngine())

Steps, each a plain function here; the *engine* only decides where they run
(in this process, or on Ray: see ``run.ray``):

1. plan: read the inputs (files, JSONL, WARC, ... or Parquet), drop repeated
   content, and cut the articles into shards of ``shard_size``; a shard is
   named by the hash of its content, so the same input gives the same shards;
2. analyze: every shard not already finished goes through the per-article
   stages (``local.article_stages()``, the list the in-process runner uses)
   and is written as ``articles/``, ``entities/``, ``quotes/``, ``times/``,
   ``signatures/`` and ``rejects/`` Parquet files, then marked done in
   ``_done/``; a re-run skips done shards;
3. catalogue: the driver reads only each article's shard, language, date
   and publication date (never the articles themselves);
4. near-duplicates: LSH band keys grouped by the engine, candidates verified
   and joined here (``pipeline.link.shards``);
5. stories: clustering per (language, time window of at most
   ``window_articles``) shard on the engine, then
   the merge across window boundaries and near-duplicate groups;
6. briefs per story on the engine (``tasks``); ``stories``, ``assignments``
   and ``briefs`` tables are written last.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from storyline.models import RawArticle, Reject
from storyline.pipeline.base import Context
from storyline.pipeline.clean import content_hash
from storyline.pipeline.ingest.files import iter_files, read_file
from storyline.pipeline.link import shards as shardlink
from storyline.run import tables
from storyline.run.bands import bucket_pairs
from storyline.run.local import article_stages, run_stages, worker_pool
from storyline.run.tasks import brief_task, cluster_task
from storyline.settings import Settings

SHARD_SIZE = 200
BRIEF_CHUNK = 50  # stories per brief task
RAW_FIELDS = ("id", "url", "title", "text", "html", "published", "outlet", "byline", "language")


@dataclass(slots=True)
class Shard:
    """A slice of the corpus: the unit of work, of output files and of skipping on re-run."""

    key: str
    raws: list[RawArticle]


@dataclass(slots=True)
class ShardResult:
    key: str
    articles: int
    rejects: list[Reject]
    worker: str  # host:pid of the process that ran it
    peak_rss_mb: float
    cpu_seconds: float = 0.0  # CPU time the worker spent on this shard (load-independent, unlike wall time)
    skipped: bool = False


@dataclass(slots=True)
class BatchReport:
    engine: str
    shards: int = 0
    skipped_shards: int = 0
    articles: int = 0
    duplicates_in_input: int = 0
    rejected: list[Reject] = field(default_factory=list)
    near_duplicate_groups: int = 0
    stories: int = 0
    worker_peak_rss_mb: dict[str, float] = field(default_factory=dict)
    analyze_cpu_seconds: float = 0.0  # summed over the shards analysed in this run
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each step

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["rejected"] = [{"source": r.source, "reason": r.reason} for r in self.rejected]
        return data


class Engine(Protocol):
    """Where the steps run. ``LocalEngine`` here; ``RayEngine`` in ``run.ray``."""

    name: str

    def analyze(self, shards: list[Shard], out: Path, settings: Settings) -> Iterator[ShardResult]: ...

    def candidate_pairs(self, signature_files: list[Path]) -> set[tuple[str, str]]: ...

    def map(self, fn: Callable[..., Any], items: Sequence[Any], *shared: Any) -> list[Any]: ...

    def close(self) -> None: ...


# -- reading and sharding -------------------------------------------------------


def read_parquet_raws(path: Path) -> Iterator[RawArticle]:
    """Raw articles from a Parquet file with (some of) the JSONL input fields as columns."""
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    columns = [c for c in RAW_FIELDS if c in parquet.schema_arrow.names]
    for batch in parquet.iter_batches(columns=columns):
        for n, row in enumerate(batch.to_pylist()):
            yield RawArticle(
                source=f"{path}:{n + 1}", text=row.get("text"), html=row.get("html"), input_id=row.get("id"),
                url=row.get("url"), title=row.get("title"), published=_str(row.get("published")),
                outlet=row.get("outlet"), byline=row.get("byline"), language=row.get("language"),
            )


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def read_inputs(paths: Iterable[str | os.PathLike[str]], settings: Settings) -> Iterator[RawArticle | Reject]:
    """Every raw article (or reject) under ``paths``; ``.parquet`` files are read too."""
    for path in paths:
        found = [Path(path)] if Path(path).is_file() else sorted(Path(path).rglob("*.parquet"))
        for item in [p for p in found if p.suffix == ".parquet"]:
            yield from read_parquet_raws(item)
    for item in iter_files(p for p in paths if Path(p).suffix != ".parquet"):
        if isinstance(item, Reject):
            yield item
        else:
            yield from read_file(item, settings)


def plan_shards(raws: Iterable[RawArticle | Reject], shard_size: int, report: BatchReport) -> list[Shard]:
    """Repeated content dropped, then shards of ``shard_size`` named by their content."""
    seen: set[str] = set()
    shards: list[Shard] = []
    batch: list[RawArticle] = []
    hashes: list[str] = []

    def close() -> None:
        key = "part-" + hashlib.sha1("".join(hashes).encode()).hexdigest()[:16]
        shards.append(Shard(key, list(batch)))
        batch.clear()
        hashes.clear()

    for raw in raws:
        if isinstance(raw, Reject):
            report.rejected.append(raw)
            continue
        digest = content_hash(raw)
        if digest in seen:
            report.duplicates_in_input += 1
            continue
        seen.add(digest)
        batch.append(raw)
        hashes.append(digest)
        if len(batch) >= shard_size:
            close()
    if batch:
        close()
    return shards


# -- per-shard work (runs on workers) --------------------------------------------


def peak_rss_mb() -> float:
    """This process's peak resident memory, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_name() -> str:
    return f"{os.uname().nodename}:{os.getpid()}"


def is_done(out: Path, key: str) -> bool:
    return (out / "_done" / key).exists()


def process_shard(shard: Shard, stages: Sequence[Any], ctx: Context, out: Path) -> ShardResult:
    """Run the per-article stages over one shard and write its tables; the done mark goes last."""
    cpu = time.process_time()
    articles, rejects = run_stages(stages, list(shard.raws), ctx)
    rows = tables.article_rows(articles)
    for name, schema in tables.ARTICLE_TABLES.items():
        tables.write_table(out / name / f"{shard.key}.parquet", rows[name], schema)
    signatures = [shardlink.signature_row(a) for a in sorted(articles, key=lambda a: a.id)]
    tables.write_table(out / "signatures" / f"{shard.key}.parquet", signatures, tables.SIGNATURES)
    tables.write_table(out / "rejects" / f"{shard.key}.parquet",
                       [{"source": r.source, "reason": r.reason} for r in rejects], tables.REJECTS)
    done = out / "_done" / shard.key
    done.parent.mkdir(parents=True, exist_ok=True)
    done.write_text(json.dumps({"articles": len(articles), "rejects": len(rejects)}))
    return ShardResult(shard.key, len(articles), rejects, worker_name(), peak_rss_mb(), time.process_time() - cpu)


def finished_result(out: Path, key: str) -> ShardResult:
    """The result of a shard done by an earlier run, read back from its files."""
    meta = json.loads((out / "_done" / key).read_text())
    rejects = [Reject(r["source"], r["reason"]) for r in tables.read_rows([out / "rejects" / f"{key}.parquet"])]
    return ShardResult(key, meta["articles"], rejects, "", 0.0, skipped=True)


# -- the local engine -------------------------------------------------------------


def _shard_in_worker(shard: Shard, settings: Settings, out: Path) -> ShardResult:
    """One shard in a pool worker (stages hold configuration only: building them costs nothing)."""
    return process_shard(shard, article_stages(), Context(settings), out)


class LocalEngine:
    """Every step on this machine: the reference the Ray engine must match.

    Shards are analysed in this process, or with ``workers`` > 1 in a pool of
    processes (``local.worker_pool``, as ``ingest --workers`` uses); each shard
    writes its own files, so the tables are byte-identical either way.
    """

    name = "local"

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers
        self._stages: list[Any] | None = None

    def analyze(self, shards: list[Shard], out: Path, settings: Settings) -> Iterator[ShardResult]:
        if self.workers > 1 and len(shards) > 1:
            with worker_pool(settings, self.workers) as pool:
                yield from pool.map(_shard_in_worker, shards, [settings] * len(shards), [out] * len(shards))
            return
        self._stages = self._stages or article_stages()
        ctx = Context(settings)
        for shard in shards:
            yield process_shard(shard, self._stages, ctx, out)

    def candidate_pairs(self, signature_files: list[Path]) -> set[tuple[str, str]]:
        buckets: dict[int, list[str]] = {}
        for row in tables.read_rows(signature_files, columns=["article_id", "bands"]):
            for band in row["bands"]:
                buckets.setdefault(band, []).append(row["article_id"])
        return {pair for ids in buckets.values() if len(ids) > 1 for pair in bucket_pairs(ids)}

    def map(self, fn: Callable[..., Any], items: Sequence[Any], *shared: Any) -> list[Any]:
        return [fn(item, *shared) for item in items]

    def close(self) -> None:
        pass


# -- the driver ---------------------------------------------------------------------


def run_batch(
    inputs: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    settings: Settings,
    engine: Engine | None = None,
    *,
    shard_size: int = SHARD_SIZE,
    window_articles: int = shardlink.WINDOW_ARTICLES,
    on_shard: Callable[[ShardResult], None] | None = None,
) -> BatchReport:
    """Read ``inputs`` and run the whole pipeline, writing Parquet tables under ``out``."""
    return run_raws(read_inputs(list(inputs), settings), out, settings, engine,
                    shard_size=shard_size, window_articles=window_articles, on_shard=on_shard)


def run_raws(
    raws: Iterable[RawArticle | Reject],
    out: str | os.PathLike[str],
    settings: Settings,
    engine: Engine | None = None,
    *,
    shard_size: int = SHARD_SIZE,
    window_articles: int = shardlink.WINDOW_ARTICLES,
    on_shard: Callable[[ShardResult], None] | None = None,
) -> BatchReport:
    """``run_batch`` over raw articles already read (benchmarks and tests build them directly)."""
    engine = engine or LocalEngine()
    out = Path(out)
    report = BatchReport(engine.name)
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.seconds[step] = round(now - clock, 3)
        clock = now

    shards = plan_shards(raws, shard_size, report)
    report.shards = len(shards)
    lap("plan")

    todo = [s for s in shards if not is_done(out, s.key)]
    results = [finished_result(out, s.key) for s in shards if is_done(out, s.key)]
    for result in engine.analyze(todo, out, settings):
        results.append(result)
        if on_shard:
            on_shard(result)
    for result in results:
        report.skipped_shards += result.skipped
        report.articles += result.articles
        report.rejected += result.rejects
        report.analyze_cpu_seconds += result.cpu_seconds
        if result.worker:
            rss = report.worker_peak_rss_mb
            rss[result.worker] = max(rss.get(result.worker, 0.0), result.peak_rss_mb)

    lap("analyze")
    keys = [s.key for s in shards]
    catalog = read_catalog(out, keys)
    lap("catalog")
    groups = near_duplicates(engine, out, keys)
    report.near_duplicate_groups = len(groups)
    lap("near_duplicates")
    assign = link_stories(engine, out, catalog, groups, settings, window_articles)
    lap("cluster")
    write_stories(engine, out, catalog, groups, assign, settings)
    lap("briefs")
    report.stories = len(set(assign.values()))
    return report


def read_catalog(out: Path, keys: list[str]) -> shardlink.Catalog:
    """The driver's only per-article state: shard, language, date and publication date of each article."""
    catalog = shardlink.Catalog()
    for key in keys:
        for row in tables.read_rows([out / "signatures" / f"{key}.parquet"], ["article_id", "language", "day", "published"]):
            i = row["article_id"]
            catalog.shard[i] = key
            catalog.language[i] = row["language"]
            catalog.day[i] = row["day"]
            catalog.published[i] = row["published"]
    return catalog


def near_duplicates(engine: Engine, out: Path, keys: list[str]) -> list[list[str]]:
    """Near-duplicate groups: candidates from the engine's band grouping, verified and joined here."""
    files = [out / "signatures" / f"{k}.parquet" for k in keys]
    pairs = engine.candidate_pairs(files)
    involved = sorted({i for pair in pairs for i in pair})
    shingle_sets = {
        r["article_id"]: set(r["shingles"])
        for r in tables.read_rows(files, ["article_id", "shingles"], filters=[("article_id", "in", involved)])
    } if involved else {}
    return shardlink.verified_groups(pairs, shingle_sets)


def link_stories(
    engine: Engine, out: Path, catalog: shardlink.Catalog, groups: list[list[str]], settings: Settings,
    window_articles: int = shardlink.WINDOW_ARTICLES,
) -> dict[str, str]:
    """Article id → story id: shard clustering on the engine, then the merge step."""
    shards = shardlink.shard_by_window(catalog, window_articles)
    where = str(out.resolve())
    results = engine.map(cluster_task, [catalog.by_shard(ids) for ids in shards.values()], where, settings)
    # Story ids are only unique within a shard until the merge renames them.
    assign = {a: f"{n}:{s}" for n, result in enumerate(results) for a, s in result.items()}
    boundaries = [
        shardlink.boundary_ids(shards[left], shards[right], assign, day, catalog, settings)
        for left, right, day in shardlink.adjacent_boundaries(shards)
    ]
    merged = engine.map(cluster_task, [catalog.by_shard(ids) for ids in boundaries if ids], where, settings)
    return shardlink.merge_stories(assign, merged, groups, catalog.published)


def write_stories(
    engine: Engine, out: Path, catalog: shardlink.Catalog, groups: list[list[str]],
    assign: dict[str, str], settings: Settings,
) -> None:
    """Briefs per story on the engine, then the stories, assignments and briefs tables."""
    members: dict[str, list[str]] = {}
    for article_id in sorted(assign):
        members.setdefault(assign[article_id], []).append(article_id)
    ordered = [(story, catalog.by_shard(ids)) for story, ids in sorted(members.items())]
    chunks = [ordered[i:i + BRIEF_CHUNK] for i in range(0, len(ordered), BRIEF_CHUNK)]
    done = [item for chunk in engine.map(brief_task, chunks, str(out.resolve()), settings) for item in chunk]
    grouped = tables.read_by_shard(out, catalog.by_shard(i for g in groups for i in g))
    canonical = shardlink.canonical_ids(groups, {a.id: a for a in grouped})
    tables.write_table(out / "stories.parquet", [
        {"id": s.id, "title": s.title, "articles": s.articles, "first_published": s.first_published,
         "last_published": s.last_published} for s, _ in done
    ], tables.STORIES)
    tables.write_table(out / "briefs.parquet", [{"story": s.id, "brief": text} for s, text in done], tables.BRIEFS)
    tables.write_table(out / "assignments.parquet", [
        {"article_id": a, "story": assign[a], "canonical": canonical.get(a, a)} for a in sorted(assign)
    ], tables.ASSIGNMENTS)

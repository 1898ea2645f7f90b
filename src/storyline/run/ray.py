"""The batch runner's steps on Ray: the same stages, spread over a cluster.

- analyze: a Ray Data ``map_batches`` over the shards with an actor pool;
  each actor builds ``local.article_stages()`` once (so spaCy loads once per
  worker) and writes its shards' Parquet files itself, to ``out`` on storage
  every node can see; only small results come back to the driver;
- near-duplicates: the LSH band keys of every article are read by the workers
  and grouped by key across the cluster (a hash shuffle of Ray tasks); each
  bucket yields its candidate pairs;
- clustering shards and brief chunks: plain Ray tasks that read the articles
  they need from ``out`` themselves (the driver sends ids, not articles).

A worker that dies is replaced and its shard retried (Ray Data's actor pools
default to unbounded ``max_restarts`` / ``max_task_retries``; tasks get
``max_retries=RETRIES``); a shard already written is skipped on a re-run.
Ray is an optional extra: without it, building a ``RayEngine`` raises
``MissingExtraError`` naming ``storyline[ray]``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from storyline.errors import MissingExtraError
from storyline.models import RawArticle
from storyline.pipeline.base import Context
from storyline.run import bands
from storyline.run.batch import Shard, ShardResult, process_shard
from storyline.run.local import article_stages
from storyline.settings import Settings

RETRIES = 3


def _ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401  (the Data library is part of the extra)
    except ImportError:
        raise MissingExtraError("--engine ray", "ray", "ray[data]") from None
    return ray


class ShardWorker:
    """A Ray Data actor: the per-article stages, built once, run over whole shards."""

    def __init__(self, out: str, settings: Settings) -> None:
        self.out = Path(out)
        self.ctx = Context(settings)
        self.stages = article_stages()

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        results: dict[str, list[Any]] = {"result": []}
        for key, raws in zip(batch["key"], batch["raws"]):
            shard = Shard(str(key), [RawArticle(**r) for r in json.loads(raws)])
            result = process_shard(shard, self.stages, self.ctx, self.out)
            data = asdict(result)
            data["rejects"] = [[r.source, r.reason] for r in result.rejects]
            results["result"].append(json.dumps(data))
        return results


class RayEngine:
    """Runs the batch steps on a Ray cluster (a local one when ``address`` is None)."""

    name = "ray"
    worker_class: type[ShardWorker] = ShardWorker  # the actor class (tests swap in one that crashes)

    def __init__(self, address: str | None = None, workers: int | None = None) -> None:
        ray = self.ray = _ray()
        if not ray.is_initialized():
            if address:
                ray.init(address=address, log_to_driver=False)
            else:
                # A local cluster with exactly `workers` CPUs, so "n workers" means n cores.
                ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
        self.workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ctx.print_on_execution_start = False

    def analyze(self, shards: list[Shard], out: Path, settings: Settings) -> Iterator[ShardResult]:
        if not shards:
            return
        from storyline.models import Reject

        ray = self.ray
        rows = [{"key": s.key, "raws": json.dumps([asdict(r) for r in s.raws])} for s in shards]
        ds = ray.data.from_items(rows, override_num_blocks=len(rows)).map_batches(
            self.worker_class,
            fn_constructor_kwargs={"out": str(Path(out).resolve()), "settings": settings},
            batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=min(self.workers, len(rows))),
            num_cpus=1,
            # No max_restarts / max_task_retries here: Ray Data's actor pools already
            # default to restarting a dead actor and retrying its shard (both -1,
            # unbounded); an exception raised by our own code is not retried.
        )
        for row in ds.iter_rows():
            data = json.loads(row["result"])
            data["rejects"] = [Reject(s, r) for s, r in data["rejects"]]
            yield ShardResult(**data)

    def candidate_pairs(self, signature_files: list[Path]) -> set[tuple[str, str]]:
        files = [str(p.resolve()) for p in signature_files if p.exists()]
        if not files:
            return set()
        # A hash shuffle in Ray Core: each map task splits one file's band keys into
        # `parts` partitions, each reduce task groups one partition's keys into buckets.
        # (Ray Data's groupby does the same, with a much larger fixed cost per run.)
        ray = self.ray
        parts = max(1, self.workers)
        split = ray.remote(num_cpus=1, max_retries=RETRIES, num_returns=parts)(bands.partition_bands)
        group = ray.remote(num_cpus=1, max_retries=RETRIES)(bands.group_bands)
        mapped = [split.remote(f, parts) for f in files]
        if parts == 1:
            mapped = [[ref] for ref in mapped]
        reduced = [group.remote(*[m[i] for m in mapped]) for i in range(parts)]
        return {tuple(pair) for pairs in ray.get(reduced) for pair in pairs}

    def map(self, fn: Callable[..., Any], items: Sequence[Any], *shared: Any) -> list[Any]:
        if not items:
            return []
        ray = self.ray
        task = ray.remote(num_cpus=1, max_retries=RETRIES)(fn)
        refs = [ray.put(s) for s in shared]
        return ray.get([task.remote(item, *refs) for item in items])

    def close(self) -> None:
        self.ray.shutdown()

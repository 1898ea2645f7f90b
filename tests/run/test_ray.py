"""The Ray engine gives the same Parquet tables, stories and export as the local one."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")  # storyline[batch]; without it the batch runner is not there to test

import pyarrow.parquet as pq  # noqa: E402

import storyline  # noqa: E402
from storyline.errors import MissingExtraError  # noqa: E402
from storyline.models import RawArticle  # noqa: E402
from storyline.run import tables  # noqa: E402
from storyline.run.batch import LocalEngine, run_raws  # noqa: E402
from storyline.run.load import load  # noqa: E402
from storyline.run.ray import ShardWorker  # noqa: E402  (imports ray only when an engine is built)
from storyline.settings import Settings  # noqa: E402
from storyline.store import Store  # noqa: E402
from tests.conftest import SHARED_DATA  # noqa: E402

GIVEME = SHARED_DATA / "clustering" / "giveme5w1h" / "articles"
# A few hundred real articles, as the issue asks; STORYLINE_TEST_REAL_ARTICLES=383 for the whole set.
REAL_ARTICLES = int(os.environ.get("STORYLINE_TEST_REAL_ARTICLES", "300"))
TABLES = ("articles", "entities", "quotes", "times", "signatures")


def _all_rows(out: Path) -> dict[str, list[dict]]:
    rows = {name: tables.read_rows(sorted((out / name).glob("*.parquet"))) for name in TABLES}
    for name in ("stories", "briefs", "assignments"):
        rows[name] = pq.read_table(out / f"{name}.parquet").to_pylist()
    return rows


def _export(out: Path, db: Path) -> dict:
    with Store(db) as store:
        load(out, store)
    with storyline.open(db) as sl:
        return sl.export()


def test_without_ray_the_engine_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now raises ImportError
    from storyline.run.ray import RayEngine

    with pytest.raises(MissingExtraError, match=r"storyline\[ray\]"):
        RayEngine(workers=1)


def test_sample_corpus_same_tables_and_export(local_examples, ray_examples, tmp_path):
    (local_out, local_report), (ray_out, ray_report) = local_examples, ray_examples
    assert ray_report.engine == "ray" and len(ray_report.worker_peak_rss_mb) >= 1
    assert (ray_report.articles, ray_report.stories) == (local_report.articles, local_report.stories)
    assert _all_rows(ray_out) == _all_rows(local_out)
    assert _export(ray_out, tmp_path / "ray.db") == _export(local_out, tmp_path / "local.db")


def _giveme(n: int) -> list[RawArticle]:
    raws = []
    for path in sorted(GIVEME.glob("*.json"))[:n]:
        rec = json.loads(path.read_text(encoding="utf-8"))
        published = rec.get("date_publish")
        raws.append(RawArticle(
            source=str(path), text=rec.get("text") or rec.get("description") or "", title=rec.get("title"),
            url=rec.get("url"), published=None if published in (None, "None") else str(published),
            outlet=rec.get("source_domain"),
        ))
    return raws


def test_real_articles_same_stories_on_both_engines(ray_engine, tmp_path):
    if not GIVEME.is_dir():
        pytest.skip("shared data absent: ../shared/data/clustering/giveme5w1h")
    raws = _giveme(REAL_ARTICLES)
    local = run_raws(raws, tmp_path / "local", Settings(), LocalEngine(), shard_size=25)
    on_ray = run_raws(raws, tmp_path / "ray", Settings(), ray_engine, shard_size=25)
    assert on_ray.articles == local.articles >= 0.95 * len(raws)
    assert on_ray.stories == local.stories
    assert _all_rows(tmp_path / "ray") == _all_rows(tmp_path / "local")


class DiesOnce(ShardWorker):
    """A ShardWorker whose first attempt at each shard kills its actor process."""

    def __call__(self, batch):
        marker = self.out / f".died-{batch['key'][0]}"
        if not marker.exists():
            marker.write_text("killed")
            os._exit(1)  # as if the process or its node died mid-shard
        return super().__call__(batch)


def test_a_worker_that_dies_is_restarted_and_its_shard_retried(ray_engine, tmp_path, monkeypatch):
    import ray.cloudpickle

    from tests.run.conftest import EXAMPLES

    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers need not import the tests
    monkeypatch.setattr(ray_engine, "worker_class", DiesOnce)
    lines = [json.loads(line) for line in (EXAMPLES / "wire.jsonl").read_text().splitlines() if line.strip()]
    raws = [RawArticle(source=f"wire:{n}", **{k: v for k, v in rec.items() if k != "id"}) for n, rec in enumerate(lines)]
    report = run_raws(raws, tmp_path, Settings(), ray_engine, shard_size=3)
    assert report.articles == 3 and report.shards == 1
    assert len(list(tmp_path.glob(".died-*"))) == 1

"""The batch runner on the local engine: Parquet out, re-runs skip finished shards, load into the store."""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest

pytest.importorskip("pyarrow")  # storyline[batch]; without it the batch runner is not there to test

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

import storyline  # noqa: E402
from storyline.models import RawArticle  # noqa: E402
from storyline.pipeline.link.neardup import near_duplicate_groups  # noqa: E402
from storyline.pipeline.link import shards as shardlink  # noqa: E402
from storyline.run import tables  # noqa: E402
from storyline.run.batch import BatchReport, LocalEngine, plan_shards, run_batch  # noqa: E402
from storyline.run.load import load  # noqa: E402
from storyline.run.tasks import brief_json  # noqa: E402
from storyline.settings import Settings  # noqa: E402
from storyline.store import Store  # noqa: E402
from tests.conftest import INTENDED_STORIES, short_source  # noqa: E402
from tests.run.conftest import EXAMPLES, WINDOW  # noqa: E402


def _label(article) -> str:
    name = short_source(article.source)
    return f"{name}:{article.input_id and _wire_line(article.input_id)}" if name == "wire.jsonl" else name


def _wire_line(input_id: str) -> int:
    ids = [json.loads(line)["id"] for line in (EXAMPLES / "wire.jsonl").read_text().splitlines() if line.strip()]
    return ids.index(input_id) + 1


def test_writes_every_table(local_examples):
    out, report = local_examples
    assert report.articles == 13 and not report.rejected
    for name in ("articles", "entities", "quotes", "times", "signatures"):
        assert len(list((out / name).glob("*.parquet"))) == report.shards == 4
    for name in ("stories", "briefs", "assignments"):
        assert (out / f"{name}.parquet").exists()
    assert pq.read_table(out / "stories.parquet").num_rows == report.stories


def test_sample_corpus_gives_the_intended_stories(local_examples):
    out, _ = local_examples
    articles = {a.id: a for a in tables.read_articles(out)}
    stories = pq.read_table(out / "stories.parquet").to_pylist()
    found = sorted(sorted(_label(articles[i]) for i in s["articles"]) for s in stories)
    assert found == sorted(sorted(v) for v in INTENDED_STORIES.values())


def test_windows_are_cut_by_size_between_days():
    catalog = shardlink.Catalog()
    for n, (day, lang) in enumerate([(1, "en"), (1, "en"), (2, "en"), (3, "en"), (None, "en"), (1, "de")]):
        i = f"a{n}"
        catalog.shard[i], catalog.day[i], catalog.language[i], catalog.published[i] = "p", day, lang, None
    shards = shardlink.shard_by_window(catalog, 2)
    assert shards == {("de", 1): ["a5"], ("en", 1): ["a0", "a1"], ("en", 2): ["a2", "a3"], ("en", None): ["a4"]}
    assert shardlink.adjacent_boundaries(shards) == [(("en", 1), ("en", 2), 2)]


def test_near_duplicate_groups_match_the_in_process_detector(local_examples):
    out, _ = local_examples
    articles = tables.read_articles(out)
    canonical = {r["article_id"]: r["canonical"] for r in pq.read_table(out / "assignments.parquet").to_pylist()}
    expected = near_duplicate_groups(articles)
    assert expected  # the sample's wire re-runs
    for group in expected:
        assert {canonical[m] for m in group.members} == {group.canonical}
    grouped = {m for g in expected for m in g.members}
    assert all(canonical[a] == a for a in canonical if a not in grouped)


def test_rerun_skips_finished_shards(local_examples, tmp_path):
    src, first = local_examples
    out = tmp_path / "out"
    shutil.copytree(src, out)
    again = run_batch([EXAMPLES], out, Settings(), LocalEngine(), shard_size=4, window_articles=WINDOW)
    assert again.skipped_shards == again.shards == 4 and again.articles == 13
    # a shard whose done mark is missing (a run killed while writing it) is redone, alone
    victim = sorted((out / "_done").iterdir())[0]
    victim.unlink()
    third = run_batch([EXAMPLES], out, Settings(), LocalEngine(), shard_size=4, window_articles=WINDOW)
    assert third.skipped_shards == 3
    for name in ("stories", "assignments", "briefs"):
        assert pq.read_table(out / f"{name}.parquet").equals(pq.read_table(src / f"{name}.parquet"))


def test_shards_are_named_by_content():
    raws = [RawArticle(source=f"x{i}", text=f"Body number {i}.") for i in range(5)]
    first = plan_shards(raws + raws[:1], 2, report := BatchReport("local"))
    assert report.duplicates_in_input == 1
    assert [len(s.raws) for s in first] == [2, 2, 1]
    assert [s.key for s in first] == [s.key for s in plan_shards(raws, 2, BatchReport("local"))]


def test_reads_parquet_input(tmp_path):
    rows = [json.loads(line) for line in (EXAMPLES / "wire.jsonl").read_text().splitlines() if line.strip()]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "wire.parquet")
    report = run_batch([tmp_path / "wire.parquet"], tmp_path / "out", Settings(), LocalEngine())
    assert report.articles == 3 and not report.rejected
    ids = {a.input_id for a in tables.read_articles(tmp_path / "out")}
    assert ids == {r["id"] for r in rows}


def test_load_imports_stories_and_export_matches_the_briefs(local_examples, tmp_path, export_schema):
    out, report = local_examples
    db = tmp_path / "loaded.db"
    with Store(db) as store:
        first = load(out, store)
        again = load(out, store)
    assert (first.loaded, first.unchanged) == (13, 0)
    assert (again.loaded, again.unchanged) == (0, 13)
    with storyline.open(db) as sl:
        data = sl.export()
    jsonschema.validate(data, export_schema)
    briefs = {r["story"]: json.loads(r["brief"]) for r in pq.read_table(out / "briefs.parquet").to_pylist()}
    assert {s["id"] for s in data["stories"]} == set(briefs)
    for story in data["stories"]:
        assert json.loads(brief_json(story)) == briefs[story["id"]]


def test_load_refuses_an_unfinished_output(tmp_path):
    with Store(tmp_path / "x.db") as store, pytest.raises(storyline.errors.InputError):
        load(tmp_path, store)


def test_two_local_workers_write_byte_identical_tables(local_examples, tmp_path):
    out, _ = local_examples
    run_batch([EXAMPLES], tmp_path / "two", Settings(), LocalEngine(workers=2), shard_size=4, window_articles=WINDOW)
    ours = sorted(p.relative_to(out) for p in out.rglob("*.parquet"))
    assert ours == sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*.parquet"))
    for name in ours:
        assert (out / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name

"""The cost of one brief: a store's biggest story, built by this tree's brief code and a baseline's.

    .venv/bin/python benchmarks/brief_cost.py [--db STORE] [--baseline REV] [--rounds 5] [--profile]

Without ``--db`` giveme5w1h is ingested into a temporary store first (minutes).
The baseline is the brief code of ``REV`` (default: where this branch left
``main``), unpacked with ``git archive``. Each side runs in its own process with
its own ``src`` first on the path, loads the story and its articles from the
store once, builds the brief once to warm up (imports, caches), then builds it
once per round; the two sides alternate round by round so a change in the
machine's load falls on both. Prints CPU seconds (process time) and wall
seconds per brief, min and median, and whether the two briefs' JSON is the same
byte for byte (a speed change must not change the brief). ``--profile`` prints
the top of a cProfile of this tree's brief.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from brief_audit import ROOT, _baseline_src, _giveme_jsonl, _storyline

_CHILD = r"""
import cProfile, hashlib, json, pstats, sys, time
import storyline
from storyline.run import local
db, rounds, profile = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
with storyline.open(db) as sl:
    names = sl.names()
    story = max(sl.stories(), key=lambda s: (len(s.articles), s.id))
    articles = local.named_articles(sl.store, story.articles, names)
from storyline.pipeline.brief import BuildBrief, body
cold = getattr(body, "sentences_of", None)  # a cache of split sentences: emptied, each brief is built cold
builder = BuildBrief(sl.settings.summary_sentences)
brief = builder.run(story, articles)  # warm-up: imports and caches
digest = hashlib.sha1(json.dumps(brief.to_contract(), sort_keys=True).encode()).hexdigest()
cpu, wall = [], []
for _ in range(rounds):
    if cold is not None:
        cold.cache_clear()
    c, w = time.process_time(), time.perf_counter()
    builder.run(story, articles)
    cpu.append(time.process_time() - c)
    wall.append(time.perf_counter() - w)
if profile:
    if cold is not None:
        cold.cache_clear()
    cProfile.run("builder.run(story, articles)", sys.argv[4])
print(json.dumps({"articles": len(articles), "story": story.id, "digest": digest, "cpu": cpu, "wall": wall}))
"""


def _run(src: Path, db: Path, rounds: int, profile: Path | None = None) -> dict:
    args = [sys.executable, "-c", _CHILD, str(db), str(rounds), "1" if profile else "0", str(profile or "")]
    done = subprocess.run(args, env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a store already ingested (default: ingest giveme5w1h into a temporary one)")
    parser.add_argument("--baseline", help="git revision whose brief code is the baseline (default: merge-base with main)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds, one process per side each")
    parser.add_argument("--repeats", type=int, default=3, help="briefs built per process (after the warm-up)")
    parser.add_argument("--profile", action="store_true", help="print the top of a cProfile of this tree's brief")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        if args.db:
            db = Path(args.db)
        else:
            corpus, db = tmpdir / "giveme.jsonl", tmpdir / "giveme.db"
            _giveme_jsonl(corpus)
            _storyline(ROOT / "src", "ingest", "--db", str(db), str(corpus))
        rev, base_src = _baseline_src(args.baseline, tmpdir)
        sides = {"baseline": base_src, "ours": ROOT / "src"}
        runs: dict[str, list[dict]] = {name: [] for name in sides}
        for _ in range(args.rounds):  # alternating processes spread a change in load over both sides
            for name, src in sides.items():
                runs[name].append(_run(src, db, args.repeats))
        first = runs["ours"][0]
        print(f"story {first['story']}: {first['articles']} articles; baseline = brief code of {rev[:10]}")
        print(f"{'':10} {'cpu min':>8} {'cpu median':>11} {'wall min':>9} {'wall median':>12}")
        for name, results in runs.items():
            cpu = [t for r in results for t in r["cpu"]]
            wall = [t for r in results for t in r["wall"]]
            print(f"{name:10} {min(cpu):8.3f} {statistics.median(cpu):11.3f} {min(wall):9.3f} {statistics.median(wall):12.3f}")
        same = {r["digest"] for rs in runs.values() for r in rs}
        print("briefs identical:", len(same) == 1)
        if args.profile:
            import pstats

            out = tmpdir / "brief.prof"
            _run(ROOT / "src", db, 1, out)
            pstats.Stats(str(out)).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())

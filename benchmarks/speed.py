"""What `storyline ingest` costs beside spaCy alone, and what a second core buys.

    .venv/bin/python benchmarks/speed.py [--limit 1000]

Reads ../shared/data/corpus/reuters21578 at run time (the first N bodies, written
to a temporary JSONL file outside the repository). In one run, on the same texts:

- spaCy alone: ``nlp.pipe`` over the bodies with the English pipeline as its
  package ships it, in this process; CPU seconds (the baseline a user would
  otherwise pick). Beside it, for the record, the same pipeline as storyline
  runs it (its attribute ruler and lemmatizer memoised, with identical
  annotations: ``pipeline/analyze/memo_attrs.py``), so that the part of the
  saving that is spaCy's and the part that is storyline's own can be told apart.
- ``storyline ingest --workers 1`` and ``--workers 2``, each into a fresh store,
  as a user runs it (a subprocess); CPU seconds of the whole process tree
  (user + system, from ``getrusage(RUSAGE_CHILDREN)``), wall-clock seconds and
  the peak resident memory of the largest process (the main or one worker).

Targets (issue 18): CPU of ingest ≤ 1.25 × spaCy alone; wall-clock speed-up of
--workers 2 over --workers 1 ≥ 1.7 × on a 2-core machine. CPU seconds hardly
depend on other load; the wall-clock ratio does: run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clustering_speed import reuters_raw, write_jsonl  # noqa: E402

from storyline.pipeline.analyze.memo_attrs import memoise
from storyline.pipeline.analyze.nlp import _CANDIDATES


def stock_nlp():
    """The English pipeline exactly as its package loads it."""
    for name in _CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return importlib.import_module(name).load()
    raise SystemExit("no spaCy English pipeline installed")


def spacy_alone(texts: list[str], memoised: bool = False) -> float:
    """CPU seconds of nlp.pipe over ``texts`` (the model loaded beforehand, not counted)."""
    nlp = memoise(stock_nlp()) if memoised else stock_nlp()
    list(nlp.pipe(texts[:8]))  # warm up
    t0 = time.process_time()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.process_time() - t0


def ingest(source: Path, db: Path, workers: int) -> dict[str, float]:
    """CPU (process tree), wall-clock and peak RSS of one ``storyline ingest`` into a fresh store."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "storyline", "ingest", str(source), "--db", str(db), "--json", "--quiet",
         "--workers", str(workers)],
        check=True, capture_output=True, text=True,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = json.loads(done.stdout)
    return {
        "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "wall": wall, "rss": after.ru_maxrss / 2**10, "ingested": report["ingested"],
    }


def load_only() -> float:
    """CPU seconds a process spends starting and loading spaCy (paid once per process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", "from storyline.pipeline.analyze.nlp import load_nlp; load_nlp()"], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1000, help="Reuters bodies to ingest (default 1000)")
    args = parser.parse_args()
    raws = reuters_raw()[: args.limit]
    with tempfile.TemporaryDirectory(prefix="speed-") as tmp:
        source = write_jsonl(raws, Path(tmp) / "reuters.jsonl")
        base = spacy_alone([r.text or "" for r in raws])
        memo = spacy_alone([r.text or "" for r in raws], memoised=True)
        startup = load_only()
        one = ingest(source, Path(tmp) / "one.db", 1)
        two = ingest(source, Path(tmp) / "two.db", 2)
    print(f"{len(raws)} Reuters-21578 bodies ({one['ingested']} stored)")
    print(f"  spaCy nlp.pipe alone (baseline)     CPU {base:7.1f} s")
    print(f"  the same, as storyline runs spaCy   CPU {memo:7.1f} s = {memo / base:.2f}x (memoised attributes)")
    print(f"  process start + spaCy load           CPU {startup:7.1f} s (paid once per process)")
    for name, run in (("storyline ingest --workers 1", one), ("storyline ingest --workers 2", two)):
        print(f"  {name:<36} CPU {run['cpu']:7.1f} s = {run['cpu'] / base:.2f}x spaCy "
              f"({(run['cpu'] - startup * (1 if name.endswith('1') else 3)) / base:.2f}x without start-up)  "
              f"wall {run['wall']:6.1f} s  peak RSS {run['rss']:.0f} MiB")
        print(f"  {'':<36}     = {run['cpu'] / memo:.2f}x spaCy as storyline runs it")
    print(f"  speed-up --workers 2 / --workers 1: {one['wall'] / two['wall']:.2f}x wall-clock (target >= 1.7x)")


if __name__ == "__main__":
    main()

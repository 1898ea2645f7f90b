"""CPU cost of the time stage on Reuters bodies: with its prefilter, beside the same rules without it.

    .venv/bin/python benchmarks/timex_speed.py [--docs 1500] [--repeat 3]

Parses the first ``--docs`` non-empty Reuters-21578 bodies (``../shared/data/corpus/reuters21578``)
once with spaCy, timing that parse, then times ``extract_times`` over the parsed Docs
(best of ``--repeat``, CPU time of this process) twice: as shipped, and with the rule
prefilter switched off (``timex_rules.NEEDS`` emptied: every rule scans every text).
Prints both, their share of the parse's own CPU time, and whether the two runs found
exactly the same expressions (they must).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "corpus" / "reuters21578"


def bodies(limit: int) -> list[str]:
    out: list[str] = []
    for path in sorted(DATA.glob("reuters-*.json")):
        for story in json.loads(path.read_text(encoding="utf-8")):
            if story.get("body"):
                out.append(story["body"])
                if len(out) >= limit:
                    return out
    return out


def timed(docs: list, repeat: int) -> tuple[float, list]:
    """Best CPU seconds of ``repeat`` runs of the time stage over ``docs``, and what it found."""
    from storyline.pipeline.analyze.timex import extract_times

    best, found = float("inf"), []
    for _ in range(repeat):
        start = time.process_time()
        found = [[(t.start, t.end, t.value) for t in extract_times(d, "1987-03-10", time_of_day=True)] for d in docs]
        best = min(best, time.process_time() - start)
    return best, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"no data at {DATA}")
    from storyline.pipeline.analyze import timex_rules
    from storyline.pipeline.analyze.nlp import doc_text, load_nlp

    texts = bodies(args.docs)
    nlp = load_nlp()
    start = time.process_time()
    docs = list(nlp.pipe(texts, batch_size=64))
    parse = time.process_time() - start
    for d in docs:  # ingest builds each Doc's text once for all its stages (nlp.doc_text): not this stage's cost
        doc_text(d)
    shipped, found = timed(docs, args.repeat)
    needs = dict(timex_rules.NEEDS)
    timex_rules.NEEDS.clear()
    try:
        unfiltered, found_all = timed(docs, args.repeat)
    finally:
        timex_rules.NEEDS.update(needs)
    print(f"{len(texts)} Reuters bodies, {sum(map(len, texts)):,} characters; spaCy parse {parse:.2f} s CPU")
    print(f"time stage, with prefilter    {shipped:6.2f} s CPU  ({shipped / parse:.1%} of the parse)")
    print(f"time stage, without prefilter {unfiltered:6.2f} s CPU  ({unfiltered / parse:.1%} of the parse)")
    print(f"same expressions found: {found == found_all} ({sum(map(len, found))} expressions)")


if __name__ == "__main__":
    main()

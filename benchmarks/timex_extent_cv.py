"""TIMEX3 extents on TempEval-3 (TBAQ): strict detection with the extent rules, in-sample and under grouped CV.

    .venv/bin/python benchmarks/timex_extent_cv.py [--folds 5]

``timex_extent.EXTENT_RULES`` narrow a matched span to the extent TIMEX3 draws (a preposition,
a focus word, an adjective's article left out). Their evidence is TBAQ's gold spans, so the
in-sample strict figure flatters them. Here every rule is also chosen per fold: documents are
split into ``--folds`` groups (a document never spans two folds); on the training folds a rule is
kept when leaving it out would not raise the exact-span matches there (backward elimination from
the full list, the guideline's rule winning a tie); the rules kept are scored on the held-out
fold. Printed: strict P/R/F1 with no rule, with all rules (in-sample), and grouped CV; and per
rule, its in-sample gain in exact matches and in how many folds it was kept.

Our spans come from the time stage alone (spaCy parse + extract_times), as benchmarks/timex.py
scores them; values do not change with the extent (trimming runs after a value is read).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tml import TmlDoc, read_corpus

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "temporal" / "tempeval3"

Spans = list[tuple[int, int]]


def raw_spans(docs: list[TmlDoc]) -> list[Spans]:
    """Our spans before any extent rule (the grammar's own matches)."""
    from storyline.pipeline.analyze import timex_extent
    from storyline.pipeline.analyze.nlp import load_nlp
    from storyline.pipeline.analyze.timex import extract_times

    nlp = load_nlp()
    kept = timex_extent.EXTENT_RULES
    timex_extent.EXTENT_RULES = []
    try:
        return [[(t.start, t.end) for t in extract_times(p, d.dct, time_of_day=True)]
                for d, p in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16))]
    finally:
        timex_extent.EXTENT_RULES = kept


def counts(docs: list[TmlDoc], spans: list[Spans], idx: list[int], rules: list) -> tuple[int, int, int]:
    """(exact matches, predictions, golds) over documents ``idx`` with ``rules`` applied."""
    from storyline.pipeline.analyze.timex_extent import trim_extent

    hit = pred = gold = 0
    for i in idx:
        golds = {(g.start, g.end) for g in docs[i].timexes}
        gold += len(golds)
        pred += len(spans[i])
        hit += sum(trim_extent(docs[i].text, s, e, rules) in golds for s, e in spans[i])
    return hit, pred, gold


def prf(hit: int, pred: int, gold: int) -> str:
    p, r = hit / pred if pred else 0.0, hit / gold if gold else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {2 * p * r / (p + r) if p + r else 0.0:.3f}"


def choose(docs: list[TmlDoc], spans: list[Spans], idx: list[int], rules: list) -> list:
    """Backward elimination on the training documents: drop a rule while dropping it gains matches."""
    chosen = list(rules)
    while True:
        base = counts(docs, spans, idx, chosen)[0]
        gains = [(counts(docs, spans, idx, [r for r in chosen if r is not rule])[0] - base, k)
                 for k, rule in enumerate(chosen)]
        best, k = max(gains, default=(0, -1))
        if best <= 0:
            return chosen
        del chosen[k]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"no data at {DATA}")
    from sklearn.model_selection import GroupKFold

    from storyline.pipeline.analyze.timex_extent import EXTENT_RULES

    docs = read_corpus(DATA / "TimeBank") + read_corpus(DATA / "AQUAINT")
    spans = raw_spans(docs)
    every = list(range(len(docs)))
    print(f"TempEval-3 TBAQ: {len(docs)} documents, {sum(len(d.timexes) for d in docs)} gold TIMEX3; "
          f"strict (exact-extent) detection\n")
    print(f"{'no extent rule':28} {prf(*counts(docs, spans, every, []))}")
    print(f"{'all rules, in-sample':28} {prf(*counts(docs, spans, every, EXTENT_RULES))}")
    total = [0, 0, 0]
    kept = {name: 0 for name, _ in EXTENT_RULES}
    for train, test in GroupKFold(n_splits=args.folds).split(every, groups=every):
        chosen = choose(docs, spans, list(train), EXTENT_RULES)
        for name, _ in chosen:
            kept[name] += 1
        for j, v in enumerate(counts(docs, spans, list(test), chosen)):
            total[j] += v
    print(f"{f'grouped CV, {args.folds} folds':28} {prf(*total)}\n")
    full = counts(docs, spans, every, EXTENT_RULES)[0]
    print(f"{'rule':20} {'in-sample gain':>14} {'kept in folds':>14}")
    for name, _ in EXTENT_RULES:
        without = counts(docs, spans, every, [r for r in EXTENT_RULES if r[0] != name])[0]
        print(f"{name:20} {full - without:+14d} {kept[name]:>9d} / {args.folds}")


if __name__ == "__main__":
    main()

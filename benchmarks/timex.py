"""Time expressions on TempEval-3 (TimeBank + AQUAINT): ours beside dateparser.search.search_dates.

    .venv/bin/python benchmarks/timex.py [--errors N] [--no-spacy]

For every document the body is rebuilt from the .tml (tags stripped, offsets kept)
and both systems resolve against its creation time (the DCT TIMEX3, which is not
itself evaluated). Printed per gold type (DATE, TIME, all):
- detection P/R/F1 with overlap matching (a gold expression is found if any
  predicted span overlaps it; a prediction is right if it overlaps any gold one;
  for a type, precision counts predictions of that type);
- value accuracy over detected: of the gold expressions found, the share whose
  best-overlapping prediction has exactly the gold TimeML value;
- value F1 (TempEval-3 style): correct values over predictions and over gold.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tml import GoldTimex, TmlDoc, read_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "temporal" / "tempeval3"


@dataclass(slots=True)
class Pred:
    start: int
    end: int
    value: str
    type: str


def ours(docs: list[TmlDoc], use_spacy: bool) -> list[list[Pred]]:
    from storyline.pipeline.analyze.nlp import load_nlp
    from storyline.pipeline.analyze.timex import extract_times

    if use_spacy:
        nlp = load_nlp()
        parsed = nlp.pipe((d.text for d in docs), batch_size=16)
    else:
        parsed = (d.text for d in docs)
    return [[Pred(t.start, t.end, t.value, t.type) for t in extract_times(p, d.dct, time_of_day=True)] for d, p in zip(docs, parsed)]


def baseline(docs: list[TmlDoc]) -> list[list[Pred]]:
    from dateparser.search import search_dates

    out: list[list[Pred]] = []
    for d in docs:
        base = datetime.fromisoformat(d.dct[:19]) if len(d.dct) > 10 else datetime.fromisoformat(d.dct[:10])
        found = search_dates(d.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        preds: list[Pred] = []
        cursor = 0
        for sub, stamp in found:
            start = d.text.find(sub, cursor)
            if start < 0:
                start = d.text.find(sub)
                if start < 0:
                    continue
            cursor = start + len(sub)
            if (stamp.hour, stamp.minute) != (0, 0):
                preds.append(Pred(start, start + len(sub), stamp.strftime("%Y-%m-%dT%H:%M"), "TIME"))
            else:
                preds.append(Pred(start, start + len(sub), stamp.date().isoformat(), "DATE"))
        out.append(preds)
    return out


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def score(docs: list[TmlDoc], preds: list[list[Pred]], kind: str | None) -> dict[str, float]:
    """Detection and value scores for gold type ``kind`` (None: all types)."""
    gold_n = found = value_ok = pred_n = pred_ok = 0
    for d, ps in zip(docs, preds):
        golds: list[GoldTimex] = [g for g in d.timexes if kind is None or g.type == kind]
        gold_n += len(golds)
        for g in golds:
            best = max(ps, key=lambda p: _overlap(g.start, g.end, p.start, p.end), default=None)
            if best is None or _overlap(g.start, g.end, best.start, best.end) == 0:
                continue
            found += 1
            value_ok += best.value == g.value
        mine = [p for p in ps if kind is None or p.type == kind]
        pred_n += len(mine)
        pred_ok += sum(any(_overlap(g.start, g.end, p.start, p.end) for g in d.timexes) for p in mine)
    precision = pred_ok / pred_n if pred_n else 0.0
    recall = found / gold_n if gold_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = value_ok / found if found else 0.0
    vp = value_ok / pred_n if pred_n else 0.0
    vr = value_ok / gold_n if gold_n else 0.0
    vf1 = 2 * vp * vr / (vp + vr) if vp + vr else 0.0
    return {"gold": gold_n, "pred": pred_n, "P": precision, "R": recall, "F1": f1, "value_acc": accuracy, "value_F1": vf1}


def show_errors(docs: list[TmlDoc], preds: list[list[Pred]], limit: int) -> None:
    shown = 0
    for d, ps in zip(docs, preds):
        for g in d.timexes:
            best = max(ps, key=lambda p: _overlap(g.start, g.end, p.start, p.end), default=None)
            if best is None or _overlap(g.start, g.end, best.start, best.end) == 0:
                print(f"MISS  {d.dct[:10]} {g.type:8} {g.text!r:35} {g.value}")
            elif best.value != g.value:
                print(f"VALUE {d.dct[:10]} {g.type:8} {g.text!r:35} gold={g.value} ours={best.value} "
                      f"({d.text[best.start:best.end]!r})")
            else:
                continue
            shown += 1
        for p in ps:
            if not any(_overlap(g.start, g.end, p.start, p.end) for g in d.timexes):
                print(f"FP    {d.dct[:10]} {p.type:8} {d.text[p.start:p.end]!r:35} {p.value}"
                      f"   …{d.text[max(0, p.start - 30):p.end + 20]!r}")
                shown += 1
        if shown >= limit:
            return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", type=int, default=0, help="print up to N of our errors")
    parser.add_argument("--no-spacy", action="store_true", help="plain-text tense cues instead of the parse")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"no data at {DATA}")
    docs = read_corpus(DATA / "TimeBank") + read_corpus(DATA / "AQUAINT")
    print(f"TempEval-3 TimeBank+AQUAINT: {len(docs)} documents, {sum(len(d.timexes) for d in docs)} gold TIMEX3 "
          f"(creation times excluded)")
    t0 = time.perf_counter()
    mine = ours(docs, not args.no_spacy)
    t1 = time.perf_counter()
    base = baseline(docs)
    t2 = time.perf_counter()
    print(f"time: storyline {t1 - t0:.1f}s (incl. spaCy parse)   search_dates {t2 - t1:.1f}s\n")
    header = f"{'type':6} {'system':13} {'gold':>5} {'pred':>5} {'det P':>6} {'det R':>6} {'det F1':>6} {'val acc':>7} {'val F1':>6}"
    print(header)
    print("-" * len(header))
    for kind in ("DATE", "TIME", None):
        for name, preds in (("storyline", mine), ("search_dates", base)):
            s = score(docs, preds, kind)
            print(f"{kind or 'all':6} {name:13} {s['gold']:5d} {s['pred']:5d} {s['P']:6.3f} {s['R']:6.3f} {s['F1']:6.3f} "
                  f"{s['value_acc']:7.3f} {s['value_F1']:6.3f}")
    print("\ntargets: DATE value accuracy >= 0.85, detection F1 (all) >= 0.85")
    if args.errors:
        print()
        show_errors(docs, mine, args.errors)


if __name__ == "__main__":
    main()

"""Time expressions on TempEval-3 (TimeBank + AQUAINT): ours beside dateparser.search.search_dates.

    .venv/bin/python benchmarks/timex.py [--errors N] [--no-spacy] [--ingest] [--weekday-errors] [--kinds]

For every document the body is rebuilt from the .tml (tags stripped, offsets kept)
and both systems resolve against its creation time (the DCT TIMEX3, which is not
itself evaluated). By default our time stage runs alone (spaCy parse + extract_times);
``--ingest`` instead writes the documents as a JSONL file (text, published = DCT),
runs ``storyline ingest`` and ``storyline export --format json`` on it and scores
the exported ``times`` (mapped back onto the .tml text; a document the cleaner
rejects scores as all missed). Printed per gold type (DATE, TIME, all):
- detection P/R/F1 with overlap matching (a gold expression is found if any
  predicted span overlaps it; a prediction is right if it overlaps any gold one;
  for a type, precision counts predictions of that type);
- value accuracy over detected: of the gold expressions found, the share whose
  best-overlapping prediction has exactly the gold TimeML value;
- value F1 (TempEval-3 style): correct values over predictions and over gold;
- strict detection P/R/F1: the same with exact extents (a span must be a gold span to the character);
and weekday accuracy: of the gold DATE expressions that name a weekday ("Monday",
"Friday night", "last Tuesday") and have a calendar-day value, the share we detect
whose predicted value names the same day (the day is compared: a part of day we
add, "TNI", is not a weekday error). A second weekday line leaves out the gold values that name
another day of the week than the text does ("said on Wednesday" resolved to a Tuesday): three in
TBAQ, which no resolution can match.

Values are compared as TimeML values, with week numbers written either way
("2000-W7" and "2000-W07" are the same week).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
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


def through_ingest(docs: list[TmlDoc]) -> list[list[Pred]]:
    """Our times as ``storyline ingest`` + ``storyline export`` produce them, on the .tml text's offsets."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "tbaq.jsonl"
        with corpus.open("w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps({"id": d.name, "text": d.text, "published": d.dct}) + "\n")
        db = Path(tmp) / "tbaq.db"
        cli = [sys.executable, "-m", "storyline"]
        subprocess.run([*cli, "ingest", str(corpus), "--db", str(db)], check=True, capture_output=True)
        out = subprocess.run([*cli, "export", "--db", str(db), "--format", "json"], check=True, capture_output=True)
    exported = {a["input_id"]: a for a in json.loads(out.stdout)["articles"]}
    preds: list[list[Pred]] = []
    for d in docs:
        article = exported.get(d.name)
        if article is None:
            preds.append([])
            continue
        to_doc = _offset_map(article["text"], d.text)
        preds.append([Pred(s, e + 1, t["value"], t["type"]) for t in article["times"]
                      if (s := to_doc(t["start"])) is not None and (e := to_doc(t["end"] - 1)) is not None])
    return preds


def _offset_map(clean: str, original: str):
    """Map offsets of the cleaned text onto the document (a substring in the usual case; else aligned)."""
    shift = original.find(clean)
    if shift >= 0:
        return lambda i: i + shift
    from difflib import SequenceMatcher

    table: dict[int, int] = {}
    for block in SequenceMatcher(None, clean, original, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            table[block.a + k] = block.b + k
    return table.get


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


def same_value(a: str, b: str) -> bool:
    """TimeML values equal, week numbers written with or without their leading zero."""
    pad = re.compile(r"-W(\d)(?!\d)")
    return pad.sub(r"-W0\1", a) == pad.sub(r"-W0\1", b)


_WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")


def weekday_golds(doc: TmlDoc) -> list[GoldTimex]:
    """Gold DATE expressions that name a weekday and resolve to a calendar day."""
    return [g for g in doc.timexes if g.type == "DATE" and _WEEKDAY.search(g.text) and _DAY_VALUE.match(g.value)]


_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_BARE_WEEKDAY = re.compile(r"(?:(?:on|last|next|this|early|late)\s+)?(?P<wd>%s)"
                           r"(?:,?\s+(?:morning|afternoon|evening|night))?" % "|".join(_NAMES))


def self_contradictory(g: GoldTimex) -> bool:
    """A gold weekday whose value is another day of the week ("said on Wednesday" = a Tuesday's date).

    Only a bare weekday is judged ("Wednesday", "last Tuesday", "Friday night"), not one
    inside a longer expression ("the day before last Tuesday")."""
    from datetime import date

    m = _BARE_WEEKDAY.fullmatch(g.text.strip())
    return bool(m) and date.fromisoformat(g.value[:10]).weekday() != _NAMES.index(m.group("wd"))


def weekday_score(docs: list[TmlDoc], preds: list[list[Pred]], consistent_only: bool = False) -> dict[str, float]:
    """Weekday accuracy: of the weekday golds we detect, the share resolved to the gold day.

    ``consistent_only`` leaves out the golds that contradict themselves (:func:`self_contradictory`)."""
    gold_n = found = right = 0
    for d, ps in zip(docs, preds):
        for g in weekday_golds(d):
            if consistent_only and self_contradictory(g):
                continue
            gold_n += 1
            best = max(ps, key=lambda p: _overlap(g.start, g.end, p.start, p.end), default=None)
            if best is None or _overlap(g.start, g.end, best.start, best.end) == 0:
                continue
            found += 1
            right += best.value[:10] == g.value[:10]
    return {"gold": gold_n, "found": found, "right": right, "accuracy": right / found if found else 0.0}


def strict_score(docs: list[TmlDoc], preds: list[list[Pred]]) -> dict[str, float]:
    """Detection with exact extents (TempEval-3's strict match): a prediction counts only if its
    span is a gold expression's span, character for character."""
    gold_n = pred_n = hit = 0
    for d, ps in zip(docs, preds):
        gold = {(g.start, g.end) for g in d.timexes}
        gold_n += len(gold)
        pred_n += len(ps)
        hit += sum((p.start, p.end) in gold for p in ps)
    precision = hit / pred_n if pred_n else 0.0
    recall = hit / gold_n if gold_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"P": precision, "R": recall, "F1": f1}


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
            value_ok += same_value(best.value, g.value)
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


# Kinds of gold expression, first match wins (a gold's type, then its text, then its value): value
# accuracy by kind shows where the remaining misses lie (issue 16 lists them by these kinds).
KINDS: list[tuple[str, object]] = [
    ("duration/set", lambda g: g.type in {"DURATION", "SET"}),
    ("weekday", lambda g: _WEEKDAY.search(g.text)),
    ("year ago/earlier", lambda g: re.search(r"year[\s-](?:ago|earlier)", g.text, re.I)),
    ("quarter", lambda g: re.search(r"quarter|period", g.text, re.I)),
    ("week", lambda g: re.search(r"\bweek", g.text, re.I)),
    ("now/past/future", lambda g: g.value.endswith("_REF")),
    ("today/yesterday/tomorrow", lambda g: re.search(r"\b(?:today|yesterday|tomorrow|tonight)\b", g.text, re.I)),
    ("time of day", lambda g: g.type == "TIME"),
    ("other date", lambda g: True),
]


def kind_of(g: GoldTimex) -> str:
    return next(name for name, test in KINDS if test(g))


def kind_scores(docs: list[TmlDoc], preds: list[list[Pred]]) -> dict[str, tuple[int, int, int]]:
    """Per kind of gold expression: (gold, detected, right value)."""
    out = {name: [0, 0, 0] for name, _ in KINDS}
    for d, ps in zip(docs, preds):
        for g in d.timexes:
            row = out[kind_of(g)]
            row[0] += 1
            best = max(ps, key=lambda p: _overlap(g.start, g.end, p.start, p.end), default=None)
            if best is None or _overlap(g.start, g.end, best.start, best.end) == 0:
                continue
            row[1] += 1
            row[2] += same_value(best.value, g.value)
    return {k: tuple(v) for k, v in out.items()}


def show_errors(docs: list[TmlDoc], preds: list[list[Pred]], limit: int) -> None:
    shown = 0
    for d, ps in zip(docs, preds):
        for g in d.timexes:
            best = max(ps, key=lambda p: _overlap(g.start, g.end, p.start, p.end), default=None)
            if best is None or _overlap(g.start, g.end, best.start, best.end) == 0:
                print(f"MISS  {d.dct[:10]} {g.type:8} {g.text!r:35} {g.value}")
            elif not same_value(best.value, g.value):
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


def show_weekday_errors(docs: list[TmlDoc], preds: list[list[Pred]]) -> None:
    """Each weekday resolved to the wrong day, with the creation date's weekday and the day offsets."""
    from datetime import date

    for d, ps in zip(docs, preds):
        dct = date.fromisoformat(d.dct[:10])
        for g in weekday_golds(d):
            best = max(ps, key=lambda p: _overlap(g.start, g.end, p.start, p.end), default=None)
            if best is None or _overlap(g.start, g.end, best.start, best.end) == 0 or best.value[:10] == g.value[:10]:
                continue
            gold = (date.fromisoformat(g.value[:10]) - dct).days
            ours_ = (date.fromisoformat(best.value[:10]) - dct).days if _DAY_VALUE.match(best.value) else None
            context = d.text[max(0, g.start - 80):g.end + 30].replace("\n", " ")
            print(f"WEEKDAY {d.name:20} DCT {dct:%a} gold {gold:+d} ours {ours_} {g.text!r}  …{context}…")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", type=int, default=0, help="print up to N of our errors")
    parser.add_argument("--no-spacy", action="store_true", help="plain-text tense cues instead of the parse")
    parser.add_argument("--ingest", action="store_true", help="score what `storyline ingest` stores, not the stage alone")
    parser.add_argument("--weekday-errors", action="store_true", help="print every weekday we resolve wrongly")
    parser.add_argument("--kinds", action="store_true", help="value accuracy by kind of gold expression")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"no data at {DATA}")
    docs = read_corpus(DATA / "TimeBank") + read_corpus(DATA / "AQUAINT")
    print(f"TempEval-3 TimeBank+AQUAINT: {len(docs)} documents, {sum(len(d.timexes) for d in docs)} gold TIMEX3 "
          f"(creation times excluded)")
    t0 = time.perf_counter()
    mine = through_ingest(docs) if args.ingest else ours(docs, not args.no_spacy)
    t1 = time.perf_counter()
    base = baseline(docs)
    t2 = time.perf_counter()
    how = "storyline ingest + export" if args.ingest else "time stage alone, incl. spaCy parse"
    print(f"time: storyline {t1 - t0:.1f}s ({how})   search_dates {t2 - t1:.1f}s\n")
    header = f"{'type':6} {'system':13} {'gold':>5} {'pred':>5} {'det P':>6} {'det R':>6} {'det F1':>6} {'val acc':>7} {'val F1':>6}"
    print(header)
    print("-" * len(header))
    for kind in ("DATE", "TIME", None):
        for name, preds in (("storyline", mine), ("search_dates", base)):
            s = score(docs, preds, kind)
            print(f"{kind or 'all':6} {name:13} {s['gold']:5d} {s['pred']:5d} {s['P']:6.3f} {s['R']:6.3f} {s['F1']:6.3f} "
                  f"{s['value_acc']:7.3f} {s['value_F1']:6.3f}")
    for name, preds in (("storyline", mine), ("search_dates", base)):
        s = strict_score(docs, preds)
        print(f"{'strict':6} {name:13} {'':5} {'':5} {s['P']:6.3f} {s['R']:6.3f} {s['F1']:6.3f}"
              f"   (exact extents, TempEval-3 strict match)")
    print()
    for name, preds in (("storyline", mine), ("search_dates", base)):
        w = weekday_score(docs, preds)
        print(f"weekday {name:13} gold {w['gold']:4d}  detected {w['found']:4d}  right {w['right']:4d}  "
              f"accuracy {w['accuracy']:.3f}")
    for name, preds in (("storyline", mine), ("search_dates", base)):
        w = weekday_score(docs, preds, consistent_only=True)
        print(f"weekday {name:13} gold {w['gold']:4d}  detected {w['found']:4d}  right {w['right']:4d}  "
              f"accuracy {w['accuracy']:.3f}   (golds whose value is another weekday than the one named left out)")
    if args.kinds:
        print(f"\n{'kind':26} {'gold':>5} | {'storyline det / right / acc':>27} | {'search_dates det / right / acc':>30}")
        both = (kind_scores(docs, mine), kind_scores(docs, base))
        for name, _ in KINDS:
            (n, f1, r1), (_, f2, r2) = both[0][name], both[1][name]
            print(f"{name:26} {n:5d} | {f1:9d} {r1:6d} {r1 / f1 if f1 else 0:9.3f} | {f2:12d} {r2:6d} {r2 / f2 if f2 else 0:9.3f}")
    print("\ntargets (issue 16): value accuracy (all) >= 0.90, weekday accuracy >= 0.95, detection F1 (all) >= 0.90")
    if args.weekday_errors:
        print()
        show_weekday_errors(docs, mine)
    if args.errors:
        print()
        show_errors(docs, mine, args.errors)


if __name__ == "__main__":
    main()

"""Our TBAQ value misses sorted by kind, and whether the gold of each kind follows one convention.

    .venv/bin/python benchmarks/timex_misses.py [--list KIND]

Runs the time stage alone over TempEval-3 TimeBank + AQUAINT (as ``benchmarks/timex.py`` does) and
prints two tables:

1. **Misses by kind**: each gold expression we detect but give another value, sorted into the first
   kind (``MISS_KINDS``) that fits it, with how many documents hold them and from which source
   (TB = TimeBank, AQ = AQUAINT).
2. **Gold conventions by surface class**: for each class of wording (``SURFACES``), every detected
   gold of that class (right or wrong) by the shape of its value (digits written 9), per source,
   with the number of documents and how many of them we match. A kind is worth a rule when one
   shape holds across most documents of *both* sources; a shape found in one source or a handful
   of documents is an annotator's habit, and fitting it would be memorising.

Issue 16 keeps the figures of the last run in its session notes; this script only reads data.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import timex as bench  # noqa: E402
from tml import read_corpus  # noqa: E402

_WD = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _weekday_kind(gold: str, ours: str) -> str:
    if gold[:10] == ours[:10]:
        return "weekday: part of day (TNI/TMO) or clock added to the right day"
    if _DAY.match(gold) and _DAY.match(ours):
        off = abs((date.fromisoformat(gold[:10]) - date.fromisoformat(ours[:10])).days)
        return "weekday: a week off" if off == 7 else "weekday: another day"
    return "weekday: other"


# (kind, test on (gold text, gold value, our value, gold type)): first match wins.
MISS_KINDS: list[tuple[str, object]] = [
    ("weekday", lambda t, g, o, ty: re.search(_WD, t)),
    ("week: WXX / month / duration against an ISO week", lambda t, g, o, ty: re.search(r"\bweek", t, re.I)),
    ("results periods: quarter / year ago / last year",
     lambda t, g, o, ty: re.search(r"quarter|period|year[\s-](?:ago|earlier)|^(?:last|this) year$", t, re.I)
     or "Q" in g + o),
    ("PAST/FUTURE/PRESENT_REF against a duration or date", lambda t, g, o, ty: g.endswith("_REF") or o.endswith("_REF")),
    ("format: decade, century or year written with X",
     lambda t, g, o, ty: re.fullmatch(r"\d{3}X|\d\dXX|\d{4}-XX(?:-XX)?", g) or re.fullmatch(r"\d{2,3}", o)),
    ("duration/set: value, or DATE against DURATION",
     lambda t, g, o, ty: ty in {"DURATION", "SET"} or g.startswith("P") or o.startswith("P")),
    ("time of day", lambda t, g, o, ty: ty == "TIME"),
    ("other date", lambda t, g, o, ty: True),
]

# Surface classes whose gold convention is checked across documents and sources.
SURFACES: list[tuple[str, str]] = [
    ("weekday + part of day", rf"^(?:\w+ )?(?:{_WD})(?: morning| afternoon| evening| night)$"),
    ("a year ago / earlier", r"^(?:a|one) year (?:ago|earlier)$"),
    ("last / this / next week", r"^(?:late |early )?(?:the )?(?:last|this|next|past) week\.?$"),
    ("recent / past / coming + plural unit", r"^(?:in )?(?:the )?(?:recent|past|last|coming|next)(?: (?:several|few))? "
                                             r"(?:years|months|weeks|days|quarters|decades)$"),
    ("the past / last N units", r"^(?:the )?(?:past|last|next) (?:\w+ )?(?:years|months|weeks|days|quarters)$"),
    ("last / this / next year", r"^(?:the )?(?:last|this|next|past) year$"),
    ("last / this / next month", r"^(?:last|this|next) month$"),
    ("a quarter", r"quarter"),
    ("decade", r"\d0'?s$"),
    ("bare year", r"^\d{4}$"),
    ("the weekend", r"weekend"),
    ("year-end", r"year[- ]end|end of the year"),
    ("now / currently", r"^(?:now|currently|right now|at present|the present)$"),
]


def _shape(value: str) -> str:
    return re.sub(r"\d", "9", value)


def detected(docs, preds, sources):
    """(doc, source, gold, our value) for every gold expression we detect."""
    for d, src, ps in zip(docs, sources, preds):
        for g in d.timexes:
            best = max(ps, key=lambda p: bench._overlap(g.start, g.end, p.start, p.end), default=None)
            if best is not None and bench._overlap(g.start, g.end, best.start, best.end):
                yield d, src, g, best.value


def miss_kind(g, ours: str) -> str:
    kind = next(name for name, test in MISS_KINDS if test(g.text, g.value, ours, g.type))
    return _weekday_kind(g.value, ours) if kind == "weekday" else kind


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list", metavar="KIND", help="print the misses of kinds whose name contains KIND")
    args = parser.parse_args()
    timebank = read_corpus(bench.DATA / "TimeBank")
    aquaint = read_corpus(bench.DATA / "AQUAINT")
    docs = timebank + aquaint
    sources = ["TB"] * len(timebank) + ["AQ"] * len(aquaint)
    preds = bench.ours(docs, True)
    rows = list(detected(docs, preds, sources))
    misses = [r for r in rows if not bench.same_value(r[3], r[2].value)]
    print(f"{len(rows)} gold expressions detected, {len(misses)} with another value "
          f"(value accuracy {1 - len(misses) / len(rows):.3f})\n")
    by_kind: dict[str, list] = defaultdict(list)
    for r in misses:
        by_kind[miss_kind(r[2], r[3])].append(r)
    print(f"{'kind of miss':62} {'n':>4} {'docs':>5} {'TB':>4} {'AQ':>4}")
    for kind, rs in sorted(by_kind.items(), key=lambda kv: -len(kv[1])):
        print(f"{kind:62} {len(rs):4d} {len({r[0].name for r in rs}):5d} "
              f"{sum(r[1] == 'TB' for r in rs):4d} {sum(r[1] == 'AQ' for r in rs):4d}")
    print(f"\n{'surface class':38} {'gold type':9} {'value shape':14} {'TB n/docs':>10} {'AQ n/docs':>10} {'we match':>9}")
    for name, pattern in SURFACES:
        hits = [r for r in rows if re.search(pattern, r[2].text.strip(), re.I)]
        shapes = Counter((r[2].type, _shape(r[2].value)) for r in hits)
        for (typ, shape), _ in shapes.most_common():
            cell = [r for r in hits if (r[2].type, _shape(r[2].value)) == (typ, shape)]
            per = {s: (sum(r[1] == s for r in cell), len({r[0].name for r in cell if r[1] == s})) for s in ("TB", "AQ")}
            right = sum(bench.same_value(r[3], r[2].value) for r in cell)
            print(f"{name:38} {typ:9} {shape:14} {per['TB'][0]:4d}/{per['TB'][1]:<5d} {per['AQ'][0]:4d}/{per['AQ'][1]:<5d} "
                  f"{right:4d}/{len(cell):<4d}")
            name = ""
    if args.list:
        print()
        for kind, rs in by_kind.items():
            if args.list.lower() in kind.lower():
                for d, src, g, ours in rs:
                    print(f"{kind[:24]:24} {d.name[:20]:20} {src} {d.dct[:10]} {g.text!r:32} gold={g.value:14} ours={ours}")


if __name__ == "__main__":
    main()

"""A learned scorer for disagreements, tried and not shipped: story-grouped CV over every judged report.

    .venv/bin/python benchmarks/disagreement_scorer_cv.py --export giveme=FILE --export CORPUS=FILE ... [--dump]

Session 11 (#17) asked whether a small model over a reported disagreement's evidence would tell real ones from
false ones better than one more rule. Each ``--export`` is a JSON export (``storyline export --format json``) of a
corpus the labels judge: ``giveme`` for ``labels/disagreements.jsonl``, and the ``corpus`` names of
``labels/disagreements_heldout.jsonl``. Every label row whose corpus has an export is read (offsets moved onto the
export's text by hash: ``disagreements.remap``); its sides' best-aligned pair of two articles gives the features
(:func:`features`: what is disagreed on, how alike the sentences are outside the values, whether the leads are about
one subject, publication days apart, whether the outlets are named, how far apart the values are, other figures
shared), its judgement the target. A logistic regression is scored under cross-validation grouped by story.

Finding (session 11, exports of main d364645: 114 rows, 15 real, 12 corpora): CV precision reached .90 only while
keeping 4 of the 15 real rows (recall .27), .875 at 7 of 15. The largest weights were whether both articles name
their outlet and whether the count is a toll; the first is the rule that shipped
(``pipeline/brief/conflicts.between_named_outlets``), so no model is shipped.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from disagreements import HELDOUT, LABELS, Export, read_rows, remap

from storyline.models import Article, Entity, Mention, Quote, TimeExpr
from storyline.pipeline.brief.alignment import Aligner, whole
from storyline.pipeline.brief.claim_words import MONEY, outcome
from storyline.pipeline.brief.claims import WORD, days_apart
from storyline.pipeline.brief.subjects import Subjects

NEAR_WORDS = 6  # words either side of a value read for what it measures (a toll's "killed", a sum's "dlrs")
MAX_DAYS = 3  # publication days apart, capped: beyond this every figure may have moved
_DEICTIC = re.compile(r"\b(?:today|tonight|yesterday|tomorrow)\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_PRICE_WORDS = frozenset({"cent", "cents", "cts", "pct", "percent", "price", "prices", "share", "shares", "stock",
                          "stocks", "yield", "rate", "rates", "points", "futures", "volume"})

FEATURES = ("bias", "date", "count", "person", "toll", "money", "price", "deictic", "overlap", "shared",
            "one_actor", "one_subject", "actorless", "lead_same", "lead_both", "outlets_known", "undated",
            "days_apart", "value_gap", "figures_shared", "figures_apart")


def kind_of(about: str) -> str:
    """The kind of a disagreement from its heading: date, count (figures of every kind), or person
    (a role or a speaker)."""
    return "date" if about.startswith("date") else "count" if about.startswith("number") else "person"


def _near_words(article: Article, span: tuple[int, int]) -> list[str]:
    before = [m.group().lower() for m in WORD.finditer(article.text[max(0, span[0] - 80):span[0]])][-NEAR_WORDS:]
    inside = [m.group().lower() for m in WORD.finditer(article.text[span[0]:span[1]])]
    after = [m.group().lower() for m in WORD.finditer(article.text[span[1]:span[1] + 80])][:NEAR_WORDS]
    return before + inside + after


def _number(text: str) -> float | None:
    match = _NUMBER.search(text)
    return float(match.group().replace(",", "")) if match else None


def _figures(article: Article, span: tuple[int, int]) -> frozenset[str]:
    """The figures of the value's sentence outside the value and outside its time expressions."""
    start, end = whole(article.text, span)
    times = [(t.start, t.end) for t in article.times]
    return frozenset(m.group().replace(",", "") for m in _NUMBER.finditer(article.text, start, end)
                     if not span[0] <= m.start() < span[1] and not any(s <= m.start() < e for s, e in times))


def _published(article: Article) -> str | None:
    return None if article.published_estimated or not article.published else article.published


def features(about: str, a: Article, a_span: tuple[int, int], b: Article, b_span: tuple[int, int],
             aligner: Aligner, subjects: Subjects) -> dict[str, float]:
    """The evidence that the values at ``a_span`` of ``a`` and ``b_span`` of ``b`` state one fact differently."""
    kind = kind_of(about)
    near = _near_words(a, a_span) + _near_words(b, b_span)
    alignment = aligner.align(a, whole(a.text, a_span), b, whole(b.text, b_span))
    pa, pb = _published(a), _published(b)
    x, y = _number(a.text[a_span[0]:a_span[1]]), _number(b.text[b_span[0]:b_span[1]])
    # other figures both sentences give: one shared ties them to one report; none shared, two records or two times
    fa, fb = _figures(a, a_span), _figures(b, b_span)
    # how far apart two figures are (dates proposed are within two days of each other by rule)
    gap = abs(x - y) / max(x, y) if kind == "count" and x is not None and y is not None and max(x, y) > 0 else 0.0
    return {
        "bias": 1.0,
        "date": float(kind == "date"),
        "count": float(kind == "count"),
        "person": float(kind == "person"),
        "toll": float(kind == "count" and any(outcome(w) for w in near)),
        "money": float(kind == "count" and any(w in MONEY for w in near)),
        "price": float(kind == "count" and any(w in _PRICE_WORDS for w in near)),
        "deictic": float(kind == "date" and bool(_DEICTIC.search(" ".join(near)))),
        "overlap": alignment.overlap,
        "shared": math.log1p(alignment.shared),
        "one_actor": float(alignment.one_actor),
        "one_subject": float(alignment.one_subject),
        "actorless": float(alignment.actorless),
        "lead_same": float(subjects.same(a.id, b.id)),
        "lead_both": float(subjects.share_subject(a.id, b.id)),
        "outlets_known": float(bool(a.outlet and b.outlet)),
        "undated": float(pa is None or pb is None),
        "days_apart": min(days_apart(pa, pb), MAX_DAYS) / MAX_DAYS if pa and pb else 0.0,
        "value_gap": gap,
        "figures_shared": float(bool(fa & fb)),
        "figures_apart": float(bool(fa and fb and not fa & fb)),
    }




ABOUT = {"date": "date of", "count": "number of", "amount": "number of", "role": "title or role", "speaker": "speaker"}


def article_from_contract(d: dict) -> Article:
    """An export's article as the pipeline stored it (entities, quotes and times included)."""
    quotes = [Quote(**{**q, "speaker_mention": Mention(**q["speaker_mention"]) if q.get("speaker_mention") else None})
              for q in d["quotes"]]
    fields = {k: v for k, v in d.items() if k in Article.__slots__ and k not in {"entities", "quotes", "times"}}
    return Article(**fields, content_hash="", entities=[Entity(**e) for e in d["entities"]], quotes=quotes,
                   times=[TimeExpr(**t) for t in d["times"]])


def examples(corpus: str, rows: list[dict], data: dict) -> list[tuple[str, dict[str, float], bool]]:
    """(story group, features, real) for each label row of ``corpus`` found in the export."""
    export = Export(data)
    moved, lost = remap(export, rows)
    articles = {a["id"]: article_from_contract(a) for a in data["articles"]}
    story_of = {a["id"]: a["story"] for a in data["articles"]}
    members: dict[str, list[Article]] = {}
    for aid, story in story_of.items():
        members.setdefault(story, []).append(articles[aid])
    out = []
    names = NAMES
    for row in rows:
        sides = [(export.by_input.get(s["article"]), s) for s in row["sides"]]
        sides = [(a, s) for a, s in sides if a is not None]
        best, best_key = None, None
        aligner = Aligner()
        for i, (xa, xs) in enumerate(sides):
            for ya, ys in sides[i + 1:]:
                if xs["group"] == ys["group"] or xa["id"] == ya["id"] or (xa["outlet"] and xa["outlet"] == ya["outlet"]):
                    continue
                a, b = articles[xa["id"]], articles[ya["id"]]
                al = aligner.align(a, whole(a.text, tuple(xs["value"])), b, whole(b.text, tuple(ys["value"])))
                key = (al.overlap, al.shared, a.id, xs["value"][0], b.id, ys["value"][0])
                if best_key is None or key > best_key:
                    best, best_key = (a, tuple(xs["value"]), b, tuple(ys["value"])), key
        if best is None:
            print(f"  {corpus} {row['id']}: no pair of two articles found", file=sys.stderr)
            continue
        story = story_of[best[0].id]
        subjects = Subjects(sorted({a.id: a for a in members[story] + [best[2]]}.values(), key=lambda a: a.id))
        values = features(ABOUT[row["kind"]], *best, aligner, subjects)
        out.append((f"{corpus}:{','.join(row['story'][:3])}", values, bool(row["real"])))
        names.append(f"{row['id']} {row['why'][:60]}")
    print(f"{corpus:16} rows {len(rows):3d} used {len(out):3d} real {sum(r for *_, r in out):2d}  "
          f"(label sides moved {moved}, lost {lost})")
    return out


NAMES: list[str] = []  # per example, its row's id and reason (for --dump)


def fit(x: np.ndarray, y: np.ndarray, c: float) -> LogisticRegression:
    # the bias is a feature (so the weights file holds it), not the intercept
    return LogisticRegression(C=c, fit_intercept=False, max_iter=2000).fit(x, y)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", action="append", default=[], metavar="CORPUS=FILE")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--precision", type=float, default=0.9, help="CV precision the threshold must reach")
    parser.add_argument("--dump", action="store_true", help="print each example's features and CV score")
    args = parser.parse_args()
    rows = {"giveme": [r for r in read_rows(LABELS) if r["type"] == "label"]}
    for r in read_rows(HELDOUT):
        rows.setdefault(r["corpus"], []).append(r)
    data = []
    for corpus, path in (pair.split("=", 1) for pair in args.export):
        data += examples(corpus, rows.get(corpus, []), json.loads(Path(path).read_text(encoding="utf-8")))
    groups = np.array([g for g, _, _ in data])
    x = np.array([[v[f] for f in FEATURES] for _, v, _ in data])
    y = np.array([r for _, _, r in data])
    print(f"examples {len(y)}, real {int(y.sum())}, stories {len(set(groups))}")
    scores = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=args.folds).split(x, y, groups):
        scores[test] = fit(x[train], y[train], args.c).predict_proba(x[test])[:, 1]
    if args.dump:
        print("score real " + " ".join(f[:7] for f in FEATURES))
        for k in np.argsort(-scores):
            print(f"{scores[k]:.3f} {int(y[k])}    " + " ".join(f"{x[k][j]:7.2f}" for j in range(len(FEATURES))) + "  " + NAMES[k])
    print(f"rules alone: precision {y.mean():.3f} ({int(y.sum())}/{len(y)}), recall 1.000")
    chosen = None
    for t in sorted(set(np.round(scores, 3)), reverse=True):
        kept = scores >= t
        precision, recall = y[kept].mean(), y[kept].sum() / y.sum()
        print(f"  threshold {t:.3f}: kept {kept.sum():3d}, real {int(y[kept].sum()):2d}, "
              f"CV precision {precision:.3f}, recall {recall:.3f}")
        if precision >= args.precision:
            chosen = t
    if chosen is None:
        print("no threshold reaches the precision asked")
        return 1
    print(f"highest-recall threshold reaching the precision asked: {chosen:.3f}")
    model = fit(x, y, args.c)
    weights = dict(zip(FEATURES, (round(float(w), 4) for w in model.coef_[0])))
    print("weights:", json.dumps(weights))
    print("by corpus at the chosen threshold (CV):",
          dict(Counter(g.split(":")[0] for g, s, r in zip(groups, scores, y) if s >= chosen and r)),
          "false kept:", [g for g, s, r in zip(groups, scores, y) if s >= chosen and not r])
    return 0


if __name__ == "__main__":
    sys.exit(main())

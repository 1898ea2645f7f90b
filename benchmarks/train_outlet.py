"""Train the outlet ranker (a logistic regression over candidate names) and measure it by publisher-grouped CV.

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/train_outlet.py [--folds 5] [--no-write] [--errors]``

Data: the 181 AEB pages as plain-text scrapes, both cuts
(``../shared/data/scrapes/aeb/{region,page}``) with ``gold.json``'s
``outlet`` (the publisher's own declared name). Every candidate name
``storyline.pipeline.lines.outlet.candidates`` finds on a scrape is labelled
1 when it is the gold outlet (by ``scrapes.py``'s comparison) and 0
otherwise; which lines are body comes from the silver line labels
(``line_silver.py``). AEB is MIT-licensed (scrapinghub/article-extraction-benchmark);
the shipped weights (``src/storyline/pipeline/lines/outlet_model.json``) are a
derived work under the same terms.

Printed: the accuracy of the top-ranked candidate (when it outranks "no outlet") on
the scrapes that show their outlet, under GroupKFold by publisher domain
(both cuts of a page and every page of a publisher in one fold), beside
the old rule chain (``metadata.find_outlet``) on the same scrapes. Then the
model is trained on every scrape and written to the package.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import scipy.optimize  # noqa: E402
import scipy.sparse  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402

from line_silver import SCRAPES, load  # noqa: E402
from scrapes import correct, shown  # noqa: E402
from storyline.pipeline.lines import outlet  # noqa: E402
from storyline.pipeline.metadata import clean_byline  # noqa: E402
from storyline.pipeline.metadata import find_outlet as rule_outlet  # noqa: E402

import os  # noqa: E402

NULL_SCORE = float(os.environ.get("OUTLET_NULL", "-2.0"))  # see the threshold table the CV prints
C = float(os.environ.get("OUTLET_C", "1.0"))  # inverse L2 strength, chosen by the grouped CV below


def examples(docs: list, gold: dict) -> list[dict]:
    """Per scrape: its candidates, their features and labels, and whether it shows its outlet."""
    out = []
    for cut, doc_id, domain, lines, labels in docs:
        want = gold[doc_id].get("outlet")
        if not want:
            continue
        texts = [ln.text for ln in lines]
        body = [lab == "body" for lab in labels]
        bylines = [t for t, lab in zip(texts, labels) if lab == "byline"]
        cands = outlet.candidates(texts, body, bylines)
        people = {n for line in bylines for n in (clean_byline(line) or "").split(", ") if n}
        for name in [t for t, lab in zip(texts, labels) if lab == "headline"] + sorted(people):
            cands.pop(outlet.outlet_key(name), None)  # as the reader does: the headline and authors are no outlet
        feats = outlet.candidate_features(cands, texts, body, people)
        keys = list(cands)
        text = (SCRAPES / cut / f"{doc_id}.txt").read_text(encoding="utf-8")
        out.append({
            "cut": cut, "id": doc_id, "domain": domain, "keys": keys,
            "names": [outlet.display_name(cands[k]) for k in keys],
            "X": [feats[k] for k in keys],
            "y": [int(correct("outlet", gold[doc_id], {"outlet": outlet.display_name(cands[k])})) for k in keys],
            "eligible": shown(gold[doc_id], text)["outlet"],
            "rules": rule_outlet([t for t, b in zip(texts, body) if not b], bylines=bylines),
        })
    return out


def fit(train: list[dict]) -> tuple[dict[str, float], float]:
    """Weights (feature → weight) of a conditional logit ranker over the candidates of each scrape.

    Per scrape whose gold outlet is among its candidates, a softmax over the candidates is
    fitted to pick it; L2 penalty ``1 / C``. Ranking within a page is what the reader does,
    so that is what is fitted. The "no outlet" score (``null``) is set apart: ``NULL_SCORE``.
    """
    vec = DictVectorizer()
    rows = [f for ex in train for f in ex["X"]]
    vec.fit(rows)
    mats, targets = [], []
    for ex in train:
        if not any(ex["y"]):
            continue
        X = vec.transform(ex["X"])
        y = ex["y"]
        mats.append(X)
        targets.append(int(np.argmax(y)))
    big = scipy.sparse.vstack(mats).tocsr()
    bounds = np.cumsum([0] + [m.shape[0] for m in mats])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = big @ w
        grad_z = np.zeros_like(z)
        total = 0.0
        for k, t in enumerate(targets):
            a, b = bounds[k], bounds[k + 1]
            zk = z[a:b] - z[a:b].max()
            p = np.exp(zk) / np.exp(zk).sum()
            total -= np.log(p[t] + 1e-12)
            grad_z[a:b] = p
            grad_z[a + t] -= 1.0
        return total + 0.5 / C * float(w @ w), big.T @ grad_z + w / C

    w0 = np.zeros(big.shape[1])
    result = scipy.optimize.minimize(loss, w0, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    weights = {name: round(float(v), 4) for name, v in zip(vec.get_feature_names_out(), result.x) if abs(v) >= 1e-4}
    weights[outlet.NULL_FEATURE] = NULL_SCORE
    return weights, 0.0


def pick(ex: dict, weights: dict[str, float], intercept: float) -> tuple[str | None, float]:
    scored = [(outlet.linear(f, weights), name) for f, name in zip(ex["X"], ex["names"]) if outlet.named_outside(f)]
    if not scored:
        return None, 0.0
    z, name = max(scored)
    null = weights.get(outlet.NULL_FEATURE, 0.0)
    return (name if z > null else None), z


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--errors", action="store_true", help="print wrong picks (ids and names only)")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    gold = json.loads((SCRAPES / "gold.json").read_text(encoding="utf-8"))
    docs = [(cut, *d) for cut in ("region", "page") for d in load(cut)]
    exs = examples(docs, gold)
    groups = [ex["domain"] for ex in exs]
    picks: list[tuple[str | None, float]] = [(None, 0.0)] * len(exs)
    for tr, te in GroupKFold(n_splits=args.folds).split(exs, groups=groups):
        weights, intercept = fit([exs[i] for i in tr])
        for i in te:
            picks[i] = pick(exs[i], weights, intercept)
    print(f"{len(exs)} scrapes with a gold outlet; publisher-grouped {args.folds}-fold CV; "
          "accuracy on the scrapes that show their outlet:")
    for cut in ("region", "page"):
        idx = [i for i, ex in enumerate(exs) if ex["cut"] == cut and ex["eligible"]]
        ours = sum(correct("outlet", gold[exs[i]["id"]], {"outlet": picks[i][0]}) for i in idx)
        rules = sum(correct("outlet", gold[exs[i]["id"]], {"outlet": (exs[i]["rules"] or (None,))[0]}) for i in idx)
        reach = sum(any(exs[i]["y"]) for i in idx)
        print(f"  {cut:6s} ranker {ours / max(1, len(idx)):.3f}   rule chain {rules / max(1, len(idx)):.3f}   "
              f"gold among candidates {reach / max(1, len(idx)):.3f}   (n={len(idx)})")
        if args.errors:
            for i in idx:
                if not correct("outlet", gold[exs[i]["id"]], {"outlet": picks[i][0]}):
                    print(f"    {exs[i]['id'][:8]} want {gold[exs[i]['id']]['outlet']!r} got {picks[i][0]!r} "
                          f"({picks[i][1]:.2f}) reachable={any(exs[i]['y'])}")
    # The "no outlet" threshold: what a stricter or looser one costs on the scrapes that show an
    # outlet, and how often it names a wrong one where the page shows none.
    print("  threshold on the top score: accuracy where shown / wrong name where not shown")
    for t in (-99.0, -2.0, -1.0, 0.0, 1.0, 2.0):
        shown_idx = [i for i, ex in enumerate(exs) if ex["eligible"]]
        other = [i for i, ex in enumerate(exs) if not ex["eligible"]]
        acc = sum(picks[i][1] > t and correct("outlet", gold[exs[i]["id"]], {"outlet": picks[i][0]}) for i in shown_idx)
        wrong = sum(picks[i][1] > t and picks[i][0] is not None
                    and not correct("outlet", gold[exs[i]["id"]], {"outlet": picks[i][0]}) for i in other)
        print(f"    {t:4.1f}: {acc / max(1, len(shown_idx)):.3f} / {wrong / max(1, len(other)):.3f}")
    if not args.no_write:
        weights, _ = fit(exs)
        data = {"about": "Outlet ranker weights; trained by benchmarks/train_outlet.py on AEB scrapes (MIT).",
                "weights": dict(sorted(weights.items()))}
        outlet.MODEL_PATH.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {outlet.MODEL_PATH.relative_to(ROOT)} ({len(weights)} weights)")


if __name__ == "__main__":
    main()

"""Train the line labeller (a linear-chain CRF) and measure it by publisher-grouped cross-validation.

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/train_lines.py [--folds 5] [--no-write]``

Data: the 181 AEB pages as plain-text scrapes, both cuts
(``../shared/data/scrapes/aeb/{region,page}``), each line given a silver
label by aligning it to the gold (``line_silver.py``). AEB is MIT-licensed
(scrapinghub/article-extraction-benchmark); the model is a derived work
shipped under the same terms (``src/storyline/pipeline/lines/README.md``).

The figure printed is line-level precision/recall/F1 per label under
GroupKFold cross-validation grouped by publisher domain (both cuts of a page
and every page of a publisher fall in the same fold), so it says how the
model does on publishers it never saw; beside it the same split scored for
"keep every line" (body recall 1). Then the model is trained on every page
and written to the package (deterministic: same data, same file).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pycrfsuite  # noqa: E402

from scrape_folds import corpus, fold_crf, folds  # noqa: E402
from storyline.pipeline.lines.model import LABELS, MODEL_PATH, TRAINING_PARAMS  # noqa: E402


def train(items: list[list[list[str]]], labels: list[list[str]], path: Path) -> None:
    """Fit a CRF on the sequences and write it to ``path``."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(items, labels):
        trainer.append(x, y)
    trainer.set_params(TRAINING_PARAMS)
    trainer.train(str(path))


def tag(path: Path, items: list[list[list[str]]]) -> list[tuple[list[str], list[float]]]:
    """Labels and P(body) of every line."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    out = []
    for x in items:
        labels = tagger.tag(x)
        out.append((labels, [tagger.marginal("body", t) for t in range(len(x))]))
    return out


def report(name: str, gold: list[list[str]], pred: list[list[str]]) -> None:
    counts: Counter[tuple[str, str]] = Counter()
    for g_seq, p_seq in zip(gold, pred):
        counts.update(zip(g_seq, p_seq))
    print(f"  {name}")
    for label in LABELS:
        tp = counts[(label, label)]
        fp = sum(v for (g, p), v in counts.items() if p == label and g != label)
        fn = sum(v for (g, p), v in counts.items() if g == label and p != label)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"    {label:9s} P {prec:.3f}  R {rec:.3f}  F1 {f1:.3f}  (gold {tp + fn})")


def body_tokens(docs: list, pred: list[list[str]], idx: list[int]) -> str:
    """Body P/R/F1 weighted by words (closer to the token metric of ``scrapes.py``)."""
    tp = fp = fn = 0
    for i in idx:
        for line, g, p in zip(docs[i][3], docs[i][4], pred[i]):
            n = len(line.text.split())
            tp += n * (g == p == "body")
            fp += n * (p == "body" != g)
            fn += n * (g == "body" != p)
    prec, rec = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return f"body by words: P {prec:.3f}  R {rec:.3f}  F1 {2 * prec * rec / max(1e-9, prec + rec):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="cross-validate only; leave the shipped model")
    parser.add_argument("--errors", nargs="?", const="body", help="print misjudged lines (body errors, or all)")
    args = parser.parse_args()
    docs, items = corpus()  # both cuts and the extracted copies, featurised (cached)
    labels = [labs for *_, labs in docs]
    groups = [domain for _, _, domain, _, _ in docs]
    print(f"{len(docs)} scrapes, {sum(map(len, labels))} lines, {len(set(groups))} publishers")
    pred: list[list[str]] = [[] for _ in docs]
    body_prob: list[list[float]] = [[] for _ in docs]
    for fold, (tr, te) in enumerate(folds(docs, args.folds)):
        path = fold_crf(docs, items, tr)  # trained without fold's publishers (cached)
        for i, (seq, p_body) in zip(te, tag(path, [items[i] for i in te])):
            pred[i], body_prob[i] = seq, p_body
        print(f"  fold {fold + 1}/{args.folds} done", flush=True)
    print(f"Publisher-grouped {args.folds}-fold cross-validation, line labels:")
    for cut in ("region", "page", "extracted"):
        idx = [i for i, d in enumerate(docs) if d[0] == cut]
        report(f"{cut}: CRF", [labels[i] for i in idx], [pred[i] for i in idx])
        print("    " + body_tokens(docs, pred, idx))
        for cut_off in (0.2, 0.3, 0.4):
            thresholded = [["body" if p >= cut_off else "junk" for p in probs] for probs in body_prob]
            print(f"    P(body) >= {cut_off}: " + body_tokens(docs, thresholded, idx))
        report(f"{cut}: keep every line (all body)", [labels[i] for i in idx], [["body"] * len(labels[i]) for i in idx])
    if args.errors:
        for i, (cut, doc_id, _, lines, labs) in enumerate(docs):
            for n, (line, g, p) in enumerate(zip(lines, labs, pred[i])):
                if g != p and (g == "body" or p == "body" or args.errors == "all"):
                    print(f"ERR {cut} {doc_id[:8]} {n} gold={g} pred={p} | {line.text[:90]}")
    if not args.no_write:
        train(items, labels, MODEL_PATH)
        print(f"wrote {MODEL_PATH.relative_to(ROOT)} ({MODEL_PATH.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()

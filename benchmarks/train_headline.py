"""Train the headline ranker (a conditional logit over a scrape's candidate head lines) and measure it by publisher-grouped CV.

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/train_headline.py [--no-write] [--errors]``

Data: the 181 AEB pages as plain-text scrapes, both cuts
(``../shared/data/scrapes/aeb/{region,page}``) with ``gold.json``'s ``title``
(the publisher's own declared headline). Each scrape is read by the line
model trained without its publisher (``scrape_folds.fold_crf``: out-of-fold,
so the probabilities the ranker learns from are as unsure as on a page
nobody tuned to), and every candidate head line the reader considers
(``reader._read_head``) is labelled 1 when it is the gold title (by
``scrapes.py``'s comparison) and 0 otherwise, with the features of
``storyline.pipeline.lines.headline.candidate_features``. AEB is
MIT-licensed (scrapinghub/article-extraction-benchmark); the shipped weights
(``src/storyline/pipeline/lines/headline_model.json``) are a derived work
under the same terms.

Printed: the share of scrapes whose candidates hold the gold title on which the
ranker's top line is it, under the same publisher-grouped folds as the line
model (``scrape_folds.folds``), beside the line model's own likeliest line and
the nearest candidate to the body. Then the ranker is trained on every scrape
and written to the package.
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

from line_silver import SCRAPES, _is_title  # noqa: E402
from scrape_folds import corpus, fold_crf, folds  # noqa: E402
from train_outlet import fit  # noqa: E402  (the same conditional logit, over other candidates)

from storyline.pipeline.lines import headline  # noqa: E402


def oof_examples(docs: list, items: list) -> dict[tuple[str, str], dict]:
    """Per scrape (cut, id): its headline candidates read with the fold's line model, features and labels."""
    import pycrfsuite

    from storyline.pipeline.clean import fix_unicode
    from storyline.pipeline.lines import model
    from storyline.pipeline.lines.reader import read_scrape

    gold = json.loads((SCRAPES / "gold.json").read_text(encoding="utf-8"))
    out: dict[tuple[str, str], dict] = {}
    shipped = model._tagger
    try:
        for tr, te in folds(docs):
            tagger = pycrfsuite.Tagger()
            tagger.open(str(fold_crf(docs, items, tr)))
            model._tagger = tagger
            for i in te:
                cut, doc_id, domain = docs[i][:3]
                want = gold[doc_id].get("title")
                if cut == "extracted" or not want:
                    continue
                reading = read_scrape(fix_unicode((SCRAPES / cut / f"{doc_id}.txt").read_text(encoding="utf-8")))
                names = [text for text, _ in reading.headline_candidates]
                out[(cut, doc_id)] = {
                    "cut": cut, "id": doc_id, "domain": domain, "names": names,
                    "X": [f for _, f in reading.headline_candidates],
                    "y": [int(_is_title(name, want)) for name in names],
                }
    finally:
        model._tagger = shipped
    return out


def top(ex: dict, weights: dict[str, float]) -> int | None:
    """The index of the ranker's top candidate."""
    if not ex["X"]:
        return None
    scores = [sum(weights.get(k, 0.0) * v for k, v in f.items()) for f in ex["X"]]
    return max(range(len(scores)), key=scores.__getitem__)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--errors", action="store_true", help="print wrong picks (ids and line numbers only)")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    docs, items = corpus()
    exs = oof_examples(docs, items)
    right = {"ranker": {}, "line model": {}, "nearest": {}}
    for tr, te in folds(docs):
        weights, _ = fit([exs[docs[i][:2]] for i in tr if docs[i][:2] in exs])
        for i in te:
            ex = exs.get(docs[i][:2])
            if not ex or not any(ex["y"]):
                continue
            key = docs[i][:2]
            k = top(ex, weights)
            right["ranker"][key] = ex["y"][k]
            right["line model"][key] = ex["y"][top(ex, {f"prob={b}": n for n, b in enumerate(
                ("0.001", "0.01", "0.05", "0.2", "0.5", "0.8", "more"))})]
            right["nearest"][key] = ex["y"][top(ex, {"rank_near=0": 2.0, "rank_near=1": 1.0})]
            if args.errors and not ex["y"][k]:
                print(f"    {key[0]} {key[1][:8]}: took candidate {k}, the title is candidate {ex['y'].index(1)} "
                      f"of {len(ex['y'])}")
    print("Publisher-grouped 5-fold CV (the line model's folds); top candidate is the gold title, "
          "on scrapes whose candidates hold it:")
    for cut in ("region", "page"):
        cells = []
        for name, got in right.items():
            vals = [v for (c, _), v in got.items() if c == cut]
            cells.append(f"{name} {sum(vals) / max(1, len(vals)):.3f}")
        print(f"  {cut:6s} " + "   ".join(cells) + f"   (n={len([k for k in right['ranker'] if k[0] == cut])})")
    if not args.no_write:
        weights, _ = fit(list(exs.values()))
        data = {"about": "Headline ranker weights; trained by benchmarks/train_headline.py on AEB scrapes (MIT).",
                "weights": dict(sorted(weights.items()))}
        headline.MODEL_PATH.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {headline.MODEL_PATH.relative_to(ROOT)} ({len(weights)} weights)")


if __name__ == "__main__":
    main()

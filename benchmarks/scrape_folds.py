"""The AEB scrapes as training data, and publisher-grouped folds of the line model and outlet ranker, cached.

Shared by ``train_lines.py``, ``train_outlet.py`` and ``scrapes.py --cv`` so the
three measure the same thing the same way, and fast:

* ``corpus()``: every scrape of both cuts (plus the "extracted" copies the
  line model also learns from) with its silver line labels and CRF items.
  Reading and featurising them takes a while; the result is pickled under
  ``benchmarks/.cache/`` keyed by a hash of the code that makes it (the
  feature, shape, rule and silver-label modules) and of the gold file, so a
  change there rebuilds it and nothing else does;
* ``folds()``: the GroupKFold split by publisher domain (both cuts of a page,
  its extracted copy and every page of its publisher in one fold);
* ``fold_crf(k)``: the line model trained without fold ``k``, cached by a
  hash of its training items, labels and parameters (a reader-only change
  re-uses every fold model).

The cache holds features and labels derived from the data, never shipped;
``.cache/`` is git-ignored. Delete it to start afresh.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from line_silver import SCRAPES  # noqa: E402
from storyline.pipeline.lines.features import Line  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache"
# The code whose output the cached corpus is: a change to any of it rebuilds the corpus.
_CORPUS_CODE = (
    "src/storyline/pipeline/lines/features.py", "src/storyline/pipeline/lines/shapes.py",
    "src/storyline/pipeline/textlines.py", "src/storyline/pipeline/metadata.py",
    "src/storyline/pipeline/regex_prefilter.py", "benchmarks/line_silver.py", "benchmarks/scrape_folds.py",
)
Doc = tuple[str, str, str, list[Line], list[str]]  # (cut, id, publisher, lines, silver labels)


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()[:16]


def extracted_copies(docs: list[Doc]) -> list[Doc]:
    """Each region scrape reduced to its body lines: text a scraper has already extracted.

    Users also hand in bodies with little or no junk left (JSON from a
    scraper, a feed's content). Trained on page junk only, the model learns
    that half of any scrape is junk and drops real paragraphs of such texts;
    these copies teach it that an all-prose text is all body. Half of them
    are spaced (a blank line between paragraphs) and half packed tight, so
    layout alone never decides. They join their page's publisher group, so
    cross-validation stays publisher-held-out.
    """
    out: list[Doc] = []
    for n, (cut, doc_id, group, lines, labels) in enumerate(d for d in docs if d[0] == "region"):
        body = [line for line, label in zip(lines, labels) if label == "body"]
        if len(body) < 2:
            continue
        spaced = n % 2 == 0
        copy = [Line(line.text, spaced and i > 0, spaced and i < len(body) - 1) for i, line in enumerate(body)]
        out.append(("extracted", doc_id, group, copy, ["body"] * len(copy)))
    return out


def corpus() -> tuple[list[Doc], list[list[list[str]]]]:
    """The training scrapes (region, page and extracted copies) and their CRF items, from the cache if fresh."""
    key = _digest(*((ROOT / p).read_bytes() for p in _CORPUS_CODE), (SCRAPES / "gold.json").read_bytes())
    path = CACHE / f"corpus-{key}.pickle"
    if path.exists():
        with path.open("rb") as fh:
            return pickle.load(fh)
    from line_silver import load
    from storyline.pipeline.lines.features import crf_items, line_features

    docs: list[Doc] = [(cut, *d) for cut in ("region", "page") for d in load(cut)]
    docs += extracted_copies(docs)
    items = [crf_items(line_features(lines)) for _, _, _, lines, _ in docs]
    CACHE.mkdir(exist_ok=True)
    for old in CACHE.glob("corpus-*.pickle"):
        old.unlink()
    with path.open("wb") as fh:
        pickle.dump((docs, items), fh, protocol=pickle.HIGHEST_PROTOCOL)
    return docs, items


def folds(docs: list[Doc], n_splits: int = 5) -> list[tuple[list[int], list[int]]]:
    """(train, test) indices of ``docs`` by GroupKFold over publisher domains (deterministic)."""
    from sklearn.model_selection import GroupKFold

    groups = [d[2] for d in docs]
    return [(list(tr), list(te)) for tr, te in GroupKFold(n_splits=n_splits).split(docs, groups=groups)]


def fold_crf(docs: list[Doc], items: list[list[list[str]]], train_idx: list[int]) -> Path:
    """The line model trained on ``train_idx`` only: a cached file, trained when its inputs are new."""
    from storyline.pipeline.lines.model import TRAINING_PARAMS
    from train_lines import train

    key = _digest(pickle.dumps(([items[i] for i in train_idx], [docs[i][4] for i in train_idx])),
                  repr(sorted(TRAINING_PARAMS.items())).encode())
    path = CACHE / f"crf-{key}.crfsuite"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        tmp = path.with_suffix(".tmp")
        train([items[i] for i in train_idx], [docs[i][4] for i in train_idx], tmp)
        tmp.replace(path)
    return path

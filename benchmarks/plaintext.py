"""Plain-text junk-line removal: line-level precision/recall of body lines.

Run: ``.venv/bin/python benchmarks/plaintext.py [--errors]``

Two label sets:

* ``labels/giveme5w1h_lines.tsv``: every line of 55 giveme5w1h articles
  (every 7th file), labelled keep/drop by hand; the text is read at run time
  from ``<repo>/../shared/data/clustering/giveme5w1h`` and each line's SHA-1
  prefix is checked against the label, so the labels never hold the text;
* ``labels/giveme5w1h_heldout.tsv``: 13 more articles, labelled after the
  rules were written and never used to tune them (the honest figure);
* ``labels/fixtures/*.txt``: our own invented scrapes with inline labels.

Each article goes through storyline's plain-text cleaner (the learned line
labeller since issue 14; it was trained on AEB scrapes, never on these) with its declared
title (as a JSON record would carry it), and again without it (as a bare
``.txt`` file: the headline must then be recognised in the text). The positive class is "body line":
precision = kept lines that are body / kept lines, recall = body lines kept /
body lines. Baselines measured in the same run: keeping every line, and
jusText (paragraph classifier; each line given to it as a ``<p>``).
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "clustering" / "giveme5w1h" / "articles"
LABELS = Path(__file__).resolve().parent / "labels"
sys.path.insert(0, str(ROOT / "src"))

from storyline.pipeline.clean import Fields, split_plain  # noqa: E402

Doc = tuple[str, str | None, list[str], list[bool]]  # name, title, lines, keep labels


def giveme5w1h_docs(name: str = "giveme5w1h_lines.tsv") -> list[Doc]:
    labels: dict[str, list[tuple[int, bool, str]]] = {}
    for row in (LABELS / name).read_text().splitlines():
        if row.startswith("#"):
            continue
        did, index, label, digest = row.split("\t")
        labels.setdefault(did, []).append((int(index), label == "keep", digest))
    docs: list[Doc] = []
    for path in sorted(DATA.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        if record["dId"] not in labels:
            continue
        lines = record["text"].split("\n")
        marks = sorted(labels.pop(record["dId"]))
        for index, _, digest in marks:
            if hashlib.sha1(lines[index].encode()).hexdigest()[:12] != digest:
                sys.exit(f"label mismatch: {record['dId']} line {index} (the data changed?)")
        docs.append((record["dId"][:10], record.get("title"), lines, [keep for _, keep, _ in marks]))
    if labels:
        sys.exit(f"{len(labels)} labelled articles missing from {DATA}")
    return docs


def fixture_docs() -> list[Doc]:
    docs: list[Doc] = []
    for path in sorted((LABELS / "fixtures").glob("*.txt")):
        title, lines, keep = None, [], []
        for row in path.read_text(encoding="utf-8").splitlines():
            mark, _, text = row.partition("|")
            if mark == "T":
                title = text
            elif mark in ("K", "D"):
                lines.append(text)
                keep.append(mark == "K")
        docs.append((path.stem, title, lines, keep))
    return docs


def _align(lines: list[str], kept: list[tuple[str, bool]]) -> list[bool]:
    """Map the cleaner's verdicts back to line positions.

    The cleaner judges non-empty, stripped lines, and may split one into a kept
    sentence run and a dropped tail (a bio glued on); such a line counts as kept.
    """
    it = iter(kept)
    out = []
    for line in lines:
        if not line.strip():
            out.append(False)
            continue
        text, keep = next(it)
        covered = len(text)
        while covered < len(line.strip()):
            part, part_keep = next(it)
            covered += len(part) + 1
            keep = keep or part_keep
        out.append(keep)
    return out


def storyline(title: str | None, lines: list[str]) -> tuple[list[bool], list[str | None]]:
    judged = split_plain("\n".join(lines), Fields(title=title))
    return _align(lines, [(t, v.keep) for t, v in judged]), [v.reason for _, v in judged]


def storyline_untitled(title: str | None, lines: list[str]) -> tuple[list[bool], list[str | None]]:
    """As a bare .txt file would come in: no declared title."""
    return storyline(None, lines)


def keep_all(title: str | None, lines: list[str]) -> tuple[list[bool], list[str | None]]:
    return [bool(line.strip()) for line in lines], []


def justext_lines(title: str | None, lines: list[str]) -> tuple[list[bool], list[str | None]]:
    import justext

    page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines if line.strip()) + "</body></html>"
    paragraphs = justext.justext(page.encode("utf-8"), justext.get_stoplist("English"))
    verdicts = [(" ".join(p.text.split()), not p.is_boilerplate) for p in paragraphs]
    by_text: dict[str, bool] = {}
    for text, keep in verdicts:
        by_text.setdefault(text, keep)
    return [by_text.get(" ".join(line.split()), False) for line in lines], []


def score(docs: list[Doc], fn: Callable[..., tuple[list[bool], list[str | None]]], errors: bool) -> tuple[float, ...]:
    tp = fp = fn_ = tn = 0
    wrong: Counter[str] = Counter()
    for name, title, lines, gold in docs:
        pred, _ = fn(title, lines)
        for i, (p, g) in enumerate(zip(pred, gold)):
            if not lines[i].strip():
                continue
            tp += p and g
            fp += p and not g
            fn_ += (not p) and g
            tn += (not p) and (not g)
            if errors and p != g:
                print(f"    {'FP' if p else 'FN'} {name}:{i}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn_) if tp + fn_ else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    junk_recall = tn / (tn + fp) if tn + fp else 0.0
    return precision, recall, f1, junk_recall, tp + fp + fn_ + tn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list storyline's misjudged lines (ids only)")
    args = parser.parse_args()
    sets = {"own fixtures": fixture_docs()}
    if DATA.is_dir():
        sets = {
            "giveme5w1h (55 art.)": giveme5w1h_docs(),
            "g5 held-out (13 art.)": giveme5w1h_docs("giveme5w1h_heldout.tsv"),
            **sets,
        }
    else:
        print(f"(dataset not found: {DATA}; fixtures only)")
    systems = {
        "storyline": storyline, "storyline, untitled": storyline_untitled,
        "keep every line": keep_all, "jusText 3": justext_lines,
    }
    print("body-line precision / recall / F1, and the share of junk lines dropped")
    print(f"{'label set':<22}{'system':<21}{'P':>8}{'R':>8}{'F1':>8}{'junk R':>8}{'lines':>7}")
    for set_name, docs in sets.items():
        for sys_name, fn in systems.items():
            p, r, f1, jr, n = score(docs, fn, args.errors and sys_name == "storyline")
            print(f"{set_name:<22}{sys_name:<21}{p:8.3f}{r:8.3f}{f1:8.3f}{jr:8.3f}{n:7d}")


if __name__ == "__main__":
    main()

"""Plain-text scrapes through ``storyline ingest`` → ``storyline export``: body and head metadata.

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/scrapes.py [--cut region|page] [--errors]``

Data: ``../shared/data/scrapes/aeb/{region,page}`` (the 181 AEB pages as
plain-text scrapes, read at run time) and their ``gold.json``. Each cut is
ingested as a folder of ``.txt`` files into a throwaway store by the CLI, as
a user would run it, and exported as JSON.

Figures, all from the same run, side by side:

* body: token-level precision/recall/F1 against the gold ``body`` (bag of
  ``\\w+`` tokens, counts summed over scrapes, as ``extraction.py``'s
  ``tok``; ``sh4`` the same over 4-token shingles, AEB's own
  ``evaluate.py`` unit). A scrape the ingest rejects counts as an empty body;
* outlet precision: of the outlets named on scrapes that have a gold outlet
  (shown or not), the share that are right: a wrong outlet is worse than none;
* title, byline, date, outlet: accuracy on the scrapes whose text shows the
  gold value: a line that is the title (or most of it); every gold author's
  surname; a printed date that is the gold day; the outlet's name on a line
  outside the gold body. Correct means: the same title (normalised), the same
  set of surnames (names only), the same day, the same outlet name
  (normalised, "The" and corporate suffixes aside, or up to a trailing
  qualifier: "CNN Business" for "CNN"). A byline is scored only where the
  gold names people (two words or more, not the outlet, not a desk).

Baselines: "keep every line" (title = first line) and trafilatura given the
scrape's lines as ``<p>`` paragraphs (its body and metadata).

The shipped line model and outlet ranker were trained on these very pages, so
their figures are in-sample. ``--cv`` adds the honest row, "storyline, grouped
CV": every scrape read (by the clean stage, in-process) with a line model and
an outlet ranker trained by GroupKFold without any page of its publisher.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import match_counts, prf  # noqa: E402
from line_silver import SCRAPES, _is_title, _shows_day, _surnames, label_doc  # noqa: E402
from storyline.pipeline.lines.features import split_lines  # noqa: E402

Guess = dict[str, object]


def _norm(text: object) -> str:
    return " ".join(re.findall(r"\w+", str(text or "").casefold()))


def _outlet_key(name: object) -> str:
    key = _norm(name)
    key = re.sub(r"^the ", "", key)
    key = re.sub(r"\b(com|co uk|net|org|news service|media|inc|llc|ltd)$", "", key).strip()
    return key.replace(" ", "")


def run_storyline(folder: Path) -> dict[str, Guess]:
    """Ingest a folder of scrapes with the CLI into a temporary store; the export by file id."""
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        cli = [sys.executable, "-m", "storyline"]
        subprocess.run([*cli, "ingest", str(folder), "--db", db], check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out = subprocess.run([*cli, "export", "--db", db, "--format", "json"], check=True, env=env,
                             capture_output=True, text=True).stdout
    guesses: dict[str, Guess] = {}
    for article in json.loads(out)["articles"]:
        guesses[Path(article["source"]).stem] = article
    return guesses


def run_cross_validated(cut: str, folds: int = 5) -> dict[str, Guess]:
    """Each scrape read by a model trained without its publisher (GroupKFold by domain, both cuts).

    In-process (the clean stage on the raw text, as the ingest runs it), with the fold's
    model swapped in for the shipped one: the figure for publishers nobody tuned to.
    """
    import pycrfsuite
    from sklearn.model_selection import GroupKFold

    from line_silver import load
    from storyline.models import RawArticle
    from storyline.pipeline.base import Context
    from storyline.pipeline.clean import Clean
    from storyline.pipeline.lines import model
    from storyline.pipeline.lines.features import crf_items, line_features
    from storyline.pipeline.lines import outlet
    from train_lines import train
    from train_outlet import examples, fit

    gold = json.loads((SCRAPES / "gold.json").read_text(encoding="utf-8"))
    docs = [(c, *d) for c in ("region", "page") for d in load(c)]
    groups = [domain for _, _, domain, _, _ in docs]
    guesses: dict[str, Guess] = {}
    shipped, shipped_weights = model._tagger, outlet._weights
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fold.crfsuite"
        for tr, te in GroupKFold(n_splits=folds).split(docs, groups=groups):
            train([crf_items(line_features(docs[i][3])) for i in tr], [docs[i][4] for i in tr], path)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            model._tagger = tagger
            fold_weights = fit(examples([docs[i] for i in tr], gold))[0]
            outlet._weights = lambda w=fold_weights: w  # the outlet ranker, also trained without these publishers
            for i in te:
                if docs[i][0] != cut:
                    continue
                doc_id = docs[i][1]
                text = (SCRAPES / cut / f"{doc_id}.txt").read_text(encoding="utf-8")
                try:
                    guesses[doc_id] = Clean().clean(RawArticle(source=doc_id, text=text), Context()).to_contract()
                except Exception:  # noqa: BLE001 - a reject scores as an empty body, as in the ingest
                    continue
    model._tagger, outlet._weights = shipped, shipped_weights
    return guesses


def keep_all(text: str) -> Guess:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return {"text": "\n".join(lines), "title": lines[0] if lines else None}


def trafilatura_lines(text: str) -> Guess:
    import trafilatura

    paras = "".join(f"<p>{html.escape(ln.strip())}</p>" for ln in text.splitlines() if ln.strip())
    doc = trafilatura.bare_extraction(f"<html><body>{paras}</body></html>", with_metadata=True)
    if doc is None:
        return {"text": ""}
    get = doc.as_dict().get if hasattr(doc, "as_dict") else doc.get
    return {"text": get("text") or "", "title": get("title"), "byline": get("author"), "published": get("date"),
            "outlet": get("sitename")}


def shown(gold: dict, text: str) -> dict[str, bool]:
    """Which gold fields the scrape's text shows (the scrapes a field is scored on)."""
    lines = split_lines(text)
    labels = label_doc(lines, gold)
    raw = [ln.text for ln in lines]
    words = set(_norm(text).split())
    surnames = _surnames(gold.get("byline"))
    outlet = _outlet_key(gold.get("outlet"))
    return {
        "title": bool(gold.get("title")) and any(_is_title(ln, gold["title"]) for ln in raw),
        "byline": bool(surnames) and surnames <= words and _people(gold),
        "date": bool(gold.get("published")) and any(_shows_day(ln, gold["published"]) for ln in raw),
        "outlet": bool(outlet) and any(outlet in _norm(ln).replace(" ", "") for ln, lab in zip(raw, labels)
                                       if lab != "body"),
    }


def _people(gold: dict) -> bool:
    """Does the gold byline name people (not the outlet or a desk: "BBC News", "Beachbody")?"""
    names = gold["byline"] if isinstance(gold["byline"], list) else [gold["byline"]]
    outlet = _outlet_key(gold.get("outlet"))
    for name in names:
        words = _norm(name).split()
        if len(words) < 2 or (outlet and outlet in "".join(words)) or {"news", "staff", "team", "blog"} & set(words):
            return False
    return True


def correct(field: str, gold: dict, guess: Guess) -> bool:
    value = guess.get({"date": "published"}.get(field, field))
    if not value:
        return False
    if field == "title":
        return _norm(value) == _norm(gold["title"]) or _is_title(str(value), gold["title"])
    if field == "byline":
        return _surnames(str(value).split(",")) == _surnames(gold["byline"])
    if field == "date":
        return str(value)[:10] == gold["published"]
    ours, want = _outlet_key(value), _outlet_key(gold["outlet"])
    short, long_ = sorted((ours, want), key=len)
    return ours == want or (len(short) >= 3 and long_.startswith(short))  # "CNN Business" ~ "CNN"


def evaluate(cut: str, errors: bool, cv: bool = False) -> None:
    gold = json.loads((SCRAPES / "gold.json").read_text(encoding="utf-8"))
    folder = SCRAPES / cut
    texts = {doc_id: (folder / f"{doc_id}.txt").read_text(encoding="utf-8") for doc_id in sorted(gold)}
    ours = run_storyline(folder)
    systems: dict[str, Callable[[str, str], Guess]] = {
        "storyline": lambda doc_id, text: ours.get(doc_id, {"text": ""}),
        "keep every line": lambda doc_id, text: keep_all(text),
        "trafilatura (<p> lines)": lambda doc_id, text: trafilatura_lines(text),
    }
    if cv:
        held_out = run_cross_validated(cut)
        systems["storyline, grouped CV"] = lambda doc_id, text: held_out.get(doc_id, {"text": ""})
    eligible = {doc_id: shown(gold[doc_id], texts[doc_id]) for doc_id in gold}
    fields = ("title", "byline", "date", "outlet")
    counts = {f: sum(e[f] for e in eligible.values()) for f in fields}
    print(f"\n{cut}: {len(gold)} scrapes, {len(gold) - len(ours)} rejected by the ingest; "
          + ", ".join(f"{f} shown in {counts[f]}" for f in fields))
    print(f"  {'system':24s} {'tok P':>6s} {'tok R':>6s} {'tok F1':>6s} {'sh4 F1':>6s}  "
          + " ".join(f"{f:>6s}" for f in fields) + "  outlet precision (named / right)")
    for name, fn in systems.items():
        tok = [0, 0, 0]
        sh4 = [0, 0, 0]
        right = dict.fromkeys(fields, 0)
        named = named_right = 0  # outlets given on scrapes with a gold outlet, shown or not
        for doc_id, text in texts.items():
            guess = fn(doc_id, text)
            if gold[doc_id].get("outlet") and guess.get("outlet"):
                named += 1
                named_right += correct("outlet", gold[doc_id], guess)
            for acc, n in ((tok, 1), (sh4, 4)):
                for k, v in enumerate(match_counts(gold[doc_id]["body"], str(guess.get("text") or ""), n)):
                    acc[k] += v
            for f in fields:
                if eligible[doc_id][f]:
                    ok = correct(f, gold[doc_id], guess)
                    right[f] += ok
                    if errors and name == "storyline" and not ok:
                        want = gold[doc_id].get({"date": "published"}.get(f, f))
                        got = guess.get({"date": "published"}.get(f, f))
                        print(f"    {f} {doc_id[:8]}: want {want!r} got {got!r}")
        p, r, f1 = prf(*tok)
        print(f"  {name:24s} {p:6.3f} {r:6.3f} {f1:6.3f} {prf(*sh4)[2]:6.3f}  "
              + " ".join(f"{right[f] / max(1, counts[f]):6.3f}" for f in fields)
              + f"  {named_right / max(1, named):6.3f} ({named} / {named_right})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cut", choices=("region", "page"), action="append")
    parser.add_argument("--errors", action="store_true", help="list storyline's wrong metadata (ids only)")
    parser.add_argument("--cv", action="store_true",
                        help="also read each scrape with a model trained without its publisher (5 folds by domain)")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    for cut in args.cut or ["region", "page"]:
        evaluate(cut, args.errors, args.cv)


if __name__ == "__main__":
    main()

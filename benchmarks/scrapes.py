"""Plain-text scrapes read by the clean stage: body and head metadata, in-sample and publisher-held-out.

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/scrapes.py [--cut region|page] [--cv] [--ingest] [--errors [ROW]]``

Data: ``../shared/data/scrapes/aeb/{region,page}`` (the 181 AEB pages as
plain-text scrapes, read at run time) and their ``gold.json``.

Rows, all from the same run, side by side:

* ``storyline (in-sample)``: each scrape read by the clean stage in-process
  (``Clean().clean`` on the raw text, as the ingest runs it) with the shipped
  line model and outlet ranker, which were trained on these very pages;
* ``storyline, grouped CV`` (``--cv``): the honest row. Each scrape read by
  a line model and an outlet ranker trained by GroupKFold without any page
  of its publisher (5 folds by domain; both cuts of a page in one fold),
  trained as ``train_lines.py`` and ``train_outlet.py`` train the shipped
  ones (and the headline ranker as ``train_headline.py`` does). What does not change between runs (silver labels, line features,
  fold models) is cached by ``scrape_folds.py``, so this takes minutes;
* ``storyline, ingest→export`` (``--ingest``): each cut ingested as a folder
  of ``.txt`` files into a throwaway store by the CLI and exported as JSON,
  as a user runs it (slow: the whole pipeline);
* baselines: "keep every line" (title = first line) and trafilatura given
  the scrape's lines as ``<p>`` paragraphs (its body and metadata).

Figures:

* body: token-level precision/recall/F1 against the gold ``body`` (bag of
  ``\\w+`` tokens, counts summed over scrapes, as ``extraction.py``'s
  ``tok``; ``sh4`` the same over 4-token shingles, AEB's own
  ``evaluate.py`` unit). A scrape the reader rejects counts as an empty body;
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
from storyline.pipeline.lines.reader import writers_only  # noqa: E402
from storyline.pipeline.metadata import clean_byline  # noqa: E402

Guess = dict[str, object]


def _norm(text: object) -> str:
    return " ".join(re.findall(r"\w+", str(text or "").casefold()))


def _outlet_key(name: object) -> str:
    """An outlet name reduced for comparison. A gold value declared as a site address or a handle
    ("https://www.hawaiinewsnow.com", "@politifact") is the name in it."""
    text = str(name or "").strip()
    text = re.sub(r"^https?://(?:www\d?\.)?([^/]+).*$", r"\1", text).removeprefix("@")
    key = _norm(text)
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


def _clean_all(ids_by_cut: dict[str, list[str]]) -> dict[str, dict[str, Guess]]:
    """Each scrape read by the clean stage in-process (as the ingest runs it), with whatever models are loaded."""
    from storyline.models import RawArticle
    from storyline.pipeline.base import Context
    from storyline.pipeline.clean import Clean

    out: dict[str, dict[str, Guess]] = {cut: {} for cut in ids_by_cut}
    for cut, ids in ids_by_cut.items():
        for doc_id in ids:
            text = (SCRAPES / cut / f"{doc_id}.txt").read_text(encoding="utf-8")
            try:
                out[cut][doc_id] = Clean().clean(RawArticle(source=doc_id, text=text), Context()).to_contract()
            except Exception:  # noqa: BLE001 - a reject scores as an empty body, as in the ingest
                continue
    return out


def run_in_process(cuts: list[str]) -> dict[str, dict[str, Guess]]:
    """Every scrape read by the clean stage with the shipped models (in-sample: they were trained on these)."""
    gold = json.loads((SCRAPES / "gold.json").read_text(encoding="utf-8"))
    return _clean_all({cut: sorted(gold) for cut in cuts})


def run_cross_validated(cuts: list[str], folds: int = 5) -> dict[str, dict[str, Guess]]:
    """Each scrape read by models trained without its publisher (GroupKFold by domain), per cut.

    The line model of each fold is trained exactly as ``train_lines.py`` trains the
    shipped one (both cuts and the extracted copies, cached by ``scrape_folds``) and
    the outlet ranker as ``train_outlet.py`` does; the clean stage then reads the
    fold's held-out scrapes in-process with both swapped in: the figure for
    publishers nobody tuned to. (The outlet threshold is the shipped one, chosen
    by the same grouped CV, not re-chosen per fold.)
    """
    import pycrfsuite

    from scrape_folds import corpus, fold_crf
    from scrape_folds import folds as split
    from storyline.pipeline.lines import headline, model, outlet
    from train_headline import oof_examples
    from train_outlet import fit
    from train_outlet import oof_examples as outlet_examples

    gold = json.loads((SCRAPES / "gold.json").read_text(encoding="utf-8"))
    docs, items = corpus()
    exs = outlet_examples(docs, items, gold)  # the outlet ranker's candidates, as out-of-fold readings put them
    titles = oof_examples(docs, items)  # the headline ranker's candidates, read by out-of-fold line models
    guesses: dict[str, dict[str, Guess]] = {cut: {} for cut in cuts}
    shipped, shipped_weights, shipped_titles = model._tagger, outlet._weights, headline._weights
    try:
        for tr, te in split(docs, folds):
            tagger = pycrfsuite.Tagger()
            tagger.open(str(fold_crf(docs, items, tr)))
            model._tagger = tagger
            fold_weights = fit([exs[docs[i][:2]] for i in tr if docs[i][:2] in exs])[0]
            outlet._weights = lambda w=fold_weights: w  # the outlet ranker, also trained without these publishers
            title_weights = fit([titles[docs[i][:2]] for i in tr if docs[i][:2] in titles])[0]
            headline._weights = lambda w=title_weights: w  # and the headline ranker
            held = {cut: [docs[i][1] for i in te if docs[i][0] == cut] for cut in cuts}
            for cut, found in _clean_all(held).items():
                guesses[cut].update(found)
    finally:
        model._tagger, outlet._weights, headline._weights = shipped, shipped_weights, shipped_titles
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
    surnames = _writer_surnames(gold.get("byline"))
    outlet = _outlet_key(gold.get("outlet"))
    return {
        "title": bool(gold.get("title")) and any(_is_title(ln, gold["title"]) for ln in raw),
        "byline": bool(surnames) and surnames <= words and _people(gold),
        "date": bool(gold.get("published")) and any(_shows_day(ln, gold["published"]) for ln in raw),
        "outlet": bool(outlet) and any(outlet in _norm(ln).replace(" ", "") for ln, lab in zip(raw, labels)
                                       if lab != "body"),
    }


def _writer_surnames(byline: list[str] | str | None) -> set[str]:
    """The surnames of a byline's writers: a publication declared after them ("Tanza Loudenback,
    Business Insider") is no writer, read the way the reader reads a byline line (``writers_only``)."""
    names = byline if isinstance(byline, list) else [byline] if byline else []
    return _surnames([writers_only(cleaned) for name in names if (cleaned := clean_byline(name))])


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
        return _writer_surnames(str(value).split(",")) == _writer_surnames(gold["byline"])
    if field == "date":
        return str(value)[:10] == gold["published"]
    ours, want = _outlet_key(value), _outlet_key(gold["outlet"])
    short, long_ = sorted((ours, want), key=len)
    return ours == want or (len(short) >= 3 and long_.startswith(short))  # "CNN Business" ~ "CNN"


def evaluate(cut: str, gold: dict, systems: dict[str, Callable[[str, str], Guess]], rejected: dict[str, int],
             errors: str | None) -> None:
    """Print one cut's table: body and metadata figures of every system, from the same run."""
    folder = SCRAPES / cut
    texts = {doc_id: (folder / f"{doc_id}.txt").read_text(encoding="utf-8") for doc_id in sorted(gold)}
    eligible = {doc_id: shown(gold[doc_id], texts[doc_id]) for doc_id in gold}
    fields = ("title", "byline", "date", "outlet")
    counts = {f: sum(e[f] for e in eligible.values()) for f in fields}
    print(f"\n{cut}: {len(gold)} scrapes; " + ", ".join(f"{f} shown in {counts[f]}" for f in fields)
          + "".join(f"; {n} rejected by {name}" for name, n in rejected.items() if n))
    print(f"  {'system':32s} {'tok P':>6s} {'tok R':>6s} {'tok F1':>6s} {'sh4 F1':>6s}  "
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
                ok = correct("outlet", gold[doc_id], guess)
                named_right += ok
                if errors and name == errors and not ok and not eligible[doc_id]["outlet"]:
                    print(f"    outlet (not shown) {doc_id[:8]}: want {gold[doc_id]['outlet']!r} "
                          f"got {guess['outlet']!r}")
            for acc, n in ((tok, 1), (sh4, 4)):
                for k, v in enumerate(match_counts(gold[doc_id]["body"], str(guess.get("text") or ""), n)):
                    acc[k] += v
            for f in fields:
                if eligible[doc_id][f]:
                    ok = correct(f, gold[doc_id], guess)
                    right[f] += ok
                    if errors and name == errors and not ok:
                        want = gold[doc_id].get({"date": "published"}.get(f, f))
                        got = guess.get({"date": "published"}.get(f, f))
                        print(f"    {f} {doc_id[:8]}: want {want!r} got {got!r}")
        p, r, f1 = prf(*tok)
        print(f"  {name:32s} {p:6.3f} {r:6.3f} {f1:6.3f} {prf(*sh4)[2]:6.3f}  "
              + " ".join(f"{right[f] / max(1, counts[f]):6.3f}" for f in fields)
              + f"  {named_right / max(1, named):6.3f} ({named} / {named_right})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cut", choices=("region", "page"), action="append")
    parser.add_argument("--errors", nargs="?", const="shipped",
                        choices=("shipped", "cv", "ingest"),
                        help="list one row's wrong metadata (ids only): shipped (default), cv or ingest")
    parser.add_argument("--cv", action="store_true",
                        help="add the held-out row: models trained without the scrape's publisher (5 folds by domain)")
    parser.add_argument("--ingest", action="store_true",
                        help="add the row through `storyline ingest` → `export` (the CLI, whole pipeline: slow)")
    parser.add_argument("--no-baselines", action="store_true", help="leave out keep-all and trafilatura")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    cuts = args.cut or ["region", "page"]
    gold = json.loads((SCRAPES / "gold.json").read_text(encoding="utf-8"))
    shipped = run_in_process(cuts)
    held_out = run_cross_validated(cuts) if args.cv else {}
    names = {"shipped": "storyline (in-sample)", "cv": "storyline, grouped CV", "ingest": "storyline, ingest→export"}
    for cut in cuts:
        runs = {names["shipped"]: shipped[cut]}
        if args.ingest:
            runs[names["ingest"]] = run_storyline(SCRAPES / cut)
        if args.cv:
            runs[names["cv"]] = held_out[cut]
        systems: dict[str, Callable[[str, str], Guess]] = {
            name: (lambda doc_id, text, got=got: got.get(doc_id, {"text": ""})) for name, got in runs.items()}
        if not args.no_baselines:
            systems["keep every line"] = lambda doc_id, text: keep_all(text)
            systems["trafilatura (<p> lines)"] = lambda doc_id, text: trafilatura_lines(text)
        rejected = {name: len(gold) - len(got) for name, got in runs.items()}
        evaluate(cut, gold, systems, rejected, names[args.errors] if args.errors else None)


if __name__ == "__main__":
    main()

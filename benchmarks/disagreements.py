"""Disagreements between outlets: precision and recall against a labelled set, beside a baseline.

    .venv/bin/python benchmarks/disagreements.py [--export FILE] [--propose] [--remap [--write-labels]]
    .venv/bin/python benchmarks/disagreements.py --heldout [--export-ecbplus F --export-examples F --export-polnear F]
        [--export-heldout CORPUS=FILE ...] [--corpora A,B] [--remap [--write-labels]]

Ingests giveme5w1h through ``storyline ingest`` and exports it (or reads an
export already made), then matches every disagreement the briefs report to the
labels in ``labels/disagreements.jsonl`` (see ``labels/README.md``):

- precision: of the reported disagreements that a label judges (or that lie in a
  story the annotator read), the share that are real;
- recall: of the real disagreements in the labels (those the briefs reported
  and those the annotator found reading the stories), the share reported.

A reported disagreement matches a label when two of its sides cite, in two of
the label's sentences, values the label puts on different sides. The baseline,
from the same export: every pair of sentences of different articles of a story
giving different numbers before the same word ("25 people" / "27 people").

Also ingests the five seed articles and prints the dated disagreements with
their sources (the op-ed's publication date is given three ways).
``--heldout`` scores the disagreements reported on ECB+ topics 13-35 (ingested
from ``../shared/data/clustering/ecbplus``, text rebuilt as the clustering
benchmark does), on ``examples/`` and on PolNeAR train (840 US political
articles, outlet and date from the file names; ingesting it takes minutes)
against ``labels/disagreements_heldout.jsonl``: what the briefs reported there,
judged after the rules were tuned (precision only: nobody read those stories
whole for what was missed; see the labels' README for which rows are held out).
The session-8 corpora (``CORPORA``: Reuters-21578 slices without an outlet, TempEval-3
TimeBank/AQUAINT, PolNeAR dev) are scored the same way; ``--corpora`` picks some and
``--export-heldout CORPUS=FILE`` reads an export already made (the labels' README says
against which code each row is held out). Session 11 added ``seeds`` (the op-ed date the issue names),
``ecbplus-urls`` (ECB+ 1-35, each ecbplus file's source address as its url) and ``aeb`` (the AEB pages with their
region scrapes).
``--remap`` first moves every label's offsets onto the export's text, each value found again by its hash
near its old offset (Clean changes text between versions; the labels store no text), and says how many
sides moved and how many were lost; ``--write-labels`` saves the moved rows.
``--propose`` prints label lines (``"real": null``) for reported disagreements
no label judges yet, for an annotator to read and fill in.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from brief_audit import ROOT, SHARED, _giveme_jsonl, _storyline

from storyline.pipeline.sentences import split_sentences

LABELS = ROOT / "benchmarks" / "labels" / "disagreements.jsonl"
HELDOUT = ROOT / "benchmarks" / "labels" / "disagreements_heldout.jsonl"
HELDOUT_TOPICS = 13  # ECB+ topics from this one on (1-12 were read while the rules were written)
_BASE_COUNT = re.compile(r"(?<![\w.,$-])(\d[\d,]*(?:\.\d+)?)\s+([A-Za-z][a-z-]+)")


def value_hash(text: str) -> str:
    """The short hash a label stores instead of a value's text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


class Export:
    """An export with sentence lookups by article input id."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.by_id = {a["id"]: a for a in data["articles"]}
        self.by_input = {article_key(a): a for a in data["articles"]}
        self._sentences: dict[str, list] = {}

    def sentences(self, article_id: str) -> list:
        if article_id not in self._sentences:
            self._sentences[article_id] = split_sentences(self.by_id[article_id]["text"])
        return self._sentences[article_id]

    def sentence_at(self, article_id: str, offset: int) -> tuple[int, int]:
        return next(((s.start, s.end) for s in self.sentences(article_id) if s.start <= offset < s.end), (offset, offset + 1))

    def input_id(self, article_id: str) -> str:
        return article_key(self.by_id[article_id])


def article_key(article: dict) -> str:
    """How a label names an article: its input id, else its file's name (``examples/`` has no ids)."""
    return article["input_id"] or Path(article["source"]).name


# A reported item: its sides, each a list of (article input id, offset) citations.
Item = tuple[str, list[list[tuple[str, int]]]]  # (what, sides)


def ours(export: Export) -> list[Item]:
    """Every disagreement the export's briefs report."""
    items = []
    for story in export.data["stories"]:
        for d in story["discrepancies"]:
            sides = [[(export.input_id(c["article"]), c["start"]) for c in claim["citations"]] for claim in d["claims"]]
            items.append((d["about"], sides))
    return items


def baseline(export: Export) -> list[Item]:
    """Every pair of different numbers before the same word, in sentences of two articles of one story."""
    items = []
    for story in export.data["stories"]:
        found = defaultdict(list)  # word → (article, offset, value)
        for aid in story["articles"]:
            text = export.by_id[aid]["text"]
            for m in _BASE_COUNT.finditer(text):
                found[m.group(2).lower()].append((export.input_id(aid), m.start(), m.group(1).replace(",", "")))
        for word, claims in found.items():
            for a, b in itertools.combinations(claims, 2):
                if a[0] != b[0] and a[2] != b[2]:
                    items.append((word, [[a[:2]], [b[:2]]]))
    return items


def read_rows(path: Path) -> list[dict]:
    """The rows of a labels file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_labels(rows: list[dict]) -> tuple[list[dict], list[frozenset[str]]]:
    """The label rows (the same objects) and the stories read whole (as sets of article input ids)."""
    return [r for r in rows if r["type"] == "label"], [frozenset(r["story"]) for r in rows if r["type"] == "read"]


def matches(item: Item, label: dict) -> bool:
    """Two sides of ``item`` cite, in two of the label's sentences, values the label sets against each other."""
    def side_of(cite: tuple[str, int]) -> set[int]:
        return {s["group"] for s in label["sides"] if s["article"] == cite[0] and s["sentence"][0] <= cite[1] < s["sentence"][1]}

    groups = [set().union(*(side_of(c) for c in side)) for side in item[1]]
    return any(x != y for i, gi in enumerate(groups) for gj in groups[i + 1:] for x in gi for y in gj)


def in_read_story(item: Item, read: list[frozenset[str]]) -> bool:
    articles = {a for side in item[1] for a, _ in side}
    return any(articles <= story for story in read)


def score(items: list[Item], labels: list[dict], read: list[frozenset[str]]) -> dict:
    """Precision over judged items, recall over the real labels."""
    judged = real = 0
    unjudged = []
    for item in items:
        hit = [lab for lab in labels if matches(item, lab)]
        if hit:
            judged += 1
            real += any(lab["real"] for lab in hit)
        elif in_read_story(item, read):
            judged += 1  # the annotator read the story and found no such disagreement
        else:
            unjudged.append(item)
    truth = [lab for lab in labels if lab["real"]]
    recalled = sum(any(matches(item, lab) for item in items) for lab in truth)
    found = [lab for lab in truth if lab["origin"] == "found"]
    found_recalled = sum(any(matches(item, lab) for item in items) for lab in found)
    return {"reported": len(items), "judged": judged, "real": real, "precision": real / judged if judged else 0.0,
            "labels real": len(truth), "recalled": recalled, "recall": recalled / len(truth) if truth else 0.0,
            "found": len(found), "found recalled": found_recalled,
            "found recall": found_recalled / len(found) if found else 0.0, "unjudged": unjudged}


def check_hashes(export: Export, labels: list[dict]) -> int:
    """Labels whose value text no longer hashes the same (the data or the export's text changed)."""
    bad = 0
    for lab in labels:
        for side in lab["sides"]:
            article = export.by_input.get(side["article"])
            if article is None or value_hash(article["text"][slice(*side["value"])]) != side["hash"]:
                bad += 1
    return bad


REMAP_SPACES = 4  # at most this many whitespace characters in a value are tried as a space or a line break


def _whitespace_variants(text: str) -> Iterator[str]:
    """``text`` with its whitespace characters each read as a space or a line break (Clean joins
    hard-wrapped lines between versions): the forms the value may have had when it was hashed."""
    spots = [i for i, ch in enumerate(text) if ch in " \n"][:REMAP_SPACES]
    for choice in itertools.product(" \n", repeat=len(spots)):
        chars = list(text)
        for i, ch in zip(spots, choice):
            chars[i] = ch
        yield "".join(chars)


def find_value(text: str, value: tuple[int, int], digest: str) -> tuple[int, int] | None:
    """Where the value a label hashed as ``digest`` (at ``value`` in an older text) lies in ``text``: the span
    of its length whose text hashes the same, nearest the old offset (Clean moves text, not the words of a
    value); else one that does with its spaces and line breaks swapped. None when the value is gone."""
    start, end = value
    if 0 <= start <= end <= len(text) and value_hash(text[start:end]) == digest:
        return value
    length = end - start
    # the same text first; then with its spaces and line breaks swapped (dearer: up to 2**k hashes a place)
    for variants in (lambda piece: (piece,), lambda piece: list(_whitespace_variants(piece))[1:]):
        hits = [at for at in range(len(text) - length + 1)
                if any(value_hash(v) == digest for v in variants(text[at:at + length]))]
        if hits:
            at = min(hits, key=lambda h: abs(h - start))
            return at, at + length
    return None


def remap(export: Export, labels: list[dict]) -> tuple[int, int]:
    """Move the labels' offsets onto the export's text (in place), each value found again by its hash
    (:func:`find_value`) and its sentence the one that holds it now, so labels survive Clean changing the
    text. Returns (sides moved, sides lost: their article or value is gone; those are left as they were)."""
    moved = lost = 0
    for lab in labels:
        for side in lab["sides"]:
            article = export.by_input.get(side["article"])
            found = article and find_value(article["text"], tuple(side["value"]), side["hash"])
            if not found:
                lost += 1
                continue
            sentence = list(export.sentence_at(article["id"], found[0]))
            if list(found) != side["value"] or sentence != side["sentence"]:
                moved += 1
                side["value"], side["sentence"] = list(found), sentence
                side["hash"] = value_hash(article["text"][slice(*found)])  # a swapped line break hashes anew
    return moved, lost


def write_labels(path: Path, rows: list[dict]) -> None:
    """Rewrite a labels file with its rows (remapped), one JSON object per line."""
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")


def propose(export: Export, labels: list[dict]) -> None:
    """Label lines for reported disagreements no label judges, "real" left for the annotator."""
    for story in export.data["stories"]:
        key = sorted(export.input_id(a) for a in story["articles"])
        for d in story["discrepancies"]:
            sides = [[(export.input_id(c["article"]), c["start"]) for c in claim["citations"]] for claim in d["claims"]]
            if any(matches((d["about"], sides), lab) for lab in labels):
                continue
            rows = []
            for group, claim in enumerate(d["claims"]):
                for c in claim["citations"]:
                    text = export.by_id[c["article"]]["text"]
                    rows.append({"article": export.input_id(c["article"]), "sentence": list(export.sentence_at(c["article"], c["start"])),
                                 "value": [c["start"], c["end"]], "hash": value_hash(text[c["start"]:c["end"]]), "group": group})
            kind = "date" if d["about"].startswith("date") else "count" if d["about"].startswith("number") else "role" if d["about"].startswith("title") else "speaker"
            print(json.dumps({"type": "label", "story": key, "kind": kind, "real": None, "origin": "reported", "sides": rows, "why": ""}))


def seeds(tmp: Path, src: Path) -> None:
    db = tmp / "seeds.db"
    _storyline(src, "ingest", "--db", str(db), str(SHARED / "seeds"))
    export = json.loads(_storyline(src, "export", "--db", str(db), "--format", "json"))
    outlets = {a["id"]: a["outlet"] or (a["input_id"] or a["source"]).rsplit("/", 1)[-1] for a in export["articles"]}
    print("\nseeds: dated disagreements")
    for story in export["stories"]:
        for d in story["discrepancies"]:
            if d["about"].startswith("date"):
                print(f"  {d['about'][:100]}")
                for claim in d["claims"]:
                    print(f"    {claim['text']}: " + ", ".join(outlets[c["article"]] for c in claim["citations"]))


def _ecbplus_jsonl(path: Path, topics: range = range(HELDOUT_TOPICS, 100)) -> None:
    from clustering_data import ecbplus_raw

    raws, _ = ecbplus_raw()
    with path.open("w", encoding="utf-8") as out:
        for raw in raws:
            if int(Path(raw.source).parent.name) in topics:
                out.write(json.dumps({"id": raw.input_id, "text": raw.text}) + "\n")


def _ecbplus_urls_jsonl(path: Path, topics: range = range(1, 36)) -> None:
    """ECB+ topics 1-35 with each ``ecbplus`` file's source address (its first line, tokenised: spaces taken out) as
    the article's ``url``, as a user's saved page has it: its host names the outlet. ``ecb`` files have none."""
    import xml.etree.ElementTree as ET

    from clustering_data import detokenize

    with path.open("w", encoding="utf-8") as out:
        for topic_dir in sorted((p for p in (SHARED / "clustering" / "ecbplus" / "topics").iterdir() if p.name.isdigit()),
                                key=lambda p: int(p.name)):
            if int(topic_dir.name) not in topics:
                continue
            for xml in sorted(topic_dir.glob("*.xml")):
                sentences: dict[int, list[str]] = {}
                for tok in ET.parse(xml).getroot().iter("token"):
                    sentences.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
                lines = [detokenize(sentences[k]) for k in sorted(sentences)]
                url = None
                if xml.name.endswith("ecbplus.xml") and lines and re.match(r"https?\s*:", lines[0]):
                    url, lines = "".join(lines[0].split()), lines[1:]
                out.write(json.dumps({"id": xml.stem, "text": "\n".join(lines), "url": url}) + "\n")


def _polnear_jsonl(path: Path, split: str = "train") -> None:
    """PolNeAR ``split`` as records: outlet and date from each file's name, its first line the title."""
    with path.open("w", encoding="utf-8") as out:
        for text_path in sorted((SHARED / "quotes" / "polnear" / split / "text").glob("*.txt")):
            outlet, published = text_path.stem.split("_")[:2]
            title, _, body = text_path.read_text(encoding="utf-8").partition("\n")
            out.write(json.dumps({"id": text_path.stem, "outlet": outlet, "published": published,
                                  "title": title.strip(), "text": body}) + "\n")


def _reuters_jsonl(path: Path, files: tuple[str, ...]) -> None:
    """Reuters-21578 bodies of ``files`` (``reuters-NNN.json``) with their dates, and no outlet: as a
    user's folder of wire copy whose outlet nothing names (with outlet "Reuters" every pair would be
    one outlet's update, and nothing is reported)."""
    with path.open("w", encoding="utf-8") as out:
        for name in files:
            for rec in json.loads((SHARED / "corpus" / "reuters21578" / f"reuters-{name}.json").read_text(encoding="utf-8")):
                try:
                    published = datetime.strptime(rec.get("date", "").strip().split(".")[0], "%d-%b-%Y %H:%M:%S")
                except ValueError:
                    continue
                if rec.get("body"):
                    out.write(json.dumps({"id": f"r{rec['id']}", "title": rec.get("title"), "text": rec["body"],
                                          "published": published.isoformat()}) + "\n")


# TimeBank/AQUAINT file prefixes → the outlet (the rest are wsj_NNNN)
_TML_OUTLETS = {"APW": "AP", "AP": "AP", "NYT": "New York Times", "XIE": "Xinhua", "ABC": "ABC", "ea": "ABC",
                "ed": "ABC", "CNN": "CNN", "PRI": "PRI", "VOA": "VOA", "SJMN": "San Jose Mercury News", "WSJ": "WSJ"}


def _tempeval_jsonl(path: Path) -> None:
    """TempEval-3's TimeBank and AQUAINT documents: text rebuilt from the TimeML, the creation time as the
    publication date, the outlet from the file name (AQUAINT holds a few stories told by AP, NYT and Xinhua)."""
    from tml import read_corpus

    with path.open("w", encoding="utf-8") as out:
        for doc in read_corpus(SHARED / "temporal" / "tempeval3"):
            prefix = re.match(r"[A-Za-z]+", doc.name).group(0)
            out.write(json.dumps({"id": doc.name, "text": doc.text, "published": doc.dct or None,
                                  "outlet": _TML_OUTLETS.get(prefix, "WSJ")}) + "\n")


# Held-out corpora: how each is made into ingest input (``examples`` is read as it is).
CORPORA = {
    "ecbplus": _ecbplus_jsonl,
    "polnear-train": _polnear_jsonl,
    "reuters-000-001": lambda p: _reuters_jsonl(p, ("000", "001")),
    "reuters-003-004": lambda p: _reuters_jsonl(p, ("003", "004")),
    "reuters-006-007": lambda p: _reuters_jsonl(p, ("006", "007")),
    "reuters-010-011": lambda p: _reuters_jsonl(p, ("010", "011")),
    "reuters-014-015": lambda p: _reuters_jsonl(p, ("014", "015")),
    "reuters-018-019": lambda p: _reuters_jsonl(p, ("018", "019")),
    "reuters-016-021": lambda p: _reuters_jsonl(p, ("016", "017", "020", "021")),
    "reuters-008-013": lambda p: _reuters_jsonl(p, ("008", "009", "012", "013")),
    "reuters-002-005": lambda p: _reuters_jsonl(p, ("002", "005")),
    "ecbplus-1-12": lambda p: _ecbplus_jsonl(p, range(1, HELDOUT_TOPICS)),
    "ecbplus-urls": _ecbplus_urls_jsonl,
    "tempeval": _tempeval_jsonl,
    "polnear-dev": lambda p: _polnear_jsonl(p, "dev"),
}


# Held-out corpora read as folders: the project's examples, the seeds, and the AEB pages with their region scrapes
# (each page twice: its HTML, where the publisher's markup names the outlet, and the text a reader copied).
FOLDERS = {"examples": (ROOT / "examples",), "seeds": (SHARED / "seeds",),
           "aeb": (SHARED / "extraction" / "aeb" / "html", SHARED / "scrapes" / "aeb" / "region")}


def heldout(tmp: Path, src: Path, exports: dict[str, str], only: set[str] | None = None,
            move: bool = False, write: bool = False) -> None:
    """Precision on ECB+ topics 13-35, ``examples/`` and PolNeAR train, judged after the rules were tuned;
    with ``move``, each corpus's labels first :func:`remap`-ped onto its export (``write``: and saved)."""
    rows = read_rows(HELDOUT)
    print(f"held-out labels: {len(rows)} ({sum(r['real'] for r in rows)} real); when each was labelled: "
          + ", ".join(f"{c} {n}" for c, n in sorted(Counter(r['labelled'] for r in rows).items())))
    print(f"{'':13} {'reported':>8} {'judged':>7} {'real':>5} {'precision':>9}")
    total = {"judged": 0, "real": 0}
    for corpus in sorted({r["corpus"] for r in rows}, key=lambda c: (c not in ("ecbplus", "examples", "polnear-train"), c)):
        if only and corpus not in only:
            continue
        if corpus in exports:
            data = json.loads(Path(exports[corpus]).read_text(encoding="utf-8"))
        else:
            sources = FOLDERS.get(corpus)
            if sources is None:
                sources = (tmp / f"{corpus}.jsonl",)
                CORPORA[corpus](sources[0])
            _storyline(src, "ingest", "--db", str(tmp / f"{corpus}.db"), *map(str, sources))
            data = json.loads(_storyline(src, "export", "--db", str(tmp / f"{corpus}.db"), "--format", "json"))
        export = Export(data)
        labels = [r for r in rows if r["corpus"] == corpus]
        if move:
            moved, lost = remap(export, labels)
            print(f"  {corpus}: label sides moved onto the current text {moved}, lost {lost}")
        s = score(ours(export), labels, [])
        total["judged"] += s["judged"]
        total["real"] += s["real"]
        print(f"{corpus:13} {s['reported']:8d} {s['judged']:7d} {s['real']:5d} {s['precision']:9.3f}  "
              f"value hashes changed: {check_hashes(export, labels)}")
        for what, _ in s["unjudged"]:
            print(f"  unjudged: {what[:100]}")
    judged = total["judged"]
    print(f"{'all':13} {'':8} {judged:7d} {total['real']:5d} {total['real'] / judged if judged else 0.0:9.3f}")
    if write:
        write_labels(HELDOUT, rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", help="an export JSON of giveme5w1h already made (skips the ingest)")
    parser.add_argument("--propose", action="store_true", help="print label lines for unjudged reported disagreements")
    parser.add_argument("--no-seeds", action="store_true", help="skip the seeds")
    parser.add_argument("--heldout", action="store_true",
                        help="precision on ECB+ topics 13-35 and examples/ against labels/disagreements_heldout.jsonl")
    parser.add_argument("--export-ecbplus", help="with --heldout: an export of ECB+ topics 13-35 already made")
    parser.add_argument("--export-examples", help="with --heldout: an export of examples/ already made")
    parser.add_argument("--export-polnear", help="with --heldout: an export of PolNeAR train already made")
    parser.add_argument("--export-heldout", action="append", default=[], metavar="CORPUS=FILE",
                        help="with --heldout: an export of a held-out corpus already made (repeatable)")
    parser.add_argument("--corpora", help="with --heldout: only these corpora (comma-separated)")
    parser.add_argument("--remap", action="store_true",
                        help="move the labels' offsets onto the export's text by their value hashes before scoring")
    parser.add_argument("--write-labels", action="store_true", help="with --remap: save the moved labels")
    args = parser.parse_args()
    src = ROOT / "src"
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        if args.heldout:
            given = {"ecbplus": args.export_ecbplus, "examples": args.export_examples,
                     "polnear-train": args.export_polnear}
            given.update(dict(pair.split("=", 1) for pair in args.export_heldout))
            heldout(tmpdir, src, {k: v for k, v in given.items() if v},
                    set(args.corpora.split(",")) if args.corpora else None, args.remap, args.write_labels)
            return 0
        if args.export:
            data = json.loads(Path(args.export).read_text(encoding="utf-8"))
        else:
            corpus = tmpdir / "giveme.jsonl"
            _giveme_jsonl(corpus)
            _storyline(src, "ingest", "--db", str(tmpdir / "giveme.db"), str(corpus))
            data = json.loads(_storyline(src, "export", "--db", str(tmpdir / "giveme.db"), "--format", "json"))
        export = Export(data)
        rows = read_rows(LABELS)
        labels, read = load_labels(rows)
        if args.remap:
            moved, lost = remap(export, labels)
            print(f"label sides moved onto the current text: {moved}, lost: {lost}")
            if args.write_labels:
                write_labels(LABELS, rows)
        if args.propose:
            propose(export, labels)
            return 0
        print(f"labels: {len(labels)} ({sum(bool(lab['real']) for lab in labels)} real), stories read: {len(read)}, "
              f"value hashes changed: {check_hashes(export, labels)}")
        print(f"{'':10} {'reported':>8} {'judged':>7} {'real':>5} {'precision':>9} {'recall (all real)':>18} {'recall (found set)':>19}")
        for name, items in (("baseline", baseline(export)), ("ours", ours(export))):
            s = score(items, labels, read)
            print(f"{name:10} {s['reported']:8d} {s['judged']:7d} {s['real']:5d} {s['precision']:9.3f} "
                  f"{s['recall']:10.3f} ({s['recalled']}/{s['labels real']}) {s['found recall']:11.3f} ({s['found recalled']}/{s['found']})")
            if name == "ours":
                for what, _ in s["unjudged"]:
                    print(f"  unjudged (ours): {what[:100]}")
        if not args.no_seeds:
            seeds(tmpdir, src)
    return 0


if __name__ == "__main__":
    sys.exit(main())

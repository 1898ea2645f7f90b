"""Weekday values that analyze/15 changed, judged by hand: held-out AEB and Reuters rows beside the rows it was written on.

    .venv/bin/python benchmarks/timex_weekdays.py [--errors]

``benchmarks/labels/timex_weekdays.tsv`` holds every weekday expression whose value
analyze/15's weekday rules (a bare-date stamp counts as late; a present verb says
nothing of a weekday inside its object; a possessive weekday under a clause that
looks ahead is the nearest such day) changed from analyze/14, with the value a
reader gives it. "heldout" rows come from AEB article bodies (gold date, no time
of day) and Reuters-21578 (timed wire stamps), searched and judged only after the
rules were written; "seen" rows are the giveme5w1h survey that prompted them. On
these rows analyze/14 had 1 of 10 held-out and 1 of 12 seen right (its values
differ from analyze/15's on every row by construction); rerun that code to check.

Each article's raw text is parsed and its times extracted against its publication
stamp (a giveme5w1h midnight stamp read as a bare date, as ingest's metadata does).
Beside it, dateparser on the expression's own text against the same stamp, from
the same run. A measure of the change's precision, not of weekday accuracy at
large (TBAQ's weekday figure is in benchmarks/timex.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
LABELS = Path(__file__).resolve().parent / "labels" / "timex_weekdays.tsv"


def read_labels() -> list[tuple[str, str, int, int, str, str, str]]:
    rows = []
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        corpus, doc, start, end, digest, value, subset, *_ = line.split("\t")
        rows.append((corpus, doc, int(start), int(end), digest, value, subset))
    return rows


def sources(wanted: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
    """(corpus, doc id) → (raw text, publication stamp) for the labelled articles."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    gold = json.loads((DATA / "scrapes" / "aeb" / "gold.json").read_text(encoding="utf-8"))
    for corpus, doc in wanted:
        if corpus == "aeb":
            out[corpus, doc] = gold[doc]["body"], gold[doc]["published"]
        elif corpus == "giveme5w1h":
            rec = json.loads((DATA / "clustering" / "giveme5w1h" / "articles" / f"{doc}.json").read_text(encoding="utf-8"))
            stamp = str(rec["date_publish"])
            out[corpus, doc] = rec["text"], stamp[:10] if stamp.endswith("00:00:00") else stamp
    reuters = {doc for corpus, doc in wanted if corpus == "reuters"}
    for path in sorted((DATA / "corpus" / "reuters21578").glob("reuters-*.json")):
        for rec in json.loads(path.read_text(encoding="utf-8")):
            if rec["id"] in reuters:
                stamp = datetime.strptime(rec["date"].strip().split(".")[0], "%d-%b-%Y %H:%M:%S")
                out["reuters", rec["id"]] = rec["body"], stamp.isoformat()
    return out


def dateparser_value(text: str, published: str, gold: str) -> bool:
    import dateparser

    got = dateparser.parse(text, languages=["en"], settings={"RELATIVE_BASE": datetime.fromisoformat(published)})
    return got is not None and got.date().isoformat() == gold[:10]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="print every label we get wrong")
    args = parser.parse_args()
    from storyline.pipeline.analyze.nlp import load_nlp
    from storyline.pipeline.analyze.timex import extract_times

    labels = read_labels()
    texts = sources({(c, d) for c, d, *_ in labels})
    keys = sorted(texts)
    nlp = load_nlp()
    times = {k: extract_times(doc, texts[k][1], time_of_day=True)
             for k, doc in zip(keys, nlp.pipe((texts[k][0] for k in keys), batch_size=8))}
    tally: dict[str, list[int]] = {}
    for corpus, doc, start, end, digest, gold, subset in labels:
        text, published = texts[corpus, doc]
        span = text[start:end]
        row = tally.setdefault(subset, [0, 0, 0, 0])  # scored, ours right, dateparser right, stale
        if hashlib.sha1(span.encode()).hexdigest()[:12] != digest:
            row[3] += 1
            continue
        hits = [t for t in times[corpus, doc] if t.start < end and start < t.end]
        got = hits[0].value if hits else "-"
        row[0] += 1
        row[1] += got == gold
        row[2] += dateparser_value(span, published, gold)
        if args.errors and got != gold:
            print(f"WRONG {subset:7} {corpus:10} {doc[:12]:12} {span!r:20} gold={gold} ours={got}")
    for subset in ("heldout", "seen"):
        n, ours, base, stale = tally.get(subset, [0, 0, 0, 0])
        print(f"{subset:8} {n:3d} weekday values ({stale} stale): storyline {ours:3d} right ({ours / max(n, 1):.3f})   "
              f"dateparser {base:3d} right ({base / max(n, 1):.3f})")


if __name__ == "__main__":
    sys.exit(main())

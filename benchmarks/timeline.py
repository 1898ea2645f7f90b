"""Timeline audit: every story's timeline in time order, free of metadata and caption lines, no event twice.

    .venv/bin/python benchmarks/timeline.py [--show N]

Runs ``storyline ingest`` and ``storyline export --format json`` (the CLI, as a
user would) over three sets, each in its own database: giveme5w1h (383
articles, ``../shared/data/clustering/giveme5w1h``), the team's ``examples/``
and the seed articles (``../shared/data/seeds``). Then audits every story's
timeline, and beside it the naive timeline (one entry per date value, sorted as
text, citing the date word: what storyline did before issue 16) built from the
same exported time expressions. Defects counted:

- out of order: neighbouring entries whose calendar intervals go backwards
  (compared by first day; a month or week before the days inside it is fine);
- metadata or caption: an entry whose cited line reads like a stamp, byline or
  photo caption (judged by this script's own patterns, not the pipeline's rules),
  or a line too short and unpunctuated to be body text;
- listed twice: two entries whose texts are the same sentence, or nearly
  (difflib ratio >= 0.8), or on the same dates and close (ratio >= 0.6);
- raw code: a label a reader would see that is a TimeML code ("2025-SU",
  "W11", "TMO") rather than words.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from storyline.pipeline.analyze.timex_intervals import interval_of

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
GIVEME = SHARED / "clustering" / "giveme5w1h" / "articles"

_STAMP = re.compile(
    r"^\W*(?:(?:published|updated|posted|last\s+modified)\b(?:\s+(?:at|on))?\s*[:|-]?\s*"
    r"(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)"
    r"|(?-i:by\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\s*$))", re.I)
_CAPTION = re.compile(r"\b(?:in\s+this\s+(?:file\s+)?(?:photo|picture|image)|(?:photo|pictured|caption)\s*:|\(pictured\)|"
                      r"getty\s+images|\(AP\s+Photo|AFP\s+via|file\s+(?:photo|image)|photo\s+(?:credit|released))", re.I)
_RAW_CODE = re.compile(r"\b(?:\d{4}-(?:SP|SU|FA|WI|W\d{1,2}|Q\d|H\d)|W\d{2}|T(?:MO|AF|EV|NI|DT))\b|^\d{4}-\d{2}(?:-\d{2})?$")


def _giveme_jsonl(folder: Path) -> Path:
    out = folder / "giveme.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for path in sorted(GIVEME.glob("*.json")):
            rec = json.loads(path.read_text(encoding="utf-8"))
            published = rec.get("date_publish")
            f.write(json.dumps({
                "id": rec.get("dId") or path.stem, "url": rec.get("url"), "title": rec.get("title"),
                "text": rec.get("text") or rec.get("description") or "",
                "published": None if published in (None, "None") else str(published),
                "outlet": rec.get("source_domain"),
            }) + "\n")
    return out


def export(paths: list[Path], folder: Path, name: str) -> dict:
    """Ingest ``paths`` into a fresh database with the CLI and return its JSON export."""
    db = folder / f"{name}.db"
    cli = [sys.executable, "-m", "storyline"]
    subprocess.run([*cli, "ingest", *map(str, paths), "--db", str(db)], check=True, capture_output=True)
    out = subprocess.run([*cli, "export", "--db", str(db), "--format", "json"], check=True, capture_output=True)
    return json.loads(out.stdout)


def naive_timeline(story: dict, articles: dict[str, dict]) -> list[dict]:
    """The baseline: one entry per date value, sorted as text, citing the date word."""
    by_date: dict[str, dict] = {}
    for aid in story["articles"]:
        for t in articles[aid]["times"]:
            if t["type"] not in {"DATE", "TIME"} or not re.match(r"\d{4}", t["value"]):
                continue
            value = t["value"][:10] if t["type"] == "TIME" else t["value"]
            text = articles[aid]["text"]
            start = max(text.rfind(". ", 0, t["start"]) + 2, text.rfind("\n", 0, t["start"]) + 1, 0)
            stop = min(x for x in (text.find(". ", t["end"]), text.find("\n", t["end"]), len(text)) if x >= 0)
            entry = by_date.setdefault(value, {"date": value, "label": value, "text": text[start:stop + 1].strip(),
                                               "citations": []})
            entry["citations"].append({"article": aid, "start": t["start"], "end": t["end"]})
    return [by_date[d] for d in sorted(by_date)]


def _cited_line(entry: dict, articles: dict[str, dict]) -> str:
    cite = entry["citations"][0]
    text = articles[cite["article"]]["text"]
    begin = text.rfind("\n", 0, cite["start"]) + 1
    end = text.find("\n", cite["start"])
    return text[begin:len(text) if end < 0 else end].strip()


def audit(timeline: list[dict], articles: dict[str, dict], counts: Counter, examples: list[str]) -> None:
    counts["entries"] += len(timeline)
    starts = [interval_of(e["date"]) for e in timeline]
    for a, b, entry in zip(starts, starts[1:], timeline[1:]):
        if a is not None and b is not None and b.start < a.start:
            counts["out of order"] += 1
            examples.append(f"ORDER    {entry['date']} after an entry starting {a.start}")
    for entry in timeline:
        line = _cited_line(entry, articles)
        if (_STAMP.search(line) or _CAPTION.search(entry["text"])
                or (len(line.split()) < 8 and not re.search(r"[.!?\"”]$", line))):
            counts["metadata or caption"] += 1
            examples.append(f"META     {entry['date']} {line[:100]!r}")
        label = entry.get("label") or entry["date"]
        if _RAW_CODE.search(label):
            counts["raw code"] += 1
    for i, a in enumerate(timeline):
        for b in timeline[i + 1:]:
            ratio = difflib.SequenceMatcher(None, a["text"].lower().split(), b["text"].lower().split()).ratio()
            if ratio >= 0.8 or (a["date"] == b["date"] and ratio >= 0.6):
                counts["listed twice"] += 1
                examples.append(f"TWICE    {a['date']} / {b['date']} {a['text'][:60]!r} ~ {b['text'][:60]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", type=int, default=0, help="print up to N defects of ours")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sets = {
            "giveme5w1h": export([_giveme_jsonl(folder)], folder, "giveme"),
            "examples": export([ROOT / "examples"], folder, "examples"),
            "seeds": export([SHARED / "seeds"], folder, "seeds"),
        }
    keys = ["entries", "out of order", "metadata or caption", "listed twice", "raw code"]
    print(f"{'set':11} {'system':9} {'stories':>7} " + " ".join(f"{k:>19}" for k in keys) + f" {'defects':>8}")
    shown: list[str] = []
    for name, data in sets.items():
        articles = {a["id"]: a for a in data["articles"]}
        for system in ("storyline", "naive"):
            counts: Counter = Counter()
            examples: list[str] = []
            for story in data["stories"]:
                timeline = story["timeline"] if system == "storyline" else naive_timeline(story, articles)
                audit(timeline, articles, counts, examples)
            defects = sum(counts[k] for k in keys[1:])
            print(f"{name:11} {system:9} {len(data['stories']):7d} " + " ".join(f"{counts[k]:19d}" for k in keys)
                  + f" {defects:8d}")
            if system == "storyline":
                shown += [f"{name}: {e}" for e in examples]
    print("\ntarget (issue 16): 0 defects for storyline")
    for line in shown[:args.show]:
        print(line)


if __name__ == "__main__":
    main()

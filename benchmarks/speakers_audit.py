"""Who said it, audited through the path a user takes: names borrowed from other articles.

    .venv/bin/python benchmarks/speakers_audit.py [--baseline REV] [--list]

Giveme5W1H (../shared/data/clustering/giveme5w1h, read at run time) is written as
JSONL to a temporary folder, ingested by ``storyline ingest`` and read back with
``storyline export``. Counted, per export:

- borrowed speakers: quotes whose speaker (canonical) holds a name word that the
  quote's own article never prints ("Kim" shown as "Jack Kim" because another
  article, or a credit line, named a Jack Kim); a word printed only in the
  possessive ("De Niro’s") is printed;
- credit people: PERSON entities inside a credit clause ("Reporting by …;
  Editing by …", "… contributed to this report");
- quotes with a speaker, and quotes in all, so a zero above cannot come from
  crediting nobody.

``--list`` prints each violation of this tree (article id, speaker, the name words its
article never prints), so a count can be read case by case.

With ``--baseline REV`` the same is run with the ``src/`` of that git revision
(checked out to a temporary folder), in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from clustering_data import giveme_raw  # noqa: E402

_WORD = re.compile(r"[\w.'’-]+")
_CREDIT = re.compile(
    r"\b(?:additional\s+|further\s+)?(?:reporting|writing|editing|compiled)\s+by\b[^\n)]*"
    r"|[^\n.;()]{0,120}\bcontributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)", re.I)


def words(text: str) -> set[str]:
    """The words ``text`` prints, lower-cased; a possessive prints its name too ("De Niro’s": "niro")."""
    found = {w.lower().rstrip(".") for w in _WORD.findall(text)}
    return found | {re.sub(r"['’]s?$", "", w) for w in found}


def export_of(src: Path, jsonl: Path, db: Path) -> dict:
    """``storyline ingest`` then ``export`` with the package under ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    subprocess.run([sys.executable, "-m", "storyline", "ingest", str(jsonl), "--db", str(db), "--quiet"],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    out = subprocess.run([sys.executable, "-m", "storyline", "export", "--db", str(db)],
                         check=True, env=env, capture_output=True, text=True).stdout
    return json.loads(out)


def audit(data: dict, violations: list[str] | None = None) -> dict[str, int]:
    """The counts above for one export; each violation is described in ``violations`` when given."""
    borrowed = credited = with_speaker = quotes = 0
    for article in data["articles"]:
        own = words(f"{article['title'] or ''} {article['text']}")
        credits = [m.span() for m in _CREDIT.finditer(article["text"])]
        in_credit = [e for e in article["entities"] if e["label"] == "PERSON"
                     and any(s <= e["start"] < t for s, t in credits)]
        credited += len(in_credit)
        if violations is not None:
            violations += [f"credit person {article['id']}: {e['text']!r}" for e in in_credit]
        for quote in article["quotes"]:
            quotes += 1
            if quote["speaker"]:
                with_speaker += 1
                names = quote["speakers"] or [quote["speaker"]]
                foreign = sorted(set().union(*(words(name) - own for name in names)))
                borrowed += bool(foreign)
                if foreign and violations is not None:
                    violations.append(f"borrowed {article['id']}: {quote['speaker']!r} (not in the article: "
                                      f"{', '.join(foreign)})")
    return {"borrowed speakers": borrowed, "credit people": credited,
            "quotes with a speaker": with_speaker, "quotes": quotes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", metavar="REV", help="git revision to run beside this tree")
    parser.add_argument("--list", action="store_true", help="print each violation of this tree")
    args = parser.parse_args()
    raws, _ = giveme_raw()
    with tempfile.TemporaryDirectory(prefix="speakers-audit-") as tmp:
        jsonl = Path(tmp) / "giveme.jsonl"
        with jsonl.open("w", encoding="utf-8") as fh:
            for r in raws:
                fh.write(json.dumps({"id": r.input_id, "text": r.text, "title": r.title, "url": r.url,
                                     "published": r.published, "outlet": r.outlet}, ensure_ascii=False) + "\n")
        runs = {"storyline (this tree)": ROOT / "src"}
        if args.baseline:
            base = Path(tmp) / "baseline"
            base.mkdir()
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.baseline, "src"],
                                     check=True, capture_output=True).stdout
            archive_path = Path(tmp) / "baseline.tar"
            archive_path.write_bytes(archive)
            with tarfile.open(archive_path) as tar:
                tar.extractall(base, filter="data")
            runs[f"baseline {args.baseline}"] = base / "src"
        listed: list[str] = []
        results = {name: audit(export_of(src, jsonl, Path(tmp) / f"{i}.db"), listed if i == 0 and args.list else None)
                   for i, (name, src) in enumerate(runs.items())}
    keys = list(next(iter(results.values())))
    print(f"giveme5w1h, {len(raws)} articles, through `storyline ingest` → `export`")
    print(f"  {'':28}" + "".join(f"{k:>24}" for k in keys))
    for name, counts in results.items():
        print(f"  {name:28}" + "".join(f"{counts[k]:>24}" for k in keys))
    for line in listed:
        print("  " + line)


if __name__ == "__main__":
    main()

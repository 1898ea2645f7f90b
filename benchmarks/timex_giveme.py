"""Time values on news the rules were not written on: 90 giveme5w1h expressions judged by hand.

    .venv/bin/python benchmarks/timex_giveme.py [--errors]

``benchmarks/labels/timex_giveme.tsv`` holds 90 relative DATE/TIME expressions of
dated giveme5w1h articles (drawn at random from what analyze/13 found; offsets into
the cleaned text, a hash of the expression, and the value a reader gives it, "-" for
a span that is no time expression). The labelled articles are cleaned and analysed
afresh with the current code; for each label the prediction overlapping its span is
scored: right if its TimeML value equals the label ("-": right if nothing is found
there). It measures the precision of our values on found expressions, not recall.

Beside it, dateparser (``dateparser.parse`` of the span's own text against the
publication time, compared at the label's precision: day, month or year; anything
else counts as wrong), from the same run. See the label file's header for which
rows prompted rules after labelling.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

LABELS = Path(__file__).resolve().parent / "labels" / "timex_giveme.tsv"


def read_labels() -> list[tuple[str, int, int, str, str]]:
    rows = []
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        stem, start, end, digest, value, *_ = line.split("\t")
        rows.append((stem, int(start), int(end), digest, value))
    return rows


def analysed(stems: set[str]):
    """The labelled giveme5w1h articles, cleaned and analysed by the current code, by file stem."""
    from clustering_data import giveme_raw

    from storyline.models import Article
    from storyline.pipeline.base import Context
    from storyline.run.local import article_stages
    from storyline.settings import Settings

    raws, _ = giveme_raw()
    records: list = [r for r in raws if Path(r.source).stem in stems]
    ctx = Context(Settings())
    for stage in article_stages():
        records = [r for r in stage.run(records, ctx) if isinstance(r, Article)]
    return {Path(a.source).stem: a for a in records}


def baseline_value(text: str, published: str, gold: str) -> bool:
    import dateparser

    base = datetime.fromisoformat(published[:19])
    got = dateparser.parse(text, languages=["en"], settings={"RELATIVE_BASE": base})
    if got is None:
        return gold == "-"
    for fmt, width in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        if len(gold) == width or (width == 10 and len(gold) > 10 and gold[10] == "T"):
            return got.strftime(fmt) == gold[:width]
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="print every label we get wrong")
    args = parser.parse_args()
    labels = read_labels()
    articles = analysed({stem for stem, *_ in labels})
    ours = base = stale = 0
    for stem, start, end, digest, gold in labels:
        article = articles[stem]
        span = article.text[start:end]
        if hashlib.sha1(span.encode()).hexdigest()[:12] != digest:
            stale += 1  # the cleaned text changed under the label: not scored
            continue
        hits = [t for t in article.times if t.start < end and start < t.end]
        got = hits[0].value if hits else "-"
        right = got == gold
        ours += right
        base += baseline_value(span, article.published, gold)
        if args.errors and not right:
            print(f"WRONG {stem[:12]} {span!r:30} gold={gold} ours={got}")
    n = len(labels) - stale
    print(f"giveme5w1h hand-judged time values: {n} labels scored ({stale} stale)")
    print(f"  storyline   {ours:3d} right  value accuracy {ours / n:.3f}")
    print(f"  dateparser  {base:3d} right  value accuracy {base / n:.3f}")


if __name__ == "__main__":
    main()

"""Briefs on giveme5w1h: evidence integrity, determinism, time beside ingest; and an audit.

    .venv/bin/python benchmarks/brief.py
    .venv/bin/python benchmarks/brief.py --audit [--baseline REV] [--examples N]

Ingests the 383 articles (through the public API, as a user would), then
builds a brief for each of the 69 gold events and for each story storyline
found. Prints the time to ingest beside the time to build every brief (the
target: briefs under a fifth of ingest), and counts every citation check:
offsets inside the article, summary sentences verbatim at their own
citation, quotes verbatim in every article listed, timeline dates backed by
a resolved expression inside the cited sentence. Runs the briefs twice and
compares them byte for byte.

``--audit`` ingests giveme5w1h, ``examples/`` and the seeds through
``storyline ingest`` once, exports every story twice from the same stores, with
the brief code of ``REV`` (default: where this branch left ``main``) and with
this tree, and counts what a reader would call a defect in each export (see
:mod:`brief_audit`): disagreements between the same value in other words,
quotes left unmerged, summary lines that are not body sentences, one person
split in two, shared passages cut mid-sentence or across paragraphs, and
citations whose text differs from the line they back.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import storyline
from storyline.models import Article, Brief, Story
from storyline.pipeline.brief import BuildBrief

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "clustering" / "giveme5w1h" / "articles"


def records() -> tuple[list[dict], dict[str, str]]:
    rows, gold = [], {}
    for path in sorted(DATA.glob("*.json")):
        rec = json.loads(path.read_text(encoding="utf-8"))
        cluster = ast.literal_eval(rec["newsCluster"]) if isinstance(rec["newsCluster"], str) else rec["newsCluster"]
        rows.append({
            "id": rec["dId"], "url": rec.get("url"), "title": rec.get("title"), "text": rec.get("text"),
            "published": None if rec.get("date_publish") in (None, "None") else rec["date_publish"],
            "outlet": rec.get("source_domain"),
        })
        gold[rec["dId"]] = str(cluster["EventId"])
    return rows, gold


def check(brief: Brief, articles: dict[str, Article], counts: Counter) -> None:
    for sentence in brief.summary:
        own = sentence.citations[0]
        counts["summary sentences"] += 1
        counts["summary verbatim at own citation"] += articles[own.article].text[own.start:own.end] == sentence.text
        for cite in sentence.citations:
            counts["summary citations"] += 1
            counts["summary citations in range"] += 0 <= cite.start < cite.end <= len(articles[cite.article].text)
    for quote in brief.quotes:
        for article_id in quote.articles:
            counts["quote carriers"] += 1
            text = articles[article_id].text
            counts["quote carriers verbatim"] += quote.text in text or any(v in text for v in quote.variants)
    for entry in brief.timeline:
        for cite in entry.citations:
            counts["timeline citations"] += 1
            # A timeline citation covers the sentence that carries the date (issue 16).
            counts["timeline citations backed by a resolved expression"] += any(
                cite.start <= t.start < t.end <= cite.end and t.type in {"DATE", "TIME"}
                for t in articles[cite.article].times
            )
    for source in brief.sources:
        for fact in source.unique:
            cite = fact.citations[0]
            counts["unique facts"] += 1
            counts["unique facts verbatim"] += articles[cite.article].text[cite.start:cite.end] == fact.text


def build_all(groups: dict[str, list[Article]], builder: BuildBrief) -> list[Brief]:
    briefs = []
    for key in sorted(groups):
        members = groups[key]
        dates = sorted(a.published for a in members if a.published)
        story = Story(key, members[0].title or key, [a.id for a in members], dates[0] if dates else None, dates[-1] if dates else None)
        briefs.append(builder.run(story, members))
    return briefs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audit", action="store_true", help="count reader-visible defects, baseline beside ours")
    parser.add_argument("--baseline", help="git revision whose brief code is the baseline (default: merge-base with main)")
    parser.add_argument("--examples", type=int, default=3, help="examples printed per check (ours)")
    args = parser.parse_args()
    if args.audit:
        from brief_audit import run_audit

        return run_audit(args.baseline, args.examples)
    if not DATA.is_dir():
        print(f"dataset not found: {DATA}", file=sys.stderr)
        return 1
    rows, gold = records()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "giveme.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
        with storyline.open(Path(tmp) / "bench.db") as sl:
            started = time.perf_counter()
            report = sl.ingest([corpus])
            ingest_s = time.perf_counter() - started
            articles = {a.id: a for a in sl.articles()}
            builder = BuildBrief(sl.settings.summary_sentences)

            by_gold: dict[str, list[Article]] = defaultdict(list)
            for a in articles.values():
                by_gold["event-" + gold[a.input_id]].append(a)
            started = time.perf_counter()
            gold_briefs = build_all(by_gold, builder)
            gold_s = time.perf_counter() - started

            stories = sl.stories()
            started = time.perf_counter()
            found_briefs = [sl.brief(s.id) for s in stories]
            found_s = time.perf_counter() - started
            again = [sl.brief(s.id) for s in stories]

    identical = [json.dumps(b.to_contract()) for b in found_briefs] == [json.dumps(b.to_contract()) for b in again]
    identical_gold = [json.dumps(b.to_contract()) for b in gold_briefs] == [
        json.dumps(b.to_contract()) for b in build_all(by_gold, builder)
    ]
    counts: Counter = Counter()
    for brief in gold_briefs + found_briefs:
        check(brief, articles, counts)

    print(f"giveme5w1h: {len(report.ingested)} articles ingested, {len(report.rejected)} rejected")
    print(f"{'':42} {'seconds':>9} {'share of ingest':>16}")
    print(f"{'ingest (clean, analyze, cluster, store)':42} {ingest_s:9.2f} {1:16.2f}")
    print(f"{f'briefs for the {len(gold_briefs)} gold events':42} {gold_s:9.2f} {gold_s / ingest_s:16.3f}")
    print(f"{f'briefs for the {len(found_briefs)} stories found (from store)':42} {found_s:9.2f} {found_s / ingest_s:16.3f}")
    print(f"target: briefs < 0.2 of ingest -> {'met' if max(gold_s, found_s) < 0.2 * ingest_s else 'NOT met'}")
    print(f"determinism: byte-identical on a second run: stories {identical}, gold events {identical_gold}")
    print("evidence integrity (checked / passed):")
    for total, passed in [
        ("summary sentences", "summary verbatim at own citation"),
        ("summary citations", "summary citations in range"),
        ("quote carriers", "quote carriers verbatim"),
        ("timeline citations", "timeline citations backed by a resolved expression"),
        ("unique facts", "unique facts verbatim"),
    ]:
        share = counts[passed] / counts[total] if counts[total] else 1.0
        print(f"  {passed:55} {counts[passed]:6d} / {counts[total]:6d}  ({share:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The in-process runner: read → clean → analyze → link → store, one article at a time.

Each article is written in its own transaction, with its story, so an
interrupted run leaves every stored article whole and a re-run picks up
where it stopped (already-stored content is recognised by its hash).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from storyline.models import Article, Brief, RawArticle, Reject
from storyline.pipeline.analyze import Analyze
from storyline.pipeline.analyze.canonical import apply_names, canonical_names
from storyline.pipeline.analyze.nlp import load_nlp
from storyline.pipeline.analyze.pubdate import PublishedEstimate, estimate_from_story
from storyline.pipeline.analyze.timex import extract_times
from storyline.pipeline.brief import BuildBrief
from storyline.pipeline.clean import Clean, content_hash
from storyline.pipeline.ingest.files import iter_files, read_file
from storyline.pipeline.base import Context
from storyline.pipeline.link import Link, StoryIndex, representative_titles
from storyline.pipeline.link import recluster as recluster_articles
from storyline.settings import Settings
from storyline.store import Store

BATCH = 16


@dataclass(slots=True)
class IngestReport:
    ingested: list[str] = field(default_factory=list)  # article ids
    unchanged: int = 0
    rejected: list[Reject] = field(default_factory=list)
    stories: set[str] = field(default_factory=set)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ingested": len(self.ingested),
            "unchanged": self.unchanged,
            "rejected": [{"source": r.source, "reason": r.reason} for r in self.rejected],
            "stories_touched": len(self.stories),
        }


def article_stages() -> list[Any]:
    """The per-article stages, in order: the one list both runners take."""
    return [Clean(), Analyze()]


def load_index(store: Store, settings: Settings) -> Link:
    """The clustering index, rebuilt from the stories already stored."""
    link = Link(StoryIndex(settings.cluster_threshold, settings.cluster_window_days))
    for article in store.iter_articles():
        link.add_known(article)
    return link


def date_from_story(article: Article, store: Store, settings: Settings) -> None:
    """Refine an undated article's estimate from its story's dated articles, and re-resolve its times.

    Articles are stored one at a time as they are linked, so the store already
    holds every earlier member of the story.
    """
    if article.published and not article.published_estimated:
        return
    dated = store.published_dates(article.story)
    own = PublishedEstimate(article.published[:10], "own-dates") if article.published else None
    estimate = estimate_from_story(own, dated)
    if estimate is None or (article.published or "")[:10] == estimate.value:
        return
    article.published, article.published_estimated = estimate.value, True
    doc = load_nlp(settings.spacy_model)(article.text)
    article.times = extract_times(doc, article.published, dateline=article.dateline, estimated=True, time_of_day=True)


def run_stages(stages: Sequence[Any], records: list[Any], ctx: Context) -> tuple[list[Article], list[Reject]]:
    """Pass ``records`` through each stage in turn, setting rejects aside; both runners use this."""
    rejects: list[Reject] = []
    for stage in stages:
        out = list(stage.run(records, ctx))
        rejects += [r for r in out if isinstance(r, Reject)]
        records = [r for r in out if not isinstance(r, Reject)]
    return records, rejects


def _batches(items: Iterable[RawArticle | Reject], size: int) -> Iterator[list[RawArticle | Reject]]:
    batch: list[RawArticle | Reject] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    settings: Settings,
    *,
    progress: bool = False,
    on_reject: Any = None,
) -> IngestReport:
    """Ingest every article under ``paths`` into ``store``."""
    ctx = Context(settings)
    report = IngestReport()
    stages = article_stages()
    link = load_index(store, settings)
    files = list(iter_files(paths))
    seen: set[str] = set()

    def reject(item: Reject) -> None:
        report.rejected.append(item)
        if on_reject:
            on_reject(item)

    show = progress and settings.progress and sys.stderr.isatty()
    with Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[name]}"),
        TimeElapsedColumn(), disable=not show, transient=True,
    ) as bar:
        task = bar.add_task("ingest", total=len(files), name="")
        for item in files:
            if isinstance(item, Reject):
                reject(item)
                bar.advance(task)
                continue
            bar.update(task, name=Path(item).name)
            for batch in _batches(read_file(item, settings), BATCH):
                fresh: list[RawArticle] = []
                for raw in batch:
                    if isinstance(raw, Reject):
                        reject(raw)
                        continue
                    digest = content_hash(raw)
                    if digest in seen or store.has_content(digest):
                        report.unchanged += 1
                        continue
                    seen.add(digest)
                    fresh.append(raw)
                articles, rejects = run_stages(stages, fresh, ctx)
                for r in rejects:
                    reject(r)
                for article in link.run(articles, ctx):
                    date_from_story(article, store, settings)
                    title = link.index.representative_title(article.story)
                    store.save_article(article, story_title=title)
                    report.ingested.append(article.id)
                    report.stories.add(article.story)
            bar.advance(task)
    return report


def recluster(store: Store, settings: Settings) -> dict[str, str]:
    """Re-cluster every stored article, whatever order they came in, and store the stories."""
    articles = list(store.iter_articles())
    assignment = recluster_articles(
        articles, settings.cluster_window_days, settings.recluster_threshold, settings.recluster_neighbours
    )
    store.assign_stories(assignment, representative_titles(articles, assignment))
    return assignment


def corpus_names(store: Store) -> dict[str, str]:
    """One canonical name per person across the whole store (ambiguous surnames stay apart).

    Computed when read, not when stored: a later article can make a surname ambiguous.
    """
    return canonical_names(store.iter_articles())


def named_articles(store: Store, ids: list[str] | None, names: dict[str, str]) -> list[Article]:
    """Stored articles with the corpus-wide canonical names applied."""
    articles = store.articles(ids)
    apply_names(articles, names)
    return articles


def build_brief(store: Store, story_id: str, settings: Settings, names: dict[str, str] | None = None) -> Brief:
    """The brief of one stored story, with corpus-wide canonical names."""
    story = store.story(story_id)
    articles = named_articles(store, story.articles, corpus_names(store) if names is None else names)
    return BuildBrief(settings.summary_sentences).run(story, articles)

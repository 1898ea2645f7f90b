"""Import a batch output directory into the store, for serving.

Each new article is written in its own transaction with the batch's story as
its interim story (as ``local.ingest`` writes its online placement), so an
interrupted load leaves every stored article whole and a re-run goes on where
it stopped. Articles the store already holds (same content) are not written
again. Then, as after ``ingest``, the store's stories are settled by the one
corpus step both paths share (``local.settle_stories``): ``batch`` + ``load``
give the same stories, ids and titles as ``ingest`` of the same articles.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from storyline.errors import InputError
from storyline.run import tables
from storyline.run.local import settle_stories, stage_names
from storyline.run.outlet_lines import count_outlet_lines
from storyline.settings import Settings
from storyline.store import Store


@dataclass(slots=True)
class LoadReport:
    loaded: int = 0
    unchanged: int = 0
    stories: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"loaded": self.loaded, "unchanged": self.unchanged, "stories": self.stories}


def load(out: str | os.PathLike[str], store: Store, settings: Settings | None = None) -> LoadReport:
    """Import the articles of the batch output ``out`` into ``store`` and settle their stories."""
    out = Path(out)
    if not (out / "stories.parquet").exists() or not (out / "assignments.parquet").exists():
        raise InputError(str(out), "not a finished batch output (no stories.parquet): run storyline batch first")
    titles = {r["id"]: r["title"] for r in tables.read_rows([out / "stories.parquet"], ["id", "title"])}
    story_of = {r["article_id"]: r["story"] for r in tables.read_rows([out / "assignments.parquet"])}
    report = LoadReport(stories=len(titles))
    loaded: list[str] = []
    names = stage_names()
    for path in sorted((out / "articles").glob("*.parquet")):
        for article in tables.read_articles(out, [path.stem]):
            if article.id not in story_of:  # a shard left over from another input: not part of this batch
                continue
            article.story = story_of[article.id]
            if store.has_content(article.content_hash):
                report.unchanged += 1
                continue
            count_outlet_lines(store, [article])
            if not store.save_article(article, story_title=titles[article.story], stages=names):
                report.unchanged += 1  # another process stored the same content meanwhile
                continue
            loaded.append(article.id)
            report.loaded += 1
    if loaded or store.unsettled_ids():
        settle_stories(store, settings or Settings(), loaded)
    return report

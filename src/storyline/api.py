"""The Python API: open a store, ingest, list stories, brief and export them.

    import storyline
    with storyline.open("news.db") as sl:
        sl.ingest(["examples/"])
        for story in sl.stories():
            print(story.title)
        data = sl.export()          # the contract's JSON object, as a dict
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict
from datetime import date
from typing import Any

from storyline.errors import NotFoundError
from storyline.models import Article, Brief, Story, WhatsNew
from storyline.pipeline.ingest.fetch import is_url
from storyline.run import local
from storyline.run.briefs import read_brief
from storyline.settings import EXPORT_FORMATS, Settings
from storyline.store import Store


class Storyline:
    """A store of articles and stories, with the pipeline to fill it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = Store(settings.db)
        self._names: tuple[tuple[int, int, int], dict[str, str]] | None = None

    def close(self) -> None:
        self.store.close()

    def names(self) -> dict[str, str]:
        """Corpus-wide canonical names, recomputed only when articles were added."""
        key = self.store.articles_version()
        if self._names is None or self._names[0] != key:
            self._names = (key, local.corpus_names(self.store))
        return self._names[1]

    def __enter__(self) -> Storyline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ingest(self, paths: Iterable[str | os.PathLike[str]], *, progress: bool = False, on_reject: Any = None) -> local.IngestReport:
        """Read, clean, analyze and cluster every article under ``paths``."""
        return local.ingest(paths, self.store, self.settings, progress=progress, on_reject=on_reject)

    def ingest_urls(self, urls: Iterable[str]) -> local.IngestReport:
        """Fetch pages or feeds and ingest them; the fetcher's address guard and caps apply."""
        urls = list(urls)
        bad = [u for u in urls if not is_url(u)]
        if bad:
            raise ValueError(f"not an http(s) URL: {bad[0]}")
        return self.ingest(urls)

    def recluster(self) -> dict[str, str]:
        """Re-cluster the whole store order-free; returns article id → story id."""
        return local.recluster(self.store, self.settings)

    def reanalyze(self, *, on_reject: Any = None) -> local.ReanalyzeReport:
        """Re-run the analyze stage on articles an older version made (after an upgrade), then settle stories."""
        return local.reanalyze(self.store, self.settings, on_reject=on_reject)

    def load(self, out: str | os.PathLike[str]) -> Any:
        """Import a ``storyline batch`` output directory (Parquet tables) into the store."""
        from storyline.run.load import load

        return load(out, self.store, self.settings)

    def stories(self) -> list[Story]:
        return self.store.stories()

    def resolve_story(self, story_id: str) -> str:
        """The live id for ``story_id``: itself, or the story a retired id now lives on as."""
        if self.store.has_story(story_id):
            return story_id
        successor = self.store.successor(story_id)
        if successor is None:
            raise NotFoundError(f"no story with id {story_id!r}")
        return successor

    def story(self, story_id: str) -> Story:
        """A story by id; a retired id (stories merged or split by re-clustering) gives its successor."""
        return self.store.story(self.resolve_story(story_id))

    def article(self, article_id: str) -> Article:
        found = local.named_articles(self.store, [article_id], self.names())
        if not found:
            raise NotFoundError(f"no article with id {article_id!r}")
        return found[0]

    def articles(self) -> list[Article]:
        return local.named_articles(self.store, None, self.names())

    def brief(self, story_id: str) -> Brief:
        return read_brief(self.store, self.resolve_story(story_id), self.settings)

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        return self.store.search(query, limit)

    def export(self, story_id: str | None = None) -> dict[str, Any]:
        """The contract's export object: articles and stories with their briefs, from one snapshot."""
        with self.store.snapshot():
            return self._export(story_id)

    def _export(self, story_id: str | None) -> dict[str, Any]:
        names = self.names()
        stories = [self.story(story_id)] if story_id is not None else self.stories()
        ids = stories[0].articles if story_id is not None else None
        # Articles by id, not by arrival: the same articles give the same export however they came in.
        articles = sorted(local.named_articles(self.store, ids, names), key=lambda a: a.id)
        return {
            "articles": [a.to_contract() for a in articles],
            "stories": [read_brief(self.store, s.id, self.settings).to_contract() for s in stories],
        }

    def export_text(self, fmt: str = "json", story_id: str | None = None) -> str:
        """The export rendered as ``json``, ``jsonl``, ``md`` or ``html`` text, from one snapshot."""
        with self.store.snapshot():
            return self._export_text(fmt, story_id)

    def _export_text(self, fmt: str, story_id: str | None) -> str:
        if fmt == "json":
            return json.dumps(self.export(story_id), ensure_ascii=False, indent=2) + "\n"
        if fmt == "jsonl":
            data = self.export(story_id)
            rows = [{"type": "article", **a} for a in data["articles"]] + [{"type": "story", **s} for s in data["stories"]]
            return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        stories = [self.story(story_id)] if story_id else self.stories()
        if fmt == "md":
            return "\n\n".join(self.render(s.id, "md") for s in stories) + "\n"
        if fmt == "html":
            return "\n".join(self.render(s.id, "html") for s in stories)
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")

    def whats_new(self, story_id: str, since: str) -> WhatsNew:
        """What the story gained since ``since`` (YYYY-MM-DD)."""
        from storyline.pipeline.brief import whats_new  # readers only (see render)

        _check_date(since)
        brief = self.brief(story_id)
        return whats_new(brief, self.store.articles(brief.story.articles), since)

    def render(self, story_id: str, fmt: str, since: str | None = None) -> str:
        """One story's brief as ``md``, ``html`` or ``json``, with what is new ``since`` a date."""
        # Imported here: the renderers are needed only to render, never by `storyline ingest`.
        from storyline.pipeline.brief import whats_new
        from storyline.render.html import brief_html
        from storyline.render.markdown import brief_markdown, whats_new_markdown

        if since is not None:
            _check_date(since)
        brief = self.brief(story_id)
        articles = {a.id: a for a in self.store.articles(brief.story.articles)}
        news = whats_new(brief, list(articles.values()), since) if since else None
        if fmt == "md":
            text = brief_markdown(brief, articles)
            if news is not None:
                head, _, rest = text.partition("\n## ")
                text = head + "\n" + whats_new_markdown(news, articles) + "\n## " + rest
            return text
        if fmt == "html":
            return brief_html(brief, news)
        if fmt == "json":
            data = brief.to_contract()
            if news is not None:
                data["whats_new"] = asdict(news)
            return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        raise ValueError(f"unknown format {fmt!r} (choose md, html or json)")


def _check_date(value: str) -> None:
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD)") from None


def batch(
    inputs: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    engine: str = "local",
    address: str | None = None,
    workers: int | None = None,
    shard_size: int | None = None,
    on_shard: Any = None,
    **settings: Any,
) -> Any:
    """Run the whole pipeline over ``inputs`` as a batch job, writing Parquet tables under ``out``.

    ``engine`` is ``"local"`` (this process) or ``"ray"`` (needs ``storyline[ray]``;
    ``address`` joins a running cluster, else a local one with ``workers`` CPUs starts).
    A re-run over the same ``out`` skips the shards already finished.
    """
    from storyline.run.batch import SHARD_SIZE, LocalEngine, run_batch

    if engine == "ray":
        from storyline.run.ray import RayEngine

        runner: Any = RayEngine(address, workers)
    elif engine == "local":
        runner = LocalEngine(workers or local.worker_count(Settings.load(settings)))
    else:
        raise ValueError(f"unknown engine {engine!r} (choose local or ray)")
    try:
        return run_batch(inputs, out, Settings.load(settings), runner,
                         shard_size=shard_size or SHARD_SIZE, on_shard=on_shard)
    finally:
        runner.close()


def open(db: str | os.PathLike[str] | None = None, **settings: Any) -> Storyline:  # noqa: A001
    """Open (or create) the store at ``db``; other keyword arguments override settings."""
    return Storyline(Settings.load({"db": None if db is None else str(db), **settings}))

"""What the routes read: one store connection per thread, and a cached catalogue.

SQLite connections are not safe to share between threads that run at the same
time, so every worker thread opens its own read ``Storyline`` (WAL mode lets
them read while the single writer ingests). Listing, filtering, quotes and
entities are answered from an in-memory ``Catalogue`` rebuilt when the store
changes; briefs are cached per story until then.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from storyline.api import Storyline
from storyline.errors import StorylineError
from storyline.models import Article, Brief, Story
from storyline.settings import Settings

log = logging.getLogger("storyline.serve")
# How often (seconds) to ask the store whether someone else (the CLI) changed it.
RECHECK_SECONDS = 1.0
NAMED_KINDS = {"PERSON", "ORG"}
MAX_CACHED_BRIEFS = 5000


def day(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` part of a publication date, if it has one."""
    return value[:10] if value and re.match(r"\d{4}-\d{2}-\d{2}", value) else None


@dataclass(slots=True)
class StoryRow:
    """A story with what the list page shows and filters on."""

    story: Story
    outlets: list[str]
    languages: list[str]
    names: set[str]  # canonical names of the people and organisations in it
    days: list[str]  # publication day of each dated article


@dataclass(slots=True)
class QuoteRow:
    text: str
    speaker: str | None
    article: str
    story: str | None
    outlet: str | None
    published: str | None
    start: int
    end: int


@dataclass(slots=True)
class Catalogue:
    """Every article and story, indexed for the list pages and the JSON API."""

    articles: dict[str, Article]
    stories: list[StoryRow]
    quotes: list[QuoteRow]
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)  # canonical → label, stories, articles

    @classmethod
    def build(cls, articles: Iterable[Article], stories: list[Story]) -> Catalogue:
        by_id = {a.id: a for a in articles}
        rows = []
        for story in stories:
            members = [by_id[i] for i in story.articles if i in by_id]
            rows.append(StoryRow(
                story=story,
                outlets=sorted({a.outlet for a in members if a.outlet}),
                languages=sorted({a.language for a in members}),
                names={e.canonical for a in members for e in a.entities if e.label in NAMED_KINDS},
                days=sorted(d for a in members if (d := day(a.published))),
            ))
        quotes = [
            QuoteRow(q.text, q.speaker, a.id, a.story, a.outlet, a.published, q.start, q.end)
            for a in by_id.values() for q in a.quotes
        ]
        quotes.sort(key=lambda q: (q.published or "9999", q.article, q.start))
        labels: dict[str, Counter[str]] = defaultdict(Counter)
        entities: dict[str, dict[str, Any]] = {}
        for a in by_id.values():
            for e in a.entities:
                labels[e.canonical][e.label] += 1
                info = entities.setdefault(e.canonical, {"articles": set(), "stories": set()})
                info["articles"].add(a.id)
                if a.story:
                    info["stories"].add(a.story)
        for name, info in entities.items():
            info["label"] = labels[name].most_common(1)[0][0]
        return cls(by_id, rows, quotes, entities)

    def filter_stories(self, *, date_from: str | None = None, date_to: str | None = None,
                       outlet: str | None = None, person: str | None = None,
                       language: str | None = None, only: list[str] | None = None) -> list[StoryRow]:
        """Stories overlapping the date range and matching every given filter.

        ``only`` (story ids, e.g. from a search) restricts and orders the result.
        """
        rows = self.stories
        if only is not None:
            index = {r.story.id: r for r in rows}
            rows = [index[i] for i in only if i in index]
        out = []
        person_l = person.strip().lower() if person else None
        for r in rows:
            if date_from and (not r.days or r.days[-1] < date_from):
                continue
            if date_to and (not r.days or r.days[0] > date_to):
                continue
            if outlet and outlet not in r.outlets:
                continue
            if language and language not in r.languages:
                continue
            if person_l and not any(person_l in n.lower() for n in r.names):
                continue
            out.append(r)
        return out

    def find_quotes(self, *, speaker: str | None = None, story: str | None = None,
                    text: str | None = None) -> list[QuoteRow]:
        """Quotes by date; ``speaker`` and ``text`` match case-insensitively as substrings."""
        speaker_l = speaker.lower() if speaker else None
        text_l = text.lower() if text else None
        return [
            q for q in self.quotes
            if (not story or q.story == story)
            and (not speaker_l or (q.speaker and speaker_l in q.speaker.lower()))
            and (not text_l or text_l in q.text.lower())
        ]

    def outlets(self) -> list[str]:
        return sorted({o for r in self.stories for o in r.outlets})

    def languages(self) -> list[str]:
        return sorted({lang for r in self.stories for lang in r.languages})


# -- ingest in a separate process ------------------------------------------
# The pipeline (spaCy) is CPU-bound Python: run in the server's process it holds
# the GIL and starves the request threads. A one-process pool keeps the model
# loaded between ingests; SQLite's WAL lets that process write while we read.

_worker_storyline: Storyline | None = None


def _report(report: Any) -> dict[str, Any]:
    return report.as_dict() | {"articles": list(report.ingested), "stories": sorted(s for s in report.stories if s)}


class WorkerDied(StorylineError):
    """The ingest worker process died on a request (it is restarted for the next one)."""


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: end this process when the server that started it is gone.

    A ``serve`` killed outright (SIGKILL) runs no shutdown code, and its worker,
    holding the spaCy model, would live on as an orphan.
    """
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _new_pool() -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_exit_with_parent, initargs=(os.getpid(),))


def _ingest_in_worker(settings: Settings, paths: list[str], urls: bool) -> dict[str, Any]:
    global _worker_storyline
    if _worker_storyline is None:
        _worker_storyline = Storyline(settings)
    sl = _worker_storyline
    return _report(sl.ingest_urls(paths) if urls else sl.ingest(paths, progress=False))  # type: ignore[attr-defined]


class Library:
    """The app's view of one store: per-thread readers, one writer, caches.

    With ``isolated_ingest`` the writer is a separate process (what ``run`` uses);
    otherwise ingests run in the calling thread (tests, small stores).
    """

    def __init__(self, settings: Settings, isolated_ingest: bool = False) -> None:
        self.settings = settings
        self._pool: ProcessPoolExecutor | None = None
        if isolated_ingest:
            self._pool = _new_pool()
        self._local = threading.local()
        self._opened: list[Storyline] = []
        self._lock = threading.Lock()  # guards the caches below and _opened
        self._write_lock = threading.Lock()  # one ingest at a time
        self._writer: Storyline | None = None
        self._generation = 0
        self._key: tuple[tuple[int, int, int], int] | None = None
        self._checked_at = 0.0
        self._catalogue: Catalogue | None = None
        self._briefs: dict[str, Brief] = {}
        self._build_lock = threading.Lock()  # one thread rebuilds; the others wait for its result
        self._refreshing = False  # a background refresh is running

    def reader(self) -> Storyline:
        """This thread's own read connection to the store."""
        sl = getattr(self._local, "sl", None)
        if sl is None:
            sl = Storyline(self.settings)
            self._local.sl = sl
            with self._lock:
                self._opened.append(sl)
        return sl

    def close(self) -> None:
        with self._lock:
            for sl in self._opened:
                sl.close()
            self._opened.clear()
            if self._writer is not None:
                self._writer.close()
                self._writer = None
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def catalogue(self) -> Catalogue:
        """The catalogue, rebuilt when this app ingested or the store's article count moved.

        After this app's own ingest a request waits for the rebuild, so a client
        reads its own writes. Otherwise (someone else writing, or an ingest still
        committing article by article) requests keep answering from the current
        catalogue while a background thread checks and rebuilds it.
        """
        with self._lock:
            current = self._catalogue
            ours = current is not None and self._key is not None and self._key[1] == self._generation
            due = time.monotonic() - self._checked_at >= RECHECK_SECONDS
            if ours and due and not self._refreshing:
                self._refreshing = True
                self._checked_at = time.monotonic()
                threading.Thread(target=self._refresh_in_background, name="catalogue-refresh", daemon=True).start()
        if ours:
            return current  # type: ignore[return-value]
        return self._rebuild()

    def _refresh_in_background(self) -> None:
        try:
            self._rebuild(own_connection=True)
        except Exception:  # a failed refresh keeps the old catalogue; the next request retries
            log.exception("refreshing the catalogue failed")
        finally:
            with self._lock:
                self._refreshing = False

    def _rebuild(self, own_connection: bool = False) -> Catalogue:
        with self._build_lock:
            sl = Storyline(self.settings) if own_connection else self.reader()
            try:
                key = (sl.store.articles_version(), self._generation)
                with self._lock:
                    self._checked_at = time.monotonic()
                    if self._catalogue is not None and key == self._key:
                        return self._catalogue
                catalogue = Catalogue.build(sl.articles(), sl.stories())
            finally:
                if own_connection:
                    sl.close()
            with self._lock:
                self._catalogue, self._key = catalogue, key
            return catalogue

    def successor(self, story_id: str) -> str | None:
        """The live id a retired story id now redirects to (None when ``story_id`` is live or unknown)."""
        if any(r.story.id == story_id for r in self.catalogue().stories):
            return None
        return self.reader().store.successor(story_id)

    def brief(self, story_id: str) -> Brief:
        """A story's brief (raises ``NotFoundError``), cached while its articles stay the same."""
        members = next((tuple(r.story.articles) for r in self.catalogue().stories if r.story.id == story_id), None)
        with self._lock:
            cached = self._briefs.get(story_id)
        if cached is not None and members is not None and tuple(cached.story.articles) == members:
            return cached
        brief = self.reader().brief(story_id)
        with self._lock:
            if len(self._briefs) > MAX_CACHED_BRIEFS:
                self._briefs.clear()
            self._briefs[story_id] = brief
        return brief

    def ingest(self, paths: list[str | os.PathLike[str]]) -> dict[str, Any]:
        """Ingest files with the single writer; returns the report as a dict."""
        if self._pool is not None:
            return self._write_isolated([str(p) for p in paths], urls=False)
        return self._write(lambda sl: sl.ingest(paths, progress=False))

    def can_ingest_urls(self) -> bool:
        return hasattr(Storyline, "ingest_urls")

    def ingest_urls(self, urls: list[str]) -> dict[str, Any]:
        """Fetch and ingest ``urls`` with the single writer (needs ``Storyline.ingest_urls``)."""
        if self._pool is not None:
            return self._write_isolated(urls, urls=True)
        return self._write(lambda sl: sl.ingest_urls(urls))  # type: ignore[attr-defined]

    def _write_isolated(self, items: list[str], urls: bool) -> dict[str, Any]:
        """Ingest in the worker process, starting a new worker if the last one died."""
        assert self._pool is not None
        with self._write_lock:
            try:
                try:
                    future = self._pool.submit(_ingest_in_worker, self.settings, items, urls)
                except BrokenProcessPool:  # died while idle (killed, out of memory): a new one takes over
                    self._restart_pool()
                    future = self._pool.submit(_ingest_in_worker, self.settings, items, urls)
                try:
                    return future.result()
                except BrokenProcessPool as exc:  # died on this input: this request fails, the next is served
                    self._restart_pool()
                    raise WorkerDied("the ingest worker died while reading this input; "
                                     "a new worker was started for the next request") from exc
            finally:
                with self._lock:
                    self._generation += 1

    def _restart_pool(self) -> None:
        log.warning("the ingest worker died; starting a new one")
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = _new_pool()

    def _write(self, action: Callable[[Storyline], Any]) -> dict[str, Any]:
        with self._write_lock:
            if self._writer is None:
                self._writer = Storyline(self.settings)
            try:
                report = action(self._writer)
            finally:
                with self._lock:
                    self._generation += 1
        return _report(report)

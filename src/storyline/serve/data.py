"""What the routes read: paged SQL over the store, one connection per thread, small caches.

SQLite connections are not safe to share between threads that run at the same
time, so every worker thread opens its own read-only ``Store`` (WAL mode lets
them read while the single writer ingests). Lists, filters, search, quotes and
entities are SQL over the store's indexes and full-text index
(``Store.story_page`` and its neighbours): the server holds nothing that grows
with the corpus. What it does keep is bounded: a few hundred list pages and
the briefs of recently read stories, keyed by the store's version (SQLite's
``data_version``, which moves with every commit by another connection), checked
at most once a second, so a change made by another process (``storyline
recluster``, the ingest worker) shows without a restart. Per-story sizes and
dates are the store's own ``story_stats`` (kept by triggers), so nothing is
aggregated over the corpus when the server starts or the store changes.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from storyline.store import codec
from storyline.api import Storyline
from storyline.errors import NotFoundError, StorylineError
from storyline.models import Article, Brief
from storyline.pipeline.analyze.canonical import group_order
from storyline.run import briefs, local
from storyline.serve.search import SearchTimeout, Terms, budget
from storyline.settings import Settings
from storyline.store import Store

log = logging.getLogger("storyline.serve")
# How often (seconds) to ask the store whether someone else (the CLI) changed it.
RECHECK_SECONDS = 1.0
NAMED_KINDS = {"PERSON", "ORG"}
MAX_CACHED_BRIEFS = 64  # a big story's brief (with its articles and page) is a few hundred KB
MAX_CACHED_PAGES = 512  # list pages (at most a few hundred small rows each)
SLOW_LIST_SECONDS = 30.0
TIMEOUT_MEMORY_SECONDS = 30.0  # a search that ran out of time is not tried again for this long
STORY_SORTS = ("newest", "articles", "outlets", "updated")
T = TypeVar("T")


def day(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` part of a publication date, if it has one."""
    return value[:10] if value and re.match(r"\d{4}-\d{2}-\d{2}", value) else None


@dataclass(slots=True)
class Page(Generic[T]):
    """One page of a list: its items, the total over all pages, and where it starts."""

    items: list[T]
    total: int
    offset: int
    limit: int

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None

    @property
    def prev_offset(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None


@dataclass(slots=True)
class StoryRow:
    """A story with what the list pages show."""

    id: str
    title: str
    articles: list[str]
    outlets: list[str]
    languages: list[str]
    days: list[str]  # publication day of each dated article, in order
    first_published: str | None
    last_published: str | None
    updated_at: str | None = None
    hits: int | None = None  # articles matching the search, when there is one


@dataclass(slots=True)
class StoryView:
    """What a story page shows, computed once per state of the story's articles."""

    key: tuple[str, Any]  # the brief's key (``run.briefs.brief_key``) and the store version the page was drawn at
    brief: Brief
    articles: list[Article]  # with text and quotes only: no entities or times, names as stored
    page: str | None = None  # the rendered HTML page, once a request has rendered it


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
class StoryFilters:
    """What the stories list is narrowed by (all optional)."""

    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    person: str | None = None
    language: str | None = None
    words: tuple[str, ...] = field(default_factory=tuple)

    def key(self) -> tuple[Any, ...]:
        return (self.date_from, self.date_to, self.outlet, self.person, self.language, self.words)


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
    """The app's view of one store: per-thread readers, one writer, bounded caches.

    With ``isolated_ingest`` the writer is a separate process (what ``run`` uses);
    otherwise ingests run in the calling thread (tests, small stores).
    """

    def __init__(self, settings: Settings, isolated_ingest: bool = False) -> None:
        self.settings = settings
        self._pool: ProcessPoolExecutor | None = None
        if isolated_ingest:
            self._pool = _new_pool()
        # Open the store once before any thread does: it applies pending migrations, which
        # two connections opening a store at the same moment would both try to apply.
        # This connection stays open to watch the store's data_version (under _lock).
        self._watch = Store(settings.db)
        self._watch.db.execute("PRAGMA query_only = 1")
        self._local = threading.local()
        self._opened: list[Store] = []
        self._lock = threading.Lock()  # guards the caches below and _opened
        self._write_lock = threading.Lock()  # one ingest at a time
        self._writer: Storyline | None = None
        self._generation = 0  # bumped by this app's own ingests: they are read back at once
        self._store_version: int | None = None
        self._checked_at = 0.0
        self._pages: OrderedDict[tuple[Any, ...], tuple[Any, float, Any]] = OrderedDict()
        self._briefs: OrderedDict[str, StoryView] = OrderedDict()

    # -- connections and versions ---------------------------------------

    def reader(self) -> Store:
        """This thread's own read-only connection to the store."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.settings.db)
            store.db.execute("PRAGMA query_only = 1")
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._opened:
                store.close()
            self._opened.clear()
            if self._writer is not None:
                self._writer.close()
                self._writer = None
            self._watch.close()
        if self._pool is not None:
            # A stopping server (SIGTERM) does not wait for an ingest in flight, which on a large
            # store takes minutes: the worker is ended, its open write transaction rolls back (WAL),
            # and articles it stored but had not yet settled are settled by the next ingest.
            pool, self._pool = self._pool, None
            workers = list((getattr(pool, "_processes", None) or {}).values())  # no public handle before 3.14
            pool.shutdown(wait=False, cancel_futures=True)
            for process in workers:
                process.terminate()
            for process in workers:
                process.join(10)

    def version(self) -> tuple[int, int]:
        """(this app's write generation, the store's ``data_version``), re-read at most once a second."""
        with self._lock:
            now = time.monotonic()
            if self._store_version is None or now - self._checked_at >= RECHECK_SECONDS:
                self._store_version, self._checked_at = self._watch.data_version(), now
            return self._generation, self._store_version

    def cached(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """``compute()``, kept while the store stays the same (for what the pages build from the store)."""
        return self._cached(key, compute)

    def _cached(self, key: tuple[Any, ...], compute: Callable[[], T], slack: float = 0.0) -> T:
        """``compute()``, reused while the store's version stays the same.

        With ``slack`` an entry outlives a change by others for that many
        seconds (never one by this app): for corpus-wide aggregates that cost
        more than a live ingest's pace of change is worth.
        """
        version = self.version()
        now = time.monotonic()
        with self._lock:
            entry = self._pages.get(key)
            if entry is not None:
                then_version, then, value = entry
                fresh = then_version == version or (slack and then_version[0] == version[0] and now - then < slack)
                if isinstance(value, SearchTimeout):
                    # too heavy a moment ago is too heavy now, whatever was added since: fail at once
                    if now - then < TIMEOUT_MEMORY_SECONDS:
                        raise value
                elif fresh:
                    self._pages.move_to_end(key)
                    return value
        try:
            value = compute()
        except SearchTimeout as exc:  # remembered like an answer, so a repeated hostile query costs nothing
            value = exc
        with self._lock:
            self._pages[key] = (version, now, value)
            self._pages.move_to_end(key)
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        if isinstance(value, SearchTimeout):
            raise value
        return value

    # -- stories ----------------------------------------------------------

    def story_exists(self, story_id: str) -> bool:
        return self.reader().story_row(story_id) is not None

    def successor(self, story_id: str) -> str | None:
        """The live id a retired story id now redirects to (None when ``story_id`` is live or unknown)."""
        store = self.reader()
        if store.story_row(story_id) is not None:
            return None
        return store.successor(story_id)

    def stories(self, filters: StoryFilters, sort: str = "newest", limit: int = 50, offset: int = 0) -> Page[StoryRow]:
        """A page of stories; with search words, only stories with a matching article (raises ``SearchTimeout``)."""
        sort = sort if sort in STORY_SORTS or (sort == "relevance" and filters.words) else (
            "relevance" if filters.words else "newest")
        return self._cached(("stories", filters.key(), sort, limit, offset),
                            lambda: self._stories(filters, sort, limit, offset))

    def _stories(self, f: StoryFilters, sort: str, limit: int, offset: int) -> Page[StoryRow]:
        store = self.reader()
        names = store.name_variants(f.person.strip()) if f.person and f.person.strip() else None
        with budget(store.db):
            rows, total = store.story_page(sort=sort, date_from=f.date_from, date_to=f.date_to, outlet=f.outlet,
                                           names=names, language=f.language, match=f.words or None,
                                           limit=limit, offset=offset)
        extra = {r["id"]: r for r in rows}
        return Page(self.story_rows([r["id"] for r in rows], extra), total, offset, limit)

    def story_rows(self, ids: Sequence[str], extra: dict[str, dict[str, Any]] | None = None) -> list[StoryRow]:
        """Rows for the stories ``ids`` (in that order), from their articles."""
        store = self.reader()
        members = store.story_members(ids)
        out = []
        for story_id in ids:
            info = (extra or {}).get(story_id) or store.story_row(story_id)
            if info is None:
                continue
            arts = members.get(story_id, [])
            published = [a["published"] for a in arts if a["published"]]
            out.append(StoryRow(
                id=story_id, title=info["title"], articles=[a["id"] for a in arts],
                outlets=sorted({a["outlet"] for a in arts if a["outlet"]}),
                languages=sorted({a["language"] for a in arts}),
                days=[d for a in arts if (d := day(a["published"]))],
                first_published=min(published) if published else None,
                last_published=max(published) if published else None,
                updated_at=info.get("updated_at"), hits=info.get("hits"),
            ))
        return out

    def outlets(self) -> list[str]:
        return self._cached(("outlets",), lambda: self.reader().outlets(), SLOW_LIST_SECONDS)

    def languages(self) -> list[str]:
        return self._cached(("languages",), lambda: self.reader().languages(), SLOW_LIST_SECONDS)

    def count_stories(self) -> int:
        return self._cached(("count_stories",), lambda: self.reader().count_stories())

    def brief(self, story_id: str) -> Brief:
        """A story's brief (raises ``NotFoundError``), cached while its articles stay the same."""
        return self.story_view(story_id).brief

    def story_view(self, story_id: str) -> StoryView:
        """A story's brief, its articles and (once rendered) its page, kept while its articles,
        their analyses and the names in them stay the same (raises ``NotFoundError``)."""
        store = self.reader()
        with store.snapshot():
            keyed = briefs.brief_key(store, story_id, self.settings)
            if keyed is None or not store.article_ids(story_id):
                raise NotFoundError(f"no story with id {story_id!r}")
            key, names = keyed
            # The page also shows what lies outside the brief (links to other stories and people), so it
            # is drawn again when the store changes; its brief is read again only when its key changed.
            view_key = (key, self.version())
            with self._lock:
                cached = self._briefs.get(story_id)
                if cached is not None and cached.key == view_key:
                    self._briefs.move_to_end(story_id)
                    return cached
            if cached is not None and cached.key[0] == key:
                brief, articles = cached.brief, cached.articles
            else:
                stored = store.stored_brief(story_id)
                if stored is not None and stored[0] == key:  # the writer built it: read, never rebuild
                    brief = codec.from_json(Brief, stored[1])
                else:
                    brief = local.build_brief(store, story_id, self.settings, names)
                # The page draws the articles' titles, outlets, dates, cited passages and quote
                # positions: their entities and times (most of a big story's rows) are not read.
                articles = store.articles(list(brief.story.articles), parts=("quotes",))
        view = StoryView(view_key, brief, articles)
        with self._lock:
            self._briefs[story_id] = view
            self._briefs.move_to_end(story_id)
            while len(self._briefs) > MAX_CACHED_BRIEFS:
                self._briefs.popitem(last=False)
        return view

    # -- articles, quotes, entities, search -----------------------------

    def article(self, article_id: str) -> Article:
        """One article with corpus-wide names (raises ``NotFoundError``)."""
        store = self.reader()
        found = local.named_articles(store, [article_id], store.names_for([article_id]))
        if not found:
            raise NotFoundError(f"no article with id {article_id!r}")
        return found[0]

    def articles(self, ids: Sequence[str]) -> list[Article]:
        """Articles by id, in that order, with corpus-wide names."""
        store = self.reader()
        return local.named_articles(store, list(ids), store.names_for(list(ids)))

    def article_list(self, story: str | None = None, outlet: str | None = None, sort: str = "ingested",
                     limit: int = 50, offset: int = 0) -> Page[dict[str, Any]]:
        rows, total = self.reader().article_page(story=story, outlet=outlet, sort=sort, limit=limit, offset=offset)
        return Page(rows, total, offset, limit)

    def quotes(self, *, speaker: str | None = None, names: Sequence[str] | None = None, story: str | None = None,
               text: str | None = None, limit: int = 100, offset: int = 0) -> Page[QuoteRow]:
        """Quotes by date: by a speaker whose name begins with ``speaker`` (or by one of ``names``)."""
        store = self.reader()
        speakers = list(names) if names is not None else None
        if speaker:
            speakers = (speakers or []) + [n for n in store.name_variants(speaker)]
        with budget(store.db):
            rows, total = store.quote_page(speakers=speakers, speaker_prefix=speaker or None, story=story,
                                           text=text or None, limit=limit, offset=offset)
        renamed = store.renamed([s for r in rows for s in json.loads(r["speakers"] or "[]")])
        items = []
        for r in rows:
            listed = group_order([renamed.get(s, s) for s in json.loads(r["speakers"] or "[]")])  # one order, renamed too
            items.append(QuoteRow(r["text"], " and ".join(listed) if listed else r["speaker"], r["article"],
                                  r["story"], r["outlet"], r["published"], r["start"], r["end"]))
        return Page(items, total, offset, limit)

    def entities(self, label: str | None = None, prefix: str | None = None,
                 limit: int = 100, offset: int = 0) -> Page[dict[str, Any]]:
        """Entities, most widely reported first (an aggregate over the corpus: cached with slack)."""
        def compute() -> Page[dict[str, Any]]:
            rows, total = self.reader().entity_page(label=label, prefix=prefix, limit=limit, offset=offset)
            return Page(rows, total, offset, limit)

        return self._cached(("entities", label, prefix, limit, offset), compute, SLOW_LIST_SECONDS)

    def entity(self, name: str) -> tuple[list[str], dict[str, Any]] | None:
        """(stored names, facts) of the entity called ``name``, or None when no entity is.

        A name no article stores may still be a brief's: a story's renaming takes titles off
        names ("Rabbi Jacob Luski" is "Jacob Luski" in its brief), so the stored names that end
        with ``name`` stand for it; a one-word name only when a single full name ends with it
        (two people may share a surname, as the renaming itself says).
        """
        def compute() -> tuple[list[str], dict[str, Any]] | None:
            store = self.reader()
            names = store.aliases(name)
            facts = store.entity_facts(names)
            if facts is None and name[:1].isupper():  # a name, not any word a client sends
                with budget(store.db):
                    titled = store.titled_names(name)
                if len(name.split()) < 2 and len(titled) > 1:
                    titled = []  # "Dr Guerras" and "Professor Guerras": maybe two people
                if titled:
                    names = [name, *dict.fromkeys(n for t in titled for n in store.aliases(t))]
                    facts = store.entity_facts(names)
            return (names, facts) if facts is not None else None

        # counting a common name's articles and stories takes a second on a large store
        return self._cached(("entity", name), compute, SLOW_LIST_SECONDS)

    def entity_stories(self, names: Sequence[str], limit: int = 50, offset: int = 0) -> list[StoryRow]:
        return self.story_rows(self.reader().entity_story_ids(names, limit, offset))

    def is_entity(self, name: str) -> bool:
        store = self.reader()
        return store.is_entity(store.aliases(name))

    def search(self, terms: Terms, limit: int = 20, offset: int = 0) -> Page[dict[str, Any]]:
        """Articles matching every search word, best first (raises ``SearchTimeout``)."""
        if not terms.words:
            return Page([], 0, offset, limit)

        def compute() -> Page[dict[str, Any]]:
            store = self.reader()
            with budget(store.db):
                rows, total = store.search_page(terms.words, limit, offset)
            return Page(rows, total, offset, limit)

        return self._cached(("search", terms.words, limit, offset), compute)

    # -- writes -----------------------------------------------------------

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
        with self._write_lock:
            try:
                pool = self._pool
                if pool is None:
                    raise WorkerDied("the server is stopping; no ingest is started")
                try:
                    future = pool.submit(_ingest_in_worker, self.settings, items, urls)
                except BrokenProcessPool:  # died while idle (killed, out of memory): a new one takes over
                    self._restart_pool()
                    future = self._pool.submit(_ingest_in_worker, self.settings, items, urls)  # type: ignore[union-attr]
                except RuntimeError as exc:  # shut down by close() a moment ago
                    raise WorkerDied("the server is stopping; no ingest is started") from exc
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
        if self._pool is None:  # closed: the worker was ended on purpose
            raise WorkerDied("the server is stopping; the ingest was not finished")
        log.warning("the ingest worker died; starting a new one")
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

"""The local runner: read → clean → analyze on every core, then link → store, then regroup.

Per-article stages run in this process or, with ``workers`` > 1, in a pool of
processes (each loads spaCy once); results come back in input order, so the
output does not depend on the number of workers. Each article is written in
its own transaction with an interim story from online placement, so an
interrupted run leaves every stored article whole and a re-run picks up where
it stopped (already-stored content is recognised by its hash). When the files
are read, the region of the store the run touched is re-clustered in one pass
(``pipeline.link.regroup``, ``region_of``): the stories equal ``storyline
recluster``'s whatever order the articles came in (in a big store, around what
the run touched), and story ids stay stable.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from storyline.models import Article, Brief, RawArticle, Reject
from storyline.pipeline.analyze import Analyze
from storyline.pipeline.analyze.canonical import apply_names, names_from_counts
from storyline.pipeline.analyze.nlp import load_nlp
from storyline.pipeline.analyze.pubdate_story import date_from_stories as story_dates
from storyline.pipeline.base import Context, run_guarded
from storyline.pipeline.clean import Clean, content_hash
from storyline.pipeline.ingest.files import iter_files, read_file
from storyline.pipeline.link import Link, StoryIndex, feature_cache
from storyline.pipeline.link.features import ArticleFeatures, features_of
from storyline.pipeline.link.regroup import StoryUpdate, regroup
from storyline.run import preload
from storyline.run.briefs import refresh_briefs
from storyline.run.outlet_lines import count_outlet_lines, cut_outlet_boilerplate
from storyline.settings import Settings
from storyline.store import Store

BATCH = 64  # articles a worker parses at once: spaCy is faster over bigger batches
# A batch waiting longer than this for its next article (a feed fetched a page every 2 s) goes
# on unfilled, so a slow source stores as it reads rather than after 64 fetches.
BATCH_WAIT = 5.0
# Beyond the stories its articles joined or came close to, a run in a big store re-clusters its time
# neighbours only while they are at most this many stored articles per new one (see region_of).
REGION_PER_ARTICLE = 4


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
            "rejected": [
                {"source": r.source, "reason": r.reason, **({"stage": r.stage} if r.stage else {})}
                for r in self.rejected
            ],
            "stories_touched": len(self.stories),
        }


def article_stages() -> list[Any]:
    """The per-article stages, in order: the one list every runner takes."""
    return [Clean(), Analyze()]


def stage_names() -> list[str]:
    """Name and version of each per-article stage, stored with every article it made."""
    return [stage.name for stage in article_stages()]


def load_index(store: Store, settings: Settings) -> Link:
    """The clustering index, rebuilt from the articles stored last (at most ``index_max_articles``).

    Online placement only gives interim stories: the corpus step after the run
    re-clusters, from the store, the region around what the run added. So the
    index need not hold a big store whole, and an ingest into one starts in
    bounded time instead of reading every stored article first.
    """
    link = Link(StoryIndex(settings.cluster_threshold, settings.cluster_window_days))
    stored = store.iter_articles(newest=settings.index_max_articles)
    while chunk := list(itertools.islice(stored, 500)):
        known = kept_features(store, chunk)
        for article in chunk:
            link.add_known(article, known[article.id])
    return link


def kept_features(
    store: Store, articles: Sequence[Article], known: Mapping[str, ArticleFeatures] | None = None,
) -> dict[str, ArticleFeatures]:
    """Article id → clustering features of ``articles``: from ``known``, else the copy stored with the
    article while it still matches it (``feature_cache``), else computed now and stored for next time."""
    known = known or {}
    out = {a.id: known[a.id] for a in articles if a.id in known}
    wanted = [a for a in articles if a.id not in out]
    stored = store.link_features([a.id for a in wanted])
    fresh: list[tuple[str, str, bytes]] = []
    for article in wanted:
        digest = feature_cache.digest(article)
        row = stored.get(article.id)
        if row is not None and row[0] == digest:
            out[article.id] = feature_cache.decode(article.id, article.title, row[1])
        else:
            out[article.id] = features_of(article)
            fresh.append((article.id, digest, feature_cache.encode(out[article.id])))
    if fresh and not store.readonly:
        store.save_link_features(fresh)
    return out


def run_stages(stages: Sequence[Any], records: list[Any], ctx: Context) -> tuple[list[Article], list[Reject]]:
    """Pass ``records`` through each stage in turn; a record a stage fails on becomes a reject."""
    rejects: list[Reject] = []
    for stage in stages:
        records, set_aside = run_guarded(stage, records, ctx)
        rejects += set_aside
    return records, rejects


def process_batch(raws: list[RawArticle], settings: Settings) -> tuple[list[Article], list[Reject]]:
    """The per-article stages over one batch: what a worker process runs."""
    return run_stages(article_stages(), raws, Context(settings))


# A short article run through the per-article stages before the pool forks, so every model and
# rule table they load lazily (spaCy, the language identifier, the line model, matchers) is
# loaded once in the parent and shared copy-on-write, not loaded again by each worker.
_WARM_UP = RawArticle(
    source="<warm-up>",
    text="Published: March 15, 2021 - 14:22\n\nWASHINGTON (Reuters) - The minister said on Monday that talks would resume in March.\n\n"
    "\"We expect progress,\" she told reporters.",
)


def _warm(settings: Settings) -> None:
    """Worker start: load spaCy once, before the first batch arrives."""
    load_nlp(settings.spacy_model)


def _warm_all(settings: Settings) -> None:
    """Before a pool forks: load everything the per-article stages load (see ``_WARM_UP``)."""
    _warm(settings)
    process_batch([_WARM_UP], settings)


def _start_worker(settings: Settings, parent: int) -> None:
    """A pool worker's start: die with the runner (a killed ``ingest`` leaves no orphans), then warm up."""
    def watch() -> None:
        # A forked worker holds both ends of its pipes, so it never sees the
        # parent's death as end-of-file: it watches the parent instead.
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    _warm(settings)


def worker_count(settings: Settings) -> int:
    """Processes for the per-article stages: ``settings.workers``, or one per core when 0."""
    return settings.workers if settings.workers > 0 else (os.cpu_count() or 1)


def worker_pool(settings: Settings, workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes for per-article stages, each with spaCy loaded.

    Forked workers share the spaCy pipeline loaded here (copy-on-write): each
    spawned one would spend seconds of CPU importing and loading it again.
    They only run stages and build briefs: the store's writer and the progress bar stay here.
    """
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    _warm_all(settings)
    import storyline.pipeline.brief  # noqa: F401 - imported once here, not by every worker at settle time

    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(settings, os.getpid()))


class Workers:
    """The run's worker processes: started when there is work to share, shut down with the run.

    The pool outlives the per-article stages so the corpus step after them
    (briefs) uses the same processes instead of leaving every core but one idle.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.count = worker_count(settings)
        self.pool: ProcessPoolExecutor | None = None

    def start(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = worker_pool(self.settings, self.count)
        return self.pool

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def _processed(
    batches: Iterator[tuple[list[RawArticle], Any]], settings: Settings, workers: Workers
) -> Iterator[tuple[list[Article], list[Reject], Any]]:
    """(articles, rejects, tag) per batch, in input order, on ``workers``' processes.

    A pool is started only when there is more than one batch to share; a worker
    that dies costs the batch it held (each article becomes a reject), not the run.
    """
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    if workers.count <= 1 or second is None:
        # chain, not a list display: ``[*batches]`` would read every input before the first is processed
        for raws, tag in itertools.chain([first], [second] if second else [], batches):
            yield (*process_batch(raws, settings), tag)
        return
    pool = workers.start()
    pending: deque[tuple[Future[Any], list[RawArticle], Any]] = deque()

    def settle() -> tuple[list[Article], list[Reject], Any]:
        future, raws, tag = pending.popleft()
        try:
            return (*future.result(), tag)
        except Exception as exc:  # noqa: BLE001 - the worker died (killed, out of memory)
            reason = f"worker failed: {type(exc).__name__}: {exc}".strip()
            return [], [Reject(r.source, reason, stage="worker") for r in raws], tag

    for raws, tag in itertools.chain([first, second], batches):
        pending.append((pool.submit(process_batch, raws, settings), raws, tag))
        if len(pending) >= 2 * workers.count:
            yield settle()
    while pending:
        yield settle()


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    settings: Settings,
    *,
    progress: bool = False,
    on_reject: Any = None,
) -> IngestReport:
    """Ingest every article under ``paths`` into ``store``, then regroup the stories it touched."""
    preload.wait()  # the language identifier, if the command began loading it (run.preload)
    report = IngestReport()
    link = load_index(store, settings)
    files = list(iter_files(paths))
    seen: set[str] = set()
    names = stage_names()

    def reject(item: Reject) -> None:
        report.rejected.append(item)
        if on_reject:
            on_reject(item)

    def batches() -> Iterator[tuple[list[RawArticle], int]]:
        """Fresh articles in batches, each tagged with the number of files it completes."""
        fresh: list[RawArticle] = []
        finished = 0
        opened = time.monotonic()  # when the batch's first article came
        for item in files:
            if isinstance(item, Reject):
                reject(item)
                finished += 1
                continue
            for raw in read_file(item, settings):
                if isinstance(raw, Reject):
                    reject(raw)
                    continue
                digest = content_hash(raw)
                if digest in seen or store.has_content(digest):
                    report.unchanged += 1
                    continue
                seen.add(digest)
                fresh.append(raw)
                if len(fresh) == 1:
                    opened = time.monotonic()
                if len(fresh) >= BATCH or time.monotonic() - opened > BATCH_WAIT:
                    yield fresh, finished
                    fresh, finished = [], 0
            finished += 1
        yield fresh, finished

    show = progress and settings.progress and sys.stderr.isatty()
    ctx = Context(settings)
    with Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
        TextColumn("{task.fields[stored]} articles stored"),  # moves within one long feed, WARC or JSONL too
        TimeElapsedColumn(), disable=not show, transient=True,
    ) as bar, Workers(settings) as workers:
        task = bar.add_task("ingest", total=len(files), stored=0)
        for articles, rejects, finished in _processed(batches(), settings, workers):
            for r in rejects:
                reject(r)
            count_outlet_lines(store, articles)
            placed: list[tuple[Article, str | None]] = []
            for article in articles:
                # One article at a time: placing mutates the index, so a failed batch cannot be re-run.
                linked, failed = run_guarded(link, [article], ctx)
                for r in failed:
                    reject(r)
                for done in linked:
                    # An interim title, for a story this run opened; the settled one comes at the end.
                    title = done.title or "(untitled)" if len(link.index.stories[done.story].members) == 1 else None
                    placed.append((done, title))
            # The batch lands in one transaction: all of it or none, and one commit instead of one per article.
            kept = {
                done.id: (feature_cache.digest(done), feature_cache.encode(link.features[done.id]))
                for done, _ in placed if done.id in link.features
            }
            saved_flags = store.save_articles(placed, stages=names, link_features=kept) if placed else []
            for (done, _), saved in zip(placed, saved_flags):
                if saved:
                    report.ingested.append(done.id)
                else:  # another process stored the same content meanwhile
                    report.unchanged += 1
            bar.update(task, advance=finished, stored=len(report.ingested))
        if report.ingested or store.unsettled_ids():
            update = settle_stories(
                store, settings, report.ingested, link.features, pool=workers.pool, near=link.index.near,
            )
            report.stories = {update.assignment[i] for i in report.ingested if i in update.assignment}
    return report


def region_of(
    store: Store, new_ids: Sequence[str], settings: Settings, near: Mapping[str, Sequence[str]] | None = None,
) -> list[str]:
    """The stored articles to regroup after ``new_ids`` arrived.

    The whole store while it holds at most ``settings.regroup_max_articles``
    (the result then equals ``recluster``'s). Beyond that, whole stories: those
    online placement put a new article in or found it close to (``near``, see
    ``StoryIndex.near``), and those with a member published within the
    clustering window of a new article while they are few (at most
    ``REGION_PER_ARTICLE`` articles per new one: a sparse stream's time
    neighbours; in a dense one they would be most of the store). So the work of
    a run follows the run's size, not the store's. A new article no index here
    placed (``storyline load``, an interrupted run's leftovers) brings its time
    neighbours whatever their number.
    """
    if store.count_articles() <= settings.regroup_max_articles:
        return store.article_ids()
    near = near or {}
    placed = [i for i in new_ids if i in near]
    unplaced = [i for i in new_ids if i not in near]
    ids = set(store.members_of({s for i in placed for s in near[i]}))
    if unplaced:
        ids.update(store.stories_near(unplaced, settings.cluster_window_days))
    if placed:
        in_window = store.stories_near(placed, settings.cluster_window_days)
        if len(in_window) <= REGION_PER_ARTICLE * len(placed):
            ids.update(in_window)
    return sorted(ids)


def settle_stories(
    store: Store, settings: Settings, new_ids: Sequence[str] = (), features: dict[str, Any] | None = None,
    pool: Executor | None = None, near: Mapping[str, Sequence[str]] | None = None,
) -> StoryUpdate:
    """Cut the new articles' outlet boilerplate, regroup the region ``new_ids`` touched (all of the
    store without them), and store the result.

    Articles stored before this run keep the stable ids of their stories;
    ``new_ids``, and any article an interrupted run stored without settling,
    were only placed online (an interim story, redirected if it does not survive). Undated articles are then re-dated from their story.
    A ``pool`` of worker processes, if the run has one, builds the briefs; ``near``
    holds the stories online placement found close to each new article (``region_of``).
    """
    new = set(new_ids) | set(store.unsettled_ids())  # with those an interrupted run left unsettled
    # Against every line counted by now, so the run's order does not matter; what the online
    # placement computed from an article's uncut text no longer holds.
    for cut in cut_outlet_boilerplate(store, sorted(new)):
        if features is not None:
            features.pop(cut, None)
    ids = region_of(store, sorted(new), settings, near) if new else store.article_ids()
    articles = store.articles(ids)
    features = kept_features(store, articles, features)
    previous = {a.id: a.story for a in articles if a.story and a.id not in new}
    interim = {a.id: a.story for a in articles if a.story and a.id in new}
    update = regroup(
        articles, previous, interim, window_days=settings.cluster_window_days,
        threshold=settings.recluster_threshold, neighbours=settings.recluster_neighbours, features=features,
    )
    redated = date_from_stories(articles, update.assignment, settings)
    store.apply_story_update(update.assignment, update.titles, update.redirects, redated)
    before = store.person_names()
    names = names_from_counts(Counter(store.person_counts()))
    store.save_person_names(names)
    # A brief changes when its story does or when a name in it is renamed corpus-wide.
    renamed = sorted(n for n in before.keys() | names.keys() if before.get(n) != names.get(n))
    touched = set(update.assignment.values()) | set(store.stories_naming(renamed))
    # An ingest's brief work follows its size (a store-wide settle, from recluster or reanalyze, builds all).
    budget = round(len(new) * settings.brief_work_per_article) if new_ids else None
    refresh_briefs(store, settings, sorted(touched), pool, budget)
    return update


def date_from_stories(articles: Sequence[Article], assignment: dict[str, str], settings: Settings) -> list[Article]:
    """Undated articles whose story gives a better estimate, re-dated and their times re-resolved (pubdate_story)."""
    return story_dates(articles, assignment, lambda text: load_nlp(settings.spacy_model)(text))


@dataclass(slots=True)
class ReanalyzeReport:
    reanalyzed: int = 0
    rejected: list[Reject] = field(default_factory=list)
    cleaned_by_older_stage: int = 0  # their body would change only by ingesting their source again

    def as_dict(self) -> dict[str, Any]:
        return {"reanalyzed": self.reanalyzed, "rejected": [{"source": r.source, "reason": r.reason} for r in self.rejected],
                "cleaned_by_older_stage": self.cleaned_by_older_stage}


def reanalyze(store: Store, settings: Settings, *, on_reject: Any = None) -> ReanalyzeReport:
    """Re-run Analyze on every stored article an older analyze stage made, then settle the stories.

    The clean body is kept (the raw input is not stored): articles cleaned by an
    older clean stage are counted, so the user knows to ingest their sources again.
    """
    analyze = Analyze()
    clean_name = Clean.name
    report = ReanalyzeReport()
    everything_stale = store.stale_articles(stage_names())
    stale = [(i, made) for i, made in everything_stale if analyze.name not in made]
    report.cleaned_by_older_stage = sum(1 for _, made in everything_stale if clean_name not in made)
    made_by = dict(stale)
    ctx = Context(settings)
    for start in range(0, len(stale), BATCH):
        articles = store.articles([i for i, _ in stale[start:start + BATCH]])
        for a in articles:
            if a.published_estimated:  # estimated by the old stage: let the new one estimate again
                a.published, a.published_estimated = None, False
        done, rejects = run_guarded(analyze, articles, ctx)
        for r in rejects:
            report.rejected.append(r)
            if on_reject:
                on_reject(r)
        for a in done:
            store.replace_analysis(a, [n for n in made_by[a.id] if not n.startswith("analyze/")] + [analyze.name])
            report.reanalyzed += 1
    if report.reanalyzed:
        settle_stories(store, settings)
    return report


def recluster(store: Store, settings: Settings) -> dict[str, str]:
    """Re-cluster every stored article, whatever order they came in; ids of surviving stories are kept."""
    return settle_stories(store, settings).assignment


def corpus_names(store: Store) -> dict[str, str]:
    """One canonical name per person across the whole store (ambiguous surnames stay apart).

    Stored each time stories settle (a later article can make a surname
    ambiguous, so it is recomputed then): readers only read it.
    """
    # A store written before names were stored has none until its stories settle again.
    return store.person_names() or names_from_counts(Counter(store.person_counts()))


def named_articles(store: Store, ids: list[str] | None, names: dict[str, str]) -> list[Article]:
    """Stored articles with the corpus-wide canonical names applied."""
    articles = store.articles(ids)
    apply_names(articles, names, printed_only=True)
    return articles


def build_brief(store: Store, story_id: str, settings: Settings, names: dict[str, str] | None = None) -> Brief:
    """The brief of one stored story, with corpus-wide canonical names."""
    story = store.story(story_id)
    articles = named_articles(store, story.articles, corpus_names(store) if names is None else names)
    from storyline.pipeline.brief import BuildBrief  # only readers need it: not loaded by every ingest

    return BuildBrief(settings.summary_sentences).run(story, articles)

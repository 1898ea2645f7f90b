"""Stored briefs: built once by the writer when a story changes, read by every reader.

A brief depends on its story's members (their dates and the stage versions
that analysed them), the story's title, the corpus-wide names applied to its
people, the brief stage's version and the summary length. Those are hashed
into a key; the brief stored under an equal key is the brief a reader would
build, so readers (``export``, ``show``, the web) read it instead. A reader
finding no brief under the current key (a small story, or a store written
before briefs were stored) builds it and does not store it: only the writer
writes.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor

from storyline.store import codec
from storyline.models import Brief
from storyline.settings import Settings
from storyline.store import Store

SAVE_EVERY = 50  # briefs per transaction: a big story's brief is a few hundred KB


def brief_stage_name() -> str:
    """The brief stage's name and version (part of every key)."""
    from storyline.pipeline.brief import BuildBrief  # the brief package is loaded only by those who brief

    return BuildBrief.name


def brief_key(store: Store, story_id: str, settings: Settings) -> tuple[str, dict[str, str]] | None:
    """(key, the names a brief of the story applies), or None for no such story."""
    basis = store.brief_basis(story_id)
    if basis is None:
        return None
    title, members = basis
    names = store.names_for([m[0] for m in members])
    payload = json.dumps(
        [brief_stage_name(), settings.summary_sentences, title, members, sorted(names.items())], ensure_ascii=False
    )
    return hashlib.sha1(payload.encode()).hexdigest(), names


def read_brief(store: Store, story_id: str, settings: Settings) -> Brief:
    """A story's brief: the stored one while its key holds, else built now (raises KeyError for no story)."""
    from storyline.run.local import build_brief

    keyed = brief_key(store, story_id, settings)
    if keyed is None:
        raise KeyError(story_id)
    key, names = keyed
    stored = store.stored_brief(story_id)
    if stored is not None and stored[0] == key:
        return codec.from_json(Brief, stored[1])
    return build_brief(store, story_id, settings, names)


def refresh_briefs(
    store: Store, settings: Settings, story_ids: Sequence[str], pool: Executor | None = None,
    budget: int | None = None,
) -> int:
    """Build and store the briefs of ``story_ids`` whose key changed, and of every story with no
    brief from the current brief stage (a store from before, an upgraded stage); return how many.

    Only stories of at least ``settings.brief_store_min_articles`` articles: a
    smaller story's brief takes milliseconds to build when read, and storing
    every singleton's would make each ingest pay for briefs nobody opens. Of the
    stories the run did not change, at most ``settings.brief_backfill_per_run``
    (the biggest): after a brief stage upgrade, a large store's thousands of
    briefs are built over several runs rather than by one ingest of ten articles.

    With a ``pool`` (the ingest's worker processes, idle once the articles are
    parsed) the briefs are built there, each worker reading the committed store
    on its own connection; this process stays the only writer.

    A ``budget`` (articles read) bounds the work: the biggest stale stories that
    fit in it are built, the rest lose their stale brief, so readers build them
    and a later run's backfill finds them. An ingest's budget follows its size
    (``brief_work_per_article``): in a long feed, stories that keep growing
    would otherwise make every run rebuild more and bigger briefs than the last.
    """
    stage = brief_stage_name()
    least = max(1, settings.brief_store_min_articles)
    sizes = store.story_sizes(story_ids)
    wanted = [s for s in story_ids if sizes.get(s, 0) >= least]
    chosen = set(wanted)
    backfill = [s for s in store.stories_needing_briefs(least, stage) if s not in chosen]
    wanted += backfill[: max(0, settings.brief_backfill_per_run)]
    stored = store.stored_brief_keys(wanted)
    todo: list[tuple[str, str, dict[str, str]]] = []
    for story_id in wanted:
        keyed = brief_key(store, story_id, settings)
        if keyed is not None and stored.get(story_id) != keyed[0]:
            todo.append((story_id, *keyed))
    if budget is not None:
        todo = _within(store, todo, budget)
    pending: list[tuple[str, str, str, str]] = []
    built = 0
    for (story_id, key, _), body in zip(todo, _built(store, settings, todo, pool)):
        if isinstance(body, Exception):  # one story's brief must not stop the run; readers build it
            print(f"storyline: story {story_id}: stage brief: {type(body).__name__}: {body}", file=sys.stderr)
            continue
        pending.append((story_id, key, stage, body))
        built += 1
        if len(pending) >= SAVE_EVERY:
            store.save_briefs(pending)
            pending = []
    if pending:
        store.save_briefs(pending)
    return built


def _within(
    store: Store, todo: list[tuple[str, str, dict[str, str]]], budget: int,
) -> list[tuple[str, str, dict[str, str]]]:
    """The stories of ``todo`` that fit in ``budget`` articles, biggest first (a big story's brief is
    the one a reader would wait for); the stored briefs of the others are stale, and go."""
    sizes = store.story_sizes([t[0] for t in todo])
    chosen: set[str] = set()
    for story_id in sorted(sizes, key=lambda s: (-sizes[s], s)):
        if sizes[story_id] <= budget:
            chosen.add(story_id)
            budget -= sizes[story_id]
    store.delete_briefs([t[0] for t in todo if t[0] not in chosen])
    return [t for t in todo if t[0] in chosen]


def _built(
    store: Store, settings: Settings, todo: list[tuple[str, str, dict[str, str]]], pool: Executor | None,
) -> Iterator[str | Exception]:
    """Each brief of ``todo`` as JSON, or the exception building it raised, in ``todo``'s order."""
    if pool is None or store.path == ":memory:" or len(todo) < 2:
        for story_id, _, names in todo:
            yield _brief_json(store, story_id, settings, names)
        return
    futures = [pool.submit(_brief_json_from, store.path, story_id, settings, names) for story_id, _, names in todo]
    for future in futures:
        try:
            yield future.result()
        except Exception as exc:  # noqa: BLE001 - the worker died (killed, out of memory)
            yield exc


def _brief_json(store: Store, story_id: str, settings: Settings, names: dict[str, str]) -> str | Exception:
    from storyline.run.local import build_brief

    try:
        return codec.to_json(build_brief(store, story_id, settings, names))
    except Exception as exc:  # noqa: BLE001 - reported by the caller, with the story's id
        return exc


def _brief_json_from(path: str, story_id: str, settings: Settings, names: dict[str, str]) -> str | Exception:
    """What a worker process runs: one brief, read through a read-only connection of its own."""
    with Store(path, readonly=True) as store:
        return _brief_json(store, story_id, settings, names)

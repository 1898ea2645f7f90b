"""Stored briefs: built by the writer, read by readers while their key holds."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

import storyline
from storyline.store import codec
from storyline.models import Brief
from storyline.run import local
from storyline.run.briefs import brief_key, brief_stage_name, read_brief, refresh_briefs


@pytest.fixture
def sample_copy(sample_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy.db"
    shutil.copy(sample_db, copy)
    return copy


def test_ingest_stores_the_briefs_of_big_enough_stories(sample_copy: Path) -> None:
    with storyline.open(sample_copy) as sl:
        sizes = {s.id: len(s.articles) for s in sl.store.stories()}
        stored = sl.store.stored_brief_keys(list(sizes))
        assert set(stored) == {s for s, n in sizes.items() if n >= sl.settings.brief_store_min_articles}
        for story_id, key in stored.items():
            assert brief_key(sl.store, story_id, sl.settings)[0] == key


def test_a_stored_brief_decodes_to_the_brief_a_reader_would_build(sample_copy: Path) -> None:
    with storyline.open(sample_copy) as sl:
        for story_id in sl.store.stored_brief_keys([s.id for s in sl.store.stories()]):
            built = local.build_brief(sl.store, story_id, sl.settings, brief_key(sl.store, story_id, sl.settings)[1])
            stored = codec.from_json(Brief, sl.store.stored_brief(story_id)[1])
            assert stored == built


def test_readers_read_the_stored_brief_while_its_key_holds_and_build_it_when_stale(sample_copy: Path) -> None:
    with storyline.open(sample_copy) as sl:
        story_id = next(iter(sl.store.stored_brief_keys([s.id for s in sl.store.stories()])))
        key, body = sl.store.stored_brief(story_id)
        marked = json.loads(body)
        marked["story"]["title"] = "written by the writer"
        sl.store.save_briefs([(story_id, key, brief_stage_name(), json.dumps(marked))])
        assert read_brief(sl.store, story_id, sl.settings).story.title == "written by the writer"
        assert sl.export(story_id)["stories"][0]["title"] == "written by the writer"

        sl.store.save_briefs([(story_id, "an older key", brief_stage_name(), json.dumps(marked))])
        assert read_brief(sl.store, story_id, sl.settings).story.title != "written by the writer"


def test_refresh_builds_only_briefs_whose_key_changed(sample_copy: Path) -> None:
    with storyline.open(sample_copy) as sl:
        stories = [s.id for s in sl.store.stories()]
        assert refresh_briefs(sl.store, sl.settings, stories) == 0
        story_id = next(iter(sl.store.stored_brief_keys(stories)))
        sl.store.save_briefs([(story_id, "an older key", brief_stage_name(), "{}")])
        assert refresh_briefs(sl.store, sl.settings, stories) == 1
        assert sl.store.stored_brief(story_id)[0] == brief_key(sl.store, story_id, sl.settings)[0]


def test_briefs_an_older_brief_stage_built_are_rebuilt_without_being_touched(sample_copy: Path) -> None:
    with storyline.open(sample_copy) as sl:
        story_id = next(iter(sl.store.stored_brief_keys([s.id for s in sl.store.stories()])))
        sl.store.save_briefs([(story_id, "made by brief/0", "brief/0", "{}")])
        assert refresh_briefs(sl.store, sl.settings, []) == 1
        assert read_brief(sl.store, story_id, sl.settings) == codec.from_json(Brief, sl.store.stored_brief(story_id)[1])


def test_a_renamed_person_changes_the_key_of_the_stories_naming_them(sample_copy: Path) -> None:
    with storyline.open(sample_copy) as sl:
        story_id = next(iter(sl.store.stored_brief_keys([s.id for s in sl.store.stories()])))
        key, _ = brief_key(sl.store, story_id, sl.settings)
        person = next(e.canonical for a in sl.store.articles(sl.store.article_ids(story_id))
                      for e in a.entities if e.label == "PERSON")
        assert story_id in sl.store.stories_naming([person])
        sl.store.save_person_names({**sl.store.person_names(), person: person + " Renamed"})
        assert brief_key(sl.store, story_id, sl.settings)[0] != key


def test_a_brief_that_fails_to_build_does_not_stop_the_run(sample_copy: Path, monkeypatch, capsys) -> None:
    with storyline.open(sample_copy) as sl:
        story_id = next(iter(sl.store.stored_brief_keys([s.id for s in sl.store.stories()])))
        sl.store.save_briefs([(story_id, "an older key", brief_stage_name(), "{}")])

        def broken(*args, **kwargs):
            raise RuntimeError("no brief today")

        monkeypatch.setattr(local, "build_brief", broken)
        assert refresh_briefs(sl.store, sl.settings, [story_id]) == 0
        assert f"story {story_id}: stage brief: RuntimeError: no brief today" in capsys.readouterr().err


def test_a_run_builds_at_most_its_backfill_of_briefs_for_stories_it_did_not_change(sample_copy: Path) -> None:
    with storyline.open(sample_copy) as sl:
        settings = replace(sl.settings, brief_store_min_articles=1, brief_backfill_per_run=2)
        missing = sl.store.stories_needing_briefs(1, brief_stage_name())
        assert len(missing) > 2
        assert refresh_briefs(sl.store, settings, []) == 2
        assert sl.store.stories_needing_briefs(1, brief_stage_name()) == missing[2:]  # the biggest went first
        touched = missing[-1]
        assert refresh_briefs(sl.store, replace(settings, brief_backfill_per_run=0), [touched]) == 1


def test_a_renamed_member_of_a_group_of_speakers_names_the_story(sample_copy: Path) -> None:
    with storyline.open(sample_copy) as sl:
        article_id, story = sl.store.db.execute(
            "SELECT a.id, a.story FROM articles a JOIN quotes q ON q.article_id = a.id LIMIT 1").fetchone()
        assert story not in sl.store.stories_naming(["Bo Park"])
        sl.store.db.execute(
            "UPDATE quotes SET speaker = 'Ann Lee and Bo Park', speakers = '[\"Ann Lee\", \"Bo Park\"]' "
            "WHERE article_id = ? AND seq = 0", (article_id,))
        assert story in sl.store.stories_naming(["Bo Park"])


def test_a_run_rebuilds_the_biggest_stale_briefs_its_budget_holds_and_drops_the_others(sample_copy: Path) -> None:
    with storyline.open(sample_copy) as sl:
        settings = replace(sl.settings, brief_store_min_articles=1)
        stories = sorted(s.id for s in sl.store.stories())
        refresh_briefs(sl.store, settings, stories)
        sizes = sl.store.story_sizes(stories)
        assert set(sl.store.stored_brief_keys(stories)) == set(stories) and len(stories) > 2
        sl.store.save_briefs([(s, "an older key", brief_stage_name(), "{}") for s in stories])
        biggest = min(stories, key=lambda s: (-sizes[s], s))
        assert refresh_briefs(sl.store, settings, stories, budget=sizes[biggest]) == 1
        assert sl.store.stored_brief(biggest)[0] == brief_key(sl.store, biggest, settings)[0]
        rest = sorted(set(stories) - {biggest})
        assert not sl.store.stored_brief_keys(rest)  # stale, so gone: readers build them
        assert read_brief(sl.store, rest[0], settings).story.id == rest[0]
        # A later run with room finds them among the stories with no brief, within its backfill.
        assert refresh_briefs(sl.store, settings, [], budget=sum(sizes.values())) == len(rest)
        assert set(sl.store.stored_brief_keys(stories)) == set(stories)

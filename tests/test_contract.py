"""The export contract of ARCHITECTURE.md, checked on the sample corpus."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

import storyline
from tests.conftest import EXAMPLES, INTENDED_STORIES, short_source


def test_export_validates_against_schema(sample_export, export_schema):
    jsonschema.validate(sample_export, export_schema)
    assert len(sample_export["articles"]) == 13


def test_every_story_export_validates(sample_db, export_schema):
    with storyline.open(sample_db) as sl:
        for story in sl.stories():
            jsonschema.validate(json.loads(sl.export_text("json", story.id)), export_schema)


def test_sample_groups_as_intended(sample_export):
    by_story: dict[str, set[str]] = {}
    for article in sample_export["articles"]:
        by_story.setdefault(article["story"], set()).add(short_source(article["source"]))
    assert sorted(map(sorted, by_story.values())) == sorted(map(sorted, INTENDED_STORIES.values()))


def test_offsets_point_into_clean_text(sample_export):
    for article in sample_export["articles"]:
        text = article["text"]
        for item in article["entities"] + article["quotes"] + article["times"]:
            assert text[item["start"]:item["end"]] == item["text"], (article["source"], item)
        for quote in article["quotes"]:
            mention = quote["speaker_mention"]
            if mention:
                assert text[mention["start"]:mention["end"]] == mention["text"]


def test_citations_are_verbatim(sample_export):
    texts = {a["id"]: a["text"] for a in sample_export["articles"]}
    for story in sample_export["stories"]:
        assert story["summary"], story["id"]
        for sentence in story["summary"]:
            for cite in sentence["citations"]:
                assert cite["article"] in story["articles"]
                assert 0 <= cite["start"] < cite["end"] <= len(texts[cite["article"]])
            first = sentence["citations"][0]
            assert texts[first["article"]][first["start"]:first["end"]] == sentence["text"]
        for entry in story["timeline"]:
            assert entry["citations"]
            first = entry["citations"][0]
            assert texts[first["article"]][first["start"]:first["end"]] == entry["text"]
            for cite in entry["citations"]:
                # A timeline citation covers the sentence that carries the date, not just the date word.
                assert any(
                    cite["start"] <= t["start"] < t["end"] <= cite["end"]
                    for a in sample_export["articles"] if a["id"] == cite["article"]
                    for t in a["times"]
                )


def test_reingest_changes_nothing(sample_db, sample_export, tmp_path):
    copy = tmp_path / "copy.db"
    with storyline.open(sample_db) as src, storyline.open(copy) as dst:
        dst.store.db.execute("VACUUM")  # make the file exist before backup
        src.store.db.backup(dst.store.db)
    with storyline.open(copy) as sl:
        report = sl.ingest([EXAMPLES])
        assert report.ingested == [] and report.unchanged == 13 and not report.rejected
        assert json.loads(sl.export_text("json")) == sample_export


def test_distractor_is_its_own_story(sample_export):
    stories = {a["story"] for a in sample_export["articles"] if short_source(a["source"]) in INTENDED_STORIES["C"]}
    trade = {a["story"] for a in sample_export["articles"] if short_source(a["source"]) in INTENDED_STORIES["A"]}
    assert len(stories) == 1 and stories.isdisjoint(trade)


def test_export_is_deterministic(sample_db):
    with storyline.open(sample_db) as sl:
        assert sl.export_text("json") == sl.export_text("json")
        assert sl.export_text("md") == sl.export_text("md")


def test_public_api_shape(tmp_path: Path):
    with storyline.open(tmp_path / "x.db") as sl:
        assert sl.stories() == []
        assert sl.export() == {"articles": [], "stories": []}

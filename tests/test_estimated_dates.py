"""An undated article gets an estimated, flagged publication date from its story."""

from __future__ import annotations

import json

import storyline
from tests.conftest import EXAMPLES


def test_undated_article_is_dated_by_its_story(tmp_path):
    wire = [json.loads(line) for line in (EXAMPLES / "wire.jsonl").read_text().splitlines()]
    undated = dict(wire[0], id="undated", published=None, text=wire[0]["text"].replace("on Wednesday", "yesterday", 1))
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps(wire[1]) + "\n" + json.dumps(undated) + "\n")
    with storyline.open(tmp_path / "t.db") as sl:
        sl.ingest([corpus])
        articles = {a.input_id: a for a in sl.articles()}
    dated, guessed = articles[wire[1]["id"]], articles["undated"]
    assert guessed.story == dated.story
    assert guessed.published_estimated and not dated.published_estimated
    assert guessed.published == dated.published[:10]
    relative = [t for t in guessed.times if t.text == "yesterday"]
    assert relative and relative[0].estimated

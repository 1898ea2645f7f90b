"""The batch clusterer and passage finder on the sample corpus (examples/README.md)."""

import storyline
from storyline.pipeline.link import find_shared_passages, near_duplicate_groups, recluster
from tests.conftest import INTENDED_STORIES, short_source


def _articles(sample_db):
    with storyline.open(sample_db) as sl:
        return list(sl.store.iter_articles())


def test_recluster_groups_the_sample_as_intended(sample_db):
    articles = _articles(sample_db)
    stories = recluster(articles)
    by_story: dict[str, set[str]] = {}
    for a in articles:
        by_story.setdefault(stories[a.id], set()).add(short_source(a.source))
    assert sorted(map(sorted, by_story.values())) == sorted(map(sorted, INTENDED_STORIES.values()))


def test_wire_reruns_are_near_duplicates_of_the_agency_copy(sample_db):
    articles = _articles(sample_db)
    name = {a.id: short_source(a.source) for a in articles}
    groups = near_duplicate_groups(articles)
    assert len(groups) == 1
    assert sorted(name[m] for m in groups[0].members) == sorted(["a1_continental_press.txt", "wire.jsonl:1", "wire.jsonl:2"])
    assert name[groups[0].canonical] == "a1_continental_press.txt"


def test_shared_passages_span_the_wire_copies(sample_db):
    articles = [a for a in _articles(sample_db) if short_source(a.source) in INTENDED_STORIES["A"]]
    texts = {a.id: a.text for a in articles}
    passages = find_shared_passages(articles)
    assert max(len(p.articles) for p in passages) >= 3
    for p in passages:
        assert p.words >= 8
        for s in p.spans:
            assert 0 <= s.start < s.end <= len(texts[s.article])

"""Event-specific evidence in link similarity: who an article is about."""

from __future__ import annotations

import importlib
from collections import Counter
from datetime import date

import pytest

from storyline.pipeline.link.cluster import _StoryState
from storyline.pipeline.link.features import features_of
from storyline.pipeline.link.similarity import PERSON_MISMATCH, person_factor, salient
from tests.pipeline.link.conftest import make

recluster_module = importlib.import_module("storyline.pipeline.link.recluster")

GENRE = ("The team fired its head coach after a losing season, the general manager said on Monday, "
         "and the search for a new coach begins this week with interviews of coordinators.")


def test_salient_people_are_the_most_mentioned_with_ties_broken_by_name():
    assert salient(Counter({"fox": 3, "pace": 1, "arians": 1, "keim": 5}), 2) == {"keim", "fox"}
    assert salient(Counter({"b": 1, "a": 1, "c": 1}), 2) == {"a", "b"}
    assert salient(Counter()) == frozenset()


def test_person_factor_needs_both_to_name_people_and_neither_to_name_the_others_leaders():
    fox, arians = frozenset({"fox"}), frozenset({"arians"})
    assert person_factor(fox, {"fox": 3}, arians, {"arians": 4}) == PERSON_MISMATCH
    assert person_factor(fox, {"fox": 3}, arians, {"arians": 4, "fox": 1}) == 1.0  # b names a's leader
    assert person_factor(fox, {"fox": 3, "arians": 1}, arians, {"arians": 4}) == 1.0  # a names b's leader
    assert person_factor(frozenset(), {}, arians, {"arians": 4}) == 1.0  # no people: no evidence either way


def test_people_are_keyed_by_surname_so_full_and_short_names_meet():
    full = features_of(make("a1", "x", people=["Ahed Tamimi", "Ahed Tamimi", "Gaby Lasky"]))
    short = features_of(make("a2", "x", people=["Tamimi"]))
    assert full.people == Counter({"tamimi": 2, "lasky": 1})
    assert full.top_people == {"tamimi", "lasky"}
    assert person_factor(full.top_people, full.people, short.top_people, short.people) == 1.0


def test_a_story_keeps_its_leading_people_as_members_arrive():
    story = _StoryState("s1")
    names = [["Ann Lee"], ["Bo Chan", "Bo Chan"], ["Cy Diaz"], ["Bo Chan", "Dee Eno"], ["Ann Lee", "Ann Lee"],
             ["Eve Fay"] * 4, ["Cy Diaz"] * 2]
    for i, people in enumerate(names):
        story.add(features_of(make(f"a{i}", "text", people=people)))
        assert story.top_people == salient(story.people)  # the incremental update equals a full recount
    assert story.top_people == {"fay", "chan", "diaz"}  # lee, chan and diaz tie at 3: by name


def test_recluster_scales_only_pairs_whose_people_are_strangers(monkeypatch):
    arts = [make("a1", GENRE, title="Bears fire coach", published="2018-01-01", people=["John Fox"] * 3),
            make("a2", GENRE, title="Cardinals coach retires", published="2018-01-01", people=["Bruce Arians"] * 3),
            make("a3", GENRE, title="Bears coach out", published="2018-01-01", people=["Fox"])]
    feats = [features_of(a) for a in arts]

    def first_order(factor: float):
        monkeypatch.setattr(recluster_module, "PERSON_MISMATCH", factor)
        return recluster_module.first_order_neighbours(feats).toarray()

    neutral, scaled = first_order(1.0), first_order(0.5)
    assert scaled[0, 1] == pytest.approx(0.5 * neutral[0, 1])  # Fox and Arians: strangers
    assert scaled[1, 2] == pytest.approx(0.5 * neutral[1, 2])
    assert scaled[0, 2] == pytest.approx(neutral[0, 2])  # "John Fox" and "Fox": the same man


TAGLINE = "For more neighborhood news, listen to Radio Norland here and sign up for our newsletter today."
TITLES = ["Man shot near Alder Park", "Council votes to widen road", "Bakery wins bread prize"]
STORIES = [
    "A man was shot in the leg near Alder Park late on Friday and taken to Mercy hospital in fair condition.",
    "The city council voted to widen Millbrook Road after three years of complaints about traffic jams.",
    "A bakery on Quay Street won the regional bread prize for its rye loaf, beating forty other bakers.",
]


def _outlet_articles():
    return [make(f"a{i}", f"{body}\n\n{TAGLINE}", title=title, published="2025-05-0" + str(i + 1),
                 outlet="Norland Daily") for i, (title, body) in enumerate(zip(TITLES, STORIES))]


def test_an_outlets_repeated_tagline_adds_no_shared_content():
    from storyline.pipeline.link.features import features_without_boilerplate

    arts = _outlet_articles()
    plain = {a.id: features_of(a) for a in arts}
    stripped = features_without_boilerplate(arts, plain)
    for a in arts:
        assert stripped[a.id] is not plain[a.id]  # every article lost its tagline
        assert stripped[a.id].counts.nnz < plain[a.id].counts.nnz
        assert not stripped[a.id].shingles & stripped["a0" if a.id != "a0" else "a1"].shingles
    alone = features_of(make("b0", STORIES[0], title=TITLES[0]))
    assert (stripped["a0"].counts != alone.counts).nnz == 0  # as if the tagline had never been printed
    other = make("c0", STORIES[1], outlet="Other Outlet")
    assert features_without_boilerplate([other], {"c0": plain["a1"]})["c0"] is plain["a1"]  # nothing lost: reused


def test_recluster_does_not_link_articles_by_their_outlets_tagline():
    arts = _outlet_articles()
    tagged = recluster_module.cluster_features([features_of(a) for a in arts])
    assert len(tagged) < 3  # the tagline alone would link them
    stories = recluster_module.recluster(arts)
    assert len(set(stories.values())) == 3


def test_dates_resolved_from_a_guessed_publication_day_are_no_event_evidence():
    from storyline.models import TimeExpr

    article = make("a1", "Blinken arrived on Thursday.", dates=["2021-03-11", "2019"])
    article.times.append(TimeExpr("Thursday", 0, 8, "2021-03-18", "DATE", estimated=True))
    article.times.append(TimeExpr("September", 0, 9, "2020-09", "DATE", estimated=True))
    features = features_of(article)
    assert features.named_days == {date(2021, 3, 11)}
    assert features.years == {2021, 2019}

"""Event-specific evidence in link similarity: outlet boilerplate is none, guessed dates are none."""

from __future__ import annotations

import importlib
from datetime import date

from storyline.pipeline.link.features import features_of
from tests.pipeline.link.conftest import make

recluster_module = importlib.import_module("storyline.pipeline.link.recluster")

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


def test_online_placement_does_not_link_articles_by_their_outlets_tagline():
    from storyline.pipeline.base import Context
    from storyline.pipeline.link import Link, StoryIndex

    arts = _outlet_articles()
    earlier = [make(f"k{i}", f"{body}\n\n{TAGLINE}", title=f"Earlier story {i}", published="2025-04-01",
                    outlet="Norland Daily") for i, body in enumerate(
                        ["Tide tables for the harbour were printed late again this spring.",
                         "The library extends its opening hours over the summer holidays.",
                         "Volunteers planted two hundred oak trees along the canal path."])]
    tagged = Link(StoryIndex(threshold=0.1, window_days=14))
    placed = [a.story for a in tagged.run([make(a.id, a.text, title=a.title, published=a.published) for a in arts],
                                          Context())]
    assert len(set(placed)) == 1  # without its outlet, the shared tagline alone links them at this threshold
    link = Link(StoryIndex(threshold=0.1, window_days=14))
    for i, a in enumerate(earlier):
        a.story = f"s-k{i}"
        link.add_known(a)  # the outlet's earlier articles teach the tagline
    stories = [a.story for a in link.run(arts, Context())]
    assert len(set(stories)) == 3 and not set(stories) & {"s-k0", "s-k1", "s-k2"}
    assert link.features["a0"].counts.nnz > features_of(make("b0", STORIES[0], title=TITLES[0])).counts.nnz

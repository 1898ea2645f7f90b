"""Stable story ids: the naming rule and what re-clustering keeps, retires and redirects."""

from __future__ import annotations

from storyline.pipeline.link.storyids import name_stories

DATES = {"a1": "2025-03-02", "a2": "2025-03-01", "a3": "2025-03-05", "a4": None, "a5": "2025-03-04"}


def test_a_fresh_story_is_named_by_its_earliest_published_member():
    naming = name_stories([["a1", "a2", "a4"]], {}, DATES)
    assert set(naming.assignment.values()) == {"s2"}
    assert naming.redirects == {}


def test_undated_members_name_a_story_only_when_nothing_is_dated():
    assert name_stories([["a4", "a9"]], {}, DATES).assignment == {"a4": "s4", "a9": "s4"}


def test_naming_does_not_depend_on_the_order_of_clusters_or_members():
    one = name_stories([["a1", "a2"], ["a3", "a5"]], {}, DATES)
    two = name_stories([["a5", "a3"], ["a2", "a1"]], {}, DATES)
    assert one.assignment == two.assignment


def test_a_story_keeps_its_id_while_it_keeps_the_article_that_named_it():
    previous = {"a1": "s1", "a3": "s1"}  # s1 was named by a1, before a2 (published earlier) arrived
    naming = name_stories([["a1", "a2", "a3"]], previous, DATES)
    assert set(naming.assignment.values()) == {"s1"}


def test_merged_stories_keep_the_bigger_one_and_redirect_the_other():
    previous = {"a1": "s1", "a4": "s1", "a5": "s1", "a3": "s3"}
    naming = name_stories([["a1", "a3", "a4", "a5"]], previous, DATES)
    assert set(naming.assignment.values()) == {"s1"}
    assert naming.redirects == {"s3": "s1"}


def test_a_split_keeps_the_id_with_its_namer_and_names_the_new_part_afresh():
    previous = {"a1": "s1", "a3": "s1", "a5": "s1"}
    naming = name_stories([["a1"], ["a3", "a5"]], previous, DATES)
    assert naming.assignment == {"a1": "s1", "a3": "s5", "a5": "s5"}
    assert naming.redirects == {}


def test_a_story_that_lost_its_namer_is_redirected_to_where_most_of_it_went():
    previous = {"a1": "s1", "a3": "s1", "a5": "s1", "a2": "s2"}
    naming = name_stories([["a1", "a2"], ["a3", "a5"]], previous, DATES)
    assert naming.assignment["a1"] == "s2"  # a1 joined s2 (its namer is there), so s1 lost its namer…
    assert naming.assignment["a3"] == "s5"
    assert naming.redirects == {"s1": "s5"}  # …and s1's link follows the two articles that went to s5

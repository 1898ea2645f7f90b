"""Claim values: when two roles, counts or names are the same thing in other words."""

from __future__ import annotations

import pytest

from storyline.pipeline.brief.values import (
    count_interval,
    counts_disagree,
    roles_agree_exactly,
    roles_disagree,
    same_person,
)


@pytest.mark.parametrize("a, b", [
    ("secretary", "secretary of state"),
    ("secretary of state", "us secretary of state"),
    ("u.s. secretary of state", "us secretary of state"),
    ("state secretary", "secretary of state"),
    ("defense secretary", "secretary of defense"),
    ("president", "u.s. president"),
    ("spokesperson", "spokeswoman"),
    ("defence minister", "defense minister"),
    ("president's spokesman", "spokesman for president muhammadu buhari"),
    ("chief executive", "chief executive officer"),
    ("diplomat", "secretary of state"),  # two descriptions, both true
    ("former foreign minister", "trade minister"),  # a past role is no claim about now
    ("president of the provence region", "regional president"),
])
def test_roles_in_other_words_do_not_disagree(a, b):
    assert not roles_disagree(a, b)


@pytest.mark.parametrize("a, b", [
    ("foreign minister", "trade minister"),
    ("defense secretary", "secretary of state"),
    ("interior ministry spokesman", "foreign ministry spokesman"),
])
def test_roles_that_cannot_both_hold_disagree(a, b):
    assert roles_disagree(a, b)


def test_one_role_in_two_word_orders_is_one_wording():
    assert roles_agree_exactly("pixel visual core engineering manager", "engineering manager for the pixel visual core")
    assert not roles_agree_exactly("secretary", "secretary of state")


@pytest.mark.parametrize("a, b, disagree", [
    ((None, 40), (None, 60), True),
    (("at least", 40), ("more than", 60), True),  # 40 counted against 60 counted, the same day
    (("at least", 50), (None, 59), False),  # a count that allows the other
    (("at least", 50), ("more than", 60), False),
    (("about", 100), (None, 95), False),
    (("nearly", 100), (None, 120), True),
    (("up to", 50), (None, 30), False),
    (("fewer than", 50), (None, 70), True),
])
def test_counts_disagree_only_when_their_intervals_do_not_meet(a, b, disagree):
    # (qualifier, value): plain numbers here are exact
    assert counts_disagree(count_interval(*a), count_interval(*b)) is disagree


@pytest.mark.parametrize("a, b, same", [
    ("Francois Hollande", "François Hollande", True),
    ("Delane", "Paul DeLane", True),
    ("Al-Adnani", "Abu Mohammed al-Adnani", True),
    ("Jane Smith", "John Smith", False),
    ("Jane Smith", "Kenji Arata", False),
    ("Edward J. Markey", "Edward Markey", True),  # an initial aside
    ("Carolos Papoulias", "Karolos Papoulias", True),  # one first name spelt two ways
    ("Mark Kelly", "Mary Kelly", False),
    ("Pat Carney", "Patricia Carney", True),  # a short form of the first name
    ("Jo Carney", "John Carney", False),  # two letters are no short form
])
def test_same_person_sets_accents_case_and_shorter_forms_aside(a, b, same):
    assert same_person(a, b) is same


def test_an_acronym_is_the_words_it_abbreviates():
    assert not roles_disagree("ceo and founder of", "chief executive and founder of")
    assert not roles_disagree("ceo", "chief executive officer")
    assert roles_disagree("chief financial officer", "chief executive officer")


def test_places_in_roles_say_where_not_what():
    places = frozenset({"nigerian", "nigeria"})
    assert roles_disagree("minister of information and culture", "nigerian information minister")  # "nigerian" unexplained
    assert not roles_disagree("minister of information and culture", "nigerian information minister", places)


def test_a_name_glued_to_junk_is_the_same_person():
    assert same_person("DailyZhang Yuanxun", "Zhang Yuanxun")
    assert not same_person("Joann", "Ann")


def test_a_round_number_stands_for_what_it_rounds():
    assert not counts_disagree(count_interval(None, 229, "229"), count_interval(None, 230, "230"))
    assert not counts_disagree(count_interval(None, 2280, "2,280"), count_interval(None, 2300, "2,300"))
    assert counts_disagree(count_interval(None, 40, "40"), count_interval(None, 60, "60"))
    assert counts_disagree(count_interval(None, 4, "4"), count_interval(None, 6, "6"))
    assert counts_disagree(count_interval(None, 220, "220"), count_interval(None, 230, "230"))  # one precision


def test_a_figure_with_decimals_stands_for_what_it_rounds_at_its_scale():
    assert not counts_disagree(count_interval(None, 2.8e9, "2.8", 1e9), count_interval(None, 2.84e9, "2.84", 1e9))
    assert counts_disagree(count_interval(None, 2.84e9, "2.84", 1e9), count_interval(None, 2.85e9, "2.85", 1e9))
    assert counts_disagree(count_interval(None, 1.90, "1.90"), count_interval(None, 2.90, "2.90"))
    assert not counts_disagree(count_interval(None, 3e6, "3", 1e6), count_interval(None, 3.1e6, "3.1", 1e6))  # 5% at most
    assert counts_disagree(count_interval(None, 3e6, "3", 1e6), count_interval(None, 3.4e6, "3.4", 1e6))

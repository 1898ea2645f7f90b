"""The substring test before a search never changes what the search finds."""

from __future__ import annotations

import re
import sys

from storyline.pipeline import textlines
from storyline.pipeline.lines import shapes
from storyline.pipeline.regex_prefilter import EXOTIC_FOLDING, Prefiltered, required_pieces


def test_pieces_of_an_alternation_and_a_literal_run():
    assert required_pieces(re.compile(r"\b(we use cookies|accept (all )?cookies|cookie (policy|settings))\b", re.IGNORECASE)) == {
        "we use cookies", "accept ", "cookie "}
    assert required_pieces(re.compile(r"Show Hide\b")) == {"show hide"}


def test_no_pieces_when_an_alternative_has_none():
    assert required_pieces(re.compile(r"\d+|cookie")) is None
    assert required_pieces(re.compile(r"(?:cookie)?\w+")) is None


def test_an_optional_or_lookahead_part_is_not_required():
    assert required_pieces(re.compile(r"abc(?:def)?")) == {"abc"}
    assert required_pieces(re.compile(r"(?=xyz)\w+")) is None


def test_exotic_folding_lists_every_character_ignorecase_takes_for_ascii():
    any_ascii_letter = re.compile("|".join("abcdefghijklmnopqrstuvwxyz"), re.IGNORECASE)
    found = {c for c in map(chr, range(0x80, sys.maxunicode + 1)) if any_ascii_letter.fullmatch(c)}
    assert found == set(EXOTIC_FOLDING)


def test_a_long_s_still_reaches_the_search():
    cookie = Prefiltered(re.compile(r"we use cookies", re.IGNORECASE))
    assert cookie.search("We u\u017fe cookies")  # the long s folds onto "s"
    assert cookie.search("WE USE COOKIES")
    assert cookie.search("We bake biscuits") is None


LINES = [
    "MOST READ", "Read more »", "Sign up for our daily newsletter and e-mails", "We use cookies to improve this site",
    "Jane Doe is a senior reporter for the Daily Planet who covers politics", "Photo: AFP",
    "(Left) The minister speaks in Seoul", "Antony Blinken is pictured", "See our terms for use of feeds",
    "United States Secretary of State Antony Blinken. PHOTO: AFP", "The minister arrives in Tokyo.",
    "© 2021 The Korea Herald. All rights reserved", "Copyright (c) 2019 The Associated Press",
    "\"We expect progress,\" she said on Monday.", "1/12 Protesters gather outside", "about the author",
    "Email him at jane@example.com", "Follow her on Twitter", "", "İSTANBUL — officials said",
]


def test_prefiltered_rules_find_what_the_plain_search_finds():
    patterns = [pattern for _, _, pattern in textlines._JUNK_PATTERNS] + [shapes.CAPTION_VERB, shapes.COPYRIGHT]
    for pattern in patterns:
        filtered = Prefiltered(pattern)
        for line in LINES:
            assert bool(filtered.search(line)) == bool(pattern.search(line)), (pattern.pattern[:40], line)

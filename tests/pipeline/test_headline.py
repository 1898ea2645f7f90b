"""The headline ranker: candidate features and the headline read from a page with other stories' headlines."""

from __future__ import annotations

from storyline.pipeline.lines.headline import best, candidate_features
from storyline.pipeline.lines.reader import read_scrape

from tests.pipeline.test_lines import PARAGRAPHS

BODY_WORDS = {w for p in PARAGRAPHS for w in p.casefold().replace(",", " ").replace(".", " ").split() if len(w) > 3}


def test_candidate_features_say_where_a_line_stands_and_how_it_ranks():
    texts = ["Home > Local > Politics", "Elmstad votes to close harbour bridge to cars", "By Tomas Berg", *PARAGRAPHS]
    labels = ["junk", "headline", "byline"] + ["body"] * len(PARAGRAPHS)
    probs = [0.01, 0.6, 0.0] + [0.0] * len(PARAGRAPHS)
    feats = candidate_features([0, 1], texts, labels, probs, 3, BODY_WORDS, lambda i: labels[i] == "byline")
    crumb, head = feats
    assert head["meta_next"] == 1.0 and crumb["meta_below"] == 1.0  # the byline stands right under the headline
    assert head["label=headline"] == 1.0 and head["to_body=2"] == 1.0 and head["rank_near=0"] == 1.0
    assert head["rank_prob=0"] == 1.0 and crumb["rank_prob=1"] == 1.0
    assert crumb["menu"] == 1.0 and crumb["first_line"] == 1.0 and "menu" not in head
    assert head["candidate_above"] == 1.0 and crumb["candidate_below"] == 1.0
    assert head["share=more"] == 1.0  # of "elmstad votes close harbour bridge cars", 5 of 6 are the body's
    assert best([]) is None


def test_the_headline_over_the_byline_wins_over_other_stories_headlines():
    menu = ["Home", "Local", "Sport", "Opinion", "Subscribe", "Sign in"]
    teasers = ["Most read", "Council approves budget for new school in north Elmstad",
               "Harbour festival returns after two years away", "Opinion: why the bridge must stay open"]
    text = "\n\n".join([*menu, *teasers, "Advertisement", "Local news", "Elmstad votes to close harbour bridge to cars",
                        "By Tomas Berg", "June 3, 2024", *PARAGRAPHS])
    reading = read_scrape(text)
    assert reading.title == "Elmstad votes to close harbour bridge to cars"
    assert reading.byline == "Tomas Berg"
    assert [t for t, keep, _ in reading.parts if keep] == PARAGRAPHS


def test_a_sentence_about_a_date_at_the_top_of_the_body_is_body_not_a_stamp():
    text = ("Pinup icon Ada Lane died Thursday evening at a hospital in Los Angeles after a heart attack, "
            "according to her official site.\n"
            "Lane was born on April 22, 1923, in Nashville, Tenn.\n"
            "She began modeling in 1950 when she met a police officer and photographer in New York City.\n"
            "By 1951 she was appearing in several magazines, and in 1955 she posed for a famous centerfold.\n")
    reading = read_scrape(text)
    kept = [t for t, keep, _ in reading.parts if keep]
    assert "Lane was born on April 22, 1923, in Nashville, Tenn." in kept
    assert reading.published is None or not reading.published.startswith("1923")


def test_a_bare_date_stamp_at_the_top_of_the_body_is_head():
    text = ("June 06, 2013\n"
            "Ada Lane, whose years as a young swimming champion led to a career in films, died on Thursday.\n"
            "She was 91 and had lived in Los Angeles since the 1940s, her family said in a statement.\n"
            "Lane starred in a dozen musicals and later ran a swimwear company with her husband.\n")
    reading = read_scrape(text)
    assert reading.published and reading.published.startswith("2013-06-06")
    assert "June 06, 2013" not in [t for t, keep, _ in reading.parts if keep]

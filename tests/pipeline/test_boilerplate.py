"""Per-outlet boilerplate memory (pipeline/lines/boilerplate.py)."""

from storyline.models import Article
from storyline.pipeline.lines.boilerplate import (
    BoilerplateMemory,
    boilerplate_flags,
    line_hash,
    strip_boilerplate,
)

TAGLINE = "For more neighborhood news, listen to the Elmstad Morning podcast every weekday."


def _article(i: int, outlet: str | None, *extra: str) -> Article:
    body = [f"The council met on day {i} and approved budget line {i}.", f"Story {i} has its own second paragraph."]
    return Article(id=f"a{i}", source=f"s{i}", text="\n\n".join([*body, *extra]), content_hash=str(i), outlet=outlet)


def test_line_hash_ignores_case_punctuation_and_numbers():
    assert line_hash("© 2019 The Elmstad Tribune.") == line_hash("© 2020 the Elmstad Tribune")
    assert line_hash("Sign up now") != line_hash("Sign up later")
    assert line_hash("The Dow fell 200 points.") != line_hash("The Dow fell 300 points.")
    assert line_hash("—") == "" and len(line_hash("Sign up now")) == 16


def test_a_line_repeated_across_an_outlets_articles_is_boilerplate():
    articles = [_article(i, "Elmstad Tribune", TAGLINE) for i in range(4)]
    memory = BoilerplateMemory.learn_batch(articles)
    lines = articles[0].text.split("\n\n")
    assert memory.flags("Elmstad Tribune", lines) == [False, False, True]
    assert memory.flags("elmstad  tribune", lines) == [False, False, True]  # one outlet, however spelled
    assert memory.flags("Other Paper", lines) == [False, False, False]  # memory is per outlet
    assert memory.flags(None, lines) == [False, False, False]


def test_two_sightings_are_not_enough_and_unknown_outlets_teach_nothing():
    memory = BoilerplateMemory.learn_batch([_article(i, "Elmstad Tribune", TAGLINE) for i in range(2)])
    assert memory.flags("Elmstad Tribune", [TAGLINE]) == [False]
    memory.learn(None, [TAGLINE])
    assert memory.articles == {"elmstad tribune": 2}


def test_a_line_counts_once_per_article():
    memory = BoilerplateMemory()
    memory.learn("Tribune", [TAGLINE, TAGLINE, TAGLINE])
    assert memory.counts["tribune"][line_hash(TAGLINE)] == 1


def test_share_threshold_and_reported_quotes():
    counts = {line_hash(TAGLINE): 3}
    assert boilerplate_flags([TAGLINE], counts, 10) == [True]
    assert boilerplate_flags([TAGLINE], counts, 1000) == [False]  # 3 of 1,000 is a coincidence of wording
    quote = '"We will not close the bridge," the mayor said on Tuesday.'
    assert boilerplate_flags([quote], {line_hash(quote): 9}, 10) == [False]


def test_strip_boilerplate_moves_paragraphs_to_removed_and_never_empties_the_body():
    articles = [_article(i, "Tribune", TAGLINE) for i in range(3)]
    memory = BoilerplateMemory.learn_batch(articles)
    key = "tribune"
    stripped = strip_boilerplate(articles[0], memory.counts[key], memory.articles[key])
    assert TAGLINE not in stripped.text and stripped.removed == [TAGLINE]
    assert stripped.text.startswith("The council met on day 0")
    only = Article(id="x", source="x", text=TAGLINE, content_hash="x", outlet="Tribune")
    assert strip_boilerplate(only, memory.counts[key], memory.articles[key]) is only

"""Credit lines name journalists, not people of the story; names are never borrowed across articles."""

from __future__ import annotations

import pytest

from storyline.models import Article, Entity, Quote
from storyline.pipeline.analyze.canonical import canonicalise_corpus
from storyline.pipeline.analyze.entities import credit_spans, extract_entities
from storyline.pipeline.analyze.nlp import load_nlp


@pytest.mark.parametrize("line", [
    "(Reporting by Jack Kim; Editing by Lincoln Feast)",
    "Additional reporting by Maria Lopez in Madrid.",
    "Writing by Tom Brown; editing by Alison Williams",
    "Anna Berg contributed to this report.",
    "With Post wires",
    "— With files from The Canadian Press",
])
def test_credit_clauses_are_found(line):
    text = f"The talks resumed on Monday.\n\n{line}"
    spans = credit_spans(text)
    assert spans and text[spans[0][0]:spans[0][1]].strip(" .()") in line


def test_a_credit_line_gives_no_person():
    text = ('Kim said the missiles were a warning. "We will respond," Kim told state media.\n\n'
            "(Reporting by Jack Kim in Seoul; Editing by Lincoln Feast)")
    people = {e.canonical for e in extract_entities(load_nlp()(text)) if e.label == "PERSON"}
    assert "Jack Kim" not in people and "Lincoln Feast" not in people


def test_a_word_of_a_title_is_no_body():
    text = ("Secretary of State Jane Arata and Defense Secretary Tom Varga arrived in Tokyo. "
            "The State Department said the visit was planned.")
    bodies = {e.text for e in extract_entities(load_nlp()(text)) if e.label != "PERSON"}
    assert "State" not in bodies and "Defense" not in bodies
    assert "State Department" in bodies  # the department itself, named, stays


def test_a_name_tagged_as_a_person_elsewhere_in_the_article_is_that_person():
    from storyline.pipeline.analyze.entities import _fix_labels

    found = [Entity("Trump", "PERSON", "Trump", 0, 5), Entity("Trump", "ORG", "Trump", 40, 45)]
    _fix_labels(found)
    assert [e.label for e in found] == ["PERSON", "PERSON"]


def _article(i: str, text: str, people: list[str], speaker: str | None = None) -> Article:
    entities = [Entity(p, "PERSON", p, text.index(p.split()[-1]), text.index(p.split()[-1]) + len(p)) for p in people]
    quotes = [Quote("x", 0, 1, speaker, [speaker])] if speaker else []
    return Article(id=i, source=i, text=text, content_hash=i, entities=entities, quotes=quotes)


def test_a_bare_surname_is_not_given_a_full_name_from_another_article():
    one = _article("a1", "Jack Kim wrote about the market.", ["Jack Kim"])
    two = _article("a2", "Kim said the launch was a warning.", ["Kim"], speaker="Kim")
    canonicalise_corpus([one, two])
    assert two.entities[0].canonical == "Kim" and two.quotes[0].speaker == "Kim"



def test_an_occupation_before_a_full_name_leaves_the_name():
    nlp = load_nlp()
    people = {e.canonical for e in extract_entities(nlp("Comedian Sarah Silverman spoke on Monday.")) if e.label == "PERSON"}
    assert people == {"Sarah Silverman"}

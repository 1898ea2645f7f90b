"""Entities: canonical names, roles and label fixes, on hand-set spans (no model needed)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from storyline.models import Article, Entity, Quote
from storyline.pipeline.analyze.canonical import canonicalise_corpus
from storyline.pipeline.analyze.entities import extract_entities

_NLP = spacy.blank("en")


def doc_with(text: str, *ents: tuple[str, str, int]) -> Doc:
    """A doc of ``text`` whose entities are (surface, label, occurrence) as the model might tag them."""
    doc = _NLP(text)
    spans = []
    for surface, label, nth in ents:
        start = -1
        for _ in range(nth + 1):
            start = text.index(surface, start + 1)
        span = doc.char_span(start, start + len(surface), label=label, alignment_mode="expand")
        assert span is not None, surface
        spans.append(span)
    doc.ents = spans
    return doc


def by_text(entities: list[Entity]) -> dict[str, Entity]:
    return {e.text: e for e in entities}


def test_one_canonical_name_per_person_with_role_kept_apart():
    text = ("Foreign Minister Jane Smith arrived on Monday. Smith said little. "
            "Jane Smith later met reporters, and Smith's aides smiled.")
    doc = doc_with(text, ("Foreign Minister Jane Smith", "PERSON", 0), ("Smith", "PERSON", 1),
                   ("Jane Smith", "PERSON", 1), ("Smith's", "PERSON", 0))
    entities = extract_entities(doc)
    assert [e.canonical for e in entities] == ["Jane Smith"] * 4
    assert entities[0].text == "Jane Smith" and entities[0].role == "Foreign Minister"
    assert entities[3].text == "Smith"  # possessive trimmed
    for e in entities:
        assert text[e.start:e.end] == e.text


def test_role_before_name_and_in_apposition():
    text = ("The talks were led by acting assistant secretary of state Mark Ode and by Tom Arata, "
            "the trade minister, who said little.")
    doc = doc_with(text, ("Mark Ode", "PERSON", 0), ("Tom Arata", "PERSON", 0))
    found = by_text(extract_entities(doc))
    assert found["Mark Ode"].role == "acting assistant secretary of state"
    assert found["Tom Arata"].role == "trade minister"


def test_a_bare_chief_is_no_role_but_the_phrase_that_says_of_what_is():
    text = ("Pentagon chief Tom Arata landed first. Later chief Mark Ode arrived, and defense chief Al Gore "
            "followed.")
    doc = doc_with(text, ("Tom Arata", "PERSON", 0), ("Mark Ode", "PERSON", 0), ("Al Gore", "PERSON", 0))
    doc[0].pos_ = "PROPN"  # as the tagger has it; the blank pipeline tags nothing
    found = by_text(extract_entities(doc))
    assert found["Tom Arata"].role == "Pentagon chief"
    assert found["Mark Ode"].role is None  # "Later" is no proper noun: "chief" alone says nothing
    assert found["Al Gore"].role == "defense chief"


def test_surname_of_known_person_is_not_a_place():
    text = "Tom Arata flew in. Arata told the press he was hopeful."
    doc = doc_with(text, ("Tom Arata", "PERSON", 0), ("Arata", "GPE", 1))
    entities = extract_entities(doc)
    assert entities[1].label == "PERSON" and entities[1].canonical == "Tom Arata"


def test_region_is_a_place_and_trailing_punctuation_trimmed():
    text = "Ships crossed the Indo-Pacific region. Brightwave Systems, and Brightwave."
    doc = doc_with(text, ("the Indo-Pacific region", "ORG", 0), ("Brightwave Systems,", "ORG", 0),
                   ("Brightwave.", "ORG", 0))
    found = by_text(extract_entities(doc))
    assert found["Indo-Pacific region"].label == "LOC"
    assert found["Brightwave"].canonical == "Brightwave Systems"


def test_shared_surname_in_one_article_stays_unmerged():
    text = "Jane Smith and John Smith disagreed. Smith left early."
    doc = doc_with(text, ("Jane Smith", "PERSON", 0), ("John Smith", "PERSON", 0), ("Smith", "PERSON", 2))
    entities = extract_entities(doc)
    assert entities[2].canonical == "Smith"


def _article(aid: str, *names: str, speaker: str | None = None) -> Article:
    article = Article(id=aid, source=aid, text=" ".join(names), content_hash=aid)
    pos = 0
    for name in names:
        article.entities.append(Entity(name, "PERSON", name, pos, pos + len(name)))
        pos += len(name) + 1
    if speaker:
        article.quotes.append(Quote("x", 0, 1, speaker=speaker, speakers=[speaker]))
    return article


def test_corpus_canonicalisation_never_borrows_a_full_name_from_another_article():
    a = _article("a", "Jane Smith", "Tom Arata")
    b = _article("b", "Arata", "Smith", speaker="Arata")
    canonicalise_corpus([a, b])
    # b never prints "Tom" or "Jane": its Arata may be anyone called Arata (issue 15)
    assert [e.canonical for e in b.entities] == ["Arata", "Smith"]
    assert b.quotes[0].speaker == "Arata" and b.quotes[0].speakers == ["Arata"]

    c = _article("c", "John Smith")
    d = _article("d", "Smith")
    canonicalise_corpus([a, c, d])
    assert d.entities[0].canonical == "Smith"  # two Smiths in the corpus: ambiguous


def test_corpus_canonicalisation_unifies_spellings_whatever_the_order():
    runs = []
    for order in ([0, 1, 2], [2, 1, 0]):
        arts = [_article("a", "Donald J. Trump"), _article("b", "Donald Trump"), _article("c", "Donald Trump")]
        canonicalise_corpus([arts[i] for i in order])
        runs.append([e.canonical for art in arts for e in art.entities])
    assert runs[0] == runs[1] == ["Donald Trump"] * 3


def test_a_one_word_body_printed_after_a_first_name_is_a_person():
    text = "After the Donald Trump era, Trump's summits ended. George Washington University and Washington agreed."
    doc = doc_with(text, ("Trump", "ORG", 1), ("George Washington University", "ORG", 0), ("Washington", "ORG", 1))
    found = by_text(extract_entities(doc))
    assert found["Trump"].label == "PERSON"
    assert found["Washington"].label == "ORG"  # "George Washington" inside a body's name says nothing


def test_a_name_given_to_a_place_is_a_place():
    text = "Ships sailed near the Senkaku islands, claimed by China, which calls them the Diaoyus. The Quad met."
    doc = doc_with(text, ("China", "GPE", 0), ("Diaoyus", "ORG", 0), ("Quad", "ORG", 0))
    found = by_text(extract_entities(doc))
    assert found["Diaoyus"].label == "LOC"
    assert found["Quad"].label == "ORG"


def test_a_shift_key_slip_is_mended_in_the_canonical_name_only():
    text = "Spokesman Zhao LIjian spoke. Later Sean OConnor spoke."
    doc = doc_with(text, ("Zhao LIjian", "PERSON", 0), ("Sean OConnor", "PERSON", 0))
    found = by_text(extract_entities(doc))
    assert found["Zhao LIjian"].canonical == "Zhao Lijian"
    assert found["Sean OConnor"].canonical == "Sean OConnor"  # an O' name written without the apostrophe


def test_one_name_in_two_cases_is_one_person_of_the_story():
    from storyline.pipeline.analyze.canonical import story_names

    a = _article("a", "ZHAO LIJIAN", "Zhao Lijian", "Zhao Lijian")
    b = _article("b", "ZHAO LIJIAN", "ZHAO LIJIAN", "ZHAO LIJIAN")
    assert story_names([a, b]) == {"ZHAO LIJIAN": "Zhao Lijian"}


def test_a_place_name_after_a_first_name_is_a_person_unless_the_article_writes_it_as_a_place():
    text = "Mark Nefzi spoke first. Nefzi said he was shocked. Denzel Washington flew to Washington."
    doc = doc_with(text, ("Nefzi", "GPE", 1), ("Washington", "GPE", 1))
    found = by_text(extract_entities(doc))
    assert found["Nefzi"].label == "PERSON"
    assert found["Washington"].label == "GPE"


def test_a_title_before_for_or_to_is_anothers():
    text = "A spokeswoman for Al Gore declined to comment. A senior adviser to Tom Arata said nothing."
    doc = doc_with(text, ("Al Gore", "PERSON", 0), ("Tom Arata", "PERSON", 0))
    found = by_text(extract_entities(doc))
    assert found["Al Gore"].role is None and found["Tom Arata"].role is None


def test_a_hyphenated_given_name_cut_by_the_model_is_whole():
    text = "South Korean President Moon Jae-in spoke. A Donald Trump-led party met."
    doc = doc_with(text, ("Moon Jae", "PERSON", 0), ("Donald Trump", "PERSON", 0))
    names = [e.canonical for e in extract_entities(doc)]
    assert names == ["Moon Jae-in", "Donald Trump"]

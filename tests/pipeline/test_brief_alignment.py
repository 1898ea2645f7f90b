"""Alignment: when two sentences of different articles state one fact."""

from __future__ import annotations

from storyline.models import Article, Entity
from storyline.pipeline.brief.alignment import Aligner, content_word, content_words, whole


def _article(aid: str, text: str, *names: tuple[str, str]) -> Article:
    entities = [Entity(n, label, n, text.index(n), text.index(n) + len(n)) for n, label in names]
    return Article(id=aid, source=aid, text=text, content_hash=aid, entities=entities)


def test_content_words_leave_out_figures_dates_and_saying_and_read_one_sense_as_one():
    assert content_word("said") is None and content_word("Monday") is None and content_word("1,200") is None
    assert content_word("seven") is None and content_word("the") is None
    assert content_word("died") == content_word("killed") == "killed"
    assert content_word("op-ed") == content_word("opinion") == "opinion-piece"
    assert content_words("Seven people died in Ostra on Monday, police said.") == {"people", "killed", "ostra", "police"}


def test_a_hard_wrapped_sentence_is_read_whole():
    text = "Shell Canada raised the postings of\n\nlight crude by 32 cts a barrel,\n\neffective today. Next one."
    start = text.index("light")
    assert text[slice(*whole(text, (start, start + len("light crude by 32 cts a barrel,")))) ] == (
        "Shell Canada raised the postings of\n\nlight crude by 32 cts a barrel,\n\neffective today.")


def test_aligned_sentences_share_words_cast_and_subject():
    ta = "Harlow Partners said it raised its stake in Dunmore Foods to 410,000 shares."
    tb = "Harlow Partners raised its stake in Dunmore Foods to 380,000 shares, a filing showed."
    tc = "Harlow Partners said it raised its stake in Bellweather Mills to 380,000 shares."
    a = _article("a", ta, ("Harlow Partners", "ORG"), ("Dunmore Foods", "ORG"))
    b = _article("b", tb, ("Harlow Partners", "ORG"), ("Dunmore Foods", "ORG"))
    c = _article("c", tc, ("Harlow Partners", "ORG"), ("Bellweather Mills", "ORG"))
    aligner = Aligner()
    same = aligner.align(a, (0, len(ta)), b, (0, len(tb)))
    assert same.alike and same.one_actor and same.one_fact and same.actors_agree
    other = aligner.align(a, (0, len(ta)), c, (0, len(tc)))
    assert not other.actors_agree and not other.alike  # Bellweather Mills is printed nowhere in a


def test_a_source_is_not_the_facts_subject_but_a_name_speaking_of_itself_is():
    ta = "Ten people died in the blast, Red Cross officials said."
    tb = "Ten people died in the blast, police said."
    tc = "Harlow Oil said it raised its price."
    a = _article("a", ta, ("Red Cross", "ORG"))
    b = _article("b", tb)
    c = _article("c", tc, ("Harlow Oil", "ORG"))
    aligner = Aligner()
    assert aligner.align(a, (0, len(ta)), b, (0, len(tb))).actors_agree
    assert not aligner.align(c, (0, len(tc)), b, (0, len(tb))).actors_agree

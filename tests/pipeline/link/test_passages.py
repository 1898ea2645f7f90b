from storyline.pipeline.link.passages import find_shared_passages, shared_passages_of
from storyline.pipeline.link.words import words
from tests.pipeline.link.conftest import make

QUOTE_STRAIGHT = 'The mayor said: "We will rebuild every bridge the river took from us this year." Then she left.'
QUOTE_CURLY = "Officials were cautious. \u201cWe will rebuild every bridge the river took from us this year,\u201d the mayor said."
UNRELATED = "A bakery in the old town won a prize for its rye bread on Sunday afternoon."


def test_words_keep_offsets_and_unify_apostrophes():
    text = "Don\u2019t panic \u2014 it\u2019s fine."
    w = words(text)
    assert w.tokens == ("don't", "panic", "it's", "fine")
    assert [text[s:e] for s, e in zip(w.starts, w.ends)] == ["Don\u2019t", "panic", "it\u2019s", "fine"]


def test_quote_with_different_marks_is_one_passage_with_spans():
    a, b, c = make("a1", QUOTE_STRAIGHT), make("a2", QUOTE_CURLY), make("a3", UNRELATED)
    passages = find_shared_passages([a, b, c])
    assert len(passages) == 1
    p = passages[0]
    assert p.articles == ["a1", "a2"]
    assert p.words == 12
    spans = {s.article: s for s in p.spans}
    assert QUOTE_STRAIGHT[spans["a1"].start:spans["a1"].end] == "We will rebuild every bridge the river took from us this year"
    assert QUOTE_CURLY[spans["a2"].start:spans["a2"].end] == "We will rebuild every bridge the river took from us this year"


def test_seven_shared_words_are_not_a_passage():
    a = make("a1", "Snow fell hard on the quiet northern valley overnight.")
    b = make("a2", "By noon, rain fell hard on the quiet northern valley again.")
    assert find_shared_passages([a, b]) == []
    assert [p.words for p in find_shared_passages([a, b], min_words=7)] == [7]


def test_paragraph_in_three_outlets_and_half_quoted_by_a_fourth():
    para = ("The ministers agreed to restart talks on a trade pact after two years of strained relations "
            "over tariffs on steel and farm goods, officials said on Wednesday evening.")
    arts = [
        make("a1", "GENEVA. " + para),
        make("a2", "Local view. " + para + " More to follow."),
        make("a3", para),
        make("a4", "Earlier: two years of strained relations over tariffs on steel and farm goods had hurt exports."),
    ]
    passages = find_shared_passages(arts)
    carriers = sorted(len(p.articles) for p in passages)
    assert carriers[-1] == 4  # the half the fourth outlet quotes
    assert 3 in carriers  # the rest, carried by three
    for p in passages:
        for s in p.spans:
            text = next(a.text for a in arts if a.id == s.article)
            assert words(text[s.start:s.end]).tokens == words(p.text).tokens


def test_result_does_not_depend_on_order():
    arts = [make("a1", QUOTE_STRAIGHT), make("a2", QUOTE_CURLY), make("a3", UNRELATED)]
    assert find_shared_passages(arts) == find_shared_passages(arts[::-1])
    assert [p.articles for p in shared_passages_of(arts)] == [["a1", "a2"]]

"""Cutting paragraphs out of an analysed article keeps every remaining offset on the same words."""

from storyline.models import Article, Entity, Mention, Quote, TimeExpr
from storyline.pipeline.excise import excise_paragraphs, paragraph_spans

TEXT = ("Sign up for our newsletter today.\n\n"
        "The minister said \"we will go\" on Monday.\n\n \n\n"
        "For more harbour news, listen to the Harbour Hour.\n\n"
        "Police said Kim left on Tuesday.")


def _at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def _article() -> Article:
    quote_start = TEXT.index('"we')
    return Article(
        id="a", source="a.txt", text=TEXT, content_hash="h",
        entities=[Entity("minister", "PERSON", "minister", *_at("minister")), Entity("Kim", "PERSON", "Kim", *_at("Kim")),
                  Entity("Harbour Hour", "ORG", "Harbour Hour", *_at("Harbour Hour"))],
        quotes=[Quote('"we will go"', quote_start, quote_start + 12, "minister", ["minister"],
                      Mention("minister", *_at("minister")), "said")],
        times=[TimeExpr("Monday", *_at("Monday"), "2021-03-15", "DATE"), TimeExpr("Tuesday", *_at("Tuesday"), "2021-03-16", "DATE")],
    )


def test_paragraph_spans_skip_blank_paragraphs():
    assert [TEXT[s:e] for s, e in paragraph_spans(TEXT)] == [
        "Sign up for our newsletter today.", 'The minister said "we will go" on Monday.',
        "For more harbour news, listen to the Harbour Hour.", "Police said Kim left on Tuesday."]


def test_kept_items_point_at_the_same_words_and_dropped_ones_go():
    cut = excise_paragraphs(_article(), [True, False, True, False])
    assert cut.text == 'The minister said "we will go" on Monday.\n\nPolice said Kim left on Tuesday.'
    assert cut.removed == ["Sign up for our newsletter today.", "For more harbour news, listen to the Harbour Hour."]
    assert [(e.text, cut.text[e.start:e.end]) for e in cut.entities] == [("minister", "minister"), ("Kim", "Kim")]
    assert [cut.text[t.start:t.end] for t in cut.times] == ["Monday", "Tuesday"]
    quote, = cut.quotes
    assert cut.text[quote.start:quote.end] == '"we will go"'
    assert cut.text[quote.speaker_mention.start:quote.speaker_mention.end] == "minister"


def test_nothing_flagged_is_the_article_itself():
    article = _article()
    assert excise_paragraphs(article, [False] * 4) is article


def test_a_span_reaching_across_a_dropped_paragraph_goes_with_it():
    article = _article()
    start, _ = _at("minister")
    _, end = _at("Kim")
    article.quotes = [Quote(TEXT[start:end], start, end)]
    assert excise_paragraphs(article, [False, False, True, False]).quotes == []


def test_a_speaker_named_only_in_a_dropped_paragraph_goes_with_it():
    text = ('"Mars is next," the post read.\n\nThe 46-year-old Elon Musk predicts more.\n\nMusk spoke.')
    quote = Quote('"Mars is next,"', 0, 15, "The 46-year-old", ["The 46-year-old"],
                  Mention("The 46-year-old", text.index("The 46"), text.index("The 46") + 15), "predicts", "as_written")
    named = Quote('"Mars is next,"', 0, 15, "Musk", ["Musk"],
                  Mention("Musk", text.index("Musk"), text.index("Musk") + 4), "predicts", "name")
    article = Article(id="a", source="a.txt", text=text, content_hash="h", quotes=[quote, named])
    gone, kept = excise_paragraphs(article, [False, True, False]).quotes
    assert (gone.speaker, gone.speakers, gone.speaker_mention, gone.speaker_rule) == (None, [], None, None)
    assert (kept.speaker, kept.speakers, kept.speaker_mention, kept.speaker_rule) == ("Musk", ["Musk"], None, "name")

"""What each source alone reports, and citations that say what they point at."""

from __future__ import annotations

from storyline.models import Article, Story
from storyline.pipeline.brief import BuildBrief
from storyline.render.markdown import brief_markdown

OWN = "The harbour board will publish its full report on the collapse next month."


def _article(aid: str, text: str, outlet: str | None) -> Article:
    return Article(id=aid, source=f"{aid}.txt", text=text, content_hash=aid, outlet=outlet, published="2025-03-12")


def _only_here(articles: list[Article]) -> dict[str, list[str]]:
    brief = BuildBrief().run(Story("s1", "Talks", [a.id for a in articles]), articles)
    return {c.article: [u.text for s in brief.sources for u in s.unique if u.citations[0].article == c.article]
            for s in brief.sources for u in s.unique for c in u.citations}


def test_articles_of_an_unknown_outlet_are_sources_apart_and_quote_marks_do_not_tell_lines_apart():
    line = "\"Our alliances are what our military calls 'force multipliers,'\" the two ministers wrote on Sunday."
    a = _article("a1", f"{line}\n\n{OWN}", None)
    b = _article("a2", line.replace('"', "“", 1).replace('"', "”").replace("'", "’") + "\n\nShares rose sharply.", None)
    c = _article("a3", "Officials in the capital declined to comment on the plans for the bridge.", "Herald")
    unique = _only_here([a, b, c])
    assert unique["a1"] == [OWN]  # the shared line is in a2, whose outlet is unknown too: not "only here"
    assert "a2" not in unique  # "Shares rose sharply." is under six words
    assert unique["a3"] == ["Officials in the capital declined to comment on the plans for the bridge."]


def test_a_sentence_inside_another_outlets_longer_sentence_is_not_only_here():
    short = "We are able to achieve far more with them than we could without them."
    longer = ("We’re able to achieve far more with them than we could without them, they said in a joint opinion "
              "piece published on Monday in a newspaper of the capital.")
    a = _article("a1", f"{short.replace('We are', 'We’re')}\n\n{OWN}", "Post")
    b = _article("a2", longer, "Wire")
    unique = _only_here([a, b])
    assert unique["a1"] == [OWN]
    # the longer sentence says more than the shorter one (a quarter of it is not in a1): it stays b's alone
    assert unique["a2"] == [longer]


def test_shared_passage_carriers_printing_other_marks_are_variants_with_their_own_words():
    straight = "\"We have turned a page today, and both sides know what is at stake for our farmers,\" she said."
    curly = straight.replace('"', "“", 1).replace(',"', ",”")
    a = _article("a1", f"Talks resumed in Geneva.\n\n{straight}", "Wire")
    b = _article("a2", f"Ministers met again on Friday.\n\n{curly}", "Post")
    brief = BuildBrief().run(Story("s1", "Talks", ["a1", "a2"]), [a, b])
    [passage] = brief.shared_passages
    texts = {"a1": a.text, "a2": b.text}
    assert passage.articles == ["a1", "a2"]
    assert all(texts[c.article][c.start:c.end] == passage.text for c in passage.citations)
    [variant] = passage.variants
    assert {passage.text, variant.text} == {straight, curly}
    assert [texts[c.article][c.start:c.end] for c in variant.citations] == [variant.text]
    assert brief.to_contract()["shared_passages"][0]["variants"][0]["text"] == variant.text
    # the outlets shown beside it include the variant's
    assert "(2 articles: a1, a2) (Wire, Post)" in brief_markdown(brief, {"a1": a, "a2": b})


def test_articles_of_an_unknown_outlet_are_listed_apart_each_named_by_what_a_reader_knows_it_by():
    line = "Officials in the capital declined to comment on the plans for the new bridge on Friday."
    a = _article("a1", line, None)
    a.url = "https://www.example.org/news/bridge"
    b = _article("a2", line + "\n\nShares of the builder rose sharply after the vote.", None)
    b.title = "Bridge plans held up"
    c = _article("a3", "The harbour board will meet again next week to discuss the bridge plans.", None)
    c.published = None
    d = _article("a4", "The harbour board has not said when it will publish the plans.", "Herald")
    e = _article("a5", "Engineers said the old bridge could stay open until the new one is built.", None)
    e.byline = "Jane  Okafor"
    f = _article("a6", "Traffic on the old bridge has doubled since the ferry stopped running.", None)
    f.published = "2021-03-04T09:00:00"
    g = _article("a7", "Ferry crews walked out over pay in the week the bridge plans were shown.", None)
    g.published_estimated = True  # a date we guessed names no article
    brief = BuildBrief().run(Story("s1", "Bridge", ["a1", "a2", "a3", "a4", "a5", "a6", "a7"]), [a, b, c, d, e, f, g])
    assert {s.outlet: s.articles for s in brief.sources} == {
        "(unknown outlet) example.org": ["a1"],
        "(unknown outlet) “Bridge plans held up”": ["a2"],
        "(unknown outlet) untitled, undated article beginning “The harbour board will meet again next week …”": ["a3"],
        "Herald": ["a4"],
        "(unknown outlet) article by Jane Okafor": ["a5"],
        "(unknown outlet) untitled article, 4 March 2021": ["a6"],
        "(unknown outlet) untitled, undated article beginning “Ferry crews walked out over pay in the …”": ["a7"],
    }


def test_two_articles_of_an_unknown_outlet_with_one_title_are_told_apart_by_their_ids():
    a = _article("a1", "Officials in the capital declined to comment on the plans for the new bridge.", None)
    b = _article("a2", "The harbour board will meet again next week to discuss the plans for the bridge.", None)
    a.title = b.title = "Bridge plans"
    brief = BuildBrief().run(Story("s1", "Bridge", ["a1", "a2"]), [a, b])
    assert sorted(s.outlet for s in brief.sources) == [
        "(unknown outlet) “Bridge plans” (a1)", "(unknown outlet) “Bridge plans” (a2)"]

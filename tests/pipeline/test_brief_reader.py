"""What a reader of a brief sees: body sentences, merged quotes, one person, whole passages, real conflicts."""

from __future__ import annotations

import pytest

from storyline.models import Article, Entity, Quote, Story, TimeExpr
from storyline.pipeline.analyze.canonical import story_names
from storyline.pipeline.brief import BuildBrief
from storyline.pipeline.brief.body import body_sentence, dateline_length
from storyline.pipeline.brief.quotes import merge_quotes
from storyline.pipeline.sentences import Sentence
from storyline.render.html import brief_html
from storyline.render.markdown import brief_markdown


def _article(aid: str, text: str, outlet: str | None = None, published: str | None = "2025-03-12", **kw) -> Article:
    return Article(id=aid, source=f"{aid}.txt", text=text, content_hash=aid, outlet=outlet, published=published, story="s1", **kw)


def _story(articles: list[Article]) -> Story:
    return Story("s1", "Talks", [a.id for a in articles])


def _person(text: str, name: str, role: str | None = None) -> Entity:
    start = text.index(name)
    return Entity(name, "PERSON", name, start, start + len(name), role)


def _day(text: str, word: str, value: str) -> TimeExpr:
    start = text.index(word)
    return TimeExpr(word, start, start + len(word), value, "DATE")


def test_datelines_are_cut_from_what_is_shown():
    assert dateline_length("SEOUL/WASHINGTON (Reuters) - North Korea said on Wednesday it had fired a missile.") == 29
    assert dateline_length("TOKYO (AFP) – Two ministers arrived in Japan.") == 14
    assert dateline_length("BEIJING -- China said it opposed the launches.") == 11
    assert dateline_length("MOSCOW: Engineers said they had regained control.") == 8
    assert dateline_length("The minister said -- once again -- that talks would resume.") == 0
    assert dateline_length("A UN envoy - the third this year - arrived.") == 0


def test_headlines_captions_and_labels_are_not_body_sentences():
    title = "Ministers seek closer ties in Harbour trip"
    assert body_sentence(Sentence(0, 42, "Ministers seek closer ties in Harbour trip"), title) is None
    assert body_sentence(Sentence(0, 32, "Flood barriers (Photo: A. Smith)"), None) is None
    kept = body_sentence(Sentence(10, 62, "GENEVA (CP) -- The two ministers agreed to meet again."), None)
    assert kept is not None and kept.text == "The two ministers agreed to meet again." and kept.start == 10 + 15


def test_summary_lines_are_body_sentences_citing_exact_copies_and_marked_variants():
    lead = "GENEVA (CP) -- The two ministers agreed on Wednesday to restart trade talks that collapsed two years ago."
    a_text = "Ministers restart trade talks\n\n" + lead + "\nOfficials said the next round would open in April in the capital."
    b_text = lead.replace("GENEVA (CP) -- ", "") + "\nOfficials said the next round would open in April in the capital city."
    c_text = lead.replace("GENEVA (CP) -- ", "")
    a = _article("a1", a_text, "Wire", title="Ministers restart trade talks")
    b = _article("a2", b_text, "Post")
    c = _article("a3", c_text, "Herald")
    brief = BuildBrief().run(_story([a, b, c]), [a, b, c])
    texts = {x.id: x.text for x in (a, b, c)}
    assert "Ministers restart trade talks" not in [s.text for s in brief.summary]
    for line in brief.summary:
        assert not line.text.startswith("GENEVA")
        assert all(texts[cite.article][cite.start:cite.end] == line.text for cite in line.citations)
        for variant in line.variants:
            assert variant.text != line.text
            assert all(texts[cite.article][cite.start:cite.end] == variant.text for cite in variant.citations)
    talks = next(s for s in brief.summary if s.text.startswith("The two ministers"))
    assert sorted(c.article for c in talks.citations) == ["a1", "a2", "a3"]
    april = next(s for s in brief.summary if s.text.startswith("Officials said"))
    assert [v.citations[0].article for v in april.variants] and len(april.citations) == 1


def test_quotes_merge_across_quote_marks_and_fragments():
    long = "\u201cOur alliances are what our military calls \u2018force multipliers.\u2019 We are able to do far more with them,\u201d she said."
    straight = "\"Our alliances are what our military calls 'force multipliers.' We are able to do far more with them,\" she said."
    first = "She wrote: \"Our alliances are what our military calls 'force multipliers.'\""
    quotes = []
    for aid, text in (("a1", long), ("a2", straight), ("a3", first)):
        inner = text[text.index("Our"):text.rindex("them") + 4] if "them" in text else text[text.index("Our"):-1]
        start = text.index(inner)
        quotes.append(_article(aid, text, quotes=[Quote(inner, start, start + len(inner), "Jane Smith", ["Jane Smith"])]))
    [merged] = merge_quotes(quotes)
    assert merged.articles == ["a1", "a2", "a3"]
    assert merged.text.endswith("far more with them") and len(merged.variants) == 2


def test_people_of_a_story_are_one_person_under_titles_and_surnames():
    text_a = "Comedian Sarah Silverman said Sheen was kind. Dr Guerras agreed with Eduardo Guerras."
    text_b = "Sarah Silverman and Michael Sheen split. Trump spoke. Donald Trump left."
    a = _article("a1", text_a, entities=[_person(text_a, "Comedian Sarah Silverman"), _person(text_a, "Sheen"),
                                         _person(text_a, "Dr Guerras"), _person(text_a, "Eduardo Guerras")])
    b = _article("a2", text_b, entities=[_person(text_b, "Sarah Silverman"), _person(text_b, "Michael Sheen"),
                                         _person(text_b, "Trump"), _person(text_b, "Donald Trump")])
    names = story_names([a, b])
    assert names == {
        "Comedian Sarah Silverman": "Sarah Silverman", "Sheen": "Michael Sheen",
        "Dr Guerras": "Eduardo Guerras", "Trump": "Donald Trump",
    }
    brief = BuildBrief().run(_story([a, b]), [a, b])
    assert sorted(e.canonical for e in brief.entities) == ["Donald Trump", "Eduardo Guerras", "Michael Sheen", "Sarah Silverman"]
    assert a.entities[0].canonical == "Comedian Sarah Silverman"  # the caller's articles are left alone


def test_a_surname_two_people_share_stays_apart():
    text = "Jane Smith met John Smith. Smith said nothing."
    a = _article("a1", text, entities=[_person(text, "Jane Smith"), _person(text, "John Smith"),
                                       Entity("Smith", "PERSON", "Smith", 27, 32)])
    assert story_names([a]) == {}


def test_a_shared_run_is_one_passage_of_whole_sentences_across_its_paragraphs():
    shared = ("The council approved the new flood barrier on Tuesday after a long debate. "
              "Work on the barrier will start in the spring and last two years.")
    a_text = "Residents had waited for years, and at last " + shared + "\n\nThe mayor welcomed the vote in a short statement to reporters."
    b_text = "After years of delay, " + shared + "\n\nThe mayor welcomed the vote in a short statement to reporters."
    a, b = _article("a1", a_text, "Star"), _article("a2", b_text, "Gazette")
    brief = BuildBrief().run(_story([a, b]), [a, b])
    passages = brief.shared_passages
    texts = {"a1": a_text, "a2": b_text}
    assert [p.text for p in passages] == [
        "Work on the barrier will start in the spring and last two years."
        "\n\nThe mayor welcomed the vote in a short statement to reporters.",
    ]
    for p in passages:
        assert p.articles == ["a1", "a2"]
        assert all(texts[c.article][c.start:c.end] == p.text for c in p.citations)
    # rendered as one list item, its second paragraph indented under it (Markdown) or on a line of its own (HTML)
    assert ("- Work on the barrier will start in the spring and last two years.\n\n"
            "  The mayor welcomed the vote in a short statement to reporters. (2 articles: a1, a2) (Star, Gazette)"
            in brief_markdown(brief, {"a1": a, "a2": b}))
    assert "last two years.<br>The mayor welcomed" in brief_html(brief)


def test_a_shared_quote_is_shown_whole_up_to_its_closing_mark():
    quote = ("\"Our alliances are what our military calls force multipliers. We are able to achieve far more "
             "with them than we could without them,\"")
    a_text = f"The ministers wrote an op-ed.\n\n{quote} they said in a joint opinion piece on Monday."
    b_text = f"Two ministers set out their case.\n\n{quote} the two wrote in the capital's daily on Sunday."
    a, b = _article("a1", a_text, "Star"), _article("a2", b_text, "Gazette")
    [passage] = BuildBrief().run(_story([a, b]), [a, b]).shared_passages
    assert passage.text == quote
    assert [a_text[c.start:c.end] if c.article == "a1" else b_text[c.start:c.end] for c in passage.citations] == [quote] * 2


def test_a_shared_run_is_split_where_its_carriers_break_it_differently():
    first = "The council approved the new flood barrier on Tuesday after a long and heated debate."
    second = "Work on the barrier will start in the spring and last for about two years."
    a_text = f"Residents had waited for years.\n\n{first}\n\n{second}"
    b_text = f"After years of delay, at last.\n\n{first} {second}"
    a, b = _article("a1", a_text, "Star"), _article("a2", b_text, "Gazette")
    passages = BuildBrief().run(_story([a, b]), [a, b]).shared_passages
    assert [p.text for p in passages] == [first, second]
    texts = {"a1": a_text, "a2": b_text}
    for p in passages:
        assert all(texts[c.article][c.start:c.end] == p.text for c in p.citations) and not p.variants


@pytest.mark.parametrize("ids", [("a1", "a2", "a3"), ("a3", "a1", "a2")])
def test_one_event_dated_differently_by_outlets_is_a_disagreement_naming_each_side(ids):
    # An op-ed: "published Sunday" (published Monday), "published Monday", "yesterday" (published
    # Tuesday); whichever article comes first, the same three sources and dates.
    sun, mon, yesterday = ids
    a_text = "In an op-ed published Sunday in the Harbour Post, the two ministers set out why alliances matter."
    b_text = "They said so in a joint opinion piece published Monday by the daily Harbour Post."
    c_text = "In a joint opinion piece in the Harbour Post yesterday, the ministers said they would revive old ties."
    post = [Entity("Harbour Post", "ORG", "Harbour Post", t.index("Harbour Post"), t.index("Harbour Post") + 12)
            for t in (a_text, b_text, c_text)]  # the subject both sentences name
    a = _article(sun, a_text, "Post Wire", "2025-03-11", times=[_day(a_text, "Sunday", "2025-03-09")], entities=[post[0]])
    b = _article(mon, b_text, "News Agency", "2025-03-11", times=[_day(b_text, "Monday", "2025-03-10")], entities=[post[1]])
    c = _article(yesterday, c_text, "Wire Service", "2025-03-11", times=[_day(c_text, "yesterday", "2025-03-10")],
                 entities=[post[2]])
    [conflict] = BuildBrief().run(_story([a, b, c]), [a, b, c]).discrepancies
    assert conflict.about.startswith("date of:")
    assert [(claim.text, sorted(x.article for x in claim.citations)) for claim in conflict.claims] == [
        ("2025-03-09", [sun]), ("2025-03-10", sorted([mon, yesterday])),
    ]
    assert a_text[conflict.claims[0].citations[0].start:conflict.claims[0].citations[0].end] == "Sunday"


def test_dates_of_different_events_are_no_disagreement():
    # Two launches of one kind weeks apart, and two events in one sentence.
    a_text = "North Korea launched a ballistic missile over northern Japan on Tuesday, the military said."
    b_text = "North Korea launched a ballistic missile over northern Japan on Friday, the military said."
    c_text = "The envoy arrived on Monday and the talks began on Wednesday in the capital of the country."
    d_text = "The talks began on Wednesday in the capital of the country, after the envoy arrived on Monday."
    a = _article("a1", a_text, "Wire", "2025-08-29", times=[_day(a_text, "Tuesday", "2025-08-29")])
    b = _article("a2", b_text, "Post", "2025-09-15", times=[_day(b_text, "Friday", "2025-09-15")])
    c = _article("a3", c_text, "Star", "2025-09-18",
                 times=[_day(c_text, "Monday", "2025-09-15"), _day(c_text, "Wednesday", "2025-09-17")])
    d = _article("a4", d_text, "Gazette", "2025-09-18",
                 times=[_day(d_text, "Wednesday", "2025-09-17"), _day(d_text, "Monday", "2025-09-15")])
    assert BuildBrief().run(_story([a, b, c, d]), [a, b, c, d]).discrepancies == []


def test_roles_in_other_words_are_no_disagreement_and_a_real_clash_cites_both_sides():
    text_a = "Secretary of State Jane Smith arrived. Foreign Minister Kenji Arata met her."
    text_b = "US Secretary of State Jane Smith arrived. Trade Minister Kenji Arata met her."
    a = _article("a1", text_a, "Wire", entities=[_person(text_a, "Jane Smith", "Secretary of State"),
                                                 _person(text_a, "Kenji Arata", "Foreign Minister")])
    b = _article("a2", text_b, "Post", entities=[_person(text_b, "Jane Smith", "US Secretary of State"),
                                                 _person(text_b, "Kenji Arata", "Trade Minister")])
    [conflict] = BuildBrief().run(_story([a, b]), [a, b]).discrepancies
    assert conflict.about == "title or role of Kenji Arata"
    assert [(c.text, c.citations[0].article) for c in conflict.claims] == [("foreign minister", "a1"), ("trade minister", "a2")]


def test_a_surname_with_its_article_is_the_full_name():
    text = "Abu Mohammed al-Adnani spoke. Adnani was not seen again."
    a = _article("a1", text, entities=[_person(text, "Abu Mohammed al-Adnani"), _person(text, "Adnani")])
    assert story_names([a]) == {"Adnani": "Abu Mohammed al-Adnani"}


def test_a_first_name_that_is_also_a_word_stays():
    text = "The tax bill passed. Bill de Blasio spoke; Mark Elliot Zuckerberg did not, and the mark stayed."
    a = _article("a1", text, entities=[_person(text, "Bill de Blasio"), _person(text, "Mark Elliot Zuckerberg")])
    assert story_names([a]) == {}


def test_lines_that_speak_to_the_reader_stay_out_of_the_summary():
    from storyline.pipeline.brief.body import addresses_reader

    assert addresses_reader("We pay for your stories!", 0, [])
    assert addresses_reader("Here's all you need to know about the supermoon.", 0, [])
    assert not addresses_reader('"You will lose your career," she warned him.', 0, [])
    assert not addresses_reader("Astronomers found planets outside our galaxy.", 0, [])
    text = "Officials said the river rose overnight. Send us your photos and you could win a prize today."
    a = _article("a1", text, "Star")
    b = _article("a2", "Officials said the river rose overnight in the town.", "Gazette")
    summary = BuildBrief().run(_story([a, b]), [a, b]).summary
    assert summary and not any("your photos" in line.text for line in summary)


def test_a_line_opening_with_a_photo_credit_is_a_caption_not_a_body_sentence():
    caption = "Kim Kyung Hoon / Reuters A man walks past a TV set showing a news report in Tokyo, Japan, August 29, 2017."
    assert body_sentence(Sentence(0, len(caption), caption), None) is None
    assert body_sentence(Sentence(0, 16, "AFP/Getty Images."), None) is None
    kept = "Reuters reported that the launch took place on Tuesday morning."
    assert body_sentence(Sentence(0, len(kept), kept), None) is not None


def test_an_outlets_note_or_prompt_is_no_summary_line():
    from storyline.pipeline.brief.body import addresses_reader

    assert addresses_reader("Follow Jane Doe on Twitter @jdoe.", 0, [])
    assert addresses_reader("Editor’s note: the writer is a former adviser to the campaign.", 0, [])
    assert not addresses_reader("Followers of the senator gathered outside the hall on Tuesday.", 0, [])
    assert not addresses_reader("The senator said he would follow the party line on the bill.", 0, [])

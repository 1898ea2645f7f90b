"""The brief stage on small hand-made stories (no model needed)."""

from __future__ import annotations

from storyline.models import Article, Entity, Quote, Story, TimeExpr
from storyline.pipeline.brief import BuildBrief
from storyline.pipeline.sentences import split_sentences

WIRE = (
    "GENEVA -- The two ministers agreed on Wednesday to restart trade talks that collapsed two years ago. "
    "Negotiators will meet again next Tuesday to draw up a timetable for the talks. "
    "\"We have turned a page today, and both sides know what is at stake,\" Smith said."
)


def _article(aid: str, text: str, outlet: str, published: str, **kw) -> Article:
    return Article(id=aid, source=f"{aid}.txt", text=text, content_hash=aid, outlet=outlet, published=published, story="s1", **kw)


def _quote(text: str, article_text: str, speaker: str) -> Quote:
    start = article_text.index(text)
    return Quote(text, start, start + len(text), speaker, [speaker])


def _story(articles: list[Article]) -> Story:
    return Story("s1", "Trade talks", [a.id for a in articles], articles[0].published, articles[-1].published)


def test_summary_cites_every_carrier_verbatim():
    local = WIRE + "\n\nLocal fishermen in the harbour town said they hoped the deal would bring back lost customers."
    a = _article("a1", WIRE, "Wire", "2025-03-12")
    b = _article("a2", local, "Harbour Times", "2025-03-12T18:00")
    brief = BuildBrief().run(_story([a, b]), [a, b])
    texts = {"a1": a.text, "a2": b.text}
    assert brief.summary
    for sentence in brief.summary:
        for cite in sentence.citations:
            assert texts[cite.article][cite.start:cite.end] in {sentence.text} | {s.text for s in split_sentences(texts[cite.article])}
    shared = [s for s in brief.summary if len(s.citations) == 2]
    assert shared and {c.article for c in shared[0].citations} == {"a1", "a2"}
    assert brief.shared_passages and all(set(p.articles) == {"a1", "a2"} for p in brief.shared_passages)
    harbour = next(s for s in brief.sources if s.outlet == "Harbour Times")
    assert [u.text for u in harbour.unique] == [
        "Local fishermen in the harbour town said they hoped the deal would bring back lost customers."
    ]


def test_quotes_merge_across_outlets_with_variants_and_speaker_conflicts():
    text_a = '"We have turned a page today, and both sides know what is at stake," Smith said.'
    text_b = '"We have turned a page today and both sides know what is at stake now," Arata said.'
    a = _article("a1", text_a, "Wire", "2025-03-12", quotes=[_quote(text_a[1:68], text_a, "Jane Smith")])
    b = _article("a2", text_b, "Post", "2025-03-13", quotes=[_quote(text_b[1:71], text_b, "Kenji Arata")])
    brief = BuildBrief().run(_story([a, b]), [a, b])
    [quote] = brief.quotes
    # a1's wording is a run of a2's: the fuller one is the main form
    assert quote.articles == ["a1", "a2"] and quote.text == text_b[1:71] and quote.variants == [text_a[1:68]]


def test_timeline_merges_the_same_date_and_shows_precision():
    text = "Talks resumed on Wednesday in Geneva after a long pause. A second round is due in April."
    times = [TimeExpr("Wednesday", 17, 26, "2025-03-12", "DATE"), TimeExpr("April", text.index("April"), text.index("April") + 5, "2025-04", "DATE")]
    a = _article("a1", text, "Wire", "2025-03-12", times=list(times))
    b = _article("a2", text, "Post", "2025-03-12", times=list(times))
    brief = BuildBrief().run(_story([a, b]), [a, b])
    assert [(t.date, t.precision, len(t.citations)) for t in brief.timeline] == [("2025-03-12", "day", 2), ("2025-04", "month", 2)]


def test_role_disagreement_is_reported():
    text_a = "Foreign Minister Jane Smith arrived on Monday for talks with her counterpart."
    text_b = "Trade Minister Jane Smith arrived on Monday for talks with her counterpart today."
    a = _article("a1", text_a, "Wire", "2025-03-12", entities=[Entity("Jane Smith", "PERSON", "Jane Smith", 17, 27, "Foreign Minister")])
    b = _article("a2", text_b, "Post", "2025-03-12", entities=[Entity("Jane Smith", "PERSON", "Jane Smith", 15, 25, "Trade Minister")])
    brief = BuildBrief().run(_story([a, b]), [a, b])
    [conflict] = [d for d in brief.discrepancies if "role" in d.about]
    assert sorted(c.text for c in conflict.claims) == ["foreign minister", "trade minister"]


def test_brief_is_deterministic():
    a = _article("a1", WIRE, "Wire", "2025-03-12")
    b = _article("a2", WIRE + " Extra words here.", "Post", "2025-03-13")
    first = BuildBrief().run(_story([a, b]), [a, b]).to_contract()
    second = BuildBrief().run(_story([a, b]), [b, a]).to_contract()
    assert first == second


def test_sentence_splitter_keeps_abbreviations_and_offsets():
    text = "Dr. Jane Q. Public met Mr. Smith at 3 p.m. on Monday. They talked.\n\nA new paragraph starts here."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Dr. Jane Q. Public met Mr. Smith at 3 p.m. on Monday.", "They talked.", "A new paragraph starts here.",
    ]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_quote_variants_show_added_and_cut_words():
    text_a = '"We will rebuild every home that was lost," the mayor said.'
    text_b = '"We will rebuild every single home that was lost this week," the mayor said.'
    a = _article("a1", text_a, "Wire", "2025-03-12", quotes=[_quote(text_a[1:42], text_a, "Lena Okafor")])
    b = _article("a2", text_b, "Post", "2025-03-13", quotes=[_quote(text_b[1:60], text_b, "Lena Okafor")])
    [quote] = BuildBrief().run(_story([a, b]), [a, b]).quotes
    [change] = quote.changes
    assert change.articles == ["a2"] and change.added == ["single", "this week"] and change.removed == []


def test_different_counts_for_the_same_thing_are_a_disagreement():
    text_a = "Some 40 homes were flooded in the town on Saturday after the river burst its banks."
    text_b = "More than 60 homes were flooded in the town on Saturday when the river burst its banks."
    a = _article("a1", text_a, "Star", "2025-10-19")
    b = _article("a2", text_b, "Gazette", "2025-10-19")
    [conflict] = BuildBrief().run(_story([a, b]), [a, b]).discrepancies
    assert conflict.about == "number of homes"
    assert [(c.text, c.citations[0].article) for c in conflict.claims] == [("Some 40 homes", "a1"), ("More than 60 homes", "a2")]
    assert text_a[conflict.claims[0].citations[0].start:conflict.claims[0].citations[0].end] == "Some 40 homes"


def test_counts_that_can_both_be_true_are_no_disagreement():
    text_a = "At least 40 homes were flooded in the town on Saturday after the river burst its banks."
    text_b = "More than 45 homes were flooded in the town on Saturday when the river burst its banks."
    text_c = "Some 60 homes were flooded in the town on Saturday when the river burst its banks."
    a = _article("a1", text_a, "Star", "2025-10-19")
    b = _article("a2", text_b, "Gazette", "2025-10-19")
    c = _article("a3", text_c, "Courier", "2025-10-25")  # a week later: an update, not a disagreement
    assert BuildBrief().run(_story([a, b, c]), [a, b, c]).discrepancies == []


def test_different_dates_for_the_same_event_are_a_disagreement_but_quoted_dates_are_not():
    text_a = "The minister gave her speech on Sunday in the capital to a crowd of supporters."
    text_b = "The minister gave her speech on Monday in the capital to a crowd of supporters."
    sun, mon = text_a.index("Sunday"), text_b.index("Monday")
    a = _article("a1", text_a, "Star", "2025-10-21", times=[TimeExpr("Sunday", sun, sun + 6, "2025-10-19", "DATE")])
    b = _article("a2", text_b, "Gazette", "2025-10-21", times=[TimeExpr("Monday", mon, mon + 6, "2025-10-20", "DATE")])
    [conflict] = BuildBrief().run(_story([a, b]), [a, b]).discrepancies
    assert conflict.about.startswith("date of:") and [c.text for c in conflict.claims] == ["2025-10-19", "2025-10-20"]
    b.quotes = [Quote(text_b, 0, len(text_b), "X", ["X"])]
    assert BuildBrief().run(_story([a, b]), [a, b]).discrepancies == []


def test_whats_new_lists_only_what_newer_articles_carry():
    from storyline.pipeline.brief import whats_new

    old = _article("a1", WIRE, "Wire", "2025-03-12")
    new_text = WIRE + "\n\nThe harbour authority said on Friday it would cut fees for fishing boats next month."
    new = _article("a2", new_text, "Post", "2025-03-14")
    brief = BuildBrief().run(_story([old, new]), [old, new])
    news = whats_new(brief, [old, new], "2025-03-13")
    assert news.articles == ["a2"]
    assert [f.text for f in news.facts] == ["The harbour authority said on Friday it would cut fees for fishing boats next month."]
    assert whats_new(brief, [old, new], "2025-03-15").articles == []


def test_a_very_big_story_is_read_from_an_even_sample_across_time():
    from storyline.pipeline.brief.evidence import MAX_ARTICLES, gather, sample

    articles = [
        _article(f"a{k:04d}", f"Copy {k} of the council report says the bridge will reopen in May next year.",
                 "Wire", f"2024-01-{1 + k % 28:02d}")
        for k in range(3 * MAX_ARTICLES)
    ]
    picked = sample(articles)
    assert len(picked) == MAX_ARTICLES == len({a.id for a in picked})
    ordered = sorted(articles, key=lambda a: (a.published, a.id))
    assert picked[0] == ordered[0] and picked[-1].published == ordered[-1].published  # the whole span is read
    assert len(gather(articles).items) == MAX_ARTICLES  # one sentence per sampled article
    assert sample(articles[:10]) == articles[:10]

"""Disagreements on invented sentences: each kind that is one, and each that is not."""

from __future__ import annotations

import pytest

from storyline.models import Article, Citation, Entity, Mention, Quote, Story, TimeExpr
from storyline.pipeline.brief import BuildBrief
from storyline.pipeline.brief.claims import independent_sides


def _article(aid: str, text: str, outlet: str, published: str = "2025-03-12", **kw) -> Article:
    return Article(id=aid, source=f"{aid}.txt", text=text, content_hash=aid, outlet=outlet, published=published, story="s1", **kw)


def _run(*articles: Article) -> list:
    story = Story("s1", "Story", [a.id for a in articles])
    return BuildBrief().run(story, list(articles)).discrepancies


def _named(text: str, *names: str, label: str = "ORG") -> list[Entity]:
    return [Entity(n, label, n, text.index(n), text.index(n) + len(n)) for n in names]


def _org(text: str, name: str) -> Entity:
    return Entity(name, "ORG", name, text.index(name), text.index(name) + len(name))


def _day(text: str, word: str, value: str) -> TimeExpr:
    start = text.index(word)
    return TimeExpr(word, start, start + len(word), value, "DATE")


# --- counts that disagree -------------------------------------------------------------------------

def test_two_tolls_of_one_crash_on_one_day_disagree_and_cite_both_outlets():
    a = _article("a1", "A bus overturned on the coast road near Tarven and 25 people were injured, police said.", "Herald")
    b = _article("a2", "Police in Tarven say 27 people were injured when the bus overturned on the coast road.", "Courier")
    [conflict] = _run(a, b)
    assert conflict.about == "number of people injured"
    assert [c.text for c in conflict.claims] == ["25 people", "27 people"]
    assert [c.citations[0].article for c in conflict.claims] == ["a1", "a2"]


def test_a_lower_bound_below_another_outlets_toll_disagrees():
    a = _article("a1", "At least five people are dead after a tram overturned on a bend in Merton.", "Herald")
    b = _article("a2", "Seven people have died and dozens are hurt after a tram overturned on a bend in Merton.", "Courier")
    [conflict] = _run(a, b)
    assert [c.text for c in conflict.claims] == ["At least five people", "Seven people"]


def test_counts_of_the_same_thing_after_the_same_verb_disagree():
    a = _article("a1", "The singer posted four photos with her cousin on Instagram after the shooting.", "Herald")
    b = _article("a2", "The singer posted three photos with her cousin on Instagram on Tuesday after the shooting.", "Courier")
    [conflict] = _run(a, b)
    assert conflict.about == "number of photos"


# --- counts that do not -----------------------------------------------------------------------------

@pytest.mark.parametrize("text_a, text_b", [
    # the same value in other words
    ("Twelve people were killed when the plane crashed into the hills near Ostra on Sunday.",
     "The plane crash near Ostra on Sunday killed 12 people, officials said."),
    # a rounded figure
    ("About 2,000 people were evacuated from the valley as the river rose near Ostra.",
     "Officials said 2,140 people were evacuated from the valley as the river rose near Ostra."),
    # a lower bound the other count meets
    ("At least 50 people were killed when gunmen attacked the market in Ostra on Sunday.",
     "Gunmen killed 59 people when they attacked the market in Ostra on Sunday, officials said."),
    # different outcomes of one event: the dead and the injured
    ("The blast at the Ostra market killed 12 people on Sunday, police said.",
     "The blast at the Ostra market injured 40 people on Sunday, police said."),
    # a daily count against a cumulative one
    ("Health officials in Ostra reported 40 new cases of the fever on Monday.",
     "Health officials in Ostra said 900 cases of the fever had been reported on Monday."),
    # a provisional count and its update
    ("Doctors said two bodies had so far been brought to the Ostra hospital after the blast.",
     "Doctors said four bodies had been brought to the Ostra hospital after the blast."),
])
def test_counts_that_can_both_be_true_are_no_disagreement(text_a, text_b):
    a = _article("a1", text_a, "Herald")
    b = _article("a2", text_b, "Courier")
    assert _run(a, b) == []


def test_a_part_given_beside_its_whole_is_no_disagreement():
    # granularity: one hospital's 20 of all 51 taken to hospital
    a = _article("a1", "St Anne's hospital said 20 people were injured in the crash and four are in a serious state.", "Herald")
    b = _article("a2", "Ambulance crews said 51 people were injured in the crash, 20 of them taken to St Anne's hospital.", "Courier")
    assert _run(a, b) == []


def test_the_tolls_of_a_different_event_are_no_disagreement():
    a = _article("a1", "A bomber killed six civilians at the consulate in Ostra, and last month air strikes in Kesh killed 30 civilians.", "Herald")
    b = _article("a2", "The attack at the consulate in Ostra killed six civilians, officials said on Friday.", "Courier")
    assert _run(a, b) == []


def test_counts_published_a_week_apart_are_an_update():
    a = _article("a1", "The flood in Ostra has displaced 2,000 people, officials said.", "Herald", "2025-03-01")
    b = _article("a2", "The flood in Ostra has displaced 5,000 people, officials said.", "Courier", "2025-03-12")
    assert _run(a, b) == []


def test_one_outlets_two_articles_are_no_disagreement():
    a = _article("a1", "A bus overturned on the coast road near Tarven and 25 people were injured, police said.", "Herald")
    b = _article("a2", "Police in Tarven say 27 people were injured when the bus overturned on the coast road.", "Herald")
    assert _run(a, b) == []


# --- dates ----------------------------------------------------------------------------------------

def test_one_op_ed_dated_three_ways_cites_all_three_sources():
    ta = "In an op-ed published Sunday in the Daily Ledger, the two ministers laid out why the alliance matters."
    tb = "The ministers said in a joint opinion piece published Monday by the Daily Ledger that allies matter."
    tc = "In a joint opinion piece in the Daily Ledger yesterday, the ministers said they would renew ties."
    ledger = [_org(t, "Daily Ledger") for t in (ta, tb, tc)]  # what both name: the fact's subject
    a = _article("a1", ta, "Post", "2025-03-10", times=[_day(ta, "Sunday", "2025-03-09")], entities=[ledger[0]])
    b = _article("a2", tb, "Wire", "2025-03-10", times=[_day(tb, "Monday", "2025-03-10")], entities=[ledger[1]])
    c = _article("a3", tc, "Agency", "2025-03-10", times=[_day(tc, "yesterday", "2025-03-09")], entities=[ledger[2]])
    [conflict] = _run(a, b, c)
    assert {claim.text: sorted(x.article for x in claim.citations) for claim in conflict.claims} == {
        "2025-03-09": ["a1", "a3"], "2025-03-10": ["a2"]}


def test_an_article_giving_both_dates_speaks_of_two_things():
    ta = "Strollers lay on the seafront promenade in Ostra on Friday, the day after the attack on Thursday."
    tb = "The attack on the seafront promenade in Ostra on Thursday left the promenade strewn with strollers."
    a = _article("a1", ta, "Post", "2025-03-15", times=[_day(ta, "Friday", "2025-03-14"), _day(ta, "Thursday", "2025-03-13")])
    b = _article("a2", tb, "Wire", "2025-03-15", times=[_day(tb, "Thursday", "2025-03-13")])
    assert _run(a, b) == []


def test_sides_need_two_outlets_and_no_article_on_both():
    one, two = Citation("a1", 0, 5), Citation("a2", 0, 5)
    assert independent_sides({"x": [one], "y": [two]}, {"a1": "Post", "a2": "Post"}) == {}
    assert independent_sides({"x": [one], "y": [two]}, {"a1": "Post", "a2": "Wire"}) == {"x": [one], "y": [two]}
    assert independent_sides({"x": [one, two], "y": [two]}, {"a1": "Post", "a2": "Wire"}) == {}


# --- speakers -------------------------------------------------------------------------------------

def _speaking(aid: str, text: str, name: str, words: str, outlet: str) -> Article:
    at, said = text.index(name), text.index(words)
    person = Entity(name, "PERSON", name, at, at + len(name))
    quote = Quote(words, said, said + len(words), name, [name], Mention(name, at, at + len(name)))
    return _article(aid, text, outlet, entities=[person], quotes=[quote])


def test_a_descriptor_before_a_first_name_is_the_same_speaker():
    words = "We just live in different countries and it got hard to keep going."
    a = _speaking("a1", f"The comedienne wrote online. Comedienne Mara said: \u201c{words}\u201d", "Comedienne Mara", words, "Sun")
    b = _speaking("a2", f"\u201c{words}\u201d Mara Sollen wrote on Twitter.", "Mara Sollen", words, "Mail")
    assert [d for d in _run(a, b) if d.about.startswith("speaker")] == []


def test_two_people_credited_with_one_quote_disagree():
    words = "We just live in different countries and it got hard to keep going."
    a = _speaking("a1", f"Dana Kirov said: \u201c{words}\u201d", "Dana Kirov", words, "Sun")
    b = _speaking("a2", f"\u201c{words}\u201d Mara Sollen wrote on Twitter.", "Mara Sollen", words, "Mail")
    [conflict] = [d for d in _run(a, b) if d.about.startswith("speaker")]
    assert [c.text for c in conflict.claims] == ["Dana Kirov", "Mara Sollen"]


def test_two_peoples_counts_are_no_disagreement():
    ta = "In the final at Ostra on Sunday, Dana Kirov scored two goals in the first half."
    tb = "In the final at Ostra on Sunday, Mara Sollen scored three goals in the first half."

    def person(text: str, name: str) -> Entity:
        return Entity(name, "PERSON", name, text.index(name), text.index(name) + len(name))

    a = _article("a1", ta, "Herald", entities=[person(ta, "Dana Kirov")])
    b = _article("a2", tb, "Courier", entities=[person(tb, "Mara Sollen")])
    assert _run(a, b) == []
    same = _article("a2", ta.replace("two", "three"), "Courier", entities=[person(ta, "Dana Kirov")])
    assert [d.about for d in _run(a, same)] == ["number of goals"]


@pytest.mark.parametrize("text_a, text_b", [
    # a conversion in brackets restates the figure before it (here, rounded badly by one outlet)
    ("The rocket flew 2,000 kilometers (1,100 miles) before it fell into the sea near Ostra.",
     "The rocket flew 2,000 kilometers (1,243 miles) before it fell into the sea near Ostra."),
    # figures far apart count other things (another raid's haul), not one misreported
    ("Police seized 12 magazines and six rifles from the boat off Ostra on Friday.",
     "Police seized 31 magazines and 14 rifles from the boat off Ostra on Friday."),
])
def test_conversions_and_far_apart_figures_are_no_disagreement(text_a, text_b):
    assert _run(_article("a1", text_a, "Herald"), _article("a2", text_b, "Courier")) == []


def test_today_against_a_guessed_publication_day_is_no_disagreement():
    ta = "A judge in Ostra sentenced Dale Brin on Saturday to life in prison for the courthouse shooting."
    tb = "A judge in Ostra sentenced Dale Brin today to life in prison for the courthouse shooting."
    sat, today = _day(ta, "Saturday", "2025-03-08"), _day(tb, "today", "2025-03-09")
    sat.estimated = today.estimated = True
    a, b = _article("a1", ta, "Post", "2025-03-09", times=[sat]), _article("a2", tb, "Wire", "2025-03-09", times=[today])
    assert _run(a, b) == []
    # read against a publication date the article gives, one day off: that date is often the page's
    # last update, so still no clash (session 8)…
    today.estimated = False
    assert _run(a, b) == []
    # … two days off, a clash
    sat.value = "2025-03-07"
    [conflict] = _run(a, b)
    assert [c.text for c in conflict.claims] == ["2025-03-07", "2025-03-09"]


def test_a_name_a_paragraph_away_or_a_group_does_not_credit_a_quote():
    words = "For more than three decades the law has protected our most threatened wildlife."
    a = _speaking("a1", f"Dana Kirov said so on Monday.\n\n\u201c{words}\u201d", "Dana Kirov", words, "Sun")
    b = _speaking("a2", f"\u201c{words}\u201d Mara Sollen said.", "Mara Sollen", words, "Mail")
    assert [d for d in _run(a, b) if d.about.startswith("speaker")] == []
    c = _speaking("a1", f"\u201c{words}\u201d Kirov and Sollen said in a statement.", "Kirov and Sollen", words, "Sun")
    assert [d for d in _run(c, b) if d.about.startswith("speaker")] == []


def test_role_fragments_are_no_role():
    text_a = "The commerce secretary, Gary Lok, and the interior secretary, Ken Sal, agreed."
    text_b = "Commerce Secretary Gary Lok said the rule would stand."
    a = _article("a1", text_a, "Post", entities=[Entity("Gary Lok", "PERSON", "Gary Lok", 23, 31, "and the interior secretary")])
    b = _article("a2", text_b, "Wire", entities=[Entity("Gary Lok", "PERSON", "Gary Lok", 18, 26, "commerce secretary")])
    assert _run(a, b) == []


# --- judged on held-out news: what is no disagreement ----------------------------------------------

def test_a_named_day_is_no_date_of_the_event():
    ta = "It is not Patch Tuesday, but the maker released an urgent browser patch."
    tb = "The maker released an urgent browser patch on Wednesday."
    a = _article("a1", ta, "Post", "2025-03-12", times=[_day(ta, "Tuesday", "2025-03-18")])
    b = _article("a2", tb, "Wire", "2025-03-12", times=[_day(tb, "Wednesday", "2025-03-12")])
    assert _run(a, b) == []


def test_dates_of_two_people_or_of_an_overnight_event_are_no_disagreement():
    ta = "The club placed rookie Chris Ivory on injured reserve on Tuesday after his foot injury worsened."
    tb = "The club placed Pierre Thomas on injured reserve on Wednesday after his ankle injury worsened."
    people = [Entity("Chris Ivory", "PERSON", "Chris Ivory", ta.index("Chris"), ta.index("Chris") + 11)]
    a = _article("a1", ta, "Post", "2025-03-13", times=[_day(ta, "Tuesday", "2025-03-11")], entities=people)
    b = _article("a2", tb, "Wire", "2025-03-13", times=[_day(tb, "Wednesday", "2025-03-12")], entities=[
        Entity("Pierre Thomas", "PERSON", "Pierre Thomas", tb.index("Pierre"), tb.index("Pierre") + 13)])
    assert _run(a, b) == []
    tc = "An overnight fire on Friday gutted the wooden church and investigators suspect an arsonist set it."
    td = "Investigators suspect an arsonist set the fire that gutted the wooden church on Saturday."
    c = _article("a3", tc, "Post", "2025-03-17", times=[_day(tc, "Friday", "2025-03-14")])
    d = _article("a4", td, "Wire", "2025-03-17", times=[_day(td, "Saturday", "2025-03-15")])
    assert _run(c, d) == []


def test_two_days_one_sentence_gives_are_two_events_in_every_article():
    ta = "The team will play the winner of the Friday quarterfinal in the semifinal on Saturday in the capital."
    tb = "The team will play Harbour State in the semifinal on Saturday in the capital."
    tc = "The team will play in the semifinal on Friday in the capital city."
    a = _article("a1", ta, "Post", "2025-03-13",
                 times=[_day(ta, "Friday", "2025-03-14"), _day(ta, "Saturday", "2025-03-15")])
    b = _article("a2", tb, "Wire", "2025-03-13", times=[_day(tb, "Saturday", "2025-03-15")])
    c = _article("a3", tc, "Herald", "2025-03-13", times=[_day(tc, "Friday", "2025-03-14")])
    assert _run(b, c) != []  # alone, the two dates of the semifinal disagree
    assert _run(a, b, c) == []  # but a1 gives both days: the story has an event on each


def test_a_background_toll_and_two_records_are_no_count_disagreement():
    ta = "That earthquake killed at least six people and injured almost 50 in the region in September."
    tb = "Ten people were killed and about 50 hurt when the earthquake struck the region on Sunday."
    a = _article("a1", ta, "Post", "2025-11-28", times=[_day(ta, "September", "2025-09")])
    b = _article("a2", tb, "Wire", "2025-11-28", times=[_day(tb, "Sunday", "2025-11-27")])
    assert _run(a, b) == []
    tc = "He finished with 269 yards and two touchdowns rushing and caught 29 passes for 201 yards."
    td = "He had 793 yards and six touchdowns on 147 carries and caught 39 passes for 302 yards."
    assert _run(_article("a3", tc, "Post"), _article("a4", td, "Wire")) == []


def test_a_role_at_an_employer_and_the_same_role_in_other_words_are_no_disagreement():
    from storyline.pipeline.brief.values import roles_disagree

    assert not roles_disagree("director at telecoms company interoute", "director of wholesale products")
    assert roles_disagree("secretary of state", "secretary of defense")


def test_one_kind_of_event_three_days_apart_is_two_events():
    ta = "On Saturday, his campaign sent out a fundraising email stressing the rival's change of policy."
    tb = "The campaign had, earlier Tuesday, sent out a fundraising email with a picture of the rival."
    a = _article("a1", ta, "Post", "2025-03-11", times=[_day(ta, "Saturday", "2025-03-08")])
    b = _article("a2", tb, "Wire", "2025-03-12", times=[_day(tb, "Tuesday", "2025-03-11")])
    assert _run(a, b) == []


# --- two subjects worded alike (session 8, from Reuters-21578 read before tuning) --------------------

def _named(text: str, *names: str, label: str = "ORG") -> list[Entity]:
    return [Entity(n, label, n, text.index(n), text.index(n) + len(n)) for n in names]


def _org(text: str, name: str) -> Entity:
    return Entity(name, "ORG", name, text.index(name), text.index(name) + len(name))


def test_two_companies_worded_alike_are_two_subjects():
    ta = "Lucky Stores Inc said it sold convertible debentures, and 25 banks bought the issue on Monday."
    tb = "Penobscot Shoe Co said it sold convertible debentures, and 27 banks bought the issue on Monday."
    a = _article("a1", ta, "Herald", entities=[_org(ta, "Lucky Stores Inc")])
    b = _article("a2", tb, "Courier", entities=[_org(tb, "Penobscot Shoe Co")])
    assert _run(a, b) == []
    # … while one company, named in both leads (one in capitals, without its legal form), is one subject
    tc = "LUCKY STORES said it sold convertible debentures, and 27 banks bought the issue on Monday."
    c = _article("a3", tc, "Courier", entities=[_org(tc, "LUCKY STORES")])
    [conflict] = _run(a, c)
    assert [x.text for x in conflict.claims] == ["25 banks", "27 banks"]


@pytest.mark.parametrize("text_a, text_b", [
    # a figure set against an earlier one: each company's own change
    ("The group said sales rose to 11.25 billion crowns from 10.22 billion crowns last year.",
     "The group said sales were 12.38 billion crowns vs 6.16 billion crowns last year."),
    # a share, as wire copy abbreviates it
    ("The group said it holds 5.1 pct of the common stock of the chain.",
     "The group said it holds 5.5 pct of the common stock of the chain."),
    # a number that names (a band, a category), and a fraction's denominator
    ("The bank bought bills in band two bills at rates set by the central bank today.",
     "The bank bought bills in band one bills at rates set by the central bank today."),
    ("The fees are 1-1/4 pct for selling and management combined on the bond.",
     "The fees are 1-3/8 pct for selling and management combined on the bond."),
    # a scale with nothing counted
    ("Seat miles for the month rose sharply to 31.2 mln in the airline report.",
     "Seat miles for the month rose sharply to 31.5 mln in the airline report."),
])
def test_wire_figures_that_are_not_one_count_are_no_disagreement(text_a, text_b):
    assert _run(_article("a1", text_a, "Herald"), _article("a2", text_b, "Courier")) == []


def test_a_lead_names_a_subject_by_its_printed_forms():
    from storyline.pipeline.brief.subjects import Subjects, lead_end

    ta = "Asher Edelman said on Monday that he had cut his stake in Lucky Stores Inc.\n\nThe SEC was told."
    tb = "Edelman's group sold shares of the chain on Monday, the filing shows."
    tc = "Co Inc said cts rose. Revenue was flat."
    a = _article("a1", ta, "Herald", entities=[Entity("Asher Edelman", "PERSON", "Asher Edelman", 0, 13),
                                                _org(ta, "Lucky Stores Inc"), _org(ta, "SEC")])
    b = _article("a2", tb, "Courier")
    c = _article("a3", tc, "Wire", entities=[_org(tc, "Co Inc"), _org(tc, "cts")])
    d = _article("a4", "Penobscot Shoe said it sold shares.", "Wire",
                 entities=[Entity("Penobscot Shoe", "ORG", "Penobscot Shoe", 0, 14)])
    subjects = Subjects([a, b, c, d])
    assert ta[:lead_end(ta)].rstrip().endswith("Lucky Stores Inc.")  # the SEC is past the lead
    assert subjects.same("a1", "a2")  # a surname printed in the other article
    assert subjects.same("a1", "a3")  # a legal form and a lower-case slip name nothing: nothing tells them apart
    assert not subjects.same("a1", "a4")


def test_a_forecast_and_the_figure_set_are_no_disagreement():
    # the expectation is the sentence's start, which a hard-wrapped text put in the paragraph before
    ta = "Economists said the Treasury set the borrowing requirement for the year to 4.0 billion pounds."
    tb = "Most forecasts called for the\n\nTreasury to set the borrowing requirement for the year at about 5.5 billion pounds."
    assert _run(_article("a1", ta, "Herald"), _article("a2", tb, "Courier")) == []


def test_tables_under_unlike_headlines_are_two_subjects():
    ta = "Net gain of 821,000 dlrs, or eight cts per shr, for the quarter."
    tb = "Net gain of 750,000 dlrs, or nine cts per shr, for the quarter."
    a = _article("a1", ta, "Herald", title="SPI PHARMACEUTICALS INC <SPIP> 1ST QTR OPER NET")
    b = _article("a2", tb, "Courier", title="VIRATEK INC <VIRA> 1ST QTR FEB 28 OPER LOSS")
    assert _run(a, b) == []
    c = _article("a3", tb, "Courier", title="SPI Pharmaceuticals 1st qtr oper net")
    assert _run(a, c) == []  # one company's table, but a sum whose sentences name no owner is never compared
    ta, tc = (f"SPI Pharmaceuticals had a net gain of {n} dlrs for the quarter." for n in ("821,000", "750,000"))
    a = _article("a1", ta, "Herald", title="SPI PHARMACEUTICALS INC <SPIP> 1ST QTR OPER NET",
                 entities=_named(ta, "SPI Pharmaceuticals"))
    c = _article("a3", tc, "Courier", title="SPI Pharmaceuticals 1st qtr oper net", entities=_named(tc, "SPI Pharmaceuticals"))
    assert _run(a, c) != []  # named in both: one company's figure, compared


def test_roles_one_article_gives_or_joined_by_and_are_no_disagreement():
    from storyline.pipeline.brief.values import roles_disagree

    assert not roles_disagree("chairman and founder", "founder of jefferies group")
    assert roles_disagree("minister of information and culture", "trade minister")  # one role, of two things
    assert roles_disagree("foreign minister and deputy prime minister", "trade minister")
    text = ("Said Mr Vell, editor of the Chip Report, on Monday in Ostra. "
            "The newsletter editor, Mr Vell, added that the bugs were rare.")
    first, second = text.index("Vell"), text.rindex("Vell")
    a = _article("a1", text, "Herald", entities=[
        Entity("Vell", "PERSON", "Vell", first, first + 4, "editor of the Chip Report"),
        Entity("Vell", "PERSON", "Vell", second, second + 4, "newsletter editor")])
    b = _article("a2", "Nothing about him here at all, said the weather desk.", "Courier")
    assert _run(a, b) == []


def test_a_price_two_days_apart_moved_while_a_toll_is_compared():
    ta = "Magma Copper said it set its cathode price at 65.50 cents a lb for buyers in Ostra."
    tb = "Magma Copper said it set its cathode price at 65.75 cents a lb for buyers in Ostra."
    magma_a, magma_b = _named(ta, "Magma Copper"), _named(tb, "Magma Copper")
    a = _article("a1", ta, "Herald", "2025-03-07", entities=magma_a)
    b = _article("a2", tb, "Courier", "2025-03-09", entities=magma_b)
    assert _run(a, b) == []
    assert _run(a, _article("a2", tb, "Courier", "2025-03-08", entities=magma_b)) != []  # a day apart: compared


def test_leads_set_in_two_places_are_two_subjects_and_a_date_sentence_names_its_own():
    ta = "Hog prices in Omaha rose one dollar on good demand, the USDA said, with the top at 51.75 dlrs."
    tb = "Hog prices in Indiana rose one dollar on good demand, the USDA said, with the top at 51.00 dlrs."

    def placed(aid: str, text: str, place: str, outlet: str) -> Article:
        at = text.index(place)
        return _article(aid, text, outlet, entities=[Entity(place, "GPE", place, at, at + len(place)),
                                                     _org(text, "USDA")])
    assert _run(placed("a1", ta, "Omaha", "Herald"), placed("a2", tb, "Indiana", "Courier")) == []
    # two banks' stories, each about its own loans, print one date of one event named in the sentence
    lead_a = "Hollis Bank Corp said on Tuesday it put its loans to Brazil on non-accrual status for the quarter.\n\n"
    lead_b = "Tarn Trust Co said on Tuesday it put its loans to Brazil on non-accrual status, cutting its net income.\n\n"
    event = "Brazil suspended interest payments on its medium- and long-term debt on {}."
    ta, tb = lead_a + event.format("February 20"), lead_b + event.format("February 22")

    def bank(aid: str, text: str, name: str, day: str, value: str, outlet: str) -> Article:
        ents = [_org(text, name)] + [Entity("Brazil", "GPE", "Brazil", m, m + 6) for m in
                                      (text.index("Brazil"), text.rindex("Brazil"))]
        return _article(aid, text, outlet, "2025-03-12", entities=ents, times=[_day(text, day, value)])
    a = bank("a1", ta, "Hollis Bank Corp", "February 20", "2025-02-20", "Herald")
    b = bank("a2", tb, "Tarn Trust Co", "February 22", "2025-02-22", "Courier")
    [conflict] = _run(a, b)
    assert [c.text for c in conflict.claims] == ["2025-02-20", "2025-02-22"]


def test_a_group_named_by_a_number_is_no_count():
    ta = "Finance ministers of the Group of Five nations met in Paris on Monday to discuss growth."
    tb = "Finance ministers of the Group of Seven nations met in Paris on Monday to discuss growth."
    assert _run(_article("a1", ta, "Herald"), _article("a2", tb, "Courier")) == []


# --- positive evidence: one fact stated twice (session 9) -------------------------------------------

def test_a_toll_credited_to_different_sources_is_still_one_toll():
    ta = "At least 75 people were killed in the blast at the embassy in Ostra, Red Cross officials said."
    tb = "More than 110 people were killed in the blast at the embassy in Ostra, police said on Saturday."
    a = _article("a1", ta, "Post", entities=_named(ta, "Red Cross"))
    b = _article("a2", tb, "Wire")
    [conflict] = _run(a, b)
    assert conflict.about == "number of people killed"


def test_a_toll_whose_sentence_names_an_actor_the_other_article_never_prints_is_no_disagreement():
    ta = "Gunmen of the Kessel Front killed 12 soldiers near the border post on Sunday."
    tb = "Gunmen killed 15 soldiers near the border post on Sunday, the army said."
    a = _article("a1", ta, "Post", entities=_named(ta, "Kessel Front"))
    b = _article("a2", tb, "Wire")
    assert _run(a, b) == []


def test_figures_of_two_companies_worded_alike_are_no_disagreement():
    ta = "Harlow Partners said it now holds 410,000 shares of common stock in Dunmore Foods, a filing showed."
    tb = "Harlow Partners said it now holds 380,000 shares of common stock in Bellweather Mills, a filing showed."
    a = _article("a1", ta, "Post", entities=_named(ta, "Harlow Partners", "Dunmore Foods"))
    b = _article("a2", tb, "Wire", entities=_named(tb, "Harlow Partners", "Bellweather Mills"))
    assert _run(a, b) == []
    # the same company's figure, printed in both, is one
    tc = "Harlow Partners said it now holds 380,000 shares of common stock in Dunmore Foods, a filing showed."
    c = _article("a3", tc, "Wire", entities=_named(tc, "Harlow Partners", "Dunmore Foods"))
    [conflict] = _run(a, c)
    assert [claim.text for claim in conflict.claims] == ["380,000 shares", "410,000 shares"]


def test_a_figure_after_a_change_grades_and_one_title_in_two_words_are_no_disagreement():
    ta = "Harlow Partners had said it would offer 46 dlrs per share for Dunmore Foods."
    tb = "Harlow Partners has raised its offer for Dunmore Foods to 48 dlrs a share in cash."
    a = _article("a1", ta, "Post", entities=_named(ta, "Harlow Partners", "Dunmore Foods"))
    b = _article("a2", tb, "Wire", entities=_named(tb, "Harlow Partners", "Dunmore Foods"))
    assert _run(a, b) == []  # the offer moved: both true
    tc, td = "Prices are 96.8 cents a litre for 97 octane and 90.2 cents for 92 octane at Ostra pumps.", (
        "Prices are 97.0 cents a litre for 97 octane and 90.8 cents for 95 octane at Ostra pumps.")
    assert _run(_article("a3", tc, "Post"), _article("a4", td, "Wire")) == []  # grades, not counts
    from storyline.pipeline.brief.values import roles_disagree

    assert not roles_disagree("Deputy President", "vice president")
    assert not roles_disagree("vice-chairman", "deputy chairman")


def test_a_price_quoted_without_its_owner_is_no_disagreement():
    ta = "The July delivery traded at 571.50 dlrs an ounce, up 2.90 dlrs but under a session high."
    tb = "The July delivery settled at 572.20 dlrs an ounce, up 3.60 dlrs but under a session high."
    assert _run(_article("a1", ta, "Post"), _article("a2", tb, "Wire")) == []


def test_sentences_agreeing_on_another_count_list_one_scenes_figures():
    ta = "More than 70 firefighters, eight fire engines and four rescue units are at the scene near the depot."
    tb = "Eight fire engines, five fire rescue units and 22 ambulance crews were involved in the rescue at the depot."
    [conflict] = _run(_article("a1", ta, "Post"), _article("a2", tb, "Wire"))
    assert conflict.about == "number of units"


def test_counts_in_sentences_only_half_alike_and_naming_nothing_are_no_disagreement():
    ta = "Four rescue units were sent to the depot after the alarm, and the roads around it were closed."
    tb = "Crews said five rescue units were sent out, though most of the town stayed open."
    assert _run(_article("a1", ta, "Post"), _article("a2", tb, "Wire")) == []


def test_dates_of_two_subjects_worded_alike_are_no_disagreement():
    ta = "Harlow Oil said it raised its posting for light crude at Edmonton by 32 cts a barrel, effective June 18."
    tb = "Corran Oil said it will raise its posting for light crude at Edmonton by 24 cts a barrel, effective June 20."
    a = _article("a1", ta, "Post", "2025-06-18", times=[_day(ta, "June 18", "2025-06-18")],
                 entities=_named(ta, "Harlow Oil") + _named(ta, "Edmonton", label="GPE"))
    b = _article("a2", tb, "Wire", "2025-06-18", times=[_day(tb, "June 20", "2025-06-20")],
                 entities=_named(tb, "Corran Oil") + _named(tb, "Edmonton", label="GPE"))
    assert _run(a, b) == []


def test_the_sizes_of_two_price_rises_of_one_company_are_two_movements():
    ta = "Harlow Steel said its composite prices for strip mill plates will be increased 15 dlrs a ton."
    tb = "Harlow Steel said transaction prices for all H-piles will be increased by 30 dlrs per short ton."
    a = _article("a1", ta, "Post", entities=_named(ta, "Harlow Steel"))
    b = _article("a2", tb, "Wire", entities=_named(tb, "Harlow Steel"))
    assert _run(a, b) == []
    tc = "Harlow Steel said its composite prices for strip mill plates will be increased 25 dlrs a ton."
    [conflict] = _run(a, _article("a3", tc, "Wire", entities=_named(tc, "Harlow Steel")))  # one rise, word for word
    assert [c.text for c in conflict.claims] == ["15 dlrs", "25 dlrs"]


def test_one_verb_frame_before_one_noun_is_one_count_however_else_the_sentences_differ():
    ta = "The agency received nearly 235,000 comments on the proposal, most of them form letters."
    tb = "The Harlow Ministry proposed the rules in May and has since received nearly 300,000 comments on the proposal."
    a = _article("a1", ta, "Post")
    b = _article("a2", tb, "Wire", entities=_named(tb, "Harlow Ministry"))
    [conflict] = _run(a, _article("a2", tb, "Wire"))
    assert conflict.about == "number of comments"
    assert _run(a, b) == []  # … but not when one names an actor the other article never prints


# --- judged on held-out wire copy after unwrap (session 10): what is no disagreement ------------------

def test_relative_days_one_day_apart_or_rerun_days_later_are_no_disagreement():
    # "yesterday" and "earlier today" in wire copy timed the same morning: one was written the day before
    ta = "Halvard Oil filed for protection under the bankruptcy code yesterday after talks with its lenders failed."
    tb = "Halvard Oil filed for protection under the bankruptcy code earlier today after talks with its lenders failed."
    org = [_org(t, "Halvard Oil") for t in (ta, tb)]
    a = _article("a1", ta, "Post", "2025-03-10", times=[_day(ta, "yesterday", "2025-03-09")], entities=[org[0]])
    b = _article("a2", tb, "Wire", "2025-03-10", times=[_day(tb, "earlier today", "2025-03-10")], entities=[org[1]])
    assert _run(a, b) == []
    # one story re-run two days later: "today" and "later today" are read against each copy's own day
    tc = "Today's announcement of the tariff cuts came before the delegation left for the trade talks with Ostra."
    td = "The announcement of the tariff cuts came later today, before the delegation left for the trade talks with Ostra."
    c = _article("a3", tc, "Post", "2025-03-10", times=[_day(tc, "Today", "2025-03-10")])
    d = _article("a4", td, "Wire", "2025-03-12", times=[_day(td, "later today", "2025-03-12")])
    assert _run(c, d) == []


def test_dated_sentences_giving_other_figures_that_all_differ_are_two_events():
    ta = "The central bank lowered the offer price on the 900 mln riyal issue to 99.50586 from 99.51953 last Saturday."
    tb = "The central bank lowered the offer price on the 500 mln riyal issue to 98.39844 from 98.45313 last Monday."
    a = _article("a1", ta, "Post", "2025-03-11", times=[_day(ta, "last Saturday", "2025-03-08")])
    b = _article("a2", tb, "Wire", "2025-03-11", times=[_day(tb, "last Monday", "2025-03-10")])
    assert _run(a, b) == []
    # … one figure both give, and they are one event dated two ways
    tc = tb.replace("500 mln", "900 mln")
    c = _article("a3", tc, "Wire", "2025-03-11", times=[_day(tc, "last Monday", "2025-03-10")])
    assert [sorted(x.text for x in d.claims) for d in _run(a, c)] == [["2025-03-08", "2025-03-10"]]


def test_a_figure_put_at_two_times_is_two_figures():
    ta = "The Bank of Ostra provided the money market with help of 97 mln crowns in the morning session, it said."
    tb = "The Bank of Ostra provided the money market with help of 104 mln crowns in the afternoon session, it said."
    bank = [_org(t, "Bank of Ostra") for t in (ta, tb)]
    a, b = _article("a1", ta, "Post", entities=[bank[0]]), _article("a2", tb, "Wire", entities=[bank[1]])
    assert _run(a, b) == []
    tc = tb.replace("afternoon", "morning")  # one session: one figure misreported
    [conflict] = _run(a, _article("a3", tc, "Wire", entities=[_org(tc, "Bank of Ostra")]))
    assert [c.text for c in conflict.claims] == ["97 mln crowns", "104 mln crowns"]


def test_a_figure_of_two_months_is_two_figures_and_a_day_within_a_month_is_one_time():
    ta = "Harlow Steel said its output of crude steel was 2.1 mln tonnes in May, according to its monthly report."
    tb = "Harlow Steel said its output of crude steel was 2.6 mln tonnes in June, according to its monthly report."
    may, june = _day(ta, "May", "2025-05"), _day(tb, "June", "2025-06")
    a = _article("a1", ta, "Post", "2025-06-02", times=[may], entities=_named(ta, "Harlow Steel"))
    b = _article("a2", tb, "Wire", "2025-06-02", times=[june], entities=_named(tb, "Harlow Steel"))
    assert _run(a, b) == []
    tc = tb.replace("June", "the month to May 30")
    c = _article("a3", tc, "Wire", "2025-06-02", times=[_day(tc, "May 30", "2025-05-30")], entities=_named(tc, "Harlow Steel"))
    assert len(_run(a, c)) == 1  # May holds May 30: one time, two figures


def test_prices_whose_sentences_share_no_other_figure_are_two_records():
    ta = "The Harlow yards saw steer top at 67.50 and heifers at 66.00 dlrs, private sources said."
    tb = "The Harlow yards saw steer top at 68.00 and heifers at 66.50 dlrs, private sources said."
    yards = [_org(t, "Harlow") for t in (ta, tb)]
    a, b = _article("a1", ta, "Post", entities=[yards[0]]), _article("a2", tb, "Wire", entities=[yards[1]])
    assert _run(a, b) == []
    tc = tb.replace("68.00", "67.50")  # the steer price alike: one market's heifer price given two ways
    [conflict] = _run(a, _article("a3", tc, "Wire", entities=[_org(tc, "Harlow")]))
    assert [c.text for c in conflict.claims] == ["66.00 dlrs", "66.50 dlrs"]


def test_a_sum_needs_one_subject_both_ways():
    # both sentences print Corran Air, but one bids for it and the other is its bid for another airline
    ta = "Harlow Airways has offered 52 dlrs per share in cash for Corran Air, the company said."
    tb = "Corran Air has offered 58 dlrs per share in cash for Ostra Airlines, the company said."
    a = _article("a1", ta, "Post", entities=_named(ta, "Harlow Airways", "Corran Air"))
    b = _article("a2", tb + " Harlow Airways declined to comment.", "Wire",
                 entities=_named(tb, "Corran Air", "Ostra Airlines") + [_org(tb + " Harlow Airways", "Harlow Airways")])
    assert _run(a, b) == []


def test_a_price_needs_each_leads_subject_in_the_other_article():
    # each refiner's story names its rival in passing; the prices are each refiner's own
    ta = "Harlow Oil said it raised posted prices for crude by 50 cts.\n\nThe increase brings Ostra Sour to 18.10 dlrs a barrel."
    tb = ("Corran Oil said it raised posted prices for crude by 50 cts.\n\nThe increase brings Ostra Sour to 19.00 dlrs "
          "a barrel.\n\nOther refiners such as Harlow Oil were expected to follow.")
    sour = "Ostra Sour"
    a = _article("a1", ta, "Post", entities=_named(ta, "Harlow Oil", sour))
    b = _article("a2", tb, "Wire", entities=[_org(tb, "Corran Oil"), _org(tb, sour),
                                             Entity("Harlow Oil", "ORG", "Harlow Oil", tb.rindex("Harlow Oil"),
                                                    tb.rindex("Harlow Oil") + len("Harlow Oil"))])
    assert _run(a, b) == []


def test_a_lead_is_about_its_first_actor_not_its_lead_manager():
    ta = "Harlow Bank Ltd is issuing a 100 mln dlr convertible bond, lead managed by Ostra International, it said.\n\nFinal terms will be fixed on April 9."
    tb = "Corran Trust Ltd is issuing a 100 mln dlr convertible bond, lead manager Corran Trust International said.\n\nFinal terms will be fixed on April 10."
    a = _article("a1", ta, "Post", "2025-04-02", times=[_day(ta, "April 9", "2025-04-09")],
                 entities=_named(ta, "Harlow Bank Ltd") + _named(ta, "Ostra International", label="PERSON"))
    b = _article("a2", tb, "Wire", "2025-04-02", times=[_day(tb, "April 10", "2025-04-10")],
                 entities=_named(tb, "Corran Trust Ltd", "Corran Trust International"))
    assert _run(a, b) == []  # "Ostra International" tagged a person: its surname "International" is printed in b


def test_a_series_of_days_or_each_articles_own_day_is_no_disagreement():
    ta = "The Treasury's cash balance totaled 8.969 billion dlrs on March 31 compared with 10.544 billion dlrs on March 30."
    tb = "The Treasury's cash balance totaled 11.097 billion dlrs on April 1 compared with 8.969 billion dlrs on March 31."
    a = _article("a1", ta, "Post", "2025-04-01", times=[_day(ta, "March 31", "2025-03-31"), _day(ta, "March 30", "2025-03-30")])
    b = _article("a2", tb, "Wire", "2025-04-02", times=[_day(tb, "April 1", "2025-04-01"), _day(tb, "March 31", "2025-03-31")])
    assert _run(a, b) == []
    tc = "Minister Harlow will repeat the plan in a speech to the bank's annual meeting in Ostra today (Monday)."
    td = "The bank's annual meeting in Ostra ended today without agreement on the plan of Minister Harlow."
    c = _article("a3", tc, "Post", "2025-03-24", times=[_day(tc, "today", "2025-03-24")])
    d = _article("a4", td, "Wire", "2025-03-26", times=[_day(td, "today", "2025-03-26")])
    assert _run(c, d) == []


def test_a_day_inside_the_span_another_sentence_gives_is_no_disagreement():
    ta = "The coffee council's executive board will meet from March 30 to April 1 in the capital, delegates said."
    tb = "The coffee council's executive board will meet on March 31 in the capital, delegates said."
    a = _article("a1", ta, "Post", "2025-03-03", times=[_day(ta, "March 30", "2025-03-30"), _day(ta, "April 1", "2025-04-01")])
    b = _article("a2", tb, "Wire", "2025-03-03", times=[_day(tb, "March 31", "2025-03-31")])
    assert _run(a, b) == []


def test_a_place_after_a_preposition_says_where_not_whose_date_it_is():
    ta = "Harlow Electric Ltd is issuing a 50 mln dlr warrant bond, lead manager Ostra Securities said.\n\nThe payment date is March 30 while listing will be in Luxembourg."
    tb = "A 40 mln dlr eurobond is being issued, sole lead manager Corran Bank said.\n\nThe payment date is April 1 while listing will be in Luxembourg."
    a = _article("a1", ta, "Post", "2025-03-05", times=[_day(ta, "March 30", "2025-03-30")],
                 entities=_named(ta, "Harlow Electric Ltd", "Ostra Securities") + _named(ta, "Luxembourg", label="GPE"))
    b = _article("a2", tb, "Wire", "2025-03-05", times=[_day(tb, "April 1", "2025-04-01")],
                 entities=_named(tb, "Corran Bank") + _named(tb, "Luxembourg", label="GPE"))
    assert _run(a, b) == []


# --- sides need named sources ---------------------------------------------------------------------

_TOLL_A = "A bus overturned on the coast road near Tarven and 25 people were injured, police said."
_TOLL_B = "Police in Tarven say 27 people were injured when the bus overturned on the coast road."


def test_two_articles_nothing_names_the_source_of_are_no_disagreement():
    # one wire's copy and its update read the same: without an outlet, address or writer nobody can say two outlets differ
    assert _run(_article("a1", _TOLL_A, None), _article("a2", _TOLL_B, None)) == []


def test_a_writer_or_an_address_names_a_source():
    a = _article("a1", _TOLL_A, None, byline="Dana  Whitlow")
    b = _article("a2", _TOLL_B, None, url="https://www.tarven-news.example/bus")
    [conflict] = _run(a, b)
    assert [c.text for c in conflict.claims] == ["25 people", "27 people"]


def test_an_unnamed_articles_citation_leaves_its_side_the_named_ones_stay():
    a = _article("a1", _TOLL_A, "Herald")
    b = _article("a2", _TOLL_B, "Courier")
    c = _article("a3", "Police in Tarven say 27 people were injured when the bus overturned on the coast road at dawn.", None)
    [conflict] = _run(a, b, c)
    assert [[x.article for x in claim.citations] for claim in conflict.claims] == [["a1"], ["a2"]]

"""The outlet ranker over candidate names (pipeline/lines/outlet.py)."""

from storyline.pipeline.lines.outlet import Candidate, candidates, display_name, find_outlet, outlet_body, outlet_key

BODY = [
    "The council approved the harbour budget on Tuesday after a long debate, officials said.",
    "The vote was nine to four, and the bridge will close to cars next spring for repairs.",
]


def test_candidates_come_from_news_page_conventions():
    texts = ["Menu", *BODY, "More From the Elmstad Tribune", "© 2024 Elmstad Tribune. All rights reserved.",
             "https://www.elmstadtribune.com/news/harbour-budget", "Copyright 2024 Harbour Media, LLC"]
    found = candidates(texts, [False, True, True, False, False, False, False])
    assert {"more_from", "copyright"} <= set(found["elmstad tribune"].contexts)
    assert found["harbour media"].owner and not found["elmstad tribune"].owner  # "… LLC" names a company
    assert "url" in found["elmstadtribune"].contexts
    assert outlet_key("The Elmstad Tribune") == outlet_key("elmstad tribune") == "elmstad tribune"
    assert outlet_key("Cleveland.com") == "cleveland"


def test_the_outlet_named_around_the_article_is_picked():
    texts = ["Elmstad Tribune", "Harbour bridge to close to cars", *BODY, "Subscribe to the Elmstad Tribune",
             "© 2024 Elmstad Tribune. All rights reserved."]
    name, prob, context = find_outlet(texts, [False, False, True, True, False, False])
    assert name == "Elmstad Tribune" and 0 < prob <= 1 and context in ("copyright", "subscribe", "line")


def test_a_paper_named_only_in_the_body_is_not_the_outlet():
    texts = ["Bridge to close", "By Ann Lee", "The mayor told China Daily the bridge would close next spring, officials said."]
    assert find_outlet(texts, [False, False, True], exclude=["Bridge to close", "Ann Lee"]) is None


def test_a_masthead_in_capitals_is_shown_in_title_case():
    cand = Candidate("valley courier")
    cand.forms["THE VALLEY COURIER"] += 2
    assert display_name(cand) == "The Valley Courier"
    cand = Candidate("usa today")
    cand.forms["USA TODAY"] += 1
    assert display_name(cand) == "USA Today"
    cand.forms["USA Today"] += 1
    assert display_name(cand) == "USA Today"


def test_weak_signs_name_no_outlet_but_a_masthead_the_footer_repeats_does():
    from storyline.pipeline.lines.outlet import is_masthead, min_score, scored_candidates

    texts = ["Bridge to close", *BODY, "Photo: Harbour Partners"]
    body = [False, True, True, False]
    scored = scored_candidates(texts, body)
    assert scored and scored[0][0] < min_score()  # one photo credit is too little
    assert find_outlet(texts, body) is None
    masthead = ["The Valley Courier", "Bridge to close", *BODY, "© 2021 The Valley Courier. All rights reserved."]
    body = [False, False, True, True, False]
    top = scored_candidates(masthead, body)[0]
    assert top[1] == "The Valley Courier" and is_masthead(top[3])
    assert find_outlet(masthead, body)[0] == "The Valley Courier"


def test_a_name_the_page_also_prints_as_its_address_is_marked():
    from storyline.pipeline.lines.outlet import page_candidates, printed_hosts

    texts = ["Elmstad Tribune", "Bridge to close", *BODY, "Write to ann.lee@elmstadtribune.com",
             "Follow @ElmstadTribune"]
    hosts = printed_hosts(texts)
    assert hosts["mail"] == {"elmstadtribune"} and hosts["handle"] == {"elmstadtribune"}
    _, feats = page_candidates(texts, [False, False, True, True, False, False])
    assert "host_named:mail=exact" in feats["elmstad tribune"]
    assert not any(k.startswith("host") for k in feats.get("bridge to close", {}))


def test_a_furniture_word_after_a_name_is_no_part_of_it():
    found = candidates(["Click here to subscribe to The Elmstad Tribune Newsletter", "More Great ELMSTAD Stories",
                        "By THE VALLEY COURIER"], [False, False, False])
    assert {"elmstad tribune", "elmstad", "valley courier"} <= set(found)


def test_an_author_bio_naming_what_the_writer_founded_puts_the_outlet_forward():
    texts = ["Bridge to close", *BODY, "About the author",
             "Ann Lee founded Harbour Daily Brief with an aim to bring local news to readers.",
             "Jo Berg is the founder of Elmstad Weekly Review and its publisher."]
    found = candidates(texts, [False, True, True, False, False, False])
    assert "reporter_for" in found["harbour daily brief"].contexts
    assert "reporter_for" in found["elmstad weekly review"].contexts


def test_more_from_names_the_page_and_bare_more_names_a_topic():
    found = candidates(["More From the Elmstad Tribune", "More Harbour", "Want more Elmstad Tribune? Sign up"],
                       [False, False, False])
    assert set(found["elmstad tribune"].contexts) == {"more_from"}  # "Want more X" is the page's own name
    assert set(found["harbour"].contexts) == {"more_topic"}  # "More Harbour": a topic or a section


def test_a_short_kept_line_opening_with_a_furniture_convention_stands_outside_the_article():
    texts = [*BODY, "Subscribe to Elmstad Tribune on YouTube", "The Elmstad Tribune is a paper, she said of it."]
    assert outlet_body(texts, [True, True, True, True]) == [True, True, False, True]
    assert outlet_body(texts, [False, True, True, False]) == [False, True, False, False]  # never adds to the body


def test_a_long_dropped_bio_still_names_what_the_writer_founded():
    bio = ("Ann Lee founded the Elmstad Tribune with an aim to bring plain and unaltered news to the general "
           "public, with a viewpoint for each story catered by the writers, editors and readers who have joined "
           "her over the years since the first issue came out")
    assert len(bio.split()) > 40
    found = candidates([*BODY, bio], [True, True, False])
    assert "reporter_for" in found["elmstad tribune"].contexts


def test_a_site_address_may_open_with_a_digit():
    found = candidates(["Read it first at 7elmstad.com", "version 3.5 is out"], [False, False])
    assert "domain" in found["7elmstad"].contexts
    assert not any("domain" in c.contexts for c in found.values() if c.key != "7elmstad")  # "3.5" is no address


def test_a_sentence_long_line_is_read_only_with_the_contexts_prose_names_a_publication_in():
    line = ("The photo released by the Harbour Rail Branch on Monday shows the tram on its side after it left the "
            "rails at the bend, officials and witnesses said")
    assert 20 < len(line.split()) <= 40
    assert "harbour rail branch" not in candidates([line], [False])  # no credit line: a sentence
    assert "by_outlet" in candidates(["Photo by Harbour Rail Branch"], [False])["harbour rail branch"].contexts


def test_a_person_the_body_names_by_surname_alone_is_marked():
    from storyline.pipeline.lines.outlet import page_candidates

    texts = ["Follow Hanna Lind", "Mayor Hanna Lind opened the bridge on Monday.",
             "Lind said the ferry would run all winter, and Lind thanked the engineers.", "Subscribe to Elmstad Tribune"]
    _, feats = page_candidates(texts, [False, True, True, False])
    assert "surname_alone=3" in feats["hanna lind"]  # "Lind" twice alone in the body
    assert not any(k.startswith("surname_alone") for k in feats["elmstad tribune"])

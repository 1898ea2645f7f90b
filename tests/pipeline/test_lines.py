"""The learned line labeller and the readers around it, on lines written for each kind."""

from __future__ import annotations

import re

from storyline.pipeline.lines.features import Line, line_features, split_lines
from storyline.pipeline.lines.model import LABELS, label_lines
from storyline.pipeline.lines.reader import read_scrape
from storyline.pipeline.lines.shapes import DATE_SHAPE, has_reported_quote
from storyline.pipeline.metadata import byline_outlet, clean_byline, find_agencies, find_outlet, read_stamp
from storyline.pipeline.textlines import junk_rule_ids, name_junk

PARAGRAPHS = [
    "The city council of Elmstad voted on Monday to close the old harbour bridge to cars from next spring, "
    "ending a dispute that has divided the town for more than a decade.",
    "The bridge, built in 1931, carries about 9,000 vehicles a day. Engineers warned last year that its steel "
    "supports had corroded faster than expected and could not be repaired at a reasonable cost.",
    '"We cannot keep patching a bridge that is older than most of the people who drive over it," Mayor Hanna '
    "Lind told the council before the vote.",
    "Shop owners on the north bank fear the closure will cut them off from customers. Their association said it "
    "would ask the regional court to review the decision.",
    "A new crossing for buses, cyclists and pedestrians is planned to open in 2027, the council said, and a "
    "ferry will run every twenty minutes in the meantime.",
    "The vote was 17 to 12. Two members of the governing coalition voted against the plan.",
]
SCRAPE = "\n".join(
    [
        "Harbour bridge to close to cars next spring",
        "Share on Facebook",
        "Share on Twitter",
        "By Tomas Berg",
        "Published: June 3, 2024 at 4:02 pm",
        "",
        *(p + "\n" for p in PARAGRAPHS[:3]),
        "The old harbour bridge in Elmstad seen from the north bank on Monday.",
        "Photo: Elmstad Tribune",
        "",
        *(p + "\n" for p in PARAGRAPHS[3:]),
        "Tomas Berg is a reporter who covers local politics for the Elmstad Tribune.",
        "Sign up for our daily newsletter",
        "© 2024 Elmstad Tribune. All rights reserved.",
    ]
)


def test_split_lines_notes_blank_lines_around():
    lines = split_lines("Title\n\n  First paragraph.  \nSecond paragraph.\n")
    assert lines == [
        Line("Title", False, True),
        Line("First paragraph.", True, False),
        Line("Second paragraph.", False, False),
    ]


def test_features_are_deterministic_and_name_no_publisher():
    lines = split_lines(SCRAPE)
    first, again = line_features(lines), line_features(lines)
    assert first == again and len(first) == len(lines)
    assert first[3]["by"] == "1" and first[4]["date"] == "1" and first[4]["time"] == "1"
    assert "rule=interface_word" in first[1]
    assert all("tribune" not in key.casefold() for f in first for key in f)


def test_model_labels_every_line_with_probabilities():
    labelled = label_lines(split_lines(SCRAPE))
    assert all(lab.label in LABELS for lab in labelled)
    assert all(abs(sum(lab.probs.values()) - 1) < 1e-6 for lab in labelled)
    assert label_lines([]) == []


def test_reading_a_scrape_keeps_the_body_and_reads_the_head():
    reading = read_scrape(SCRAPE)
    kept = [text for text, keep, _ in reading.parts if keep]
    assert kept == PARAGRAPHS
    assert reading.title == "Harbour bridge to close to cars next spring"
    assert reading.byline == "Tomas Berg"
    assert reading.published == "2024-06-03T16:02"
    # One copyright line and a photo credit are too little to name an outlet under the calibrated threshold.
    assert (reading.outlet, reading.outlet_rule) == (None, None)
    reasons = {text: reason for text, keep, reason in reading.parts if not keep}
    assert reasons["By Tomas Berg"] == "byline"
    assert reasons["Published: June 3, 2024 at 4:02 pm"] == "date stamp"
    assert reasons["Photo: Elmstad Tribune"] == "photo credit"
    assert reasons["Tomas Berg is a reporter who covers local politics for the Elmstad Tribune."] == "author bio"
    assert reasons["Sign up for our daily newsletter"] == "newsletter prompt"
    every = [ln.strip() for ln in SCRAPE.splitlines() if ln.strip()]
    assert sorted(text for text, _, _ in reading.parts) == sorted(every)  # nothing lost


def test_a_bio_glued_to_a_quote_paragraph_is_split_off():
    glued = PARAGRAPHS[2] + " Tomas Berg is a reporter who covers local politics for the Elmstad Tribune."
    text = "\n\n".join([*PARAGRAPHS[:2], glued, *PARAGRAPHS[3:]])
    parts = read_scrape(text).parts
    assert (PARAGRAPHS[2], True, None) in parts
    assert ("Tomas Berg is a reporter who covers local politics for the Elmstad Tribune.", False, "author bio") in parts


def test_a_paragraph_closed_by_a_wire_signoff_is_kept():
    last = '"At the same time, we will keep the ferry running every twenty minutes until the new crossing opens." (Reuters)'
    reading = read_scrape("\n".join([*PARAGRAPHS, last]))
    assert (last, True, None) in reading.parts


def test_caption_block_in_a_spaced_text_is_dropped():
    block = ["Mayor Hanna Lind speaks during the council meeting in Elmstad.", "Elmstad Tribune/Jonas Holm"]
    text = "\n\n".join([*PARAGRAPHS[:3], "\n".join(block), *PARAGRAPHS[3:]])
    parts = read_scrape(text).parts
    assert [t for t, keep, _ in parts if keep] == PARAGRAPHS
    assert all(not keep for t, keep, _ in parts if t in block)


def test_shapes():
    assert DATE_SHAPE.search("Updated Nov. 19, 2019 8:03 am ET")
    assert DATE_SHAPE.search("15 March 2021") and DATE_SHAPE.search("2019-11-19")
    assert not DATE_SHAPE.search("The vote was 17 to 12.")
    assert has_reported_quote('"We cannot keep patching it," Mayor Lind told the council')
    assert has_reported_quote("The mayor said the bridge was “older than most of the people who drive over it”.")
    assert not has_reported_quote("The mayor told the council the bridge must close.")
    assert not has_reported_quote('Watch: "The bridge closure in two minutes"')


def test_stamps_with_time_and_zone():
    assert read_stamp("Published : March 15, 2021 - 14:22") == "2021-03-15T14:22"
    assert read_stamp("Nov. 19, 2019 8:03 am ET") == "2019-11-19T08:03-05:00"
    assert read_stamp("July 4, 2019 8:03 am ET") == "2019-07-04T08:03-04:00"  # daylight time
    assert read_stamp("Updated: 1:39 am EST, Wednesday, November 20, 2019") == "2019-11-20T01:39-05:00"
    assert read_stamp("October 9, 2018 at 4:02 pm") == "2018-10-09T16:02"
    assert read_stamp("By Tim Doe 2019-11-19T12:48:14Z Space") == "2019-11-19T12:48:14+00:00"
    assert read_stamp("Updated Nov 5, 2019; Posted Nov 4, 2019") == "2019-11-04"  # publication over update
    assert read_stamp("Share this story") is None


def test_bylines_are_names_only():
    assert clean_byline("By TOM DOE, AP Auto Writer") == "Tom Doe"  # capitals in the usual case
    assert clean_byline("ANN LEE, FUTURISM") == "Ann Lee"  # one word after a name: an outlet
    assert clean_byline("February 1, 2019 | BY: Ann Lee, MS, RDN") == "Ann Lee"  # degrees
    assert clean_byline("By Jo Berg, Jr.") == "Jo Berg Jr"
    assert clean_byline("Analysis by Ann Lee, CNN Editor-at-large") == "Ann Lee"
    assert clean_byline("By Ann Lee | Harbour News") == "Ann Lee"
    assert clean_byline("Posted by Jo Berg on November 19, 2019, 6:21 AM EST") == "Jo Berg"
    assert clean_byline("By Jo Berg@jberg Nov 18, 2019, 11:47am EST") == "Jo Berg"
    assert clean_byline("By Jo BergBusiness Columnist") == "Jo Berg"
    assert clean_byline("By Ann Lee and Jo Berg, Wednesday, 20 November 2019") == "Ann Lee, Jo Berg"
    assert clean_byline("By Ann Lee (ann.lee@example.com)") == "Ann Lee"
    assert clean_byline("By Staff") is None


def test_outlet_rules():
    assert find_outlet(["THE VALLEY COURIER", "Headline"]) == ("The Valley Courier", "masthead")
    assert find_outlet(["© 2019 The Associated Press. All rights reserved."]) == ("The Associated Press", "copyright")
    assert find_outlet(["Originally published on Harbour Science."]) == ("Harbour Science", "originally_published")
    assert find_outlet(["Follow The Elmstad Tribune on Twitter"]) == ("The Elmstad Tribune", "tagline")
    # A company in the copyright line is the owner: the byline's outlet comes first.
    assert find_outlet(["© 2019 Harbour Communications"], bylines=["By Ann Lee | Harbour News"]) == (
        "Harbour News", "byline")
    assert find_outlet(["© 2019 Harbour Communications"]) == ("Harbour Communications", "copyright_owner")
    assert byline_outlet("By Ann Lee, Harbour News Staff") == "Harbour News"
    assert find_outlet(["Share", "Read more"]) is None


def test_agency_credits():
    assert find_agencies(["With Post wires"]) == ["wire services"]
    assert find_agencies(["Blinken speaks in Washington. (AP-Yonhap)"]) == ["AP", "Yonhap"]
    assert find_agencies(["TOKYO (AFP) – Ministers arrived on Monday."]) == ["AFP"]


def test_junk_rules_have_ids_and_reasons():
    assert "photo_caption_4" in junk_rule_ids("United States Secretary of State Jane Roe. PHOTO: AFP")
    assert name_junk("Share this article") == "interface word"
    assert name_junk("Also read: Ferry fares to rise") == "related link"
    assert name_junk("jsmith42") == "stray short line"
    assert name_junk(PARAGRAPHS[0]) is None


def test_credit_lines_under_the_story_are_dropped_and_read_as_agencies():
    assert name_junk("With Tribune wires") == "credit"
    assert name_junk("Additional reporting by Jo Berg") == "credit"
    assert name_junk("(Reporting by Ann Lee; Editing by Jo Berg)") == "credit"
    assert name_junk("Jo Berg contributed to this report.") == "credit"
    assert name_junk("With the vote won, the mayor said the work would start in May.") is None
    parts = read_scrape("\n\n".join([*PARAGRAPHS, "With Tribune wires"])).parts
    assert ("With Tribune wires", False, "credit") in parts
    assert [t for t, keep, _ in parts if keep] == PARAGRAPHS


def test_the_paragraphs_under_an_about_the_author_heading_are_the_bio():
    bio = "T. BERG founded the Harbour Courier with an aim to bring local news to the people of Elmstad."
    parts = read_scrape("\n\n".join([*PARAGRAPHS, "About the author", bio])).parts
    assert (bio, False, "author bio") in parts
    assert [t for t, keep, _ in parts if keep] == PARAGRAPHS


def test_a_byline_without_by_must_open_with_a_first_name():
    from storyline.pipeline.lines.reader import _names_ok

    assert _names_ok("Hanna Lind", "Hanna Lind - Nov 19, 2019")
    assert _names_ok("Choi Si-young", "By Choi Si-young")  # "By" says it
    assert not _names_ok("Give Feedback", "Give Feedback")
    assert not _names_ok("Harbour Brothers", "Harbour Brothers")
    assert not _names_ok("Hau Dinh", "Photo: Hau Dinh")  # a picture's maker


def test_with_no_headline_the_model_sees_the_head_line_sharing_the_story_words_is_taken():
    from storyline.pipeline.lines.reader import _headline_by_shape

    texts = ["Menu", "Local news", "Elmstad council votes to close harbour bridge to cars", "Share", *PARAGRAPHS]
    body = {w for p in PARAGRAPHS for w in re.findall(r"\w+", p.casefold()) if len(w) > 3}
    assert _headline_by_shape(texts, [0, 1, 2, 3], body) == texts[2]
    assert _headline_by_shape(texts, [0, 1, 3], body) is None


def test_dropped_lines_no_rule_names_are_told_apart():
    from storyline.pipeline.lines.reader import _unnamed

    assert _unnamed("Mayor Hanna Lind speaks during the council meeting in Elmstad") == "photo caption"
    assert _unnamed("Harbour works (Tribune) |") == "photo caption"
    assert _unnamed("Trending in Elmstad this week") == "boilerplate"
    reading = read_scrape("The Elmstad Tribune\n\n" + SCRAPE)
    assert reading.outlet == "The Elmstad Tribune"
    assert ("The Elmstad Tribune", False, "masthead") in reading.parts


def test_a_comment_section_ends_the_article():
    comments = ["42 Comments", "Ann Fisk on June 3, 2024 at 6:10 pm said:",
                "I have crossed that bridge every day for thirty years and I will miss driving over it, to be honest.",
                "Bo Lind says:", "The council should have repaired the steel supports ten years ago when it was cheap."]
    reading = read_scrape("\n\n".join([*PARAGRAPHS, *comments]))
    kept = [text for text, keep, _ in reading.parts if keep]
    assert kept == PARAGRAPHS
    reasons = {text: reason for text, keep, reason in reading.parts if not keep}
    assert reasons[comments[2]] == "comments" and reasons[comments[4]] == "comments"


def test_comment_author_shapes():
    from storyline.pipeline.lines.shapes import COMMENT_BY, COMMENT_DATED, COMMENTS_HEADING

    assert COMMENT_DATED.match("Olivia (GiveWell) on October 4, 2018 at 10:58 am said:")
    assert not COMMENT_DATED.match("The minister said on Monday at 10:00 that the plan stood.")
    assert COMMENT_BY.match("C. M. says:") and not COMMENT_BY.match("He said the plan stood:")
    assert all(COMMENTS_HEADING.match(t) for t in ("Comments", "Top Rated Comments", "Leave a Reply",
                                                   "Join the conversation", "3 comments on “Bridge”"))
    assert not COMMENTS_HEADING.match("Comments are closed on the council's website until Monday.")


def test_a_wire_story_on_a_page_naming_no_publisher_is_the_wires():
    from storyline.pipeline.lines.outlet import wire_outlet

    body = ["ELMSTAD, Norway (AP) — " + PARAGRAPHS[0], *PARAGRAPHS[1:]]
    assert wire_outlet(body, [True] * len(body)) == ("Associated Press", "dateline_agency")
    signed = [*PARAGRAPHS[:-1], PARAGRAPHS[-1] + " (Yonhap)"]
    assert wire_outlet(signed, [True] * len(signed)) == ("Yonhap", "signoff_agency")
    assert wire_outlet(["TOKYO (AFP-Yonhap) – " + PARAGRAPHS[0]], [True]) == ("AFP", "dateline_agency")
    assert wire_outlet(PARAGRAPHS, [True] * len(PARAGRAPHS)) is None  # no credit: no outlet
    reading = read_scrape("\n\n".join(body))
    assert (reading.outlet, reading.outlet_rule) == ("Associated Press", "dateline_agency")


def test_a_headline_is_no_markup_or_table_row_and_stands_near_the_body():
    pixel = '<img height="1" width="1" style="display:none" src="//example.org/p?id=1">'
    text = "\n".join([pixel, "Elmstad\t17\t12\t0", "", "Harbour bridge to close to cars next spring", "",
                      "By Tomas Berg", "", *(p + "\n" for p in PARAGRAPHS)])
    assert read_scrape(text).title == "Harbour bridge to close to cars next spring"


def test_a_byline_or_stamp_the_model_kept_at_the_top_is_head_not_body():
    from storyline.pipeline.lines.features import Line
    from storyline.pipeline.lines.reader import _head_kept_as_body

    texts = ["What is the value of drugs that come to the border?",
             "By Matthew Digby, Minh Do on Monday, November 18th, 2019 at 11:08 a.m.", *PARAGRAPHS]
    keep = [True] * len(texts)
    _head_kept_as_body([Line(t) for t in texts], keep)
    assert keep == [True, False] + [True] * len(PARAGRAPHS)
    # Far down the body, a line opening "By" is the article's own.
    late = [*PARAGRAPHS, "By Tomas Berg"]
    keep = [True] * len(late)
    _head_kept_as_body([Line(t) for t in late], keep)
    assert all(keep)


def test_with_no_headline_read_the_line_above_the_byline_is_the_headline():
    from storyline.pipeline.lines.features import Line
    from storyline.pipeline.lines.model import Labelled
    from storyline.pipeline.lines.reader import Reading, _headline_above_head

    probs = {"headline": 0.0, "byline": 0.0, "date": 0.0, "body": 0.9, "junk": 0.1}
    texts = ["Gift guide: what do you buy for the person who has everything?", "Zac Hall",
             "Nov. 18th 2019 12:12 pm PT", *PARAGRAPHS]
    labelled = [Labelled(Line(t), "body", probs) for t in texts]
    keep = [True, False, False] + [True] * len(PARAGRAPHS)
    reading = Reading(byline="Zac Hall", byline_line=1, date_line=2)
    _headline_above_head(reading, labelled, keep)
    assert reading.title == texts[0] and not keep[0]
    # A quote line above a dated attribution line is no headline: nothing is read.
    texts = ['"$53 million a week is coming across the border."', "— Rep. David McKinley on Sunday, October 13th, 2019",
             "By Matthew Digby", *PARAGRAPHS]
    labelled = [Labelled(Line(t), "body", probs) for t in texts]
    reading = Reading(byline="Matthew Digby", byline_line=2)
    _headline_above_head(reading, labelled, [True, False, False] + [True] * len(PARAGRAPHS))
    assert reading.title is None


def test_a_byline_the_model_is_sure_of_needs_no_known_first_name():
    from storyline.pipeline.lines.reader import _names_ok

    assert not _names_ok("Keris Lahiff", "Keris Lahiff")  # no "By", first name unknown, model unsure
    assert _names_ok("Keris Lahiff", "Keris Lahiff", byline_prob=0.8)
    # A page's own words in capitals are no names, however sure the model is.
    assert not _names_ok("Harbour Lights", "HARBOUR LIGHTS", 0.8, lambda: frozenset({"harbour", "lights"}))
    # A picture's credit names its photographer beside the agency, not the writer.
    assert not _names_ok("Natalie Naccache", "Natalie Naccache | Bloomberg | Getty Images")
    assert _names_ok("Ann Lee", "By Ann Lee | Getty Images")  # "By" says it


def test_a_publication_named_after_the_writer_is_no_writer():
    from storyline.pipeline.lines.reader import writers_only

    assert writers_only("Tanza Loudenback, Business Insider") == "Tanza Loudenback"
    assert writers_only("Ann Lee, Jo Berg") == "Ann Lee, Jo Berg"


def test_the_writer_is_read_from_a_dated_by_line_and_from_an_author_box():
    from storyline.pipeline.lines.reader import _byline_below

    head = ["Harbour bridge to close to cars next spring", "11/19/2019 by Lars Brandle", "FACEBOOK",
            "Clay Patrick McBride", *PARAGRAPHS]
    assert read_scrape("\n\n".join(head)).byline == "Lars Brandle"  # not the picture's credit below it
    texts = ["Bridge to close", *PARAGRAPHS, "ABOUT THE AUTHOR", "Laura Winter", "Science & Technology"]
    keep = [False] + [True] * len(PARAGRAPHS) + [False, False, False]
    assert _byline_below(texts, keep) == "Laura Winter"
    texts = ["Bridge to close", *PARAGRAPHS, "Share", "Pamela Wilson",
             "Pamela Wilson is an online educator and the founder of a brand studio."]
    keep = [False] + [True] * len(PARAGRAPHS) + [False, False, True]
    assert _byline_below(texts, keep) == "Pamela Wilson"
    assert _byline_below([*PARAGRAPHS, "Pamela Wilson"], [True] * len(PARAGRAPHS) + [False]) is None


def test_a_short_byline_the_model_kept_as_the_first_body_line_is_the_byline():
    texts = ["SPACE", "Harbour bridge to close to cars next spring", "VICTOR TANGERMANN, FUTURISM", *PARAGRAPHS]
    reading = read_scrape("\n\n".join(texts))
    assert reading.byline == "Victor Tangermann"
    assert all("TANGERMANN" not in text for text, kept, _ in reading.parts if kept)


def test_a_label_in_capitals_whose_words_the_page_uses_is_no_byline():
    from storyline.pipeline.lines.reader import _names_ok

    page = lambda: frozenset({"grace", "under", "fire"})  # noqa: E731
    assert not _names_ok("Grace Under", "GRACE UNDER", lower_words=page)
    assert _names_ok("Grace Under", "Grace Under", lower_words=page)  # in mixed case the case tells


def test_run_together_menu_labels_and_a_stamp_in_another_language_are_no_headline():
    from storyline.pipeline.lines.reader import _reads_as_headline

    assert not _reads_as_headline("HarbourNewsBusiness & LifeTipsTravel")  # menu labels run together
    assert _reads_as_headline("Apple shows the iPhone on YouTube")  # one join in a word is a name
    assert not _reads_as_headline("sexta-feira, 22 de outubro de 2010 às 20:13")  # a stamp: year and time of day
    assert _reads_as_headline("Harbour bridge to close in 2020 after a vote of 9 to 4")


def test_the_headline_over_a_standfirst_taken_for_it_is_the_headline():
    from storyline.pipeline.lines.reader import _over_standfirst

    texts = ["Opinion", "Harbour bridge to close to cars for a year of repairs", "Editorial",
             "The council voted nine to four for the repairs, and drivers will take the ring road", "By Ann Lee"]
    body = {"harbour", "bridge", "close", "cars", "year", "repairs", "council", "voted", "drivers", "ring", "road"}
    assert _over_standfirst(3, [1, 3], texts, body) == 1  # past a label, the headline over the standfirst
    assert _over_standfirst(3, [3], texts, body) == 3  # the line above scored far under it: no candidate
    promo = ["Download our free guide to HarbourNewsBusiness. today", *texts[1:]]
    assert _over_standfirst(1, [0, 1], promo, body) == 1  # above the headline: no body words, no headline


def test_a_short_line_the_body_repeats_is_kept_and_a_repeated_long_one_dropped():
    step = "Rest for two minutes between sets."
    text = "\n\n".join([PARAGRAPHS[0], "Monday: ten squats.", step, PARAGRAPHS[1], "Tuesday: ten push-ups.", step,
                        PARAGRAPHS[2], PARAGRAPHS[3], PARAGRAPHS[1], PARAGRAPHS[4]])
    parts = read_scrape(text).parts
    assert [keep for t, keep, _ in parts if t == step] == [True, True]  # the plan's own structure
    assert [(keep, why) for t, keep, why in parts if t == PARAGRAPHS[1]] == [(True, None), (False, "repeated line")]


def test_the_stamp_under_the_byline_wins_over_the_pages_own_date_in_the_masthead():
    text = "\n".join(["Elmstad Tribune", "Updated: June 10, 2024 9:00 am", "Home", "Local", "",
                      "Harbour bridge to close to cars next spring", "By Tomas Berg", "June 3, 2024 4:02 pm", "",
                      *PARAGRAPHS])
    reading = read_scrape(text)
    assert reading.title == "Harbour bridge to close to cars next spring"
    assert reading.published == "2024-06-03T16:02"

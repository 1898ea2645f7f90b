"""Estimated publication dates: from an article's own dates, then from its story."""

from __future__ import annotations

from storyline.models import TimeExpr
from storyline.pipeline.analyze.pubdate import PublishedEstimate, estimate_from_story, estimate_published
from storyline.pipeline.analyze.timex import extract_times

UNDATED = (
    "GENEVA - Negotiators met on March 12, 2025, for a second round. They had first met on Feb. 3, 2025. "
    "Talks will resume on April 2, 2025. Yesterday the delegations left."
)


def test_own_past_dates_give_the_latest_as_estimate():
    est = estimate_published(UNDATED)
    assert est == PublishedEstimate("2025-03-12", "own-dates", True)


def test_parsed_doc_works_too():
    from storyline.pipeline.analyze.nlp import load_nlp

    assert estimate_published(load_nlp()(UNDATED)).value == "2025-03-12"


def test_only_announced_dates_bound_from_above():
    est = estimate_published("The festival will open on June 5, 2026 and will close on June 9, 2026.")
    assert est is not None and est.value == "2026-06-05" and est.basis == "own-dates-future"


def test_no_explicit_dates_no_estimate():
    assert estimate_published("Yesterday the council met. It meets again next week.") is None


def test_from_time_expressions():
    times = [TimeExpr("May 1, 2024", 0, 11, "2024-05-01", "DATE"), TimeExpr("2024", 20, 24, "2024", "DATE"),
             TimeExpr("May 3, 2024", 30, 41, "2024-05-03", "DATE")]
    assert estimate_published(times).value == "2024-05-03"


def test_story_refines_the_estimate():
    own = estimate_published(UNDATED)
    story = ["2025-03-11T09:00:00+00:00", "2025-03-13", "2025-03-14"]
    # Not before its own latest past date, and as early as the story allows after it.
    assert estimate_from_story(own, story) == PublishedEstimate("2025-03-13", "story+own-dates", True)
    # A story that is all earlier than the article's own dates leaves the article's date.
    assert estimate_from_story(own, ["2025-03-01"]).value == "2025-03-12"


def test_story_alone_gives_its_median():
    assert estimate_from_story(None, ["2025-03-14", "2025-03-11", "2025-03-13"]).value == "2025-03-13"
    assert estimate_from_story(None, []) is None


def test_relative_expressions_resolve_against_the_estimate():
    est = estimate_from_story(estimate_published(UNDATED), ["2025-03-13"])
    times = {t.text: t for t in extract_times(UNDATED, est.value, estimated=est.estimated)}
    assert times["Yesterday"].value == "2025-03-12"
    assert times["March 12, 2025"].value == "2025-03-12"
    if hasattr(times["Yesterday"], "estimated"):  # once TimeExpr carries the flag
        assert times["Yesterday"].estimated and not times["March 12, 2025"].estimated


def test_a_photo_caption_date_is_not_evidence_of_the_publication_date():
    text = ("The minister speaks in Lisbon on Feb. 26, 2021 in this photo released by the ministry.\n"
            "The minister said on March 15, 2021 that the talks had ended.")
    assert estimate_published(text).value == "2021-03-15"
    assert estimate_published(text.split("\n")[0]) is None

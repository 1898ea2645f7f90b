"""Publication dates from the story: an undated article placed by the events a dated one pins."""

from __future__ import annotations

from storyline.models import Article
from storyline.pipeline.analyze.pubdate_story import date_from_stories
from storyline.pipeline.analyze.timex import extract_times

# Published Monday 10 March 2025 (dated).
DATED = ("The ministers of the five coastal states arrived in Lisbon on Monday for two days of fisheries talks. "
         "The ministers met the Portuguese prime minister at his residence in the evening.")
# Undated: its "yesterday" is the Monday above, so it was published Tuesday 11 March.
YESTERDAY = ("Fisheries ministers of the five coastal states arrived in Lisbon yesterday for fisheries talks. "
             "Fishermen protested outside the conference hall.")
# Undated and nothing pinned: stays at the story's day.
UNPINNED = "Fishermen in the northern ports kept their boats in harbour as prices fell again."


def _article(ident: str, text: str, published: str | None = None) -> Article:
    times = extract_times(text, published, time_of_day=True)
    return Article(id=ident, source=ident, text=text, content_hash=ident, published=published, times=times)


def _run(*articles: Article) -> list[Article]:
    return date_from_stories(list(articles), {a.id: "s1" for a in articles}, lambda text: text)


def test_yesterday_pinned_by_a_dated_article_places_the_undated_one_a_day_later():
    dated, undated = _article("a", DATED, "2025-03-10"), _article("b", YESTERDAY)
    changed = _run(dated, undated)
    assert [a.id for a in changed] == ["b"]
    assert undated.published == "2025-03-11" and undated.published_estimated
    # Its times are re-resolved against the estimate and flagged so.
    assert [(t.text, t.value, t.estimated) for t in undated.times] == [("yesterday", "2025-03-10", True)]
    assert dated.published == "2025-03-10" and not dated.published_estimated


def test_nothing_pinned_keeps_the_story_prior():
    dated, undated = _article("a", DATED, "2025-03-10"), _article("c", UNPINNED)
    _run(dated, undated)
    assert undated.published == "2025-03-10" and undated.published_estimated


def test_a_part_of_day_does_not_place_the_day():
    # "last night" straddles midnight across time zones: the prior stands.
    text = YESTERDAY.replace("yesterday", "last night")
    dated, undated = _article("a", DATED, "2025-03-10"), _article("d", text)
    _run(dated, undated)
    assert undated.published == "2025-03-10"


def test_a_story_without_dated_articles_is_left_alone():
    undated = _article("b", YESTERDAY)
    assert _run(undated) == [] and undated.published is None


def test_an_unchanged_estimate_is_not_returned_again():
    dated, undated = _article("a", DATED, "2025-03-10"), _article("b", YESTERDAY)
    _run(dated, undated)
    assert _run(dated, undated) == []


def test_the_story_dating_loads_without_the_brief_package():
    """The event reader lives in analyze/: dating a story must not import the brief (scikit-learn, pandas)."""
    import subprocess
    import sys

    code = ("import sys, storyline.pipeline.analyze.pubdate_story as p; "
            "print(sorted(m for m in ('storyline.pipeline.brief', 'sklearn') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_timeline_re_exports_the_event_reader():
    from storyline.pipeline.analyze import timex_events
    from storyline.pipeline.brief import timeline

    assert timeline.article_events is timex_events.article_events
    assert timeline.SAME_EVENT_OVERLAP == timex_events.SAME_EVENT_OVERLAP

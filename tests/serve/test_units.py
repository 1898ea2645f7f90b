"""The small parts of the web layer that need no server: guards, highlighting, charts."""

from __future__ import annotations

import re

import pytest

from storyline.errors import MissingExtraError
from storyline.models import Article, Entity, Quote, TimeExpr
from storyline.serve import require_web_extra
from storyline.serve.security import bearer_ok, is_loopback, url_refusal, write_refusal


def test_missing_web_extra_names_the_extra(monkeypatch):
    import storyline.serve as serve

    real = serve.importlib.util.find_spec
    monkeypatch.setattr(serve.importlib.util, "find_spec", lambda name, *a: None if name == "uvicorn" else real(name, *a))
    with pytest.raises(MissingExtraError) as info:
        require_web_extra()
    assert "storyline[web]" in str(info.value) and info.value.package == "uvicorn"


def test_tokens_and_addresses():
    assert bearer_ok("Bearer s3cret", "s3cret") and bearer_ok("bearer s3cret", "s3cret")
    assert not bearer_ok("Bearer s3cre", "s3cret") and not bearer_ok("Basic s3cret", "s3cret")
    assert not bearer_ok("Bearer ", "") and not bearer_ok(None, "s3cret")
    assert write_refusal(None, "t")[0] == 401 and write_refusal("Bearer x", "")[0] == 403
    assert write_refusal("Bearer x", "t")[0] == 401 and write_refusal("Bearer t", "t") is None
    assert is_loopback("127.0.0.1") and is_loopback("::1") and not is_loopback("10.1.2.3")
    assert not is_loopback("testclient") and not is_loopback(None)


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://[::1]/x", "http://192.168.1.10/", "http://169.254.169.254/",
                                 "http://localhost:8000/", "http://a.localhost/", "ftp://example.com/", "javascript:alert(1)"])
def test_url_refusals(url):
    assert url_refusal(url) is not None


def test_public_urls_pass_the_cheap_check():
    assert url_refusal("https://example.com/news/1") is None
    assert url_refusal("http://93.184.216.34/") is None


pytest.importorskip("markupsafe")


def _article() -> Article:
    text = 'Ada <b>Brennan</b> said "the pier & <script>x</script> is unsafe" on Friday.\n\nMore.'
    q0 = text.index('the pier')
    q1 = text.index(' is unsafe') + len(" is unsafe")
    return Article(
        id="a1", source="t", text=text, content_hash="h",
        entities=[Entity("Ada <b>Brennan</b>", "PERSON", "Ada Brennan", 0, 18)],
        quotes=[Quote(text[q0:q1], q0, q1, speaker="Ada <Brennan>")],
        times=[TimeExpr("Friday", text.index("Friday"), text.index("Friday") + 6, "2025-05-02", "DATE")],
    )


def test_highlight_escapes_and_marks():
    from storyline.serve.highlight import highlight

    html = str(highlight(_article(), cited=(4, 22)))
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>" not in html
    assert html.count('class="ent ent-person"') >= 1 and 'class="quote ' in html and 'class="time ' in html
    assert 'title="DATE: 2025-05-02"' in html and "(Ada &lt;Brennan&gt;)" in html
    assert html.count('id="cited"') == 1 and "</p><p>" in html
    # every element opened inside the body is closed in order
    assert html.count("<span") == html.count("</span>") and html.count("<mark") == html.count("</mark>")


def test_coverage_and_timeline_charts():
    from storyline.serve import charts

    svg = str(charts.coverage(["2025-03-01", "2025-03-01T10:00", "2025-03-03", "nonsense"]))
    assert svg.count("<rect") == 2 and "3 dated articles" in svg
    assert str(charts.coverage([])) == ""
    line = str(charts.timeline([("2025-03-01", "<b>talks</b>", ""), ("2025-03-05", "vote", "")]))
    assert line.count("<circle") == 2 and "&lt;b&gt;talks" in line and "Saturday 1 March 2025: " in line


def test_timeline_chart_draws_every_precision_as_a_dot_or_a_bar():
    from storyline.serve import charts

    entries = [("2025-03-01", "a day", ""), ("2025-W11", "a week", ""), ("2025-W11-WE", "a weekend", ""),
               ("2025-02", "a month", ""), ("2025-SP", "a season", ""), ("2025-Q1", "a quarter", ""),
               ("2023", "a year", "2023 – 2024"), ("202", "a decade", ""), ("not a date", "left out", "")]
    svg = str(charts.timeline(entries))
    assert svg.count("<circle") == 1 and svg.count('<rect class="span') == 7 and "left out" not in svg
    for kind in ("week", "weekend", "month", "season", "quarter", "year", "decade"):
        assert f'class="span {kind}"' in svg
    assert "<title>2023 – 2024: a year</title>" in svg  # the brief's own label, not the code
    assert "8 entries: 1 on a day, 7 over a week or longer" in svg
    # 2020-2025 with most entries in the last tenth: the past is drawn on a log scale
    assert "logarithmic" in svg
    xs = [float(x) for x in re.findall(r'<(?:circle cx|rect class="[^"]*" x)="([\d.]+)"', svg)]
    assert all(14 - 5 <= x <= 640 - 14 + 5 for x in xs)  # nothing drawn off the chart
    # a short span is linear; marks of the same day stack on rows instead of covering one another
    same_day = str(charts.timeline([("2025-03-01", f"event {i}", "") for i in range(3)] + [("2025-03-09", "x", "")]))
    assert "logarithmic" not in same_day and len(set(re.findall(r'cy="(\d+)"', same_day))) == 3


def test_a_search_whose_client_hangs_up_stops_at_once():
    import sqlite3
    import threading
    import time

    from storyline.serve import disconnect
    from storyline.serve.search import ClientGone, budget

    db = sqlite3.connect(":memory:")
    gone = threading.Event()
    token = disconnect._gone.set(gone)
    try:
        threading.Timer(0.2, gone.set).start()
        t0 = time.monotonic()
        with pytest.raises(ClientGone), budget(db, seconds=60):
            db.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                       "SELECT count(*) FROM c WHERE x < 1e15").fetchone()
        assert time.monotonic() - t0 < 10  # stopped by the hang-up, not the 60 s budget
    finally:
        disconnect._gone.reset(token)
    with budget(db, seconds=60):  # outside a request: no event, only the clock
        assert db.execute("SELECT 1").fetchone() == (1,)


def test_the_disconnect_watch_tells_worker_threads_when_a_get_client_hangs_up():
    import asyncio
    import threading

    pytest.importorskip("starlette")
    from starlette.concurrency import run_in_threadpool

    from storyline.serve.disconnect import WatchDisconnect, client_gone

    seen: dict[str, object] = {}

    def work() -> None:  # a sync route: runs in a worker thread with the request's context
        gone = client_gone()
        seen["set in thread"] = gone is not None and gone.wait(5)
        seen["thread"] = threading.current_thread().name

    async def app(scope, receive, send):
        seen["body"] = await receive()
        await run_in_threadpool(work)
        seen["then"] = await receive()

    async def main() -> None:
        messages = [{"type": "http.request", "body": b"", "more_body": False}, {"type": "http.disconnect"}]

        async def receive():
            message = messages.pop(0)
            if message["type"] == "http.disconnect":
                await asyncio.sleep(0.1)  # the client hangs up while the app works
            return message

        async def send(message):
            raise AssertionError("nothing is sent to a client that left")

        await WatchDisconnect(app)({"type": "http", "method": "GET", "path": "/"}, receive, send)

    asyncio.run(main())
    assert seen["body"]["type"] == "http.request" and seen["set in thread"] is True
    assert seen["then"] == {"type": "http.disconnect"} and seen["thread"] != threading.main_thread().name
    assert client_gone() is None  # nothing leaks out of the request


def _big_story():
    from storyline.models import (
        Brief,
        BriefEntity,
        BriefQuote,
        Citation,
        CitedText,
        Discrepancy,
        Mention,
        SourceReport,
        Story,
        TimelineEntry,
    )

    text = "Minister Ada Brennan said the pier closes. Others disagree about the date."
    arts = [Article(id=f"a{i}", source="s", text=text, content_hash=f"h{i}", title=f"Pier {i}", outlet=f"Outlet {i % 2}",
                    published=f"2025-05-0{i + 1}",
                    quotes=[Quote("the pier closes", 26, 41, "Ada Brennan", ["Ada Brennan"], Mention("Ada Brennan", 9, 20),
                                  "said")])
            for i in range(2)]
    quotes = [BriefQuote(f"quote {n}", "Ada Brennan", ["a0"]) for n in range(5)]
    quotes += [BriefQuote("the pier closes", "Ada Brennan", ["a1", "a0"]), BriefQuote("an aside", None, ["a0"])]
    brief = Brief(
        Story("s1", "Pier closes", ["a0", "a1"], "2025-05-01", "2025-05-02"),
        summary=[CitedText("The pier closes.", [Citation("a0", 0, 42)])],
        timeline=[TimelineEntry("2025-05", "In May the pier closes.", [Citation("a1", 0, 42)], "month", "May 2025")],
        quotes=quotes,
        entities=[BriefEntity("Ada Brennan", "PERSON", ["a0", "a1"])],
        sources=[SourceReport("Outlet 0", ["a0"]), SourceReport("Outlet 1", ["a1"])],
        discrepancies=[Discrepancy("when the pier closes", [CitedText("in May", [Citation("a0", 43, 70)]),
                                                             CitedText("in June", [Citation("a1", 43, 70)])])],
    )
    return brief, arts


def test_a_big_story_page_groups_quotes_by_speaker_and_names_the_outlets_that_disagree():
    pytest.importorskip("fastapi")
    from storyline.serve import pages

    brief, arts = _big_story()
    html = pages._story_html(brief, arts)
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.DOTALL)[0]
    assert re.findall(r'href="#(\w+)"', toc) == ["summary", "timeline", "quotes", "people", "sources",
                                                 "disagreements", "articles"]
    groups = re.findall(r'<details class="speaker-group"( open)?><summary><h3>(.*?) <span class="meta">(\d+) quotes?', html)
    assert [(g[1].split(">")[-2].split("<")[0] if "<a" in g[1] else g[1], g[2]) for g in groups] == [
        ("Ada Brennan", "6"), ("Unattributed", "1")]
    assert "Show all 6</summary>" in html  # the first 3 of a speaker's quotes, the rest folded
    # the quote found in an article links to its passage there, and says why its speaker was chosen
    assert '<a href="/articles/a1?cite=26-41#cited">read it in context</a>' in html
    assert "Outlet 1 names the speaker “<a href=\"/articles/a1?cite=9-20#cited\">Ada Brennan</a>”, cue “said”" in html
    # each side of a disagreement names its outlets
    claims = re.search(r'id="disagreements".*?</details>', html, re.DOTALL)[0]
    assert "in May" in claims and "— Outlet 0" in claims and "in June" in claims and "— Outlet 1" in claims
    assert 'class="span month"' in html  # the month-long timeline entry is on the chart

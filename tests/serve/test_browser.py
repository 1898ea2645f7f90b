"""The pages in a real browser: Playwright driving Debian's Chromium (never a downloaded one).

Skipped when the playwright package or /usr/bin/chromium is missing. Screenshots
go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytest.importorskip("fastapi", reason="the web extra is not installed")
pytest.importorskip("uvicorn", reason="the web extra is not installed")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_read_search_and_follow_a_citation(page, live_server, artifacts, sample_export):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)

    page.goto(live_server.url + "/")
    rows = page.locator(".story-row")
    assert rows.count() == len(sample_export["stories"])
    assert page.locator(".story-row svg.coverage").count() == rows.count()
    page.screenshot(path=str(artifacts / "stories.png"), full_page=True)

    page.keyboard.press("/")  # the search box takes the focus
    page.keyboard.type("trade talks")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=trade+talks")
    first = page.locator(".story-link").first
    assert "trade talks" in first.inner_text().lower()
    page.screenshot(path=str(artifacts / "search.png"), full_page=True)

    first.click()
    page.wait_for_selector("h1")
    page.screenshot(path=str(artifacts / "story.png"), full_page=True)
    cite = page.locator(".summary .cite").first
    passage = cite.locator(".passage")
    assert not passage.is_visible()
    cite.hover()
    assert passage.is_visible() and passage.inner_text().strip()
    page.screenshot(path=str(artifacts / "story-citation-hover.png"), full_page=False)
    page.mouse.move(0, 0)
    cite.focus()  # keyboard users get the passage too
    assert passage.is_visible()
    cited_text = passage.inner_text().split("“", 1)[1].rstrip("”…").strip()

    cite.click()
    mark = page.locator("mark.cited").first
    mark.wait_for()
    marked = " ".join(page.locator("mark.cited").all_inner_texts())
    assert cited_text[:20] in " ".join(marked.split()) or cited_text[:20] in page.locator("#body").inner_text()
    page.screenshot(path=str(artifacts / "article-cited.png"), full_page=True)
    assert errors == []


def test_article_highlights_and_removed_lines_toggle(page, live_server, artifacts, sample_export):
    article = next(a for a in sample_export["articles"] if a["removed"] and a["entities"])
    page.goto(f"{live_server.url}/articles/{article['id']}")
    assert page.locator("#body .ent").count() > 0
    if article["quotes"]:
        assert page.locator("#body .quote").count() > 0
    if article["times"]:
        assert page.locator("#body .time").count() > 0
    first_removed = page.locator("#removed li").first
    assert not first_removed.is_visible()
    page.locator("#removed summary").click()
    assert first_removed.is_visible()
    assert first_removed.inner_text().strip() == article["removed"][0].strip()
    page.screenshot(path=str(artifacts / "article-removed-open.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.screenshot(path=str(artifacts / "article-phone.png"), full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1


def test_entity_page_lists_stories_and_quotes(page, live_server, artifacts):
    page.goto(live_server.url + "/entities/Jane%20Smith")
    assert page.locator("h1").inner_text() == "Jane Smith"
    assert page.locator(".story-row").count() > 0
    page.screenshot(path=str(artifacts / "entity.png"), full_page=True)


def test_hostile_articles_run_nothing(page, hostile_server, artifacts):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    base = hostile_server.url
    page.goto(base + "/")
    urls = [base + "/"] + [base + h for h in page.locator("a.story-link").evaluate_all("els => els.map(e => e.getAttribute('href'))")]
    for url in list(urls[1:]):
        page.goto(url)
        urls += [base + h for h in page.locator(".articles a").evaluate_all("els => els.map(e => e.getAttribute('href'))")]
    assert len(urls) >= 3
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("load")
        for link in [a for a in page.locator("#body a, .summary a, main a").all() if a.is_visible()][:20]:
            link.hover()  # a reader can hover only what is on screen (not inside a folded section)
        assert page.evaluate("window.__xss") is None, url
        assert page.locator("main script, main img, main iframe, main svg[onload]").count() == 0
        assert page.locator("a[href^='javascript']").count() == 0
    page.goto(urls[-1])
    assert "<script>" in page.locator("main").inner_text()  # shown as text, not run
    page.screenshot(path=str(artifacts / "hostile-article.png"), full_page=True)
    assert dialogs == []


def test_stories_page_sorts_and_pages(page, live_server, monkeypatch, sample_export):
    from storyline.serve import pages

    monkeypatch.setattr(pages, "STORIES_PER_PAGE", 2)  # the live server runs in this process
    page.goto(live_server.url + "/")
    assert page.locator(".story-row").count() == 2
    page.get_by_role("link", name="most articles").click()
    page.wait_for_url("**sort=articles**")
    counts = [int(t.split()[0]) for t in page.locator(".story-row .meta").all_inner_texts()]
    assert counts == sorted(counts, reverse=True)
    first_page = page.locator(".story-link").all_inner_texts()
    page.locator(".pager a[rel=next]").click()
    page.wait_for_url("**page=2**")
    assert "sort=articles" in page.url
    second_page = page.locator(".story-link").all_inner_texts()
    assert second_page and not set(first_page) & set(second_page)
    assert f"3–{2 + len(second_page)} of {len(sample_export['stories'])} stories" in page.locator(".pager").inner_text()


def test_story_contents_jump_opens_a_folded_section(page, live_server, sample_export):
    story = max(sample_export["stories"], key=lambda s: len(s["articles"]))
    page.goto(f"{live_server.url}/stories/{story['id']}")
    section = page.locator("details#articles")
    section.locator("> summary").click()  # fold it
    assert section.get_attribute("open") is None
    page.locator(".toc a[href='#articles']").click()
    # The page opens it on "hashchange", an event that fires after the click returns: wait for it.
    sync_api.expect(section).to_have_attribute("open", re.compile(".*"))
    assert section.locator(".articles a").first.is_visible()
    box = section.bounding_box()
    assert 0 <= box["y"] < 900  # scrolled to it


def test_a_printed_story_shows_its_folded_sections_without_navigation(page, live_server, sample_export):
    story = max(sample_export["stories"], key=lambda s: len(s["articles"]))
    page.goto(f"{live_server.url}/stories/{story['id']}")
    section = page.locator("details#articles")
    section.locator("> summary").click()  # fold it, as a reader may have before printing
    first = section.locator(".articles a").first
    assert section.get_attribute("open") is None and not first.is_visible()
    page.emulate_media(media="print")
    assert first.is_visible()  # on paper every section is open
    assert not page.locator(".toc").is_visible() and not page.locator(".top").is_visible()
    assert not page.locator(".cite .passage").first.is_visible()
    page.emulate_media(media="screen")
    assert not first.is_visible()


def test_citation_preview_at_the_right_edge_stays_on_a_phone_screen(browser, live_server, artifacts, sample_export):
    """On a 390 px touch screen the citation nearest the right edge shows its whole passage on the
    first tap, and the second tap follows it."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        story = max(sample_export["stories"], key=lambda s: len(s["articles"]))
        page.goto(f"{live_server.url}/stories/{story['id']}")
        cites = page.locator(".summary .cite, .timeline .cite")
        assert cites.count() > 0
        rights = [(box["x"] + box["width"], i) for i in range(cites.count()) if (box := cites.nth(i).bounding_box())]
        right, index = max(rights)
        assert right > 390 * 0.6  # the test is about a citation near the right edge
        cite = cites.nth(index)
        cite.tap()
        assert "/stories/" in page.url  # the first tap previews, it does not follow
        passage = cite.locator(".passage")
        assert passage.is_visible() and passage.inner_text().strip()
        box = passage.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1, box
        assert box["y"] >= 0 and box["y"] + box["height"] <= 844 + 1, box
        page.screenshot(path=str(artifacts / "story-phone-citation.png"), full_page=False)
        cite.tap()
        page.wait_for_url("**/articles/**")
        assert page.locator("mark.cited").count() > 0
    finally:
        context.close()


def test_citation_preview_at_the_right_edge_of_a_desktop_page_opens_leftwards(page, live_server, sample_export):
    story = max(sample_export["stories"], key=lambda s: len(s["articles"]))
    page.goto(f"{live_server.url}/stories/{story['id']}")
    width = page.viewport_size["width"]
    cites = page.locator(".summary .cite, .timeline .cite")
    rights = [(box["x"] + box["width"], i) for i in range(cites.count()) if (box := cites.nth(i).bounding_box())]
    cite = cites.nth(max(rights)[1])
    cite.hover()
    box = cite.locator(".passage").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, box


# -- a team's server: read token and login, stories renamed by re-clustering, a real corpus --

@pytest.fixture()
def remote_server(sample_db, tmp_path):
    """The sample store served as if behind a reverse proxy to a team: the proxy's X-Forwarded-For names
    a client that is not on this machine, so reads need the read token (or its login cookie)."""
    import uvicorn

    from storyline.serve import create_app
    from tests.serve.conftest import LiveServer, copy_db

    db = copy_db(sample_db, tmp_path / "team.db")
    server = LiveServer(create_app(db, token="write-7", read_token="read-7"))
    server.server.config.proxy_headers = True
    server.server.config.forwarded_allow_ips = "127.0.0.1"
    assert isinstance(server.server, uvicorn.Server)
    with server:
        yield server, db


def test_a_team_member_logs_in_with_the_read_token(browser, remote_server, artifacts, sample_export):
    server, _ = remote_server
    context = browser.new_context(extra_http_headers={"X-Forwarded-For": "203.0.113.9"})
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        story = sample_export["stories"][0]
        response = page.goto(f"{server.url}/stories/{story['id']}")
        assert "/login" in page.url and response.status == 200  # sent to the login page, not a JSON 403
        assert page.locator("link[rel=stylesheet]").count() == 1
        assert page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"  # CSS loaded
        page.fill("input[name=token]", "wrong")
        page.click("form.login button[type=submit]")
        assert page.get_by_role("alert").inner_text().strip()
        page.fill("input[name=token]", "read-7")
        page.click("form.login button[type=submit]")
        page.wait_for_url(f"**/stories/{story['id']}")
        assert page.locator("h1").inner_text() == story["title"]
        page.screenshot(path=str(artifacts / "team-login.png"), full_page=False)
        # the cookie reads the API too, and never writes
        assert page.request.get(f"{server.url}/api/stories").status == 200
        refused = page.request.post(f"{server.url}/api/ingest/records", data={"articles": [{"text": "x"}]})
        assert refused.status == 401
    finally:
        context.close()


def test_a_story_renamed_by_reclustering_redirects_in_a_running_server(browser, tmp_path, sample_db):
    from storyline.serve import create_app
    from storyline.store import Store
    from tests.serve.conftest import LiveServer, copy_db

    db = copy_db(sample_db, tmp_path / "renamed.db")
    with LiveServer(create_app(db, token="")) as server:
        page = browser.new_page()
        try:
            page.goto(server.url + "/")
            link = page.locator("a.story-link").first
            title, live = link.inner_text(), link.get_attribute("href")
            bookmarked = server.url + "/stories/s-old-bookmark"
            assert page.goto(bookmarked).status == 404
            with Store(db) as store:  # `storyline recluster` in another process retires the id into the live one
                store.apply_story_update({}, {}, {"s-old-bookmark": live.rsplit("/", 1)[1]})
            page.goto(bookmarked)
            assert page.url == server.url + live
            assert page.locator("h1").inner_text() == title
        finally:
            page.close()


GIVEME = Path(__file__).resolve().parents[3] / "shared" / "data" / "clustering" / "giveme5w1h" / "articles"


@pytest.fixture(scope="module")
def giveme_db(tmp_path_factory):
    """The giveme5w1h articles ingested: a store named in $STORYLINE_GIVEME_DB (copied), or made here
    when $STORYLINE_SLOW_TESTS=1 (minutes of spaCy: not in the default run)."""
    import json

    import storyline
    from tests.serve.conftest import copy_db

    folder = tmp_path_factory.mktemp("giveme")
    if os.environ.get("STORYLINE_GIVEME_DB"):
        return copy_db(Path(os.environ["STORYLINE_GIVEME_DB"]), folder / "giveme.db")
    if os.environ.get("STORYLINE_SLOW_TESTS") != "1":
        pytest.skip("ingesting giveme5w1h takes minutes: set STORYLINE_SLOW_TESTS=1 or STORYLINE_GIVEME_DB")
    if not GIVEME.is_dir():
        pytest.skip(f"no giveme5w1h data at {GIVEME}")
    rows = []
    for path in sorted(GIVEME.glob("*.json")):
        d = json.loads(path.read_text())
        if d.get("text"):
            rows.append({"id": d.get("dId") or path.stem, "title": d.get("title"), "text": d["text"],
                         "published": d.get("date_publish"), "outlet": d.get("source_domain"), "url": d.get("url")})
    (folder / "giveme.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    db = folder / "giveme.db"
    with storyline.open(db) as sl:
        sl.ingest([folder / "giveme.jsonl"])
    return db


def test_every_link_on_the_four_biggest_giveme_stories_answers_200(browser, giveme_db):
    import json
    import sqlite3

    from storyline.serve import create_app
    from tests.serve.conftest import LiveServer

    ids = [json.loads(p.read_text()).get("dId") or p.stem for p in sorted(GIVEME.glob("*.json"))]
    with sqlite3.connect(giveme_db) as con:  # the store may hold more than giveme5w1h (the benchmark's does)
        biggest = [r[0] for r in con.execute(
            f"SELECT story FROM articles WHERE story IS NOT NULL AND input_id IN ({', '.join('?' * len(ids))}) "
            "GROUP BY story ORDER BY count(*) DESC, story LIMIT 4", ids)]
    con.close()
    assert len(biggest) == 4
    with LiveServer(create_app(giveme_db, token="")) as server:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        try:
            links: set[str] = set()
            for story in biggest:
                assert page.goto(f"{server.url}/stories/{story}").status == 200
                hrefs = page.locator("a[href]").evaluate_all("els => els.map(e => e.href)")
                links |= {h.split("#")[0] for h in hrefs if h.startswith(server.url)}
            assert len(links) > 100
            bad = [f"{status} {link}" for link in sorted(links)
                   if (status := page.request.get(link, max_redirects=2).status) != 200]
            assert bad == [], bad[:20]
            assert errors == []
        finally:
            page.close()

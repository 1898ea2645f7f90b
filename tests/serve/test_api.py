"""The JSON API over the sample corpus: reads, filters, writes, guards."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
pytest.importorskip("multipart", reason="the web extra is not installed")

from tests.pipeline.ingest.test_fetch import server  # noqa: E402,F401 (a fixture)
from tests.serve.conftest import LOOPBACK, TOKEN  # noqa: E402

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_stories_newest_first_with_outlets_and_counts(read_client, sample_export):
    stories = read_client.get("/api/stories").json()
    assert [s["id"] for s in stories] == [s["id"] for s in sample_export["stories"]]
    outlets = {a["id"]: a["outlet"] for a in sample_export["articles"]}
    for s in stories:
        assert s["article_count"] == len(s["articles"])
        assert s["outlets"] == sorted({outlets[a] for a in s["articles"] if outlets[a]})


def test_story_filters(read_client, sample_export):
    all_ids = {s["id"] for s in sample_export["stories"]}
    person = read_client.get("/api/stories", params={"person": "Jane Smith"}).json()
    assert 0 < len(person) < len(all_ids)
    assert read_client.get("/api/stories", params={"person": "Nobody Atall"}).json() == []
    assert read_client.get("/api/stories", params={"from": "2100-01-01"}).json() == []
    assert {s["id"] for s in read_client.get("/api/stories", params={"to": "2100-01-01"}).json()} == all_ids
    assert {s["id"] for s in read_client.get("/api/stories", params={"language": "en"}).json()} == all_ids
    outlet = next(a["outlet"] for a in sample_export["articles"] if a["outlet"])
    by_outlet = read_client.get("/api/stories", params={"outlet": outlet}).json()
    assert by_outlet and all(outlet in s["outlets"] for s in by_outlet)
    assert read_client.get("/api/stories", params={"from": "not-a-date"}).status_code == 422


def test_search_orders_stories_by_match(read_client):
    hits = read_client.get("/api/search", params={"q": "trade talks"}).json()
    assert hits and "trade" in (hits[0]["title"] or "").lower() + (hits[0]["snippet"] or "").lower()
    stories = read_client.get("/api/stories", params={"q": "trade talks"}).json()
    assert stories[0]["id"] == hits[0]["story"]
    assert read_client.get("/api/search", params={"q": "zzzqqqxx"}).json() == []


def test_brief_and_article_match_the_export(read_client, sample_export):
    story = sample_export["stories"][0]
    assert read_client.get(f"/api/stories/{story['id']}").json() == story
    article = sample_export["articles"][0]
    assert read_client.get(f"/api/articles/{article['id']}").json() == article
    assert read_client.get("/api/stories/nope").status_code == 404
    assert read_client.get("/api/articles/nope").json()["detail"].startswith("no article")
    listed = read_client.get("/api/articles", params={"story": story["id"]}).json()
    assert {a["id"] for a in listed} == set(story["articles"])


def test_quotes_filters(read_client, sample_export):
    every = [q for a in sample_export["articles"] for q in a["quotes"]]
    assert len(read_client.get("/api/quotes", params={"limit": 500}).json()) == len(every)
    spoken = next(q for q in every if q["speaker"])
    by_speaker = read_client.get("/api/quotes", params={"speaker": spoken["speaker"], "limit": 500}).json()
    assert by_speaker and all(spoken["speaker"].lower() in q["speaker"].lower() for q in by_speaker)
    word = spoken["text"].split()[0]
    assert all(word.lower() in q["text"].lower() for q in read_client.get("/api/quotes", params={"q": word}).json())
    story = sample_export["stories"][0]["id"]
    assert all(q["story"] == story for q in read_client.get("/api/quotes", params={"story": story}).json())
    published = [q["published"] or "9999" for q in by_speaker]
    assert published == sorted(published)


def test_entities_and_entity_detail(read_client):
    people = read_client.get("/api/entities", params={"label": "PERSON"}).json()
    assert people and all(e["label"] == "PERSON" for e in people)
    counts = [e["article_count"] for e in people]
    assert counts == sorted(counts, reverse=True)
    detail = read_client.get(f"/api/entities/{people[0]['canonical']}").json()
    assert len(detail["stories"]) == detail["story_count"] > 0
    assert all(q["speaker"] == people[0]["canonical"] for q in detail["quotes"])
    assert read_client.get("/api/entities/No%20Such%20Person").status_code == 404


def test_openapi_and_security_headers(read_client):
    response = read_client.get("/openapi.json")
    spec = response.json()
    assert {"/api/stories", "/api/quotes", "/api/ingest", "/api/ingest/urls", "/api/search"} <= set(spec["paths"])
    for path in ("/", "/api/stories", "/openapi.json", "/static/style.css", "/nope"):
        csp = read_client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_writes_refused_without_a_configured_token(read_client):
    response = read_client.post("/api/ingest/records", json={"articles": [{"text": "x"}]}, headers=AUTH)
    assert response.status_code == 403 and "STORYLINE_TOKEN" in response.json()["detail"]


def test_writes_need_the_right_token(write_client):
    body = {"articles": [{"text": "Hello there."}]}
    assert write_client.post("/api/ingest/records", json=body).status_code == 401
    assert write_client.post("/api/ingest/records", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_upload_jsonl_then_read_it_back(write_client):
    before = len(write_client.get("/api/articles", params={"limit": 500}).json())
    record = {"id": "up1", "title": "Ferry strike halts island crossings", "outlet": "Isle Post",
              "published": "2025-06-01", "text": "Ferry crews on the island route walked out on Sunday, "
              "halting every crossing. \"We had no choice,\" union leader Mara Quill said."}
    files = [("files", ("batch.jsonl", json.dumps(record) + "\n", "application/x-ndjson"))]
    report = write_client.post("/api/ingest", files=files, headers=AUTH).json()
    assert report["ingested"] == 1 and report["rejected"] == []
    assert len(write_client.get("/api/articles", params={"limit": 500}).json()) == before + 1
    article = write_client.get(f"/api/articles/{report['articles'][0]}").json()
    assert article["title"] == record["title"] and article["input_id"] == "up1"
    again = write_client.post("/api/ingest", files=files, headers=AUTH).json()
    assert again["ingested"] == 0 and again["unchanged"] == 1
    odd = [("files", ("evil.exe", b"MZ", "application/octet-stream"))]
    assert write_client.post("/api/ingest", files=odd, headers=AUTH).status_code == 415


def test_upload_size_cap(sample_db, tmp_path):
    from fastapi.testclient import TestClient

    from storyline.serve import create_app
    from tests.serve.conftest import copy_db

    app = create_app(copy_db(sample_db, tmp_path / "c.db"), token=TOKEN, max_upload_bytes=1000)
    with TestClient(app, client=LOOPBACK) as client:
        big = [("files", ("big.txt", b"word " * 2000, "text/plain"))]
        assert client.post("/api/ingest", files=big, headers=AUTH).status_code == 413

        def chunks():  # no Content-Length: the cap must hold while the body streams in
            for _ in range(200):
                yield b"x" * 1000

        streamed = client.post("/api/ingest/records", content=chunks(),
                               headers=AUTH | {"Content-Type": "application/json"})
        assert streamed.status_code == 413


def test_url_submission(write_client):
    private = write_client.post("/api/ingest/urls", json={"urls": ["http://10.0.0.7/a"]}, headers=AUTH)
    assert private.status_code == 422 and "private" in private.json()["detail"]
    assert write_client.post("/api/ingest/urls", json={"urls": ["file:///etc/passwd"]}, headers=AUTH).status_code == 422
    assert write_client.post("/api/ingest/urls", json={"urls": ["http://localhost:8000/"]}, headers=AUTH).status_code == 422


def test_url_submission_fetches_and_ingests(tmp_path, monkeypatch, server):
    """A public URL goes through the fetcher; here a local server stands in for the web."""
    from fastapi.testclient import TestClient

    import storyline.pipeline.ingest.fetch as fetch
    from storyline.serve import api_routes, create_app
    from storyline.settings import Settings

    monkeypatch.setattr(api_routes, "url_refusal", lambda url: None)  # 127.0.0.1 plays a public host
    monkeypatch.setattr(fetch, "check_public", lambda url, allow_private=False: None)
    settings = Settings.load({"db": str(tmp_path / "urls.db"), "fetch_allow_private": True})
    with TestClient(create_app(settings, token=TOKEN), client=LOOPBACK) as client:
        done = client.post("/api/ingest/urls", json={"urls": [f"{server}/page.html"]}, headers=AUTH)
        assert done.status_code == 200 and done.json()["ingested"] == 1
        [article] = client.get("/api/articles").json()
        assert article["title"] == "Harbour reopens"


def test_reads_are_loopback_only_by_default(sample_db):
    from fastapi.testclient import TestClient

    from storyline.serve import create_app

    remote = ("203.0.113.9", 40000)
    with TestClient(create_app(sample_db, token=TOKEN), client=remote) as client:
        assert client.get("/api/stories").status_code == 403
        assert client.get("/api/stories", headers=AUTH).status_code == 200
    with TestClient(create_app(sample_db, token="", public_reads=True), client=remote) as client:
        assert client.get("/api/stories").status_code == 200


def test_hostile_text_is_escaped_in_pages(hostile_db):
    from fastapi.testclient import TestClient

    from storyline.serve import create_app

    with TestClient(create_app(hostile_db, token=""), client=LOOPBACK) as client:
        pages = [client.get("/").text]
        for story in client.get("/api/stories").json():
            pages.append(client.get(f"/stories/{story['id']}").text)
        for article in client.get("/api/articles").json():
            pages.append(client.get(f"/articles/{article['id']}?cite=0-40").text)
    for html in pages:
        assert "<script>window" not in html and "<img src=x" not in html and "<svg onload" not in html
        assert 'href="javascript:' not in html and "<iframe" not in html
    assert any("&lt;script&gt;" in html for html in pages)


@pytest.mark.parametrize("path", ["/", "/?q=trade&outlet=&person=Jane", "/?date_from=bad"])
def test_pages_render(read_client, path):
    response = read_client.get(path)
    assert response.status_code == 200 and "<h1>Stories</h1>" in response.text


def test_story_article_entity_pages(read_client, sample_export):
    story = sample_export["stories"][0]
    html = read_client.get(f"/stories/{story['id']}").text
    assert 'class="cite"' in html and 'role="tooltip"' in html and "<svg" in html
    article = next(a for a in sample_export["articles"] if a["removed"])
    page = read_client.get(f"/articles/{article['id']}?cite=0-20").text
    assert '<details class="removed"' in page and 'id="cited"' in page
    assert read_client.get("/stories/nope").status_code == 404
    assert "Jane Smith" in read_client.get("/entities/Jane%20Smith").text


def test_unexpected_errors_are_one_line_without_a_trace(sample_db):
    from fastapi.testclient import TestClient

    from storyline.serve import create_app

    app = create_app(sample_db, token="")

    def broken():
        raise RuntimeError("secret detail")

    app.state.library.reader = broken
    with TestClient(app, client=LOOPBACK, raise_server_exceptions=False) as client:
        response = client.get("/api/search", params={"q": "trade"})
        assert response.status_code == 500
        assert "RuntimeError" in response.json()["detail"] and "secret detail" not in response.text
        assert "Traceback" not in client.get("/?q=trade").text


def test_a_retired_story_id_redirects_to_its_successor_without_a_restart(sample_db, tmp_path):
    from fastapi.testclient import TestClient

    from storyline.serve import create_app
    from storyline.store import Store
    from tests.serve.conftest import copy_db

    db = copy_db(sample_db, tmp_path / "copy.db")
    with TestClient(create_app(db, token=""), client=LOOPBACK) as client:
        live = client.get("/api/stories").json()[0]["id"]
        assert client.get("/api/stories/sretired").status_code == 404
        with Store(db) as store:  # another process re-clustered: the id retired into ``live``
            store.apply_story_update({}, {}, {"sretired": live})
        api = client.get("/api/stories/sretired", follow_redirects=False)
        assert api.status_code == 308 and api.headers["location"].endswith(f"/api/stories/{live}")
        page = client.get("/stories/sretired", follow_redirects=False)
        assert page.status_code == 308 and page.headers["location"].endswith(f"/stories/{live}")
        assert client.get("/stories/sretired").status_code == 200

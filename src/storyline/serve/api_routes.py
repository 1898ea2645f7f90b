"""The JSON API under /api: reads are open (to loopback), writes need the bearer token."""

from __future__ import annotations

import importlib.util
import json
import re
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import RedirectResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from storyline.errors import InputError
from storyline.serve.data import Catalogue, Library, QuoteRow, StoryRow
from storyline.serve.schemas import (
    NOT_FOUND, READ_RESPONSES, WRITE_RESPONSES, ArticleSummary, EntityDetail, EntitySummary, IngestOut, QuoteOut,
    Problem, RecordsIn, SearchHit, StorySummary, UrlsIn,
)
from storyline.serve.security import url_refusal, write_refusal

router = APIRouter(prefix="/api", responses=READ_RESPONSES)
_bearer = HTTPBearer(auto_error=False, description="the server's STORYLINE_TOKEN")
DATE = r"^\d{4}-\d{2}-\d{2}$"
FETCHER = "storyline.pipeline.ingest.fetch"  # the HTTP fetcher with the private-address guard
UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom", ".warc")


def library(request: Request) -> Library:
    return request.app.state.library


def catalogue(request: Request) -> Catalogue:
    return request.app.state.library.catalogue()


def require_token(request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    """The write check (the Guard middleware refuses earlier; this documents it in OpenAPI)."""
    given = f"Bearer {credentials.credentials}" if credentials else None
    if (refusal := write_refusal(given, request.app.state.token)) is not None:
        raise HTTPException(*refusal, {"WWW-Authenticate": "Bearer"} if refusal[0] == 401 else None)


Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0)]
Cat = Annotated[Catalogue, Depends(catalogue)]
Lib = Annotated[Library, Depends(library)]


def story_summary(row: StoryRow) -> StorySummary:
    s = row.story
    return StorySummary(
        id=s.id, title=s.title, articles=list(s.articles), article_count=len(s.articles), outlets=row.outlets,
        languages=row.languages, first_published=s.first_published, last_published=s.last_published,
    )


def quote_out(q: QuoteRow) -> QuoteOut:
    return QuoteOut(text=q.text, speaker=q.speaker, article=q.article, story=q.story, outlet=q.outlet,
                    published=q.published, start=q.start, end=q.end)


def search_story_ids(lib: Library, q: str | None) -> list[str] | None:
    """Stories with an article matching ``q``, best first; None when there is no query."""
    if not q or not q.strip():
        return None
    hits = lib.reader().search(q, 500)
    return list(dict.fromkeys(h["story"] for h in hits if h.get("story")))


@router.get("/stories", response_model=list[StorySummary], summary="Stories, newest first, filtered")
def list_stories(
    cat: Cat, lib: Lib,
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE, description="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE, description="YYYY-MM-DD")] = None,
    outlet: str | None = None, person: str | None = None, language: str | None = None,
    q: Annotated[str | None, Query(description="full-text search; stories ordered by best match")] = None,
    limit: Limit = 50, offset: Offset = 0,
) -> list[StorySummary]:
    rows = cat.filter_stories(date_from=date_from, date_to=date_to, outlet=outlet, person=person,
                              language=language, only=search_story_ids(lib, q))
    return [story_summary(r) for r in rows[offset:offset + limit]]


@router.get("/stories/{story_id}", responses=NOT_FOUND, summary="A story's brief, shaped as in the export contract")
def get_brief(story_id: str, lib: Lib, request: Request) -> Any:
    successor = lib.successor(story_id)
    if successor is not None:  # re-clustering retired the id: send the client to the story it became
        return RedirectResponse(str(request.url_for("get_brief", story_id=successor)), status_code=308)
    return lib.brief(story_id).to_contract()


@router.get("/articles", response_model=list[ArticleSummary], summary="Articles in ingest order")
def list_articles(cat: Cat, story: str | None = None, outlet: str | None = None,
                  limit: Limit = 50, offset: Offset = 0) -> list[ArticleSummary]:
    found = [a for a in cat.articles.values() if (not story or a.story == story) and (not outlet or a.outlet == outlet)]
    return [
        ArticleSummary(id=a.id, title=a.title, outlet=a.outlet, published=a.published, language=a.language,
                       story=a.story, source=a.source, url=a.url)
        for a in found[offset:offset + limit]
    ]


@router.get("/articles/{article_id}", responses=NOT_FOUND, summary="One article, shaped as in the export contract")
def get_article(article_id: str, lib: Lib) -> dict[str, Any]:
    return lib.reader().article(article_id).to_contract()


@router.get("/quotes", response_model=list[QuoteOut], summary="Direct quotes by date")
def list_quotes(cat: Cat, speaker: str | None = None, story: str | None = None,
                q: Annotated[str | None, Query(description="words in the quote")] = None,
                limit: Limit = 100, offset: Offset = 0) -> list[QuoteOut]:
    return [quote_out(x) for x in cat.find_quotes(speaker=speaker, story=story, text=q)[offset:offset + limit]]


@router.get("/entities", response_model=list[EntitySummary], summary="Entities, most widely reported first")
def list_entities(cat: Cat, label: str | None = None, q: str | None = None,
                  limit: Limit = 100, offset: Offset = 0) -> list[EntitySummary]:
    q_l = q.lower() if q else None
    rows = [
        EntitySummary(canonical=name, label=info["label"], article_count=len(info["articles"]),
                      story_count=len(info["stories"]))
        for name, info in cat.entities.items()
        if (not label or info["label"] == label) and (not q_l or q_l in name.lower())
    ]
    rows.sort(key=lambda e: (-e.article_count, e.canonical))
    return rows[offset:offset + limit]


@router.get("/entities/{name}", responses=NOT_FOUND, response_model=EntityDetail, summary="A person or organisation: stories and quotes")
def get_entity(name: str, cat: Cat) -> EntityDetail:
    info = cat.entities.get(name)
    if info is None:
        raise HTTPException(404, f"no entity named {name!r}")
    rows = [r for r in cat.stories if r.story.id in info["stories"]]
    return EntityDetail(
        canonical=name, label=info["label"], article_count=len(info["articles"]), story_count=len(info["stories"]),
        stories=[story_summary(r) for r in rows], quotes=[quote_out(q) for q in cat.find_quotes(speaker=None) if q.speaker == name],
    )


@router.get("/search", response_model=list[SearchHit], summary="Full-text search over titles and bodies")
def search(lib: Lib, q: Annotated[str, Query(min_length=1, max_length=500)], limit: Limit = 20) -> list[SearchHit]:
    return [SearchHit(**{k: h.get(k) for k in SearchHit.model_fields}) for h in lib.reader().search(q, limit)]


# -- writes ----------------------------------------------------------------

def _safe_name(name: str | None, n: int) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name or "").name)[:80].lstrip(".") or f"upload-{n}"
    return f"{n:03d}-{base}"


@router.post("/ingest", response_model=IngestOut, dependencies=[Depends(require_token)], responses=WRITE_RESPONSES,
             summary="Upload article files (.txt .html .json .jsonl .xml .warc, optionally .gz)")
def ingest_files(request: Request, files: Annotated[list[UploadFile], File(description="article files")]) -> IngestOut:
    cap = request.app.state.max_upload_bytes
    with tempfile.TemporaryDirectory(prefix="storyline-upload-") as tmp:
        paths = []
        for n, upload in enumerate(files):
            name = _safe_name(upload.filename, n)
            if not name.removesuffix(".gz").lower().endswith(UPLOAD_SUFFIXES):
                raise HTTPException(415, f"{upload.filename!r}: not a kind of file storyline reads")
            data = upload.file.read(cap + 1)
            if len(data) > cap:
                raise HTTPException(413, f"{upload.filename!r} is over the cap of {cap} bytes")
            path = Path(tmp) / name
            path.write_bytes(data)
            paths.append(path)
        return IngestOut(**request.app.state.library.ingest(paths))


@router.post("/ingest/records", response_model=IngestOut, dependencies=[Depends(require_token)],
             responses=WRITE_RESPONSES, summary="Ingest article records (the JSONL input fields) sent as JSON")
def ingest_records(body: RecordsIn, lib: Lib) -> IngestOut:
    if any(not (r.text or r.html) for r in body.articles):
        raise HTTPException(422, "every article needs 'text' or 'html'")
    with tempfile.TemporaryDirectory(prefix="storyline-upload-") as tmp:
        path = Path(tmp) / "records.jsonl"
        path.write_text("".join(json.dumps(r.model_dump(exclude_none=True), ensure_ascii=False) + "\n" for r in body.articles))
        return IngestOut(**lib.ingest([path]))


@router.post("/ingest/urls", response_model=IngestOut, dependencies=[Depends(require_token)],
             responses={**WRITE_RESPONSES, 501: {"model": Problem, "description": "URL ingest is not available in this build"}},
             summary="Fetch and ingest article URLs (pages or feeds)")
def ingest_urls(body: UrlsIn, lib: Lib) -> IngestOut:
    for url in body.urls:
        if (reason := url_refusal(url)) is not None:
            raise HTTPException(422, f"{url}: {reason}")
    if importlib.util.find_spec(FETCHER) is None:
        raise HTTPException(501, f"URL ingest needs {FETCHER}, which this build does not have")
    if not lib.can_ingest_urls():
        raise HTTPException(501, "URL ingest is not wired into the Python API yet (Storyline.ingest_urls)")
    # The fetcher's own guard, which resolves the host: the same rule as `storyline ingest URL`.
    check_public = importlib.import_module(FETCHER).check_public
    for url in body.urls:
        try:
            check_public(url)
        except InputError as exc:
            raise HTTPException(422, str(exc)) from None
    return IngestOut(**lib.ingest_urls(list(body.urls)))

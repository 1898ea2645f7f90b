"""The JSON API under /api: reads need a read token off loopback, writes the write token.

Lists are plain JSON arrays, paged with ``limit`` and ``offset``; the total over
all pages is the ``X-Total-Count`` header and the next page is in ``Link``.
"""

from __future__ import annotations

import importlib.util
import json
import re
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from storyline.errors import InputError
from storyline.serve import paths  # noqa: F401 (registers {name:text})
from storyline.serve.data import Library, Page, QuoteRow, StoryFilters, StoryRow
from storyline.serve.schemas import (
    NOT_FOUND,
    READ_RESPONSES,
    WRITE_RESPONSES,
    ArticleSummary,
    EntityDetail,
    EntitySummary,
    IngestOut,
    Problem,
    QuoteOut,
    RecordsIn,
    SearchHit,
    StorySummary,
    UrlsIn,
)
from storyline.serve.search import MAX_QUERY_CHARS, SearchTimeout, terms
from storyline.serve.security import url_refusal, write_refusal

router = APIRouter(prefix="/api", responses=READ_RESPONSES)
_bearer = HTTPBearer(auto_error=False, description="the server's STORYLINE_TOKEN")
DATE = r"^\d{4}-\d{2}-\d{2}$"
FETCHER = "storyline.pipeline.ingest.fetch"  # the HTTP fetcher with the private-address guard
UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom", ".warc")


def library(request: Request) -> Library:
    return request.app.state.library


def require_token(request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    """The write check (the Guard middleware refuses earlier; this documents it in OpenAPI)."""
    given = f"Bearer {credentials.credentials}" if credentials else None
    if request.app.state.public:
        raise HTTPException(403, "this is a read-only public server: writes are disabled")
    if (refusal := write_refusal(given, request.app.state.token)) is not None:
        raise HTTPException(*refusal, {"WWW-Authenticate": "Bearer"} if refusal[0] == 401 else None)


def day_param(value: str | None, name: str) -> str | None:
    """``value`` when it is a real calendar day (YYYY-MM-DD), else a 422."""
    if value is None:
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None
    return value


Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Lib = Annotated[Library, Depends(library)]
StorySort = Literal["newest", "articles", "outlets", "updated", "relevance"]
PAGED = {200: {"headers": {
    "X-Total-Count": {"description": "items over all pages", "schema": {"type": "integer"}},
    "Link": {"description": "RFC 8288 links to the next and previous pages", "schema": {"type": "string"}},
    "X-Search-Timed-Out": {"description": "the search ran out of its time budget: the page is empty, "
                           "and no total is given; use rarer words", "schema": {"type": "string"}},
}}}


def paged(request: Request, response: Response, page: Page[Any]) -> None:
    """Total and next/previous links of ``page`` as response headers (the body stays a plain list)."""
    if "X-Search-Timed-Out" in response.headers:
        return  # no total is known
    response.headers["X-Total-Count"] = str(page.total)
    links = []
    for rel, offset in (("next", page.next_offset), ("prev", page.prev_offset)):
        if offset is not None:
            links.append(f'<{request.url.include_query_params(offset=offset, limit=page.limit)}>; rel="{rel}"')
    if links:
        response.headers["Link"] = ", ".join(links)


def story_summary(row: StoryRow) -> StorySummary:
    return StorySummary(
        id=row.id, title=row.title, articles=list(row.articles), article_count=len(row.articles), outlets=row.outlets,
        languages=row.languages, first_published=row.first_published, last_published=row.last_published,
        updated_at=row.updated_at, matching_articles=row.hits,
    )


def quote_out(q: QuoteRow) -> QuoteOut:
    return QuoteOut(text=q.text, speaker=q.speaker, article=q.article, story=q.story, outlet=q.outlet,
                    published=q.published, start=q.start, end=q.end)


def searched(response: Response, call: Callable[[], Page[Any]]) -> Page[Any]:
    """``call()``; a search that ran out of its time budget gives an empty page and says so in
    ``X-Search-Timed-Out`` (as a search engine returns what it found in time), never a server error."""
    try:
        return call()
    except SearchTimeout as exc:
        response.headers["X-Search-Timed-Out"] = str(exc)
        return Page([], 0, 0, 0)


@router.get("/stories", response_model=list[StorySummary], responses=PAGED,
            summary="Stories, filtered, sorted and paged (total and next link in the headers)")
def list_stories(
    request: Request, response: Response, lib: Lib,
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE, description="YYYY-MM-DD, a real day",
                                           json_schema_extra={"format": "date"})] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE, description="YYYY-MM-DD, a real day",
                                         json_schema_extra={"format": "date"})] = None,
    outlet: str | None = None,
    person: Annotated[str | None, Query(description="a person or organisation named in the story: the name or its beginning")] = None,
    language: str | None = None,
    q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS,
                                   description="full-text search: stories with a matching article")] = None,
    sort: Annotated[StorySort | None, Query(description="default: relevance with q, else newest")] = None,
    limit: Limit = 50, offset: Offset = 0,
) -> list[StorySummary]:
    filters = StoryFilters(date_from=day_param(date_from, "from"), date_to=day_param(date_to, "to"),
                           outlet=outlet or None, person=person or None, language=language or None,
                           words=terms(q).words)
    page = searched(response, lambda: lib.stories(filters, sort or "", limit, offset))
    paged(request, response, page)
    return [story_summary(r) for r in page.items]


@router.get("/stories/{story_id}", responses=NOT_FOUND,
            summary="A story's brief, shaped as in the export contract")
def get_brief(story_id: str, lib: Lib, request: Request) -> Any:
    successor = lib.successor(story_id)
    if successor is not None:  # re-clustering retired the id: send the client to the story it became
        return RedirectResponse(str(request.url_for("get_brief", story_id=successor)), status_code=308)
    return JSONResponse(lib.brief(story_id).to_contract())


@router.get("/articles", response_model=list[ArticleSummary], responses=PAGED,
            summary="Articles in ingest order (or newest first), paged")
def list_articles(request: Request, response: Response, lib: Lib, story: str | None = None, outlet: str | None = None,
                  sort: Literal["ingested", "newest"] = "ingested",
                  limit: Limit = 50, offset: Offset = 0) -> list[ArticleSummary]:
    page = lib.article_list(story=story, outlet=outlet, sort=sort, limit=limit, offset=offset)
    paged(request, response, page)
    return [ArticleSummary(**r) for r in page.items]


@router.get("/articles/{article_id}", responses=NOT_FOUND,
            summary="One article, shaped as in the export contract")
def get_article(article_id: str, lib: Lib) -> Any:
    return JSONResponse(lib.article(article_id).to_contract())


@router.get("/quotes", response_model=list[QuoteOut], responses=PAGED, summary="Direct quotes, newest first, paged")
def list_quotes(request: Request, response: Response, lib: Lib,
                speaker: Annotated[str | None, Query(description="the speaker's name or its beginning")] = None,
                story: str | None = None,
                q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, description="words in the quote")] = None,
                limit: Limit = 100, offset: Offset = 0) -> list[QuoteOut]:
    page = searched(response, lambda: lib.quotes(speaker=speaker, story=story, text=q, limit=limit, offset=offset))
    paged(request, response, page)
    return [quote_out(x) for x in page.items]


@router.get("/entities", response_model=list[EntitySummary], responses=PAGED,
            summary="Entities, most widely reported first, paged")
def list_entities(request: Request, response: Response, lib: Lib, label: str | None = None,
                  q: Annotated[str | None, Query(description="the name or its beginning")] = None,
                  limit: Limit = 100, offset: Offset = 0) -> list[EntitySummary]:
    page = lib.entities(label=label or None, prefix=q or None, limit=limit, offset=offset)
    paged(request, response, page)
    return [EntitySummary(**r) for r in page.items]


@router.get("/entities/{name:text}", responses=NOT_FOUND, response_model=EntityDetail,
            summary="A person or organisation: stories and quotes (the first page of each)")
def get_entity(name: str, lib: Lib, limit: Limit = 50, offset: Offset = 0) -> EntityDetail:
    found = lib.entity(name)
    if found is None:
        raise HTTPException(404, f"no entity named {name!r}")
    names, facts = found
    quotes = lib.quotes(names=names, limit=limit, offset=offset)
    return EntityDetail(
        canonical=name, label=facts["label"], article_count=facts["article_count"], story_count=facts["story_count"],
        stories=[story_summary(r) for r in lib.entity_stories(names, limit, offset)],
        quotes=[quote_out(q) for q in quotes.items], quote_count=quotes.total,
    )


@router.get("/search", response_model=list[SearchHit], responses=PAGED,
            summary="Full-text search over titles and bodies, best first, paged")
def search(request: Request, response: Response, lib: Lib,
           q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS)], limit: Limit = 20,
           offset: Offset = 0) -> list[SearchHit]:
    page = searched(response, lambda: lib.search(terms(q), limit, offset))
    paged(request, response, page)
    return [SearchHit(**{k: h.get(k) for k in SearchHit.model_fields}) for h in page.items]


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

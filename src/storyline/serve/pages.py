"""The HTML pages: stories, search, a story's brief, an article, a person or organisation, login.

Templates autoescape everything; the only pre-built markup comes from
``highlight`` and ``charts``, which escape the text they include. Every list
is paged (``page``, 1-based) and says how many items there are in all.
"""

from __future__ import annotations

import csv
import io
import re
from collections import OrderedDict
from datetime import date
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from storyline.models import Article, Brief, Citation
from storyline.serve import (
    charts,
    paths,  # noqa: F401 (registers {name:text})
)
from storyline.serve.data import STORY_SORTS, Library, Page, StoryFilters
from storyline.serve.highlight import highlight, passage
from storyline.serve.search import SearchTimeout, terms
from storyline.serve.security import COOKIE, COOKIE_MAX_AGE, cookie_value

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.filters["urlpart"] = lambda s: quote(str(s), safe="")
templates.env.globals["coverage"] = charts.coverage
templates.env.filters["snippet"] = lambda s: snippet_html(s)
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
STORIES_PER_PAGE = 50
HITS_ON_STORIES_PAGE = 10
HITS_PER_PAGE = 20
ENTITY_ROWS_PER_PAGE = 50
# How much of a big story's long lists shows before "show all".
FIRST_TIMELINE, FIRST_QUOTES_PER_SPEAKER, OPEN_SPEAKERS, FIRST_PEOPLE, FIRST_ARTICLES = 25, 3, 3, 40, 30
SORT_LABELS = {"relevance": "best match", "newest": "newest", "articles": "most articles",
               "outlets": "most outlets", "updated": "most recently updated"}
FILTER_KEYS = ("q", "outlet", "person", "language", "date_from", "date_to", "sort")


def compile_templates() -> None:
    """Compile every page template now (Jinja compiles one on first use and keeps it)."""
    for name in templates.env.list_templates(extensions=["html"]):
        templates.env.get_template(name)


def snippet_html(snippet: str | None) -> Markup:
    """A search snippet, escaped, with the store's ``[match]`` markers turned into ``<mark>``."""
    return Markup(re.sub(r"\[([^\[\]]*)\]", r"<mark>\1</mark>", escape(snippet or "")))


def _lib(request: Request) -> Library:
    return request.app.state.library


def _date(value: str | None) -> str | None:
    """A real calendar day (YYYY-MM-DD) or None: a page ignores a bad date rather than failing."""
    if not value or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        return None
    return value


def href(path: str, params: dict[str, Any], **changes: Any) -> str:
    """``path`` with the non-empty ``params`` (updated by ``changes``) as its query string."""
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "") and not (k == "page" and v == 1)}
    return path + ("?" + urlencode(merged) if merged else "")


def pager(path: str, params: dict[str, Any], page: Page[Any], number: int) -> dict[str, Any]:
    """What a template needs to draw "1–50 of 1,234" and the previous/next links."""
    return {
        "first": page.offset + 1 if page.items else 0, "last": page.offset + len(page.items), "total": page.total,
        "prev": href(path, params, page=number - 1) if page.prev_offset is not None else None,
        "next": href(path, params, page=number + 1) if page.next_offset is not None else None,
    }


def _page_number(value: str | int | None) -> int:
    try:
        return max(1, min(int(value or 1), 100_000))
    except (TypeError, ValueError):
        return 1


@router.get("/")
def stories_page(request: Request, q: str = "", outlet: str = "", person: str = "", language: str = "",
                 date_from: str = "", date_to: str = "", sort: str = "", page: str = "1") -> HTMLResponse:
    lib = _lib(request)
    found = terms(q)
    number = _page_number(page)
    f = {"q": q[:200], "outlet": outlet, "person": person, "language": language,
         "date_from": date_from, "date_to": date_to, "sort": sort}
    filters = StoryFilters(date_from=_date(date_from), date_to=_date(date_to), outlet=outlet or None,
                           person=person or None, language=language or None, words=found.words)
    sorts = (["relevance"] if found.words else []) + list(STORY_SORTS)
    chosen = sort if sort in sorts else sorts[0]

    def render() -> str:
        timed_out = None
        try:
            rows = lib.stories(filters, chosen, STORIES_PER_PAGE, (number - 1) * STORIES_PER_PAGE)
            hits = lib.search(found, HITS_ON_STORIES_PAGE) if found.words else None
        except SearchTimeout as exc:
            timed_out = str(exc)
            rows, hits = Page([], 0, 0, STORIES_PER_PAGE), None
        params = {k: v for k, v in f.items() if v}
        return templates.get_template("stories.html").render({
            "rows": rows.items, "pager": pager("/", params, rows, number), "hits": hits, "terms": found,
            "timed_out": timed_out, "total": lib.count_stories(), "outlets": lib.outlets(),
            "languages": lib.languages(), "f": f,
            "sorts": [(s, SORT_LABELS[s], href("/", params, sort=s, page=1), s == chosen) for s in sorts],
            "search_href": href("/search", {"q": found.text}),
        })

    if found.words:  # a search page: its answer may be a time-out, which is not kept
        return HTMLResponse(render())
    # Browsing pages are kept, rendered, while the store stays the same: rendering fifty rows
    # with their charts is most of what such a page costs.
    return HTMLResponse(lib.cached(("stories page", tuple(f.items()), number, STORIES_PER_PAGE), render))


@router.get("/search")
def search_page(request: Request, q: str = "", page: str = "1") -> HTMLResponse:
    """Every article matching a search, best first, paged."""
    lib = _lib(request)
    found = terms(q)
    number = _page_number(page)
    timed_out = None
    try:
        hits = lib.search(found, HITS_PER_PAGE, (number - 1) * HITS_PER_PAGE)
    except SearchTimeout as exc:
        timed_out, hits = str(exc), Page([], 0, 0, HITS_PER_PAGE)
    return templates.TemplateResponse(request, "search.html", {
        "hits": hits, "terms": found, "timed_out": timed_out, "f": {"q": q[:200]},
        "pager": pager("/search", {"q": found.text}, hits, number),
    })


class _Citer:
    """Numbers a story's citations and looks up the passage each one points at."""

    def __init__(self, articles: dict[str, Article]) -> None:
        self.articles = articles
        self.count = 0

    def __call__(self, citations: list[Citation]) -> list[dict[str, Any]]:
        out = []
        for c in citations:
            self.count += 1
            article = self.articles.get(c.article)
            out.append({
                "n": self.count, "href": f"/articles/{quote(c.article, safe='')}?cite={c.start}-{c.end}#cited",
                "outlet": (article.outlet or article.title or c.article) if article else c.article,
                "passage": passage(article, c.start, c.end),
            })
        return out


def _matrix(brief: Brief) -> dict[str, Any]:
    """Outlet × summary sentence: which outlets' articles each sentence cites."""
    outlets = [s.outlet for s in brief.sources]
    outlet_of = {a: s.outlet for s in brief.sources for a in s.articles}
    rows = []
    for item in brief.summary:
        cited = {outlet_of.get(c.article) for c in item.citations}
        rows.append({"text": item.text, "cells": [o in cited for o in outlets]})
    return {"outlets": outlets, "rows": rows}


def _quote_source(articles: dict[str, Article], article_ids: list[str], text: str) -> dict[str, Any]:
    """Where one of ``article_ids`` carries the quote ``text`` (its first article that does): a link to
    the passage, and the speaker's evidence there (the words that name the speaker, the cue, the rule)."""
    for article_id in article_ids:
        article = articles.get(article_id)
        if article is None:
            continue
        for q in article.quotes:
            if q.text == text or text in q.text or q.text in text:
                page = f"/articles/{quote(article_id, safe='')}"
                evidence = None
                if q.speaker_mention is not None and q.speaker:
                    m = q.speaker_mention
                    evidence = {"named": m.text, "cue": q.cue, "rule": q.speaker_rule,
                                "outlet": article.outlet or article.title or article_id,
                                "href": f"{page}?cite={m.start}-{m.end}#cited"}
                return {"href": f"{page}?cite={q.start}-{q.end}#cited", "evidence": evidence}
    return {"href": f"/articles/{quote(article_ids[0], safe='')}" if article_ids else None, "evidence": None}


def _speaker_groups(brief: Brief, articles: dict[str, Article], entity_names: set[str]) -> list[dict[str, Any]]:
    """The brief's quotes grouped by speaker, the most quoted first; unattributed quotes last."""
    groups: OrderedDict[str | None, list[dict[str, Any]]] = OrderedDict()
    for q in brief.quotes:
        groups.setdefault(q.speaker, []).append({"q": q, **_quote_source(articles, q.articles, q.text)})
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] is None, -len(kv[1]), kv[0] or ""))
    return [{"speaker": speaker, "is_entity": speaker in entity_names, "quotes": items, "n": i}
            for i, (speaker, items) in enumerate(ordered)]


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: str) -> Any:
    lib = _lib(request)
    successor = lib.successor(story_id)
    if successor is not None:  # re-clustering retired the id: the story lives on under another
        return RedirectResponse(str(request.url_for("story_page", story_id=successor)), status_code=308)
    view = lib.story_view(story_id)
    if view.page is None:  # rendered once per state of the story: a big story's page takes a tenth of a second
        view.page = _story_html(view.brief, view.articles)
    return HTMLResponse(view.page)


def _story_html(brief: Brief, members: list[Article]) -> str:
    by_id = {a.id: a for a in members}
    entity_names = {e.canonical for e in brief.entities}
    people = [e for e in brief.entities if e.label in {"PERSON", "ORG"}]
    groups = _speaker_groups(brief, by_id, entity_names)
    sections = [
        ("summary", "Summary", len(brief.summary)), ("timeline", "Timeline", len(brief.timeline)),
        ("quotes", "Quotes", len(brief.quotes)), ("people", "People and organisations", len(people)),
        ("sources", "Sources", len(brief.sources)), ("disagreements", "Where sources disagree", len(brief.discrepancies)),
        ("shared", "Shared passages", len(brief.shared_passages)), ("articles", "Articles", len(members)),
    ]
    return templates.get_template("story.html").render({
        "b": brief, "s": brief.story, "cite": _Citer(by_id), "articles": members, "matrix": _matrix(brief),
        "timeline_chart": charts.timeline([(t.date, t.text, t.label) for t in brief.timeline]),
        "coverage_chart": charts.coverage([a.published for a in members if a.published], 320, 40),
        "people": people, "groups": groups, "toc": [s for s in sections if s[2]],
        "first": {"timeline": FIRST_TIMELINE, "quotes": FIRST_QUOTES_PER_SPEAKER, "speakers": OPEN_SPEAKERS,
                  "people": FIRST_PEOPLE, "articles": FIRST_ARTICLES},
    })


# -- downloads: the brief as Markdown, its articles and quotes as CSV -------

def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (article text is hostile input)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _download(body: str, media: str, name: str) -> Response:
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/stories/{story_id}/brief.md")
def story_markdown(request: Request, story_id: str) -> Response:
    from storyline.render.markdown import brief_markdown

    view = _lib(request).story_view(story_id)
    articles = {a.id: a for a in view.articles}
    return _download(brief_markdown(view.brief, articles), "text/markdown; charset=utf-8", f"{_file_id(story_id)}.md")


@router.get("/stories/{story_id}/{table}.csv")
def story_csv(request: Request, story_id: str, table: str) -> Response:
    if table not in {"articles", "quotes"}:
        raise HTTPException(404, f"no table {table!r}: articles.csv or quotes.csv")
    view = _lib(request).story_view(story_id)
    brief = view.brief
    out = io.StringIO()
    writer = csv.writer(out)
    if table == "articles":
        writer.writerow(["id", "title", "outlet", "published", "url"])
        for a in view.articles:
            writer.writerow([_cell(x) for x in (a.id, a.title, a.outlet, a.published, a.url)])
    else:
        writer.writerow(["speaker", "quote", "articles", "variants"])
        for q in brief.quotes:
            writer.writerow([_cell(x) for x in (q.speaker, q.text, " ".join(q.articles), len(q.variants))])
    return _download(out.getvalue(), "text/csv; charset=utf-8", f"{_file_id(story_id)}-{table}.csv")


def _file_id(story_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.~-]", "_", story_id)[:80] or "story"


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str, cite: str = "") -> HTMLResponse:
    lib = _lib(request)
    article = lib.article(article_id)
    cited = None
    if m := re.fullmatch(r"(\d+)-(\d+)", cite):
        cited = (int(m[1]), int(m[2]))
    story = lib.reader().story_row(article.story) if article.story else None
    url = article.url if article.url and re.match(r"https?://", article.url, re.IGNORECASE) else None
    return templates.TemplateResponse(request, "article.html", {
        "a": article, "body": highlight(article, cited), "story": story, "cited": cited, "url": url,
        "entity_names": {e.canonical for e in article.entities},
    })


@router.get("/entities/{name:text}")
def entity_page(request: Request, name: str, page: str = "1") -> HTMLResponse:
    lib = _lib(request)
    found = lib.entity(name)
    if found is None:
        raise HTTPException(404, f"no person or organisation named {name!r}")
    names, facts = found
    number = _page_number(page)
    offset = (number - 1) * ENTITY_ROWS_PER_PAGE
    rows = lib.entity_stories(names, ENTITY_ROWS_PER_PAGE, offset)
    stories = Page(rows, facts["story_count"], offset, ENTITY_ROWS_PER_PAGE)
    quotes = lib.quotes(names=names, limit=ENTITY_ROWS_PER_PAGE, offset=offset)
    more = Page([None], max(stories.total, quotes.total), offset, ENTITY_ROWS_PER_PAGE)
    return templates.TemplateResponse(request, "entity.html", {
        "name": name, "label": facts["label"], "rows": rows, "quotes": quotes, "stories": stories,
        "article_count": facts["article_count"],
        "pager": pager(f"/entities/{quote(name, safe='')}", {}, more, number),
    })


# -- login: a cookie for browsers, which cannot send a bearer token ------

def _safe_next(target: str | None) -> str:
    """Only a path on this server (never ``//host`` or a URL) may be the place to go back to."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/login")
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return templates.TemplateResponse(request, "login.html", {"next": _safe_next(next), "failed": False})


@router.post("/login")
def login(request: Request, token: str = Form(""), next: str = Form("/")) -> Any:
    state = request.app.state
    for known in (state.read_token, state.token):
        if known and token and _same(token, known):
            response = RedirectResponse(_safe_next(next), status_code=303)
            response.set_cookie(COOKIE, cookie_value(known), max_age=COOKIE_MAX_AGE, httponly=True, samesite="lax",
                                secure=request.url.scheme == "https", path="/")
            return response
    return templates.TemplateResponse(request, "login.html", {"next": _safe_next(next), "failed": True},
                                      status_code=401)


@router.post("/logout")
def logout() -> Any:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


def _same(a: str, b: str) -> bool:
    import hmac

    return hmac.compare_digest(a.encode(), b.encode())

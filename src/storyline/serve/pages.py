"""The HTML pages: stories, a story's brief, an article, a person or organisation.

Templates autoescape everything; the only pre-built markup comes from
``highlight`` and ``charts``, which escape the text they include.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from html import escape
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from storyline.models import Brief, Citation
from storyline.serve import charts
from storyline.serve.api_routes import search_story_ids
from storyline.serve.data import Catalogue, Library
from storyline.serve.highlight import highlight, passage

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.filters["urlpart"] = lambda s: quote(str(s), safe="")
templates.env.globals["coverage"] = charts.coverage
templates.env.filters["snippet"] = lambda s: snippet_html(s)
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def snippet_html(snippet: str | None) -> Markup:
    """A search snippet, escaped, with the store's ``[match]`` markers turned into ``<mark>``."""
    return Markup(re.sub(r"\[([^\[\]]*)\]", r"<mark>\1</mark>", escape(snippet or "")))


def _lib(request: Request) -> Library:
    return request.app.state.library


def _date(value: str | None) -> str | None:
    return value if value and DATE.match(value) else None


@router.get("/")
def stories_page(request: Request, q: str = "", outlet: str = "", person: str = "", language: str = "",
                 date_from: str = "", date_to: str = "") -> HTMLResponse:
    lib = _lib(request)
    cat = lib.catalogue()
    hits = lib.reader().search(q, 20) if q.strip() else []
    rows = cat.filter_stories(date_from=_date(date_from), date_to=_date(date_to), outlet=outlet or None,
                              person=person or None, language=language or None, only=search_story_ids(lib, q))
    return templates.TemplateResponse(request, "stories.html", {
        "rows": rows, "hits": hits, "total": len(cat.stories), "outlets": cat.outlets(), "languages": cat.languages(),
        "f": {"q": q, "outlet": outlet, "person": person, "language": language,
              "date_from": date_from, "date_to": date_to},
    })


class _Citer:
    """Numbers a story's citations and looks up the passage each one points at."""

    def __init__(self, cat: Catalogue) -> None:
        self.cat = cat
        self.count = 0

    def __call__(self, citations: list[Citation]) -> list[dict[str, Any]]:
        out = []
        for c in citations:
            self.count += 1
            article = self.cat.articles.get(c.article)
            out.append({
                "n": self.count, "href": f"/articles/{quote(c.article, safe='')}?cite={c.start}-{c.end}#cited",
                "outlet": (article.outlet or article.title or c.article) if article else c.article,
                "passage": passage(article, c.start, c.end),
            })
        return out


def _matrix(brief: Brief, cat: Catalogue) -> dict[str, Any]:
    """Outlet × summary sentence: which outlets' articles each sentence cites."""
    outlets = [s.outlet for s in brief.sources]
    outlet_of = {a: s.outlet for s in brief.sources for a in s.articles}
    rows = []
    for item in brief.summary:
        cited = {outlet_of.get(c.article) for c in item.citations}
        rows.append({"text": item.text, "cells": [o in cited for o in outlets]})
    return {"outlets": outlets, "rows": rows}


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: str) -> Any:
    lib = _lib(request)
    successor = lib.successor(story_id)
    if successor is not None:  # re-clustering retired the id: the story lives on under another
        return RedirectResponse(str(request.url_for("story_page", story_id=successor)), status_code=308)
    brief = lib.brief(story_id)
    cat = lib.catalogue()
    members = [cat.articles[i] for i in brief.story.articles if i in cat.articles]
    return templates.TemplateResponse(request, "story.html", {
        "b": brief, "s": brief.story, "cite": _Citer(cat), "articles": members, "matrix": _matrix(brief, cat),
        "timeline_chart": charts.timeline([(t.date, t.text) for t in brief.timeline]),
        "coverage_chart": charts.coverage([a.published for a in members if a.published], 320, 40),
        "people": [e for e in brief.entities if e.label in {"PERSON", "ORG"}],
    })


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str, cite: str = "") -> HTMLResponse:
    lib = _lib(request)
    article = lib.reader().article(article_id)
    cited = None
    if m := re.fullmatch(r"(\d+)-(\d+)", cite):
        cited = (int(m[1]), int(m[2]))
    story = None
    if article.story:
        story = next((r.story for r in lib.catalogue().stories if r.story.id == article.story), None)
    return templates.TemplateResponse(request, "article.html", {
        "a": article, "body": highlight(article, cited), "story": story, "cited": cited,
    })


@router.get("/entities/{name}")
def entity_page(request: Request, name: str) -> HTMLResponse:
    cat = _lib(request).catalogue()
    info = cat.entities.get(name)
    if info is None:
        raise HTTPException(404, f"no person or organisation named {name!r}")
    rows = [r for r in cat.stories if r.story.id in info["stories"]]
    quotes = [q for q in cat.quotes if q.speaker == name]
    return templates.TemplateResponse(request, "entity.html", {
        "name": name, "label": info["label"], "rows": rows, "quotes": quotes, "article_count": len(info["articles"]),
    })

"""Metadata an HTML page declares: canonical URL, headline, author, date, site, language.

Pages state these in ``<meta>`` tags (Open Graph, article:*, Dublin Core),
``<link rel=canonical>`` and schema.org JSON-LD. trafilatura reads some of
them too, but keeps the date only (no time or zone) and prefers the URL it
was given; we want the page's own canonical URL and the full timestamp, so
the page is read here with lxml. Every field is optional.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import lxml.html

from storyline.pipeline.metadata import check_published, clean_byline

_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "sailthru.date", "dc.date.issued", "dcterms.created", "date",
    "article.published", "parsely-pub-date", "dc.date",
)
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl")
_TITLE_KEYS = ("og:title", "twitter:title", "headline", "parsely-title", "dc.title")


@dataclass(slots=True)
class PageMeta:
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    site_name: str | None = None
    language: str | None = None
    notes: list[str] = field(default_factory=list)  # declared values discarded as invalid, and why


def _jsonld_items(tree: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for node in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(node.text_content() or "")
        except (ValueError, RecursionError):
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                items.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
            elif isinstance(item, list):
                stack.extend(item)
    return items


def _is_article(item: dict[str, Any]) -> bool:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and ("Article" in k or k in ("BlogPosting", "Report")) for k in kinds)


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _strip_site(title: str) -> str | None:
    """"Harbour reopens | Porthaven Post" → "Harbour reopens": the longest part is the headline."""
    parts = [p.strip() for p in re.split(r"\s+[|–—-]\s+|\s+::\s+", title) if p.strip()]
    return max(parts, key=len) if parts else None


def html_metadata(html: str, fetched: str | None = None) -> PageMeta:
    """Whatever of url, title, author, publication date, site name and language the page declares.

    A declared date that cannot be true (out of range, or after ``fetched``,
    when the page was fetched) is passed over with a note in ``notes``.
    """
    meta = PageMeta()
    try:
        tree = lxml.html.fromstring(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", html))
    except (ValueError, lxml.etree.ParserError):
        return meta
    tags: dict[str, str] = {}
    for node in tree.xpath("//meta[@content]"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").strip().lower()
        if key and key not in tags and node.get("content", "").strip():
            tags[key] = node.get("content").strip()
    articles = [i for i in _jsonld_items(tree) if _is_article(i)]
    ld = articles[0] if articles else {}

    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    meta.url = (canonical[0].strip() if canonical and canonical[0].startswith("http") else None) or tags.get("og:url") or (
        ld.get("url") if isinstance(ld.get("url"), str) else None
    )
    title = ld.get("headline") if isinstance(ld.get("headline"), str) else None
    meta.title = title or next((tags[k] for k in _TITLE_KEYS if k in tags), None)
    if not meta.title:
        node = tree.find(".//title")
        meta.title = _strip_site(node.text_content()) if node is not None else None
    authors = _names(ld.get("author"))
    author_tag = next((tags[k] for k in _AUTHOR_KEYS if k in tags and not tags[k].startswith("http")), None)
    meta.author = clean_byline(", ".join(authors) if authors else author_tag)
    dates = [ld.get("datePublished")] + [tags.get(k) for k in _DATE_KEYS] + tree.xpath("//time[@datetime]/@datetime")[:1]
    for index, value in enumerate(dates):
        if not isinstance(value, str):
            continue
        published, note = check_published(value, fetched)
        # "0001-01-01" from an unset CMS field is worth a note (the next candidate may be right);
        # a loose <meta name="date"> that is no date at all is not, unless JSON-LD declared it.
        if note and (index == 0 or not note.endswith("not a date")) and note not in meta.notes:
            meta.notes.append(note)
        if published:
            meta.published = published
            break
    publisher = _names(ld.get("publisher"))
    meta.site_name = tags.get("og:site_name") or (publisher[0] if publisher else None)
    lang = tree.get("lang") or tags.get("og:locale") or tags.get("content-language") or ""
    match = re.match(r"[a-zA-Z]{2}\b", lang)
    meta.language = match.group(0).lower() if match else None
    return meta

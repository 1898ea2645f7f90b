"""The body of an HTML page: trafilatura, with a readability fallback.

trafilatura alone (defaults) scores F1 0.957 on the Article Extraction
Benchmark; two changes measured there (``benchmarks/extraction.py``) lift it:

* comments are never the article, and precision mode drops more of the
  navigation and teaser blocks around it;
* precision mode sometimes stops at a page's first block (an article split
  by ads or embeds). When readability-lxml finds more than twice as much
  text, its extraction is kept instead. (The copy of readability vendored
  in trafilatura was measured too: it misses the same split articles.)

The result is a list of paragraphs (one per line), with the page metadata
trafilatura found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
import trafilatura
from readability import Document

_WORD = re.compile(r"\w+")
_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr",
    "br", "section", "article", "ul", "ol", "table", "figure", "figcaption", "dd", "dt",
}
# Precision mode's text is replaced when readability finds this many times more words.
FALLBACK_RATIO = 2.0


@dataclass(slots=True)
class ExtractedPage:
    """What came out of one page: body paragraphs and page metadata."""

    lines: list[str]
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    method: str = "trafilatura"  # or "readability" when the fallback's text was kept


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _split_lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def readability_lines(html: str) -> list[str]:
    """Paragraphs of readability's main-content block, one per line ([] if none)."""
    try:
        summary = Document(html).summary(html_partial=True)
        if not summary.strip():
            return []
        body = lxml.html.fromstring(summary)
    except Exception:  # readability raises its own Unparseable, lxml's errors and more
        return []
    try:
        for el in body.iter():
            if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
                # Paragraph boundaries survive text_content() as line breaks.
                el.tail = "\n" + (el.tail or "")
                if el.tag.lower() != "br":
                    el.text = "\n" + (el.text or "")
        return _split_lines(body.text_content())
    except ValueError:  # text lxml will not hold
        return []


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def extract_body(html: str, url: str | None = None) -> ExtractedPage:
    """Body paragraphs and metadata of an HTML page; ``lines`` is empty when none is found."""
    html = _CONTROL.sub("", html)  # lxml refuses control characters in text (found by fuzzing)
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, favor_precision=True
    )
    text = (doc.text if doc is not None else "") or ""
    page = ExtractedPage(
        lines=_split_lines(text),
        title=doc.title if doc is not None else None,
        author=doc.author if doc is not None else None,
        date=doc.date if doc is not None else None,
        sitename=doc.sitename if doc is not None else None,
        url=doc.url if doc is not None else None,
    )
    fallback = readability_lines(html)
    if _words("\n".join(fallback)) > FALLBACK_RATIO * _words(text):
        page.lines = fallback
        page.method = "readability"
    return page

"""Article text as HTML with its entities, quotes and dates marked.

Annotations may nest or overlap, so the text is cut at every annotation
boundary and each piece is wrapped in the elements of the annotations that
cover it. Every piece of article text goes through ``html.escape``: the text
is hostile input and nothing in it may become markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from storyline.models import Article


@dataclass(slots=True, frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # ent, quote, time, cited
    label: str  # shown as a tooltip
    css: str = ""


def annotations(article: Article, cited: tuple[int, int] | None = None) -> list[Mark]:
    """Every span to mark in ``article``, plus the cited passage if one is given."""
    n = len(article.text)
    marks = [Mark(e.start, e.end, "ent", f"{e.label}: {e.canonical}", f"ent-{e.label.lower()}") for e in article.entities]
    marks += [Mark(q.start, q.end, "quote", f"quote: {q.speaker or 'unattributed'}") for q in article.quotes]
    marks += [Mark(t.start, t.end, "time", f"{t.type}: {t.value}") for t in article.times]
    if cited:
        marks.append(Mark(cited[0], cited[1], "cited", "cited passage"))
    return [m for m in marks if 0 <= m.start < m.end <= n]


def highlight(article: Article, cited: tuple[int, int] | None = None) -> Markup:
    """The clean text as escaped HTML paragraphs with marks; the cited passage gets ``id="cited"``."""
    text = article.text
    marks = annotations(article, cited)
    # Line breaks are cuts too, so paragraph tags never land inside a mark.
    breaks = [x for m in re.finditer(r"\n+", text) for x in m.span()]
    cuts = sorted({0, len(text), *breaks, *(m.start for m in marks), *(m.end for m in marks)})
    speakers = {q.end: q.speaker for q in article.quotes if q.speaker}
    out: list[str] = ["<p>"]
    anchored = False
    for a, b in zip(cuts, cuts[1:]):
        raw = text[a:b]
        if raw.strip("\n") == "":
            out.append("</p><p>" if len(raw) > 1 else "<br>")
            continue
        piece = escape(raw)
        for m in sorted((m for m in marks if m.start <= a and b <= m.end), key=lambda m: (m.start, -m.end), reverse=True):
            if m.kind == "cited":
                attr = ' id="cited" tabindex="-1"' if not anchored else ""
                anchored = True
                piece = f'<mark class="cited"{attr}>{piece}</mark>'
            else:
                piece = f'<span class="{m.kind} {m.css}" title="{escape(m.label)}">{piece}</span>'
        out.append(piece)
        if b in speakers:
            out.append(f'<span class="speaker">({escape(speakers[b])})</span>')
    out.append("</p>")
    return Markup("".join(out))


def passage(article: Article | None, start: int, end: int, limit: int = 400) -> str:
    """The cited characters of an article (plain text, to be escaped by the template)."""
    if article is None:
        return ""
    text = article.text[max(0, start):max(0, end)]
    return text if len(text) <= limit else text[:limit].rstrip() + "…"

"""Briefs as Markdown that reads well in a terminal and in a repository viewer."""

from __future__ import annotations

from storyline.models import Article, Brief, Citation, CitedText, WhatsNew


def _cites(citations: list[Citation]) -> str:
    return " ".join(f"[{c.article}:{c.start}-{c.end}]" for c in citations)


def _variants(line: CitedText) -> list[str]:
    """Sub-items for the other wordings a line also cites: marked, with their own words."""
    return [f"  - *variant* {_cites(v.citations)}: {_md(v.text)}" for v in line.variants]


def _outlets(citations: list[Citation], articles: dict[str, Article], unknown_as_id: bool = True) -> str:
    """The outlets of ``citations`` in brackets; an article of no known outlet by its id, or left out."""
    names = dict.fromkeys(
        articles[c.article].outlet or (c.article if unknown_as_id else None)
        for c in citations if c.article in articles
    )
    names.pop(None, None)
    return f" ({', '.join(names)})" if names else ""


def _paragraphs(text: str) -> str:
    """A list item's text of several paragraphs (a shared passage): each one indented under the item."""
    return "\n\n  ".join(line.strip() for line in text.split("\n") if line.strip())


def _md(text: str) -> str:
    """Escape what Markdown would take as markup in article text."""
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def brief_markdown(brief: Brief, articles: dict[str, Article] | None = None) -> str:
    story = brief.story
    articles = articles or {}
    dates = " – ".join(d[:10] for d in dict.fromkeys(filter(None, [story.first_published, story.last_published])))
    lines = [f"# {_md(story.title)}", "", f"*Story `{story.id}` · {len(story.articles)} articles · {dates or 'undated'}*", ""]
    if brief.summary:
        lines += ["## Summary", ""]
        for s in brief.summary:
            lines += [f"- {_md(s.text)} {_cites(s.citations)}", *_variants(s)]
        lines.append("")
    if brief.timeline:
        lines += ["## Timeline", ""]
        lines += [f"- **{_md(t.label or t.date)}** {_md(t.text)} {_cites(t.citations)}" for t in brief.timeline]
        lines.append("")
    if brief.quotes:
        lines += ["## Quotes", ""]
        for q in brief.quotes:
            lines.append(f"- “{_md(q.text)}” — {_md(q.speaker or 'unattributed')} ({', '.join(q.articles)})")
            for change in q.changes:
                diff = "; ".join(
                    [f"adds “{_md(w)}”" for w in change.added] + [f"cuts “{_md(w)}”" for w in change.removed]
                )
                lines.append(f"  - **variant** in {', '.join(change.articles)}: “{_md(change.variant)}” ({diff})")
        lines.append("")
    if brief.entities:
        lines += ["## People and organisations", "", "| name | kind | roles | articles |", "|---|---|---|---|"]
        lines += [
            f"| {_md(e.canonical)} | {e.label} | {_md(', '.join(e.roles))} | {len(e.articles)} |"
            for e in brief.entities if e.label in {"PERSON", "ORG"}
        ]
        lines.append("")
    if brief.sources:
        lines += ["## Sources", ""]
        for s in brief.sources:
            agencies = f" (credits {', '.join(s.agencies)})" if s.agencies else ""
            lines.append(f"- **{_md(s.outlet)}**{agencies}: {', '.join(s.articles)}")
            lines += [f"  - only here: {_md(u.text)} {_cites(u.citations)}" for u in s.unique[:5]]
        lines.append("")
    if brief.discrepancies:
        lines += ["## Where sources disagree", ""]
        for d in brief.discrepancies:
            lines.append(f"- {_md(d.about)}")
            lines += [f"  - {_md(c.text)}{_md(_outlets(c.citations, articles))} {_cites(c.citations)}" for c in d.claims]
        lines.append("")
    if brief.shared_passages:
        lines += ["## Shared passages", ""]
        lines += [
            # The line already lists its articles: only outlets that have a name add to it (variants' carriers too).
            f"- {_paragraphs(_md(p.text))} ({len(p.articles)} articles: {', '.join(p.articles)})"
            f"{_md(_outlets(p.citations + [c for v in p.variants for c in v.citations], articles, unknown_as_id=False))}"
            for p in brief.shared_passages
        ]
        lines.append("")
    if articles:
        lines += ["## Articles", ""]
        for article_id in story.articles:
            a = articles.get(article_id)
            if a:
                lines.append(f"- `{a.id}` {_md(a.title or '(untitled)')} — {_md(a.outlet or 'unknown outlet')}, {a.published or 'undated'}")
        lines.append("")
    return "\n".join(lines)


def whats_new_markdown(news: WhatsNew, articles: dict[str, Article]) -> str:
    """The "what's new since" section of ``storyline show ID --since DATE``."""
    lines = [f"## New since {news.since}", ""]
    if not news.articles:
        return "\n".join(lines + ["Nothing new.", ""])
    lines += ["### Articles", ""]
    for article_id in news.articles:
        a = articles.get(article_id)
        title = a.title if a and a.title else "(untitled)"
        lines.append(f"- `{article_id}` {_md(title)} — {_md((a.outlet if a else None) or 'unknown outlet')}")
    sections = [
        ("Facts", [f"- {_md(f.text)} {_cites(f.citations)}" for f in news.facts]),
        ("Quotes", [f"- “{_md(q.text)}” — {_md(q.speaker or 'unattributed')}" for q in news.quotes]),
        ("Timeline", [f"- **{_md(t.label or t.date)}** {_md(t.text)} {_cites(t.citations)}" for t in news.timeline]),
    ]
    for heading, rows in sections:
        if rows:
            lines += ["", f"### {heading}", ""] + rows
    return "\n".join(lines) + "\n"

"""What's new in a story since a date: newer articles and what only they carry."""

from __future__ import annotations

from storyline.models import Article, Brief, WhatsNew


def is_new(article: Article, since: str) -> bool:
    """Published on or after ``since``; an undated article counts as new (it cannot be ruled out)."""
    return article.published is None or article.published[:10] >= since[:10]


def whats_new(brief: Brief, articles: list[Article], since: str) -> WhatsNew:
    """Items of ``brief`` that only articles new since ``since`` carry."""
    new = {a.id for a in articles if is_new(a, since)}
    return WhatsNew(
        since=since,
        articles=[a for a in brief.story.articles if a in new],
        quotes=[q for q in brief.quotes if set(q.articles) <= new],
        timeline=[t for t in brief.timeline if {c.article for c in t.citations} <= new],
        facts=list({
            fact.text: fact
            for fact in brief.summary + [u for s in brief.sources for u in s.unique]
            if {c.article for c in fact.citations + [c for v in fact.variants for c in v.citations]} <= new
        }.values()),
    )

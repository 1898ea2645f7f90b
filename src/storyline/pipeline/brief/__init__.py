"""Brief: what a story says, every line citing the articles it comes from."""

from __future__ import annotations

import copy

from storyline.models import Article, Brief, BriefEntity, Story
from storyline.pipeline.analyze.canonical import apply_names, story_names
from storyline.pipeline.base import register
from storyline.pipeline.brief.conflicts import find_discrepancies
from storyline.pipeline.brief.evidence import gather
from storyline.pipeline.brief.news import whats_new
from storyline.pipeline.brief.passages import sentence_passages
from storyline.pipeline.brief.quotes import merge_quotes
from storyline.pipeline.brief.sources import report_sources
from storyline.pipeline.brief.summary import summarise
from storyline.pipeline.brief.timeline import build_timeline

__all__ = ["BuildBrief", "whats_new"]


def _renamable_copy(article: Article) -> Article:
    """A copy of ``article`` that :func:`apply_names` may rename in: its entities and quotes copied
    (the names it sets), the rest shared. A deep copy of every article cost a 19-article story
    more than a second."""
    twin = copy.copy(article)
    twin.entities = [copy.copy(e) for e in article.entities]
    twin.quotes = [copy.copy(q) for q in article.quotes]
    return twin


def _entities(articles: list[Article]) -> list[BriefEntity]:
    found: dict[tuple[str, str], BriefEntity] = {}
    for article in articles:
        for entity in article.entities:
            item = found.setdefault((entity.canonical, entity.label), BriefEntity(entity.canonical, entity.label, []))
            if article.id not in item.articles:
                item.articles.append(article.id)
            if entity.role and entity.role not in item.roles:
                item.roles.append(entity.role)
    return sorted(found.values(), key=lambda e: (-len(e.articles), e.canonical, e.label))


@register
class BuildBrief:
    """Story + its articles → Brief. Deterministic: articles are taken in date order."""

    name = "brief/12"
    requires = ("text", "entities", "quotes", "times", "story")
    assigns = ("brief",)

    def __init__(self, summary_sentences: int = 7) -> None:
        self.summary_sentences = max(5, min(10, summary_sentences))

    def run(self, story: Story, articles: list[Article]) -> Brief:
        articles = sorted(articles, key=lambda a: (a.published or "9999", a.id))
        names = story_names(articles)
        if names:  # one person per story: rename on copies, the caller's articles stay as they are
            articles = [_renamable_copy(a) for a in articles]
            apply_names(articles, names)
        evidence = gather(articles)
        quotes = merge_quotes(articles)
        return Brief(
            story=story,
            summary=summarise(evidence, self.summary_sentences),
            timeline=build_timeline(articles),
            quotes=quotes,
            entities=_entities(articles),
            sources=report_sources(evidence),
            discrepancies=find_discrepancies(evidence, quotes),
            shared_passages=sentence_passages(articles),
        )

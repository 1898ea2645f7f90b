"""Analyze: entities, quotes with speakers, and time expressions of an article."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from storyline.models import Article, Reject
from storyline.pipeline.analyze.entities import extract_entities
from storyline.pipeline.analyze.nlp import load_nlp, parse
from storyline.pipeline.analyze.pubdate import estimate_published
from storyline.pipeline.analyze.quotes import extract_quotes
from storyline.pipeline.analyze.timex import extract_times
from storyline.pipeline.base import Context, register


@register
class Analyze:
    """Article → Article with entities, quotes and times (spaCy loads once, lazily)."""

    name = "analyze/11"
    requires = ("text", "published")
    assigns = ("entities", "quotes", "times")

    def run(self, records: Iterable[Article], ctx: Context) -> Iterator[Article | Reject]:
        nlp = load_nlp(ctx.settings.spacy_model)
        batch: list[Article] = []
        cap = ctx.settings.max_article_chars
        for article in records:
            if len(article.text) > cap:
                # Parsing is linear but not cheap (about 30 s per million characters here): a text
                # this long is a dump or a book, not an article, and would hold the batch for minutes.
                ctx.count("rejected_analyze")
                yield Reject(article.source, f"text is {len(article.text):,} characters, over the "
                                             f"max_article_chars cap of {cap:,}")
            else:
                batch.append(article)
        docs = parse(nlp, (a.text for a in batch), batch_size=32)
        for article, doc in zip(batch, docs):
            article.entities = extract_entities(doc)
            article.quotes = extract_quotes(article.text, article.entities, doc=doc)
            if not article.published:
                estimate = estimate_published(doc)
                if estimate is not None:
                    article.published, article.published_estimated = estimate.value, True
            article.times = extract_times(
                doc, article.published, dateline=article.dateline,
                estimated=article.published_estimated, time_of_day=True,
            )
            yield article

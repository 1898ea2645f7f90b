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
from storyline.pipeline.budget import over_char_cap


@register
class Analyze:
    """Article → Article with entities, quotes and times (spaCy loads once, lazily)."""

    name = "analyze/17"
    requires = ("text", "published")
    assigns = ("entities", "quotes", "times")

    def run(self, records: Iterable[Article], ctx: Context) -> Iterator[Article | Reject]:
        nlp = load_nlp(ctx.settings.spacy_model)
        batch: list[Article] = []
        for article in records:
            too_long = over_char_cap(len(article.text), ctx.settings)
            if too_long:
                # Parsing is linear but not cheap (about 30-60 µs a character here): a text over the
                # cap is a dump or a book, not an article, and could not be analysed within its budget.
                ctx.count("rejected_analyze")
                yield Reject(article.source, too_long)
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

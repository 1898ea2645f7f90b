"""The timeline: dated events from resolved time expressions, merged across articles."""

from __future__ import annotations

import re

from storyline.models import Article, Citation, TimelineEntry
from storyline.pipeline.sentences import split_sentences


def precision_of(value: str) -> str:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d{2}(-WE)?", value):
        return "week"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI|Q\d|H\d)", value):
        return "season"
    return "year"


def build_timeline(articles: list[Article]) -> list[TimelineEntry]:
    """One entry per date (to the day, week, month…), citing each article's expression.

    The entry's text is the sentence around the earliest article's mention.
    """
    by_date: dict[str, TimelineEntry] = {}
    for article in articles:
        sentences = split_sentences(article.text)
        for expr in article.times:
            if expr.type not in {"DATE", "TIME"} or not re.match(r"\d{4}", expr.value):
                continue
            date = expr.value[:10] if expr.type == "TIME" else expr.value
            entry = by_date.get(date)
            if entry is None:
                sentence = next((s for s in sentences if s.start <= expr.start < s.end), None)
                entry = by_date[date] = TimelineEntry(
                    date, sentence.text if sentence else expr.text, [], precision_of(date)
                )
            if not any(c.article == article.id for c in entry.citations):
                entry.citations.append(Citation(article.id, expr.start, expr.end))
    return [by_date[d] for d in sorted(by_date)]

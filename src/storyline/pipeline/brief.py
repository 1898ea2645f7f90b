"""Brief: what a story says, every line citing the articles it comes from.

Sentences are compared by TF-IDF cosine (scikit-learn). A sentence that
several articles carry is one item citing each of them; the summary ranks
sentences by how many sources carry them and how central they are, and
picks with maximal marginal relevance so that it does not repeat itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.models import (
    Article, Brief, BriefEntity, BriefQuote, Citation, CitedText, Discrepancy, SharedPassage,
    SourceReport, Story, TimelineEntry,
)
from storyline.pipeline.base import register
from storyline.pipeline.sentences import split_sentences

SAME_SENTENCE = 0.8  # cosine at which two sentences are the same report
UNIQUE_BELOW = 0.5  # a sentence with no counterpart above this is one source's alone
MMR_LAMBDA = 0.7
_MIN_WORDS = 6


@dataclass(slots=True)
class _Item:
    """One sentence of one article."""

    article: Article
    start: int
    end: int
    text: str
    position: int  # sentence index within its article


def _norm_quote(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _precision(value: str) -> str:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d{2}", value):
        return "week"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    return "year"


@register
class BuildBrief:
    """Story + its articles → Brief."""

    name = "brief/1"
    requires = ("text", "entities", "quotes", "times", "story")
    assigns = ("brief",)

    def __init__(self, summary_sentences: int = 7) -> None:
        self.summary_sentences = max(5, min(10, summary_sentences))

    def run(self, story: Story, articles: list[Article]) -> Brief:
        articles = sorted(articles, key=lambda a: (a.published or "9999", a.id))
        items = [
            _Item(a, s.start, s.end, s.text, i)
            for a in articles
            for i, s in enumerate(split_sentences(a.text))
            if len(s.text.split()) >= _MIN_WORDS
        ]
        similarity = self._similarity(items)
        carriers = self._carriers(items, similarity)
        return Brief(
            story=story,
            summary=self._summary(items, similarity, carriers, len(articles)),
            timeline=self._timeline(articles),
            quotes=self._quotes(articles),
            entities=self._entities(articles),
            sources=self._sources(articles, items, similarity),
            discrepancies=self._discrepancies(articles),
            shared_passages=self._shared(items, carriers),
        )

    @staticmethod
    def _similarity(items: list[_Item]) -> np.ndarray:
        if not items:
            return np.zeros((0, 0))
        try:
            matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(i.text for i in items)
        except ValueError:  # only stop words
            return np.eye(len(items))
        return (matrix @ matrix.T).toarray()

    @staticmethod
    def _carriers(items: list[_Item], similarity: np.ndarray) -> list[dict[str, int]]:
        """For each sentence, the best-matching sentence index in every article that carries it."""
        result: list[dict[str, int]] = []
        for i, item in enumerate(items):
            best: dict[str, int] = {item.article.id: i}
            for j in np.nonzero(similarity[i] >= SAME_SENTENCE)[0]:
                other = items[j].article.id
                if other not in best or similarity[i, j] > similarity[i, best[other]]:
                    best[other] = int(j)
            best[item.article.id] = i
            result.append(best)
        return result

    @staticmethod
    def _cite(items: list[_Item], carrier: dict[str, int], own: int) -> list[Citation]:
        """Citations of a sentence: its own first, then every other article carrying it."""
        order = [own] + sorted(j for j in carrier.values() if j != own)
        return [Citation(items[j].article.id, items[j].start, items[j].end) for j in order]

    def _summary(self, items: list[_Item], similarity: np.ndarray, carriers: list[dict[str, int]], n_articles: int) -> list[CitedText]:
        if not items:
            return []
        centrality = similarity.mean(axis=1)
        coverage = np.array([len(c) / n_articles for c in carriers])
        lead = np.array([1.0 / (1 + item.position) for item in items])
        relevance = 0.5 * coverage + 0.35 * centrality / (centrality.max() or 1) + 0.15 * lead
        chosen: list[int] = []
        candidates = list(range(len(items)))
        while candidates and len(chosen) < self.summary_sentences:
            def mmr(i: int) -> tuple[float, int]:
                redundancy = max((similarity[i, j] for j in chosen), default=0.0)
                return (MMR_LAMBDA * relevance[i] - (1 - MMR_LAMBDA) * redundancy, -i)
            pick = max(candidates, key=mmr)
            chosen.append(pick)
            candidates = [c for c in candidates if c != pick and similarity[pick, c] < SAME_SENTENCE]
        return [CitedText(items[i].text, self._cite(items, carriers[i], i)) for i in chosen]

    @staticmethod
    def _timeline(articles: list[Article]) -> list[TimelineEntry]:
        by_date: dict[str, TimelineEntry] = {}
        for article in articles:
            sentences = split_sentences(article.text)
            for expr in article.times:
                if expr.type not in {"DATE", "TIME"} or not re.match(r"\d{4}", expr.value):
                    continue
                sentence = next((s for s in sentences if s.start <= expr.start < s.end), None)
                entry = by_date.get(expr.value)
                if entry is None:
                    text = sentence.text if sentence else expr.text
                    entry = by_date[expr.value] = TimelineEntry(expr.value, text, [], _precision(expr.value))
                if not any(c.article == article.id for c in entry.citations):
                    entry.citations.append(Citation(article.id, expr.start, expr.end))
        return [by_date[d] for d in sorted(by_date)]

    @staticmethod
    def _quotes(articles: list[Article]) -> list[BriefQuote]:
        groups: dict[str, BriefQuote] = {}
        keys: list[tuple[set[str], str]] = []
        for article in articles:
            for quote in article.quotes:
                words = set(_norm_quote(quote.text).split())
                if not words:
                    continue
                key = next((k for w, k in keys if len(words & w) / len(words | w) >= 0.7), None)
                if key is None:
                    key = _norm_quote(quote.text)
                    keys.append((words, key))
                    groups[key] = BriefQuote(quote.text, quote.speaker, [], [])
                group = groups[key]
                if article.id not in group.articles:
                    group.articles.append(article.id)
                if quote.text != group.text and quote.text not in group.variants:
                    group.variants.append(quote.text)
                group.speaker = group.speaker or quote.speaker
        return sorted(groups.values(), key=lambda q: (-len(q.articles), q.text))

    @staticmethod
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

    def _sources(self, articles: list[Article], items: list[_Item], similarity: np.ndarray) -> list[SourceReport]:
        by_outlet: dict[str, SourceReport] = {}
        for article in articles:
            report = by_outlet.setdefault(article.outlet or "(unknown outlet)", SourceReport(article.outlet or "(unknown outlet)", []))
            report.articles.append(article.id)
            report.agencies.extend(a for a in article.agencies if a not in report.agencies)
        for i, item in enumerate(items):
            outlet = item.article.outlet or "(unknown outlet)"
            others = [j for j, other in enumerate(items) if (other.article.outlet or "(unknown outlet)") != outlet]
            if len(by_outlet) > 1 and all(similarity[i, j] < UNIQUE_BELOW for j in others):
                by_outlet[outlet].unique.append(CitedText(item.text, [Citation(item.article.id, item.start, item.end)]))
        return sorted(by_outlet.values(), key=lambda s: s.outlet)

    @staticmethod
    def _discrepancies(articles: list[Article]) -> list[Discrepancy]:
        found: list[Discrepancy] = []
        speakers: dict[str, dict[str, list[Citation]]] = defaultdict(lambda: defaultdict(list))
        texts: dict[str, str] = {}
        for article in articles:
            for quote in article.quotes:
                if quote.speaker:
                    key = _norm_quote(quote.text)
                    texts.setdefault(key, quote.text)
                    speakers[key][quote.speaker].append(Citation(article.id, quote.start, quote.end))
        for key, by_speaker in sorted(speakers.items()):
            if len(by_speaker) > 1:
                found.append(Discrepancy(
                    f"speaker of the quote “{texts[key]}”",
                    [CitedText(name, cites) for name, cites in sorted(by_speaker.items())],
                ))
        roles: dict[str, dict[str, list[Citation]]] = defaultdict(lambda: defaultdict(list))
        for article in articles:
            for entity in article.entities:
                if entity.role:
                    roles[entity.canonical][entity.role.lower()].append(Citation(article.id, entity.start, entity.end))
        for name, by_role in sorted(roles.items()):
            if len(by_role) > 1 and not _nested(list(by_role)):
                found.append(Discrepancy(
                    f"title or role of {name}",
                    [CitedText(role, cites) for role, cites in sorted(by_role.items())],
                ))
        return found

    @staticmethod
    def _shared(items: list[_Item], carriers: list[dict[str, int]]) -> list[SharedPassage]:
        seen: set[frozenset[int]] = set()
        shared: list[SharedPassage] = []
        for i, carrier in enumerate(carriers):
            if len(carrier) < 2 or len(items[i].text.split()) < 8:
                continue
            key = frozenset(carrier.values())
            if key in seen:
                continue
            seen.add(key)
            shared.append(SharedPassage(items[i].text, sorted(carrier)))
        return shared


def _nested(roles: list[str]) -> bool:
    """Roles that only differ by one containing the other ("minister" / "foreign minister")."""
    return all(a in b or b in a for a in roles for b in roles)

"""What clustering compares: hashed term counts, canonical entities, dates, shingles."""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.sparse import csr_matrix
from spacy.lang.en.stop_words import STOP_WORDS

from storyline.models import Article
from storyline.pipeline.lines.boilerplate import BoilerplateMemory, outlet_key, strip_boilerplate
from storyline.pipeline.link.passages import MIN_WORDS
from storyline.pipeline.link.words import shingle_hashes, word_tokens

N_FEATURES = 2**18
# Hashed terms (not a fitted vocabulary) so an online index can weight any new article
# by document frequencies it keeps itself, and recluster can recompute them. The
# hashing is the hashing trick of sklearn's HashingVectorizer, done here with crc32:
# importing scikit-learn costs every `storyline ingest` two CPU-seconds at start-up.
_TERM = re.compile(r"(?u)\b[^\W\d_][\w'-]+\b")
_STOP = frozenset(STOP_WORDS)
_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"}
TITLE_WEIGHT = 5  # headlines say what the story is: chosen on the benchmarks (3-5 all help)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(slots=True)
class ArticleFeatures:
    id: str
    title: str | None
    counts: csr_matrix  # 1 × N_FEATURES sublinear term counts, title counted TITLE_WEIGHT times
    entities: Counter[str]  # canonical name (lower-cased) → mentions
    day: date | None  # publication date, else a date the article mentions (see article_day)
    published: bool  # whether ``day`` is a publication date rather than a mentioned one
    named_days: frozenset[date]  # full dates its time expressions resolve to, its own publication day aside
    years: frozenset[int]  # every year those expressions name (neither counts dates resolved from a guessed day)
    shingles: frozenset[int]  # word 8-gram hashes, the evidence of shared passages


def _mentioned_days(article: Article, explicit: bool = False) -> list[date]:
    """Full dates the article's time expressions resolve to; with ``explicit``, only those
    resolved without an estimated publication date ("Thursday" of an undated article is a guess)."""
    days = []
    for t in article.times:
        if t.type == "DATE" and not (explicit and t.estimated) and _DAY.match(t.value):
            try:
                days.append(date.fromisoformat(t.value))
            except ValueError:
                continue
    return days


def article_day(article: Article) -> date | None:
    """The article's date: its publication date, else the median date it mentions."""
    if article.published:
        try:
            return date.fromisoformat(article.published[:10])
        except ValueError:
            pass
    days = sorted(_mentioned_days(article))
    return days[len(days) // 2] if days else None


def term_counts(text: str) -> csr_matrix:
    """1 × N_FEATURES sublinear (log1p) counts of the lower-cased non-stop-word terms of ``text``."""
    counts = Counter(
        zlib.crc32(term.encode()) % N_FEATURES
        for term in _TERM.findall(text.lower()) if term not in _STOP
    )
    columns = np.fromiter(sorted(counts), dtype=np.int32, count=len(counts))
    values = np.log1p(np.fromiter((counts[c] for c in columns), dtype=np.float64, count=len(columns)))
    return csr_matrix((values, columns, [0, len(columns)]), shape=(1, N_FEATURES))


def _years(article: Article) -> frozenset[int]:
    years = set()
    for t in article.times:  # as event evidence, so not years guessed from an estimated publication date
        if t.type == "DATE" and not t.estimated and t.value[:4].isdigit() and t.value[4:5] in ("", "-"):
            years.add(int(t.value[:4]))
    return frozenset(years)


def features_of(article: Article) -> ArticleFeatures:
    """Everything clustering needs from one article, computed once."""
    title = article.title or ""
    counts = term_counts("\n".join([title] * TITLE_WEIGHT + [article.text]))
    day = article_day(article)
    published = bool(article.published) and day is not None and not article.published_estimated
    return ArticleFeatures(
        id=article.id,
        title=article.title,
        counts=counts,
        entities=Counter(e.canonical.lower() for e in article.entities if e.label in _ENTITY_LABELS),
        day=day,
        published=published,
        named_days=frozenset(_mentioned_days(article, explicit=True)) - ({day} if published else set()),
        years=_years(article),
        shingles=frozenset(shingle_hashes(word_tokens(article.text), MIN_WORDS)),
    )


def features_without_boilerplate(
    articles: Sequence[Article], known: Mapping[str, ArticleFeatures] | None = None,
    memory: BoilerplateMemory | None = None,
) -> dict[str, ArticleFeatures]:
    """Article id → features of ``articles``, less the lines each one's outlet repeats across its articles.

    Sign-up prompts, taglines and copyright lines an outlet prints under every
    article read like prose and would link its unrelated articles; they are
    no evidence of a shared story. ``memory`` holds the outlets' line counts
    (learned from ``articles`` themselves when not given, so the result is a
    function of the set, not of the order it came in). ``known`` may hold
    features already computed from the articles as they are: they are reused
    for every article that loses no line.
    """
    memory = memory if memory is not None else BoilerplateMemory.learn_batch(articles)
    known = known or {}
    result: dict[str, ArticleFeatures] = {}
    for article in articles:
        key = outlet_key(article.outlet)
        stripped = article
        if key is not None and key in memory.counts:
            stripped = strip_boilerplate(article, memory.counts[key], memory.articles[key])
        if stripped is article and article.id in known:
            result[article.id] = known[article.id]
        else:
            result[article.id] = features_of(stripped)
    return result

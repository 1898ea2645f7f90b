"""The sentences of a story's articles, and which of them say the same thing.

Sentences are compared by TF-IDF cosine (:mod:`tfidf`, scikit-learn's arithmetic): a sentence that
several articles carry, verbatim or nearly, is one report citing each of them.
Where outlets split one passage into sentences differently ("… multipliers.'
We're able …" against "… multipliers.’ We’re able …, they said"), a sentence
whose words (as quotes are compared: case, quote marks, apostrophes and
punctuation set aside) run whole inside another article's is an echo of it
(:func:`_echoes`): not that outlet's alone, though not the same line to cite.
Only body sentences count (:mod:`body`: no headline, caption or dateline). A
citation says what it points at: the articles printing the sentence exactly
are its citations; those printing it in other words are its variants, each
with its own wording.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from storyline.models import Article, Citation, CitedText
from storyline.pipeline.brief.alignment import Aligner, Alignment
from storyline.pipeline.brief.body import body_sentence, normal_words, sentences_of
from storyline.pipeline.brief.overlap import shared_words
from storyline.pipeline.brief.subjects import Subjects
from storyline.pipeline.brief.tfidf import cosine_similarity

SAME_SENTENCE = 0.8  # cosine at which two sentences are the same report
MIN_WORDS = 6  # shorter sentences (bylines, "He declined to comment.") carry little
# Every sentence is compared with every other in one dense matrix, so a very big story
# (thousands of copies from one feed) is read from an even sample of its articles across
# time: 150 articles of ~25 sentences keep the matrix near 100 MB.
MAX_ARTICLES = 150


@dataclass(slots=True)
class Item:
    """One sentence of one article."""

    article: Article
    start: int
    end: int
    text: str
    position: int  # sentence index within its article

    @property
    def outlet(self) -> str:
        return self.article.outlet or "(unknown outlet)"

    def citation(self) -> Citation:
        return Citation(self.article.id, self.start, self.end)


@dataclass(slots=True)
class Evidence:
    """Every sentence of a story, their pairwise similarity and who carries each."""

    articles: list[Article]
    items: list[Item]
    similarity: np.ndarray
    carriers: list[dict[str, int]]  # per sentence: article id → index of its best match there
    sources: list[str]  # per sentence: its outlet, or its article's id when the outlet is unknown
    echoes: dict[int, list[int]]  # per sentence: other articles' sentences holding its words (or held, see _echoes)
    subjects: Subjects  # which articles report on one subject (claims of two subjects are never compared)
    aligner: Aligner  # whether two sentences state one fact (a disagreement needs it: see :mod:`alignment`)

    def cite(self, own: int) -> list[Citation]:
        """A sentence's citations: its own first, then every other article carrying it."""
        return [self.items[j].citation() for j in self._order(own)]

    def _order(self, own: int) -> list[int]:
        return [own] + sorted(j for j in self.carriers[own].values() if j != own)

    def cited(self, own: int) -> CitedText:
        """A sentence with its exact citations (its own first) and its variants elsewhere."""
        text = self.items[own].text
        exact, variants = [], []
        for j in self._order(own):
            if self.items[j].text == text:
                exact.append(self.items[j].citation())
            elif same := next((v for v in variants if v.text == self.items[j].text), None):
                same.citations.append(self.items[j].citation())
            else:
                variants.append(CitedText(self.items[j].text, [self.items[j].citation()]))
        return CitedText(text, exact, variants)

    def aligned(self, i: int, j: int) -> Alignment:
        """How sentences ``i`` and ``j`` align (see :mod:`alignment`)."""
        a, b = self.items[i], self.items[j]
        return self.aligner.align(a.article, (a.start, a.end), b.article, (b.start, b.end))

    def outlets(self, own: int) -> int:
        """How many outlets carry a sentence (articles of an unknown outlet count apart)."""
        return len({self.sources[j] for j in self.carriers[own].values()})


def gather(articles: list[Article]) -> Evidence:
    """Every body sentence of ``articles`` (six words or more) and how alike they are.

    A sentence that is the headline of any article of the story is a headline, even
    where another outlet prints it in its body (a re-post under its own title).
    """
    titles = {normal_words(a.title) for a in articles if a.title}
    items = [
        Item(a, b.start, b.end, b.text, i)
        for a in sample(articles)
        for i, s in enumerate(sentences_of(a.text))
        if (b := body_sentence(s, a.title)) is not None and len(b.text.split()) >= MIN_WORDS
        and normal_words(b.text) not in titles
    ]
    similarity = _similarity(items)
    sources = [item.article.outlet or item.article.id for item in items]
    return Evidence(articles, items, similarity, _carriers(items, similarity), sources, _echoes(items, similarity),
                    Subjects(articles, items), Aligner())


def sample(articles: list[Article], limit: int = MAX_ARTICLES) -> list[Article]:
    """``articles`` when at most ``limit``, else ``limit`` of them evenly spaced in (publication, id) order."""
    if len(articles) <= limit:
        return articles
    ordered = sorted(articles, key=lambda a: (a.published or "", a.id))
    return [ordered[k * len(ordered) // limit] for k in range(limit)]


def _similarity(items: list[Item]) -> np.ndarray:
    if not items:
        return np.zeros((0, 0))
    similarity = cosine_similarity([i.text for i in items])
    return np.eye(len(items)) if similarity is None else similarity  # None: nothing but stop words


def _carriers(items: list[Item], similarity: np.ndarray) -> list[dict[str, int]]:
    result: list[dict[str, int]] = []
    for i, item in enumerate(items):
        best: dict[str, int] = {}
        for j in np.nonzero(similarity[i] >= SAME_SENTENCE)[0]:
            other = items[j].article.id
            if other not in best or similarity[i, j] > similarity[i, best[other]]:
                best[other] = int(j)
        best[item.article.id] = i
        result.append(best)
    return result


def _echoes(items: list[Item], similarity: np.ndarray) -> dict[int, list[int]]:
    """Per sentence, the sentences of other articles that repeat it less alike than ``SAME_SENTENCE``:
    those holding its words whole, and those whose words run whole inside it and make up half of it
    or more (a shorter sentence, ``MIN_WORDS`` or more, is never "the same" as a paragraph holding it)."""
    if not items:
        return {}
    normal = [normal_words(item.text) for item in items]
    joined = [f" {' '.join(words)} " for words in normal]
    first, second, n, size = shared_words(normal)
    # A run of one inside the other needs every word of the smaller word set in the larger
    # (counted for all pairs at once); pairs this alike are carriers already.
    holds = (first < second) & (n == np.minimum(size[first], size[second]))
    holds[holds] &= similarity[first[holds], second[holds]] < SAME_SENTENCE
    found: dict[int, list[int]] = {}
    for i, j in sorted(zip(first[holds].tolist(), second[holds].tolist())):
        if items[i].article.id == items[j].article.id:
            continue
        short, long = (i, j) if len(normal[i]) <= len(normal[j]) else (j, i)
        if len(normal[short]) >= MIN_WORDS and joined[short] in joined[long]:
            found.setdefault(short, []).append(long)
            if 2 * len(normal[short]) >= len(normal[long]):
                found.setdefault(long, []).append(short)
    return found

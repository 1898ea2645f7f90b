"""Passages of eight or more words that two or more articles share, with their spans.

Candidates come from an inverted index of word 8-grams (shingles): only articles
that share at least one shingle are ever compared, so the cost follows the amount
of shared text, not the number of article pairs. A shared shingle run on one
"diagonal" (same offset between the two articles) is one maximal common passage;
aligned words are then linked across all articles, so a paragraph carried by
five outlets is one passage with five spans.

Words are compared after normalisation (case, apostrophes; quote marks, dashes
and whitespace are not words at all), so a quote printed with straight quotes in
one outlet and curly quotes in another is the same passage.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.models import Article, Citation, SharedPassage
from storyline.pipeline.link.words import Words, shingle_hashes, words

MIN_WORDS = 8
# A shingle found in more articles than this is boilerplate ("Reporting by ...",
# a newsletter footer): pairing all its carriers would be quadratic, and it is
# not what "this paragraph appears in N outlets" is about.
MAX_CARRIERS = 64


@dataclass(slots=True, frozen=True)
class PassageSpan:
    """Where a passage sits in one article: character offsets into its clean text."""

    article: str
    start: int
    end: int


@dataclass(slots=True)
class Passage:
    """One shared passage: its text (as the first carrier prints it) and every span."""

    text: str
    words: int
    spans: list[PassageSpan] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        """The ids of the articles carrying the passage, sorted."""
        return sorted({s.article for s in self.spans})

    def to_shared(self) -> SharedPassage:
        """The passage as the export contract's ``shared_passages`` entry."""
        return SharedPassage(self.text, self.articles, [Citation(s.article, s.start, s.end) for s in self.spans])


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _pair_runs(
    wa: Words, wb: Words, hits: list[tuple[int, int]], k: int
) -> list[tuple[int, int, int, int]]:
    """Maximal common word runs (a_start, a_end, b_start, b_end; ends exclusive) from shingle hits."""
    runs: list[tuple[int, int, int, int]] = []
    hits.sort(key=lambda h: (h[0] - h[1], h[0]))
    current: list[int] | None = None
    for pa, pb in hits:
        if wa.tokens[pa:pa + k] != wb.tokens[pb:pb + k]:
            continue  # a hash collision, not shared words
        if current and pa - pb == current[0] - current[2] and pa <= current[1]:
            current[1] = pa + k
            current[3] = pb + k
            continue
        if current:
            runs.append(tuple(current))  # type: ignore[arg-type]
        current = [pa, pa + k, pb, pb + k]
    if current:
        runs.append(tuple(current))  # type: ignore[arg-type]
    return runs


def find_shared_passages(
    articles: Sequence[Article], min_words: int = MIN_WORDS, max_carriers: int = MAX_CARRIERS
) -> list[Passage]:
    """Every passage of ``min_words``+ words shared by two or more of ``articles``.

    Returns passages sorted by number of carrying articles (most first), then by
    where they first appear. Each passage lists the span it occupies in every
    carrier; its ``text`` is the span of the earliest carrier in ``articles``'
    id order. The result does not depend on the order of ``articles``.
    """
    ordered = sorted(articles, key=lambda a: a.id)
    texts = [a.text for a in ordered]
    ws = [words(t) for t in texts]
    postings: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for doc, w in enumerate(ws):
        for pos, h in enumerate(shingle_hashes(w.tokens, min_words)):
            postings[h].append((doc, pos))
    pair_hits: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for posting in postings.values():
        docs = {d for d, _ in posting}
        if len(docs) < 2 or len(docs) > max_carriers:
            continue
        for i, (da, pa) in enumerate(posting):
            for db, pb in posting[i + 1:]:
                if da != db:
                    pair_hits[(da, db) if da < db else (db, da)].append((pa, pb) if da < db else (pb, pa))
    # Every aligned word pair joins one class; a class's carriers are the articles
    # its words sit in. A passage is a maximal run of consecutive words whose
    # classes have the same carriers, so a paragraph that three outlets share and
    # a fourth quotes half of becomes the quoted half (4 carriers) and the rest
    # (3 carriers), each with its exact spans.
    node: dict[tuple[int, int], int] = {}
    groups = _Union(0)

    def node_of(doc: int, pos: int) -> int:
        if (doc, pos) not in node:
            node[(doc, pos)] = len(groups.parent)
            groups.parent.append(node[(doc, pos)])
        return node[(doc, pos)]

    for (da, db), hits in sorted(pair_hits.items()):
        for a0, a1, b0, _ in _pair_runs(ws[da], ws[db], hits, min_words):
            for t in range(a1 - a0):
                groups.union(node_of(da, a0 + t), node_of(db, b0 + t))
    members: dict[int, set[int]] = defaultdict(set)
    for (doc, _), n in node.items():
        members[groups.find(n)].add(doc)
    carriers = {cls: frozenset(docs) for cls, docs in members.items()}
    by_class: dict[int, list[tuple[int, int, int]]] = defaultdict(list)  # first word's class → pieces
    run: list[int] | None = None  # [doc, start, end, class of first word]
    for doc, pos in sorted(node):
        cls = groups.find(node[(doc, pos)])
        if run and run[0] == doc and run[2] == pos and carriers[cls] == carriers[run[3]]:
            run[2] = pos + 1
            continue
        if run:
            by_class[run[3]].append((run[0], run[1], run[2]))
        run = [doc, pos, pos + 1, cls]
    if run:
        by_class[run[3]].append((run[0], run[1], run[2]))
    passages: list[Passage] = []
    for pieces in by_class.values():
        pieces = [p for p in pieces if p[2] - p[1] >= min_words]
        if len({doc for doc, _, _ in pieces}) < 2:
            continue
        pieces.sort()
        spans = [PassageSpan(ordered[d].id, ws[d].starts[s], ws[d].ends[e - 1]) for d, s, e in pieces]
        first = spans[0]
        passages.append(Passage(texts[pieces[0][0]][first.start:first.end], pieces[0][2] - pieces[0][1], spans))
    passages.sort(key=lambda p: (-len(p.articles), p.spans[0].article, p.spans[0].start))
    return passages


def shared_passages_of(articles: Sequence[Article], min_words: int = MIN_WORDS) -> list[SharedPassage]:
    """The contract's ``shared_passages`` for a story: text and carrying article ids."""
    return [p.to_shared() for p in find_shared_passages(articles, min_words)]

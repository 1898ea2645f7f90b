"""Near-duplicates: wire copy re-run by several outlets, with edits.

MinHash signatures of word 5-gram shingles go into a MinHash LSH index
(datasketch), which proposes candidate pairs in time linear in the corpus; each
candidate is then checked on the exact shingle sets, since LSH only estimates.
A pair is a near-duplicate when the shingle sets overlap by Jaccard
``>= threshold``, or when the shorter copy is mostly contained in the longer
one (a cut-down re-run). Groups are the connected components of those pairs,
and each has a canonical copy: the credited agency's own copy if it is there,
else the earliest published, else the smallest id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.models import Article
from storyline.pipeline.link.components import components
from storyline.pipeline.link.words import shingle_hashes, word_tokens

if TYPE_CHECKING:
    from datasketch import MinHash

SHINGLE_WORDS = 5
NUM_PERM = 128
JACCARD = 0.5
CONTAINMENT = 0.8
# LSH is tuned below the verification threshold so that containment pairs (a short
# re-run of a long wire story has low Jaccard) still come out as candidates.
LSH_THRESHOLD = 0.3


@dataclass(slots=True)
class DuplicateGroup:
    """Articles that are copies of one text; ``canonical`` is the one to cite."""

    canonical: str
    members: list[str]  # sorted ids, canonical included


def _identity(value: int) -> int:
    return value


def shingles(article: Article, k: int = SHINGLE_WORDS) -> set[int]:
    """The article's word k-gram hashes (normalised words, see ``words``)."""
    return set(shingle_hashes(word_tokens(article.text), k))


def minhash(shingle_set: set[int], num_perm: int = NUM_PERM) -> MinHash:
    """A MinHash signature over already-hashed shingles (fixed seed: deterministic)."""
    from datasketch import MinHash  # here, not at import: datasketch pulls in scipy.integrate, ~0.4 CPU-s per process

    mh = MinHash(num_perm=num_perm, seed=1, hashfunc=_identity)
    mh.update_batch(sorted(shingle_set))
    return mh


def is_near_duplicate(a: set[int], b: set[int], jaccard: float = JACCARD, containment: float = CONTAINMENT) -> bool:
    """Whether two shingle sets are copies of one text (Jaccard, or the shorter mostly inside the longer)."""
    if not a or not b:
        return False
    inter = len(a & b)
    return inter / len(a | b) >= jaccard or inter / min(len(a), len(b)) >= containment


def _norm(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _credits_itself(article: Article) -> bool:
    """Whether the article is the credited agency's own copy (its outlet is one of its agencies)."""
    outlet = _norm(article.outlet or "")
    if not outlet:
        return False
    for agency in article.agencies:
        agency = _norm(agency)
        if agency and (agency == outlet or agency in outlet or outlet in agency):
            return True
        initials = "".join(w[0] for w in (article.outlet or "").split() if w[:1].isalpha()).lower()
        if agency and agency == initials:
            return True
    return False


def canonical_of(group: Sequence[Article]) -> Article:
    """The copy to cite: the credited agency's own, else the earliest published, else smallest id."""
    return min(group, key=lambda a: (not _credits_itself(a), a.published is None, a.published or "", a.id))


def near_duplicate_groups(
    articles: Sequence[Article], jaccard: float = JACCARD, containment: float = CONTAINMENT
) -> list[DuplicateGroup]:
    """Groups of two or more near-duplicate articles, sorted by canonical id; order-independent."""
    from datasketch import MinHashLSH  # see minhash

    ordered = sorted(articles, key=lambda a: a.id)
    sets = [shingles(a) for a in ordered]
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    pairs: list[tuple[int, int]] = []
    for i, s in enumerate(sets):
        if not s:
            continue
        mh = minhash(s)
        pairs += [(i, j) for j in lsh.query(mh) if is_near_duplicate(s, sets[j], jaccard, containment)]
        lsh.insert(i, mh)
    groups = []
    for idx in components(len(ordered), pairs):
        if len(idx) < 2:
            continue
        group = [ordered[i] for i in idx]
        groups.append(DuplicateGroup(canonical_of(group).id, sorted(a.id for a in group)))
    return sorted(groups, key=lambda g: g.canonical)


def canonical_map(articles: Sequence[Article]) -> dict[str, str]:
    """Article id → id of its canonical copy (itself when it has no near-duplicate)."""
    result = {a.id: a.id for a in articles}
    for group in near_duplicate_groups(articles):
        for member in group.members:
            result[member] = group.canonical
    return result

"""Words shared by every pair of word lists, counted at once.

A story's sentences and quotes are compared pairwise, and most pairs share
no more than "the": counting the shared words of all pairs from one sparse
item-by-word matrix product finds the few pairs worth comparing as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np


def shared_words(word_lists: Sequence[Iterable[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(first, second, shared, sizes)``: for every pair of lists with a word in common (both orders,
    and each list with itself), how many distinct words they share; ``sizes[i]``: list i's distinct words."""
    from scipy.sparse import csr_matrix  # already loaded by link's components

    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    sizes: list[int] = []
    for i, words in enumerate(word_lists):
        distinct = {vocabulary.setdefault(w, len(vocabulary)) for w in words}
        rows.extend([i] * len(distinct))
        cols.extend(distinct)
        sizes.append(len(distinct))
    matrix = csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(sizes), len(vocabulary)))
    shared = (matrix @ matrix.T).tocoo()
    return shared.row, shared.col, shared.data, np.array(sizes)

"""TF-IDF cosine between a story's sentences, as scikit-learn's ``TfidfVectorizer`` computes it.

Written out here (numpy and scipy.sparse) for one reason: importing scikit-learn costs
about a CPU-second per process (it pulls in scipy.stats and pandas), more than building
every brief of a thousand-article ingest, and the writer builds briefs in every ingest.
The arithmetic is the vectorizer's with ``stop_words="english", sublinear_tf=True`` and
its other defaults, step for step, so the similarities are the same floats
(``tests/brief/test_tfidf.py`` compares them with scikit-learn's).
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
from scipy import sparse

TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern


@cache
def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop-word list, read from its own module file.

    ``sklearn.feature_extraction._stop_words`` holds nothing but the list, but importing it
    the usual way runs ``sklearn/__init__`` first (the cost this module exists to avoid), so
    the file is loaded on its own.
    """
    spec = importlib.util.find_spec("sklearn")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("scikit-learn is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "feature_extraction" / "_stop_words.py"
    module_spec = importlib.util.spec_from_file_location("_storyline_sklearn_stop_words", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return frozenset(module.ENGLISH_STOP_WORDS)


def cosine_similarity(texts: Sequence[str]) -> np.ndarray | None:
    """Dense cosine similarity of ``texts`` under sublinear TF-IDF; None when no text has a
    word outside the stop words (where scikit-learn raises "empty vocabulary")."""
    stop = english_stop_words()
    counts = [Counter(t for t in TOKEN.findall(text.lower()) if t not in stop) for text in texts]
    first_seen: dict[str, int] = {}
    for row in counts:  # a Counter keeps the order in which its words first occur
        for term in row:
            first_seen.setdefault(term, len(first_seen))
    if not first_seen:
        return None
    vocabulary = {term: k for k, term in enumerate(sorted(first_seen))}
    # Columns are numbered alphabetically, but a row keeps its words in first-seen order, as
    # scikit-learn's matrix does (it sorts the row before renumbering): the order in which the
    # product sums a row's terms, and so the last bit of each cosine, depends on it.
    indptr, indices, values = [0], [], []
    for row in counts:
        terms = sorted(row, key=first_seen.__getitem__)
        indices.extend(vocabulary[term] for term in terms)
        indptr.append(len(indices))
        values.extend(row[term] for term in terms)
    matrix = sparse.csr_matrix(
        (np.asarray(values, dtype=np.float64), np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int32)),
        shape=(len(texts), len(vocabulary)),
    )
    df = np.bincount(matrix.indices, minlength=len(vocabulary)).astype(np.float64)
    idf = np.log((len(texts) + 1) / (df + 1.0)) + 1.0  # smooth_idf
    np.log(matrix.data, matrix.data)
    matrix.data += 1.0  # sublinear_tf
    matrix.data *= idf[matrix.indices]
    for i in range(matrix.shape[0]):  # l2 rows, summed in index order as scikit-learn's kernel does
        row = slice(matrix.indptr[i], matrix.indptr[i + 1])
        total = 0.0
        for value in matrix.data[row].tolist():
            total += value * value
        if total:
            matrix.data[row] /= np.sqrt(total)
    return (matrix @ matrix.T).toarray()

"""The hand-written TF-IDF cosine gives scikit-learn's floats, and reading its stop words does not import it."""

import subprocess
import sys

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from storyline.pipeline.brief.tfidf import cosine_similarity, english_stop_words

SENTENCES = [
    "The minister said on Monday that the talks would resume in Seoul.",
    "Talks will resume in Seoul, the minister said Monday, after a week of delays.",
    "Police said three people were injured in the shooting near the park.",
    "Three people were hurt, police said; the park was closed.",
    "It was what it was.",  # every word a stop word
    "Ünïcode wörds and straße are words too: Straße, STRASSE.",
    "Numbers like 2,300 miles and 1,200 km count as tokens 2021 2021 2021.",
]


def test_the_same_floats_as_scikit_learn():
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(SENTENCES)
    assert np.array_equal(cosine_similarity(SENTENCES), (matrix @ matrix.T).toarray())


def test_nothing_but_stop_words_is_none():
    assert cosine_similarity(["It was what it was.", "and so on"]) is None


def test_the_stop_words_are_scikit_learns():
    assert english_stop_words() == ENGLISH_STOP_WORDS


def test_reading_the_stop_words_does_not_import_scikit_learn():
    code = ("import sys; from storyline.pipeline.brief.tfidf import cosine_similarity; "
            "cosine_similarity(['a sentence of words', 'another sentence']); "
            "print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

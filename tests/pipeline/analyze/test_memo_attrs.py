"""The memoised attribute ruler and lemmatizer annotate exactly as spaCy's own components do."""

from __future__ import annotations

import importlib

import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, ORTH, POS, TAG

from storyline.pipeline.analyze.memo_attrs import MemoisedAttributeRuler, MemoisedLemmatizer, memoise
from storyline.pipeline.analyze.nlp import _CANDIDATES

# Written for this test: ordinary news prose plus every kind of rule the ruler holds
# (tag maps, word exceptions, dependency-conditioned rules, the multi-token "gon na",
# "let 's", "ai n't", "y' all", existential "there is"), whitespace tokens and repeats.
TEXTS = [
    "The harbour authority said on Tuesday it would close the northern quay.\n\nDivers inspect the piles.",
    "\"I ain't gonna wait,\" she said. Let's go, y'all. There is a dog; there's nothing we gotta do.",
    "He was being told. They'd been seen.  Was it his or hers? Whose is it? I am, you are, we were.",
    "Shares fell 1/8 to 11-1/2 dlrs in U.S. trading; the company's profits rose 12 pct.",
    "The harbour authority said on Tuesday it would close the northern quay.\n\nDivers inspect the piles.",
]
ATTRS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, NORM]


@pytest.fixture(scope="module")
def pipelines():
    for name in _CANDIDATES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load(), memoise(module.load())
    pytest.skip("no spaCy English pipeline installed")


def test_the_memoised_components_replace_spacys_in_place(pipelines):
    stock, fast = pipelines
    assert fast.pipe_names == stock.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), MemoisedAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer"), MemoisedLemmatizer)


def test_every_token_gets_the_stock_annotations(pipelines):
    stock, fast = pipelines
    for _ in range(2):  # the second pass is served from the caches
        for expected, got in zip(stock.pipe(TEXTS), fast.pipe(TEXTS), strict=True):
            assert (expected.to_array(ATTRS) == got.to_array(ATTRS)).all()
            assert [(t.lemma_, str(t.morph), t.pos_) for t in expected] == [(t.lemma_, str(t.morph), t.pos_) for t in got]


def test_multi_token_rules_are_applied(pipelines):
    _, fast = pipelines
    doc = fast("I'm gonna go and let's see.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["gon"] == "go" and lemmas["na"] == "to" and lemmas["'s"] == "us"

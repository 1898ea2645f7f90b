"""The quote tests' shared fixture: spaCy, entities and quotes over a text written for a test."""

from __future__ import annotations

import pytest

from storyline.models import Quote
from storyline.pipeline.analyze.entities import extract_entities
from storyline.pipeline.analyze.quotes import extract_quotes


@pytest.fixture(scope="module")
def analyse():
    from storyline.pipeline.analyze.nlp import load_nlp

    try:
        nlp = load_nlp()
    except Exception as exc:  # pragma: no cover - the model is a dependency
        pytest.skip(f"no spaCy pipeline: {exc}")

    def run(text: str) -> list[Quote]:
        doc = nlp(text)
        quotes = extract_quotes(text, extract_entities(doc), doc=doc)
        for q in quotes:  # every quote and mention is verbatim
            assert text[q.start:q.end] == q.text
            if q.speaker_mention:
                m = q.speaker_mention
                assert text[m.start:m.end] == m.text
        return quotes

    return run

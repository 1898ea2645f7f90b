"""The shipped line model: load it once, label the lines of a scrape.

A linear-chain CRF (CRFsuite, through python-crfsuite) trained by
``benchmarks/train_lines.py`` on silver-labelled AEB scrapes. It reads the
features of ``features.py`` and gives each line one of ``LABELS`` with its
marginal probability, so readers can pick the likeliest headline or byline
even where no line was labelled one.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from storyline.pipeline.lines.features import Line, crf_items, line_features

LABELS = ("headline", "byline", "date", "body", "junk")
MODEL_PATH = Path(__file__).resolve().parent / "line_crf.crfsuite"
# L-BFGS with L1 and L2 penalties: L1 keeps the file small, L2 the weights smooth.
TRAINING_PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 200, "feature.possible_transitions": True}

_lock = threading.Lock()
_tagger = None


def _load():  # noqa: ANN202 - pycrfsuite has no type stubs
    global _tagger
    with _lock:
        if _tagger is None:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            tagger.open(str(MODEL_PATH))
            _tagger = tagger
    return _tagger


@dataclass(frozen=True, slots=True)
class Labelled:
    """A line, its label and the marginal probability of every label."""

    line: Line
    label: str
    probs: dict[str, float]


def label_lines(lines: list[Line]) -> list[Labelled]:
    """Label every line of one scrape (lines from ``features.split_lines``)."""
    if not lines:
        return []
    tagger = _load()
    with _lock:  # a Tagger holds the last sequence's lattice: one sequence at a time
        tags = tagger.tag(crf_items(line_features(lines)))
        probs = [{lab: tagger.marginal(lab, t) for lab in LABELS} for t in range(len(lines))]
    return [Labelled(line, tag, p) for line, tag, p in zip(lines, tags, probs)]

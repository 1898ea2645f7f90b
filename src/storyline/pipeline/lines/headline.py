"""Which head line is the article's headline: a small learned ranker over the candidate lines.

A page prints many headline-like lines: its own headline, other stories'
headlines in menus and lists, section labels, standfirsts, taglines. The line
model says how headline-like each line is; where the line stands decides the
rest. News pages print the headline a few lines above the article, just above
its byline and date, with words the article goes on to use.
``candidate_features`` describes each candidate that way (the model's
probability, the distance to the body, a byline or date stamp right below,
the share of its words the body uses, its shape, and how it ranks on these
among the page's candidates), and a conditional logit (a softmax over the
page's candidates) trained by ``benchmarks/train_headline.py`` on the
line model's out-of-fold probabilities scores them (``headline_model.json``:
feature weights only). Nothing here names a publisher.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent / "headline_model.json"
_WORD = re.compile(r"\w+")
# Menu labels run together by the scrape ("HomeNewsBusiness") and breadcrumb trails ("Blog > Tips").
_GLUED = re.compile(r"[a-z][A-Z][a-z]")
_CRUMB = re.compile(r"\s[>»/]\s")
# How far below a candidate a byline or date stamp still stands "right under" it.
_META_SPAN = 3


def _bucket(value: float, edges: tuple[float, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return str(edge)
    return "more"


def _ranks(values: Sequence[float]) -> list[int]:
    """Each value's rank, highest first (ties share the better rank)."""
    order = sorted(set(values), reverse=True)
    where = {v: r for r, v in enumerate(order)}
    return [where[v] for v in values]


def candidate_features(cands: list[int], texts: list[str], labels: list[str], headline_probs: list[float],
                       first_body: int, body_words: set[str], is_meta: Callable[[int], bool]
                       ) -> list[dict[str, float]]:
    """The features of each candidate line ``cands[k]`` of a scrape.

    ``labels`` and ``headline_probs`` are the line model's label and P(headline) of every line,
    ``first_body`` the first body line, ``body_words`` the body's longer words (lower case) and
    ``is_meta(i)`` whether line ``i`` is a byline or date stamp.
    """
    shares, dists, probs = [], [], []
    where = set(cands)
    out: list[dict[str, float]] = []
    for i in cands:
        text = texts[i]
        words = text.split()
        content = {w for w in _WORD.findall(text.casefold()) if len(w) > 3}
        share = len(content & body_words) / len(content) if content else 0.0
        dist = first_body - i
        prob = headline_probs[i]
        caps = [w for w in words if w[:1].isalpha() and len(w) > 3]
        last = text.rstrip(" \"”’'»)")[-1:]
        f = {
            "bias": 1.0,
            "label=" + labels[i]: 1.0,
            "prob=" + _bucket(prob, (0.001, 0.01, 0.05, 0.2, 0.5, 0.8)): 1.0,
            "to_body=" + _bucket(dist, (-1, 0, 1, 2, 3, 4, 6, 8, 12, 20, 40)): 1.0,
            "share=" + _bucket(share, (0.0, 0.2, 0.4, 0.6, 0.8)): 1.0,
            "nw=" + _bucket(len(words), (2, 3, 5, 8, 12, 20)): 1.0,
            "end=" + ("q" if last == "?" else "x" if last == "!" else "period" if last == "." else "other"): 1.0,
            "title_case=" + (_bucket(sum(w[0].isupper() for w in caps) / len(caps), (0.3, 0.7, 0.99)) if caps else "none"): 1.0,
        }
        if text.isupper():
            f["all_caps"] = 1.0
        if i + 1 < len(texts) and is_meta(i + 1):
            f["meta_next"] = 1.0  # the byline or date right under it
        elif any(is_meta(j) for j in range(i + 2, min(len(texts), i + 1 + _META_SPAN))):
            f["meta_below"] = 1.0  # a standfirst or picture between
        if any(is_meta(j) for j in range(max(0, i - _META_SPAN), i)):
            f["meta_above"] = 1.0
        if i == 0:
            f["first_line"] = 1.0
        if ":" in text:
            f["colon"] = 1.0
        if re.search(r"\s[|–—-]\s", text):
            f["tail"] = 1.0
        if any(c.isdigit() for c in text):
            f["digit"] = 1.0
        if i + 1 in where:
            f["candidate_below"] = 1.0  # a headline stands over its standfirst
        if i - 1 in where:
            f["candidate_above"] = 1.0
        if len(_GLUED.findall(text)) >= 2 or _CRUMB.search(text):
            f["menu"] = 1.0  # "HomeNewsBusinessMarkets", "Blog > Weight Loss > Tips"
        if text[:1].islower():
            f["lower_start"] = 1.0
        shares.append(share)
        dists.append(-abs(dist))
        probs.append(prob)
        out.append(f)
    for f, r_share, r_dist, r_prob in zip(out, _ranks(shares), _ranks(dists), _ranks(probs)):
        f["rank_share=" + _bucket(r_share, (0, 1, 2))] = 1.0
        f["rank_near=" + _bucket(r_dist, (0, 1, 2))] = 1.0
        f["rank_prob=" + _bucket(r_prob, (0, 1, 2))] = 1.0
        f[f"rank_prob_near={min(r_prob, 2)}{min(r_dist, 2)}"] = 1.0
    return out


@lru_cache(maxsize=1)
def _model() -> dict:
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))


def _weights() -> dict[str, float]:
    return _model()["weights"]


def score(features: dict[str, float]) -> float:
    """The ranker's score of one candidate (higher is likelier the headline)."""
    weights = _weights()
    return sum(weights.get(k, 0.0) * v for k, v in features.items())


def best(features: list[dict[str, float]]) -> int | None:
    """The index (into ``features``) of the likeliest headline, or ``None`` for no candidates."""
    if not features:
        return None
    weights = _weights()
    scores = [sum(weights.get(k, 0.0) * v for k, v in f.items()) for f in features]
    return max(range(len(scores)), key=scores.__getitem__)

"""Per outlet: its articles, the agencies it credits, and what it alone reports.

A sentence is one outlet's alone when no article of another source carries it
(:class:`Evidence`: alike, or an echo, its words inside another's sentence or
most of it another's) nor says anything close to it. Articles whose outlet is unknown are
sources apart, listed together under "(unknown outlet)".
"""

from __future__ import annotations

import numpy as np

from storyline.models import CitedText, SourceReport
from storyline.pipeline.brief.evidence import Evidence

UNIQUE_BELOW = 0.5  # a sentence with no counterpart this alike elsewhere is one outlet's alone


def report_sources(evidence: Evidence) -> list[SourceReport]:
    by_outlet: dict[str, SourceReport] = {}
    for article in evidence.articles:
        outlet = article.outlet or "(unknown outlet)"
        report = by_outlet.setdefault(outlet, SourceReport(outlet, []))
        report.articles.append(article.id)
        report.agencies.extend(a for a in article.agencies if a not in report.agencies)
    if len(by_outlet) < 2:
        return list(by_outlet.values())
    items, similarity = evidence.items, evidence.similarity
    # Articles of an unknown outlet are sources apart: "only here" means only in that article.
    sources = np.array(evidence.sources, dtype=object)
    # Per sentence, its best match in another source's articles (one matrix pass, not a loop per pair).
    elsewhere = sources[:, None] != sources[None, :]
    best_elsewhere = np.where(elsewhere, similarity, -np.inf).max(axis=1) if len(items) else np.zeros(0)
    for i, (item, best) in enumerate(zip(items, best_elsewhere)):
        carried = any(evidence.sources[j] != evidence.sources[i]
                      for j in (*evidence.carriers[i].values(), *evidence.echoes.get(i, ())))
        if best < UNIQUE_BELOW and not carried:
            by_outlet[item.outlet].unique.append(CitedText(item.text, [item.citation()]))
    return sorted(by_outlet.values(), key=lambda s: s.outlet)

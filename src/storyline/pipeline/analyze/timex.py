"""Time expressions: found by our rule grammar, resolved by tense against a reference date.

The grammar (timex_rules) finds the spans and normalises them to TimeML values;
the reference date is the publication date seen from the dateline's time zone
(timex_zones), or an estimate (pubdate) when the article has none; which way a
bare weekday or month points comes from the tense of its clause (timex_tense),
read off the spaCy parse. spaCy's own DATE/TIME entities are not used for spans:
they miss many ("now", "third-quarter") and over-reach ("60", "annual",
"6-year-old"); on a third of TempEval-3, of the 64 spaCy entities the grammar
does not cover only 22 touch a gold expression, so adding them would cost
precision for little recall (figures: benchmarks/timex.py).
"""

from __future__ import annotations

import re
from dataclasses import fields
from functools import lru_cache, partial

from spacy.tokens import Doc

from storyline.models import TimeExpr
from storyline.pipeline.analyze.nlp import doc_text
from storyline.pipeline.analyze.timex_generic import generic_today
from storyline.pipeline.analyze.timex_rules import Context, find
from storyline.pipeline.analyze.timex_tense import tense_from_doc, tense_from_text
from storyline.pipeline.analyze.timex_zones import Reference, reference_for

# Extra TimeExpr fields (anchor, estimated) are filled only once models.py has them.
_FIELDS = {f.name for f in fields(TimeExpr)}


def extract_times(
    doc: Doc | str,
    published: str | None,
    *,
    dateline: str | None = None,
    estimated: bool = False,
    reference: Reference | None = None,
    time_of_day: bool = False,
) -> list[TimeExpr]:
    """Time expressions of ``doc`` (a parsed Doc, or plain text), resolved against ``published``.

    ``dateline`` moves the reference date into the dateline city's time zone;
    ``estimated`` marks that ``published`` is an estimate (pubdate), and every
    expression resolved against it is flagged so. With no date at all, absolute
    expressions ("June 5, 2019", "three months") are still returned and
    relative ones ("yesterday") are dropped rather than guessed.

    ``time_of_day`` keeps the clock time or part of day in TIME values, as TimeML
    has them ("2025-03-12T15:00", "2025-03-12TEV"); by default a TIME value is cut
    to its day, which is what the timeline and the contract test expect today.
    """
    text = doc if isinstance(doc, str) else doc_text(doc)
    ref = reference or reference_for(published, dateline, estimated=estimated)
    # A span's tense is asked for twice (choosing among overlapping matches, then resolving): walk the parse once.
    tense = lru_cache(maxsize=None)(partial(tense_from_text, text) if isinstance(doc, str) else partial(tense_from_doc, doc))
    ctx = Context(ref.day if ref else None, tense, hour=ref.hour if ref else None)
    if not isinstance(doc, str):
        ctx.generic_at = partial(generic_today, doc)
    out: list[TimeExpr] = []
    for m in find(text, ctx):
        if m.value.startswith("XXXX") and m.type == "DATE" and m.relative:
            continue  # unresolvable without a reference date; never emit a fake calendar date
        value = m.value
        if m.type == "TIME" and not time_of_day and re.match(r"\d{4}-\d{2}-\d{2}T", value):
            value = value[:10]
        expr = TimeExpr(text[m.start:m.end], m.start, m.end, value, m.type)
        if ref is not None and m.relative:
            if "anchor" in _FIELDS:
                expr.anchor = f"{ref.day.isoformat()} ({ref.basis})"
            if "estimated" in _FIELDS:
                expr.estimated = ref.basis.startswith("estimated")
        out.append(expr)
    return out

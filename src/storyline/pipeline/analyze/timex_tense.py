"""The tense of the clause a time expression sits in: past, present or future.

"arrived on Monday" looks back, "will meet on Wednesday" and "the trial opens
Monday" look forward. With a parsed spaCy Doc we read the governing verb and its
auxiliaries; with plain text we fall back to cue words before the expression.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from storyline.pipeline.analyze.timex_calendar import FUTURE, PAST, PRESENT

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "'d"}
_FUTURE_HEADS = {"plan", "expect", "schedule", "due", "set", "intend", "hope", "want", "aim", "prepare",
                 "go", "propose", "agree", "decide", "vow", "promise", "threaten", "seek", "try", "need"}
_PAST_CUES = re.compile(
    r"\b(?:said|was|were|had|did|told|announced|reported|met|arrived|left|held|began|ended|voted|signed|fell|rose|"
    r"died|won|lost|took|made|came|went|closed|opened|gathered|rallied|killed|attacked|agreed|ruled|stopped)\b", re.I)
_FUTURE_CUES = re.compile(r"\b(?:will|'ll|shall|going\s+to|would|plans?\s+to|expected\s+to|scheduled|due\s+to|next)\b", re.I)


def _verb_tense(verb: Token, depth: int = 0) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return FUTURE
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return PAST
    if verb.tag_ == "VBN":
        if words & {"is", "are", "am", "'re"}:
            return PRESENT  # "is scheduled for Monday"
        return PAST  # "has left", and reduced relatives: "the ruling announced Wednesday"
    if verb.tag_ in {"VBZ", "VBP"} or words & {"is", "are", "am", "'re", "'s"}:
        return PRESENT
    if verb.tag_ == "VB" and "to" in words:
        # An infinitive takes its time from the verb it depends on: "plans to vote Monday".
        if verb.head.lemma_.lower() in _FUTURE_HEADS:
            return FUTURE
        if verb.head.i != verb.i and depth < 2 and verb.head.pos_ in {"VERB", "AUX", "ADJ"}:
            return _verb_tense(verb.head, depth + 1) or FUTURE
        return FUTURE
    return None


def tense_from_doc(doc: Doc, start: int, end: int) -> str | None:
    """The tense of the verb governing the characters ``start:end`` of ``doc``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for step in range(5):
        if token.pos_ in {"VERB", "AUX"} and not (token.pos_ == "AUX" and token.dep_ in {"aux", "auxpass"}):
            tense = _verb_tense(token)
            if tense == PRESENT and step > 2:
                # A present verb far up the tree ("X, which fell on Friday, is ...") says little.
                return None
            if tense is not None:
                return tense
        if token.head.i == token.i:  # the root is its own head
            break
        token = token.head
    return None


def tense_from_text(text: str, start: int, end: int) -> str | None:
    """Cue words in the same sentence before the expression; a rough fallback without a parse."""
    before = text[max(0, start - 80):start]
    before = re.split(r"[.!?]\s", before)[-1]
    if _FUTURE_CUES.search(before):
        return FUTURE
    if _PAST_CUES.search(before):
        return PAST
    return None

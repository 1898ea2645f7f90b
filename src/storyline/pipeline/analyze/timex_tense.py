"""The direction of the clause a time expression sits in: past, present, future, or none.

"arrived on Monday" looks back, "will meet on Wednesday" and "the trial opens
Monday" look forward. With a parsed spaCy Doc we climb from the expression to
the verb that governs it and read its tense and auxiliaries; on the way, the
wording of modality turns a clause towards the future whatever its tense:
"elections due in the autumn", "a summit scheduled for April", "protesters
planned a march on Saturday", "could come as early as Tuesday". With plain text
we fall back to cue words before the expression.

The cues are data (the sets below); ``tense_from_doc`` only walks the parse.
None means the text gives no direction: the calendar then takes the nearest day.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from storyline.pipeline.analyze.nlp import doc_text
from storyline.pipeline.analyze.timex_calendar import FUTURE, PAST, PRESENT

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "'d"}
# Verbs whose infinitive complement lies ahead of them: "plans to vote Monday".
_FUTURE_HEADS = {"plan", "expect", "schedule", "due", "set", "intend", "hope", "want", "aim", "prepare",
                 "go", "propose", "agree", "decide", "vow", "promise", "threaten", "seek", "try", "need"}
# Adjectives whose infinitive lies ahead of the clause's own time: "were likely to buy on Monday".
_AHEAD_ADJECTIVES = {"likely", "unlikely", "ready", "poised", "about", "bound", "sure", "certain", "eager",
                     "willing", "able"}
# Conjunctions of a time clause: "(were likely to buy) as soon as trading opened Monday" happens at
# the time of the clause it depends on, whatever tense reported speech puts it in.
_TIME_MARKS = {"as", "when", "once", "until", "till", "before", "after", "whenever"}
# Words of modality met on the way up from the expression to its verb: what they govern is
# still to come, even in a past-tense report ("the visit, scheduled for Thursday, was ...").
_MODAL_WORDS = {"due", "expect", "schedule", "plan", "slate", "intend", "upcoming", "forthcoming",
                "poise", "await", "anticipate"}
# A plan-verb's own time adjunct is the time of the planned thing: "has scheduled a news conference
# Thursday", "planned a demonstration on Saturday".
_PLAN_VERBS = {"plan", "schedule", "slate"}
# Deadline prepositions: "until Tuesday", "through January", "by February" point at an end that
# a past-tense report often has not reached yet, so past tense alone does not decide.
_DEADLINE_PREPS = {"until", "till", "through", "by"}
# Verbs that push a thing to a later time: "postponed until Tuesday", "extended the deadline to Friday".
_PUSH_VERBS = {"postpone", "delay", "defer", "adjourn", "extend", "push", "move", "reschedule", "recess"}
_AHEAD_BEFORE = re.compile(r"\bas\s+(?:soon|early)\s+as\s+$|\b(?:scheduled|slated|set|due)\s+for\s+$", re.I)

_PAST_CUES = re.compile(
    r"\b(?:said|was|were|had|did|told|announced|reported|met|arrived|left|held|began|ended|voted|signed|fell|rose|"
    r"died|won|lost|took|made|came|went|closed|opened|gathered|rallied|killed|attacked|agreed|ruled|stopped)\b", re.I)
_FUTURE_CUES = re.compile(
    r"\b(?:will|'ll|shall|going\s+to|would|plans?\s+to|expected\s+to|scheduled|due|set\s+(?:to|for)|next)\b", re.I)


def _pluperfect(token: Token) -> bool:
    """A plan told in the past perfect ("had been due to expire Friday", "had been scheduled for
    Tuesday"): the plan was a former state, so what it named may be either side of the report."""
    holders = [token, token.head] if token.dep_ in {"acomp", "attr"} else [token]
    return any(c.dep_ == "aux" and c.lower_ in {"had", "'d"} and c.tag_ == "VBD" for h in holders for c in h.children)


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
    if verb.tag_ == "VBP" and not words and any(
            c.dep_ == "nsubj" and c.tag_ in {"NN", "NNP"} for c in verb.children):
        # "Weakness hurt the index": a singular subject rules the present out ("hurts"), so a
        # form that is both ("hurt", "cut", "set", "put") is the past the tagger missed.
        return PAST
    if verb.tag_ in {"VBZ", "VBP"} or words & {"is", "are", "am", "'re", "'s"}:
        return PRESENT
    if verb.tag_ == "VB" and "to" in words:
        # An infinitive takes its time from the verb it depends on: "plans to vote Monday".
        head = verb.head
        if head.lemma_.lower() in _FUTURE_HEADS | _AHEAD_ADJECTIVES:
            return None if _pluperfect(head) else FUTURE
        if head.pos_ == "ADJ" and head.dep_ in {"acomp", "ccomp", "xcomp"} and head.head.i != head.i:
            head = head.head  # "it made it difficult to meet demand into the summer": the verb's time
        if head.i != verb.i and depth < 3 and head.pos_ in {"VERB", "AUX", "ADJ"}:
            return _verb_tense(head, depth + 1) or FUTURE
        return FUTURE
    return None


def _main_verb(token: Token) -> Token:
    """The verb at the top of ``token``'s sentence."""
    while token.head.i != token.i:
        token = token.head
    return token


def _modality(token: Token) -> str | None:
    """FUTURE if ``token`` is a word of modality governing the expression, None if it is not one.

    An adjective ("due", "upcoming") or a passive participle ("was scheduled for
    Friday") always looks ahead. A reduced relative ("a memorial planned for
    Saturday") looks ahead from the report's own time only when the report is
    not told in the past ("... was cancelled"): then the text gives no direction
    and the string "nearest" is returned.
    """
    lemma = token.lemma_.lower()
    if lemma not in _MODAL_WORDS:  # "set" is read from the words "set for" (below): "set a record" is not
        return None
    if token.tag_ in {"VBD", "VBZ", "VBP", "VB", "VBG"}:
        return None  # a finite or infinitive verb: its own tense decides below
    if _pluperfect(token):
        return "nearest"
    if token.tag_ == "VBN" and not any(c.dep_ == "auxpass" for c in token.children):
        main = _main_verb(token)
        if main.i != token.i and _verb_tense(main) == PAST:
            return "nearest"
    return FUTURE


def tense_from_doc(doc: Doc, start: int, end: int) -> str | None:
    """The direction of the clause governing the characters ``start:end`` of ``doc``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if _AHEAD_BEFORE.search(doc_text(doc)[max(0, start - 24):start]):
        return FUTURE
    inside = range(span.start, span.end)
    token = span.root
    prep: str | None = None
    deferred: str | None = None  # a time clause's own tense, if the clause it depends on gives none
    in_noun = False  # the expression modifies a noun on the way up ("follows the testimony Tuesday")
    for step in range(10):
        if token.pos_ == "ADP" and prep is None:
            prep = token.lower_  # inside too: "until 9 a.m. Tuesday" is one expression
        if token.i not in inside and token.pos_ in {"NOUN", "PROPN"}:
            in_noun = True
        if token.i not in inside:
            modal = _modality(token)
            if modal is not None:
                return FUTURE if modal == FUTURE else None
        if token.pos_ in {"VERB", "AUX"} and not (token.pos_ == "AUX" and token.dep_ in {"aux", "auxpass"}):
            tense = _verb_tense(token)
            lemma = token.lemma_.lower()
            if lemma in _PLAN_VERBS and tense == PAST and any(c.dep_ == "dobj" for c in token.children):
                return FUTURE
            if lemma in _PUSH_VERBS and prep in {"until", "till", "to"}:
                return FUTURE
            if tense == PAST and prep in _DEADLINE_PREPS:
                return None  # "given until Tuesday": the deadline may be either side of the report
            if tense == PRESENT and (step > 2 or in_noun):
                # A present verb far up the tree ("X, which fell on Friday, is ...") says little, and so
                # does one whose object the expression dates: "Sondland's appearance follows the testimony
                # Tuesday" (a Wednesday report) is yesterday's testimony, whereas "the trial opens Monday"
                # is a plan.
                return None
            if tense is not None and token.dep_ == "advcl" and any(
                    c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in token.children):
                deferred = deferred or tense
            elif tense is not None:
                return tense
        if token.head.i == token.i:  # the root is its own head
            break
        token = token.head
    return deferred


def tense_from_text(text: str, start: int, end: int) -> str | None:
    """Cue words in the same sentence before the expression; a rough fallback without a parse."""
    before = text[max(0, start - 80):start]
    before = re.split(r"[.!?]\s", before)[-1]
    if _AHEAD_BEFORE.search(before[-24:]) or _FUTURE_CUES.search(before):
        return FUTURE
    if _PAST_CUES.search(before):
        return PAST
    return None

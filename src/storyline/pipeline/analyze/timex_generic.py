"""Whether a "today" means the present in general ("nowadays"), not the day of the report.

TimeML (and the TIDES guidelines it follows) writes a generic "today" as
PRESENT_REF: "the challenges we face today", "the port is today Germany's
biggest", "he is alive today". A news timeline must not file such a "today"
under the publication day as if something happened on it. The cue is the
clause's aspect: a state told in the simple present ("is", "remains"), or any
simple present in a restrictive relative clause ("the challenges we face"),
holds now in general, while an event told in any tense ("said today", "is
getting an update today", "will appear today", "we have today taken") or a
scheduled event in the simple present ("the Senate votes today") happens on
the day. So only a present-tense verb of state counts; the verbs are data.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

# Verbs of state: told in the simple present with "today", they describe how things are now.
# Not "have" ("we have a meeting today"), "know" ("I know about the stories today"), "face" ("faces a
# confidence vote today"), nor verbs of events ("votes", "meets", "opens").
STATE_VERBS = frozenset({
    "be", "remain", "exist", "live", "stand", "need", "own", "seem", "lack", "depend",
    "belong", "consist", "contain", "employ", "rely", "mean", "matter", "differ", "resemble", "confront",
})
# Auxiliaries a simple present may carry ("does not exist", "do not know").
_DO = frozenset({"do", "does", "not", "n't"})
_PRESENT = frozenset({"VBZ", "VBP"})
# "by today", "until today", "since today": a deadline or a starting day, the day itself.
_DAY_PREPS = frozenset({"by", "until", "till", "since", "from", "through", "as", "of"})


def _governing_verb(token: Token) -> Token | None:
    """The verb ``token`` hangs from, climbing through prepositions, nouns and adjectives (a few steps)."""
    for _ in range(4):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"aux", "auxpass"}:
            return token
    return None


def _restrictive_relative(verb: Token) -> bool:
    """A relative clause that picks out its noun, not set off by a comma: "the challenges we face"."""
    if verb.dep_ != "relcl":
        return False
    first = min(t.i for t in verb.subtree)
    return first == 0 or verb.doc[first - 1].text not in {",", "(", "—", "–"}


def _simple_present_state(verb: Token, today: Token) -> bool:
    if verb.tag_ not in _PRESENT:
        return False
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ not in _DO for c in verb.children):
        return False
    if verb.lemma_.lower() not in STATE_VERBS:
        # Any verb of a restrictive relative clause describes its noun as things are now ("the
        # challenges we face today", "the world we live in today"); a scheduled event is told in a
        # main clause ("faces a vote today"), set off by a comma ("the summit, which opens today"), or
        # with the noun as its subject ("the session that opens today").
        return _restrictive_relative(verb) and any(
            c.dep_ == "nsubj" and c.tag_ not in {"WDT", "WP"} for c in verb.children)
    if not any(c.dep_ in {"nsubj", "expl"} and c.i != today.i for c in verb.children):
        return False  # "Today is a sad day" (parsed without a subject): the day itself
    if verb.lemma_.lower() == "be":
        # "the vote is today": "today" is the predicate itself, the day of an event. A generic
        # copula has a predicate of its own besides "today": "is today Germany's biggest port".
        return any(c.dep_ in {"attr", "acomp", "prep", "oprd"} and c.i != today.i for c in verb.children)
    return True


def generic_today(doc: Doc, start: int, end: int) -> bool:
    """True if the "today" at characters ``start:end`` of ``doc`` means the present in general."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1 or span[0].lower_ != "today":
        return False
    today = span[0]
    if today.dep_ in {"nsubj", "nsubjpass"} or (today.i + 1 < len(doc) and doc[today.i + 1].lower_ in {"'s", "’s"}):
        return False  # "Today is the tough part", "today's vote": the day itself
    if today.head.pos_ == "ADP" and today.head.lower_ in _DAY_PREPS:
        return False
    verb = _governing_verb(today)
    return verb is not None and _simple_present_state(verb, today)

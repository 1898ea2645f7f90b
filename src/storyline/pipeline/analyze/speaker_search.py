"""Where in the parse to look for a quote's cue.

In the order :mod:`quotes` tries them: the reporting verb the quote hangs on
(:func:`cue_by_governor`, the outermost one whose reported speech holds the quote
winning), the nearest reporting verb in the quote's sentences (:func:`cue_by_parse`),
the cue of the sentences before (:func:`cue_in_context`), and last the person whose
clause a partial quote sits in (:func:`cue_by_clause`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storyline.pipeline.analyze.speaker_base import (
    Cue,
    QuoteIndex,
    doc_text,
    same_block,
    sentences_before,
    token_at,
)
from storyline.pipeline.analyze.speaker_lexicon import PERSONAL, SUBJECTS, is_reporting
from storyline.pipeline.analyze.speaker_parse import cue_of, mention

# a clause hanging on a noun, an adverbial clause ("when X asked") or an appended clause
# speaks for itself: a reporting verb above it did not say its words
_OWN_CLAUSE = {"relcl", "advcl", "appos", "parataxis", "nsubj", "nsubjpass", "csubj", "ROOT"}


def cue_by_governor(doc: Doc, start: int, end: int, quotes: QuoteIndex) -> Cue | None:
    """The reporting verb the quote hangs on in the parse (Smith said the plan was "dead")."""
    if not len(doc):
        return None
    first = token_at(doc, start)
    i = first.i if first.idx >= start else first.i + 1
    seen: set[int] = set()
    while i < len(doc) and doc[i].idx < end:
        token = doc[i]
        i += 1
        head = token.head
        if start <= head.idx < end:
            continue
        for ancestor in [head, *head.ancestors][:4]:
            if ancestor.i in seen:
                break
            seen.add(ancestor.i)
            if quotes.inside(ancestor.idx) or not same_block(doc_text(doc), ancestor.idx, start, end):
                continue
            cue = cue_of(ancestor, quotes)
            if cue is not None and not (cue.start < end and start < cue.end):
                return _outermost(ancestor, cue, quotes)
    return None



def _outermost(token: Token, cue: Cue, quotes: QuoteIndex) -> Cue:
    """The cue of the highest reporting verb whose reported speech holds ``token``.

    "Smith said Jones had called it "a farce"": the words reach the reader through
    Smith, who is the source the article gives (the embedded "called" is part of what
    Smith said), so the outer cue wins.
    """
    best = cue
    node = token
    text = doc_text(token.doc)
    while node.dep_ not in _OWN_CLAUSE and node.head.i != node.i:
        if node.dep_ == "conj" and any(c.dep_ in SUBJECTS for c in node.children):
            break  # "Smith says …, but she cautions that …": a clause of its own
        node = node.head
        lo, hi = sorted((node.idx, token.idx))
        # the parser may run two paragraphs or two quotes into one sentence
        if quotes.inside(node.idx) or "\n" in text[lo:hi] or quotes.between(lo, hi):
            break
        if node.pos_ == "VERB" and is_reporting(node):
            outer = cue_of(node, quotes)
            if outer is not None and not (outer.start <= cue.start < outer.end):
                best = outer
    return best


# names of things that do not speak: "Monday brought …", "Texas became …"
_NOT_SPEAKERS = {"DATE", "TIME", "GPE", "LOC", "EVENT", "FAC", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
# common nouns that name someone who speaks or writes: "His campaign protested that …"
_SPEAKING_NOUNS = {
    "campaign", "spokesman", "spokeswoman", "spokesperson", "official", "aide", "adviser", "advisor",
    "group", "committee", "organization", "nonprofit", "non-profit", "agency", "ministry", "department",
    "senator", "candidate", "nominee", "governor", "mayor", "lawmaker", "respondent", "supporter",
    "critic", "voter", "protester", "analyst", "expert", "editorial", "statement", "letter", "report",
    "document", "survey", "poll", "lawyer", "attorney", "judge", "republican", "democrat", "activist",
    "ad", "crowd", "audience", "banner", "sign", "website", "site", "page", "book", "paper", "newspaper",
    "magazine", "network", "memo", "resolution", "ruling", "court", "board", "commission", "council",
    "panel", "party", "administration", "government", "video", "commercial", "spot", "study", "article",
    "column", "station", "platform", "petition", "lawsuit", "complaint", "bill",
}


def cue_by_clause(doc: Doc, start: int, end: int, quotes: QuoteIndex) -> Cue | None:
    """Last resort for a quote inside a sentence: the person whose clause it is in.

    "Jane Smith welcomed "the end of a long wait"": with no reporting verb, the quoted
    words are still the ones of the clause's subject, when that subject is a person,
    a body, a name, a personal pronoun or a common noun for one ("His campaign protested
    that …", "The ad targets a "rigged economy"").
    """
    if not len(doc):
        return None
    first = token_at(doc, start)
    i = first.i if first.idx >= start else first.i + 1
    text = doc_text(doc)
    while i < len(doc) and doc[i].idx < end:
        head = doc[i].head
        i += 1
        if start <= head.idx < end:
            continue
        for verb in [head, *head.ancestors]:
            if quotes.inside(verb.idx) or not same_block(text, verb.idx, start, end):
                break
            if verb.pos_ != "VERB" or verb.lemma_ in {"be", "have", "become", "seem"}:
                continue  # "Jones is "a basket case"": described, not speaking
            for child in verb.children:
                if child.dep_ == "nsubj" and not quotes.inside(child.idx) and (
                        child.ent_type_ in {"PERSON", "ORG", "NORP"} or child.lower_ in PERSONAL
                        or (child.pos_ == "PROPN" and child.ent_type_ not in _NOT_SPEAKERS and not _dateline(child))
                        or child.lemma_.lower() in _SPEAKING_NOUNS):
                    return mention(child, verb.text, quotes)
        return None
    return None


def _dateline(token: Token) -> bool:
    """Whether ``token`` is a dateline's place opening its paragraph ("JACKSON, Miss. —")."""
    return token.text.isupper() and (token.idx == 0 or doc_text(token.doc)[token.idx - 1] == "\n")


def cue_by_colon_paragraph(doc: Doc, start: int, quotes: QuoteIndex) -> Cue | None:
    """The subject of a paragraph ending in a colon, for the quote paragraph it introduces.

    "He then listed the qualities a nominee needs:\n\n"Has the candidate …"": news copy
    introduces a quoted passage with a sentence about its speaker; that sentence's
    subject speaks the quote when it is a person, a body or a personal pronoun.
    """
    text = doc_text(doc)
    para = text.rfind("\n", 0, start)
    before = text[:para].rstrip()
    if para < 0 or not before.endswith(":") or not len(doc):
        return None
    # the highest verb of the colon's paragraph (the parser may run it into the quote)
    colon = token_at(doc, len(before) - 1)
    start_of_para = text.rfind("\n", 0, len(before)) + 1
    verbs = [t for t in [colon, *colon.ancestors] if start_of_para <= t.idx < len(before) and t.pos_ in {"VERB", "AUX"}]
    if not verbs:
        return None
    verb = verbs[-1]
    for child in verb.children:
        if child.dep_ in SUBJECTS and not quotes.inside(child.idx) and (
                child.ent_type_ in {"PERSON", "ORG", "NORP"} or child.lower_ in PERSONAL):
            return mention(child, verb.text, quotes)
    return None


def cue_by_parse(doc: Doc, start: int, end: int, quotes: QuoteIndex) -> Cue | None:
    """The nearest reporting verb outside quotes in the quote's sentences, and its subject."""
    sents = _window(doc, start, end)
    best: tuple[int, Cue] | None = None
    text = doc_text(doc)
    for sent in sents:
        for token in sent:
            if quotes.inside(token.idx) or start <= token.idx < end:
                continue
            if not same_block(text, token.idx, start, end):
                continue  # the parser ran two paragraphs into one sentence
            cue = cue_of(token, quotes)
            if cue is None:
                continue
            distance = start - token.idx if token.idx < start else token.idx - end
            distance += 1000 * len(list(token.ancestors))
            if best is None or distance < best[0]:
                best = (distance, cue)
    return best[1] if best else None


def cue_in_context(doc: Doc, start: int, quotes: QuoteIndex, floor: int) -> Cue | None:
    """The last cue before ``start`` (and after ``floor``), in the two sentences before the quote.

    "Jane Smith, a spokeswoman, said the plan had failed. "We tried."": the quote
    goes on from the speaker of the sentence before it.
    """
    for sent in sentences_before(doc, start, 2):
        if sent.end_char <= floor:
            return None
        found: tuple[int, Cue] | None = None
        for token in sent:
            if token.idx < floor or quotes.inside(token.idx):
                continue
            cue = cue_of(token, quotes)
            depth = len(list(token.ancestors))
            if cue is not None and (found is None or depth <= found[0]):
                found = (depth, cue)  # the main clause's cue, else the last one
        if found is not None:
            return found[1]
    return None


def _window(doc: Doc, start: int, end: int) -> list[Span]:
    """The sentences the quote touches, plus a short neighbour holding its cue."""
    if not len(doc):
        return []
    s0, s1 = token_at(doc, start).sent, token_at(doc, max(start, end - 1)).sent
    sents = [s0] if s0.start == s1.start else [s0, s1]
    if s1.end < len(doc):
        following = doc[s1.end].sent
        if len(following) <= 8:  # '"…!" he said.' split off as a sentence of its own
            sents.append(following)
    if s0.start > 0:
        preceding = doc[s0.start - 1].sent
        if preceding.text.rstrip().endswith(":"):
            sents.append(preceding)
    return sents

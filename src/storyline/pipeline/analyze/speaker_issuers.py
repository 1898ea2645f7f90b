"""Who issued a document that "speaks": "the statement read", "the ad says", "the email said".

The document was named before, with its issuer: the same noun earlier in the article
is looked up in the parse, and the issuer is the first of these, in order (each a
rule with an id, so errors can be counted per rule):

- ``owner``: "the ministry's statement", "Cruz's email";
- ``compound``: "a Trump campaign statement";
- ``from``: "a statement from the ministry", "a letter by Smith";
- ``made_by``: "a court document filed by state attorney Dave Aronberg", "an email sent out by Sanders";
- ``subject``: "The Cruz campaign sent a fundraising email", "Smith issued a statement"
  (the subject of the verb whose object the document is), "an email was sent from the
  club's director" (whom a passive's document came from);
- ``written_in``: "Bujnowski wrote in the affidavit", "she said in a statement".

Only names count (a person or a body of the article, or the name in apposition to a
noun: "the club's executive director, Jeremy Boreing"); "their statement" is left to
the caller's pronoun rules. A document nobody is said to have issued comes from the
named subject of a reporting verb just before (:func:`reporter_before`), else stays
as it is written.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from storyline.models import Entity
from storyline.pipeline.analyze.speaker_base import QuoteIndex, sentences_before, token_at
from storyline.pipeline.analyze.speaker_lexicon import DOCUMENT_NOUNS, is_reporting

DOCUMENTS = DOCUMENT_NOUNS | {"ad", "memo", "website", "flier"}

# verbs whose subject issues their object: "issued a statement", "ran an ad", "sent an email"
ISSUING = frozenset("""
issue release send post publish write sign file run air launch put tweet unveil share pen draft
circulate distribute produce place submit email mail blast unveil set create build start
""".split())
# participles whose agent made the document ("filed by", "conducted by"); not "obtained by", "reviewed by"
MAKING = ISSUING | {"author", "prepare", "commission", "pay", "compile", "conduct", "sponsor", "create", "make"}
RULES = ("owner", "compound", "from", "made_by", "subject", "written_in")
# the rules that read the issuer off the document's own phrase: also good for a later naming
# ("… the statement read." … "the statement released by Fox News")
OWN_RULES = ("owner", "compound", "from", "made_by")
# works that speak only for whoever the mention itself says made them ("calculations by Amy
# Glasmeier", "a paper from the Brookings Institution"); alone ("the paper said") they stay as written
MADE_WORKS = frozenset("""
paper analysis calculation estimate projection forecast research review assessment finding data model
brief column essay article note
""".split())
_SYNONYMS = {"e-mail": "email", "advertisement": "ad", "commercial": "ad", "spot": "ad", "memorandum": "memo",
             "site": "website", "flyer": "flier"}
_LOOK_BACK = 3000  # characters: the document was named recently


def issuer(doc: Doc, text: str, start: int, noun: str, named: list[Entity], quotes: QuoteIndex,
           rules: tuple[str, ...] = RULES) -> str | None:
    """The canonical name of whoever issued the document ``noun`` that speaks at ``start``, if the article says
    (by the first of ``rules`` that finds a name at the noun's last mention that has one). With the rules
    ``owner`` and ``compound`` it also says whose a body is: "the Wall Street Journal editorial board" for a
    later "the editorial board"."""
    if not len(doc):
        return None
    want = _SYNONYMS.get(noun, noun)
    end = token_at(doc, start).i
    first = token_at(doc, max(0, start - _LOOK_BACK)).i
    found = _named_at((doc[i] for i in range(end - 1, first - 1, -1)), want, rules, named, quotes)
    if found is not None or rules != RULES:
        return found
    # not named before with its issuer: a later naming that says who issued it, by the phrase itself
    last = token_at(doc, min(len(text) - 1, start + _LOOK_BACK)).i
    return _named_at(doc[end + 1:last + 1], want, OWN_RULES, named, quotes)


def _named_at(tokens: Iterable[Token], want: str, rules: tuple[str, ...], named: list[Entity],
              quotes: QuoteIndex) -> str | None:
    """The name the first of ``rules`` finds at the first of ``tokens`` naming the document ``want``
    outside a quotation, or None."""
    for token in tokens:
        if _SYNONYMS.get(token.lemma_.lower(), token.lemma_.lower()) != want or quotes.inside(token.idx):
            continue
        for rule in rules:
            found = _by_rule(rule, token, named)
            if found is not None:
                return found
    return None


def reporter_before(doc: Doc, start: int, named: list[Entity], quotes: QuoteIndex) -> str | None:
    """The named subject of the last reporting verb in the two sentences before ``start``
    ("Fox News confirmed that Kelly met Trump. According to the statement, …"): who a document
    nobody is said to have issued most likely comes from (rule ``reporter``)."""
    for sent in sentences_before(doc, start, 2):
        for token in reversed(sent):
            if token.pos_ == "VERB" and is_reporting(token) and not quotes.inside(token.idx):
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                found = _name(subject, named) if subject is not None else None
                if found is None and subject is not None:
                    found = next((n for c in subject.children if c.dep_ in {"compound", "poss"}
                                  and (n := _name(c, named))), None)
                if found is not None:
                    return found
    return None


def document_before(doc: Doc, start: int, quotes: QuoteIndex) -> str | None:
    """The document noun of the sentence before ``start`` ("Smith wrote in the affidavit. It
    continued: …"): what a following "it" most likely is."""
    for previous in sentences_before(doc, start, 1):
        for token in reversed(previous):
            lemma = _SYNONYMS.get(token.lemma_.lower(), token.lemma_.lower())
            if token.pos_ == "NOUN" and lemma in DOCUMENTS and not quotes.inside(token.idx):
                return lemma
    return None


def own_issuer(doc: Doc, start: int, end: int, named: list[Entity]) -> str | None:
    """The issuer a document mention at ``start:end`` names itself ("a letter from the Legion")."""
    if not len(doc):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    lemma = _SYNONYMS.get(head.lemma_.lower(), head.lemma_.lower())
    if lemma not in DOCUMENTS and lemma not in MADE_WORKS:
        return None
    for rule in ("owner", "compound", "from", "made_by"):
        found = _by_rule(rule, head, named)
        if found is not None:
            return found
    return None


def _by_rule(rule: str, token: Token, named: list[Entity]) -> str | None:
    if rule == "owner":
        return _name(next((c for c in token.children if c.dep_ == "poss"), None), named)
    if rule == "compound":
        # "a Trump campaign statement"; "the Wall Street Journal editorial board" (the parser's nmod)
        return next((n for c in token.children if c.dep_ in {"compound", "nmod"} and (n := _name(c, named))), None)
    if rule == "from":
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in {"from", "by"}:
                return _name(next((c for c in prep.children if c.dep_ == "pobj"), None), named)
        return None
    if rule == "made_by":  # "a document filed by Aronberg": the agent of the participle that describes it
        for acl in token.children:
            if acl.dep_ == "acl" and acl.tag_ == "VBN" and acl.lemma_.lower() in MAKING:
                agent = next((c for c in acl.children if c.dep_ == "agent"), None)
                if agent is not None:
                    return _name(next((c for c in agent.children if c.dep_ == "pobj"), None), named)
        return None
    verb = token.head
    if rule == "written_in":
        if token.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ == "in" and verb.head.pos_ == "VERB":
            subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
            return _name(subject, named)
        return None
    if token.dep_ in {"dobj", "nsubjpass"} and verb.lemma_.lower() in ISSUING:
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "agent"}), None)
        if subject is None and token.dep_ == "nsubjpass":  # "an email was sent from the club's director"
            subject = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"), None)
        if subject is not None and subject.dep_ in {"agent", "prep"}:
            subject = next((c for c in subject.children if c.dep_ == "pobj"), None)
        if subject is None:
            return None
        return _name(subject, named) or next((n for c in subject.children if c.dep_ in {"compound", "poss"}
                                             and (n := _name(c, named))), None)
    return None


def _name(token: Token | None, named: list[Entity]) -> str | None:
    """The canonical name of the person or body whose mention covers ``token`` (not a name the
    document itself bears: "the American Community Survey")."""
    if token is None:
        return None
    for entity in named:
        if entity.start <= token.idx < entity.end:
            head = token.head
            if entity.start <= head.idx < entity.end and token.i != head.i:
                return None  # the name covers the document noun too: it is the document's own
            return entity.canonical
    if token.pos_ == "NOUN":  # "the club's executive director, Jeremy Boreing": the name in apposition
        return next((n for c in token.children if c.dep_ == "appos" and (n := _name(c, named))), None)
    return None



"""Who a reporting verb or a speech noun names in the dependency parse.

:func:`cue_of` gives, for one token, the speaker mention its parse names: the subject
of a reporting verb (climbing from "…, writing" or "was quoted as saying" to the verb
whose subject speaks), the object of "according to", the owner of "her statement", the
name right behind an inverted cue ("…, said Jane Smith"). A subject the parser took
from another paragraph, a time stamp or a dateline is not the speaker; "who" is the
mention of a relative clause and its antecedent the speaker.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Token

from storyline.pipeline.analyze.speaker_base import Cue, QuoteIndex, doc_text, token_at
from storyline.pipeline.analyze.speaker_lexicon import (
    INVERTED,
    SPEECH_NOUNS,
    SUBJECTS,
    TITLE_ABBREVIATION,
    is_reporting,
    name_end,
)

# "Smith was quoted by the Times as saying": the subject speaks, the agent only reports it
_QUOTING = {"quote", "cite", "interview", "record", "film"}
# how a verb hangs on the verb or noun whose subject says its words: "…, writing",
# "a statement saying", "was quoted as saying"
_CLIMB = {"xcomp", "conj", "advcl", "pcomp", "acl", "dobj", "pobj", "prep"}


def cue_of(token: Token, quotes: QuoteIndex) -> Cue | None:
    """The speaker mention ``token`` names if it is a cue ("said", "according to", "her remark")."""
    if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
        objects = [c for c in token.nbor().children if c.dep_ == "pobj"]
        if objects:
            return mention(objects[0], "according to", quotes)
        return None
    if token.pos_ == "NOUN" and token.lemma_.lower() in SPEECH_NOUNS:
        owner = _owner(token, quotes)
        return mention(owner, token.text, quotes) if owner is not None else None
    if token.pos_ not in {"VERB", "AUX"} or not is_reporting(token):
        return None
    inverted = _inverted(token)
    if inverted is not None:
        return inverted
    verb = token
    for _ in range(3):
        agent = _agent(verb, quotes) if is_reporting(verb) and verb.lemma_ not in _QUOTING else None
        if agent is not None:  # "Smith was asked by the host, "…"": the host's words
            return mention(agent, token.text, quotes)
        for child in verb.children:
            if child.dep_ in SUBJECTS and not quotes.inside(child.idx):
                subject = _real_subject(child, verb)
                if subject is None:
                    continue
                if verb.i != token.i and token.tag_ == "VBG":
                    subject = _reporter(verb, quotes) or subject
                return mention(subject, token.text, quotes)
            if child.dep_ == "agent" and (agent := _agent_object(child, quotes)) is not None:
                return mention(agent, token.text, quotes)  # "was described by X as"
        if verb.dep_ not in _CLIMB or verb.head.i == verb.i:
            break
        verb = verb.head
        if verb.pos_ == "NOUN" and verb.lemma_.lower() in SPEECH_NOUNS:
            owner = _owner(verb, quotes)
            if owner is not None:
                return mention(owner, token.text, quotes)
    return None


def _agent(verb: Token, quotes: QuoteIndex) -> Token | None:
    """Who does the reporting in a passive clause: "was described by X as", "was asked by X"."""
    return next((a for c in verb.children if c.dep_ == "agent" and (a := _agent_object(c, quotes)) is not None), None)


def _agent_object(agent: Token, quotes: QuoteIndex) -> Token | None:
    """The noun of a "by" agent phrase, outside the quotes."""
    return next((c for c in agent.children if c.dep_ == "pobj" and not quotes.inside(c.idx)), None)


def _reporter(verb: Token, quotes: QuoteIndex) -> Token | None:
    """The subject of the reporting verb whose reported clause ``verb`` heads.

    "Smith argued that a register would stop fraud, saying it is "about order"": the
    parser hangs the participle on the reported clause ("would stop"), but the one who
    says it is the subject of the verb that reports the clause.
    """
    head = verb.head
    if verb.dep_ != "ccomp" or head.i == verb.i or head.pos_ != "VERB" or not is_reporting(head):
        return None
    for child in head.children:
        if child.dep_ in SUBJECTS and not quotes.inside(child.idx):
            return _real_subject(child, head)
    return None


def mention(head: Token, cue: str, quotes: QuoteIndex) -> Cue | None:
    """The noun phrase headed by ``head``: its left modifiers, conjuncts and name parts."""
    if head.pos_ == "PRON" and head.lower_ in {"that", "which", "this", "what"}:
        return None
    if head.dep_ in SUBJECTS and head.tag_ == "WP" and head.head.dep_ == "relcl":
        # "Jane Smith, who said …": "who" is the mention, its antecedent the speaker
        antecedent = mention(head.head.head, cue, quotes)
        if antecedent is None:
            return None
        return Cue(head.idx, head.idx + len(head), cue, (antecedent.start, antecedent.end))
    keep = {head.i}
    for child in head.subtree:
        if child.dep_ in {"relcl", "acl", "punct", "prep", "appos", "advmod", "cc"} and child.head.i == head.i \
                and not _inside_word(child):
            continue
        if quotes.inside(child.idx):
            continue
        keep.add(child.i)
    # keep a contiguous run around the head, within its paragraph
    doc = head.doc
    lo = hi = head.i
    while lo - 1 in keep and "\n" not in doc[lo - 1].text:
        lo -= 1
    while hi + 1 in keep and "\n" not in doc[hi + 1].text:
        hi += 1
    for conj in head.conjuncts:  # "Smith and Jones said": the whole pair
        if conj.i > hi and conj.i - hi <= 6:
            hi = max(hi, max(_phrase(conj, quotes)))
    while lo < head.i and (doc[lo].is_space or doc[lo].is_punct):
        lo += 1
    while hi > head.i and (doc[hi].is_space or doc[hi].is_punct):
        hi -= 1
    span = doc[lo:hi + 1]
    return Cue(span.start_char, span.end_char, cue)


# how a word inside a noun phrase hangs on the noun the phrase is about: "Monmouth University
# political scientist Patrick Murray", "Clinton's top aide Jake Sullivan", "Air Force 1st Lt. Tyler Livingston"
_PREMODIFIER = {"compound", "amod", "nmod", "poss", "nummod"}


def whole_phrase(doc: Doc, cue: Cue) -> Cue:
    """``cue`` with its mention run on to the noun its last word modifies.

    The words next to a quote often catch only the front of a noun phrase ("…," said Latino
    Decisions researcher Sylvia Manzano): the name that opens it says where the speaker
    works or whose aide they are, and the phrase's own noun, further right, is the speaker.
    The parse says which noun that is; a "of" phrase right behind it stays with it
    ("chief of staff"), so that an apposition after it (", Joe Kasper,") is found.
    """
    if cue.refers is not None or not len(doc):
        return cue
    last = token_at(doc, max(cue.start, cue.end - 1))
    if last.tag_ == "POS" and last.head.i < last.i:  # "Rubio’s": the owner, before the noun it owns
        last = last.head
    if not cue.start <= last.idx < cue.end or last.pos_ != "PROPN":
        return cue  # only a name opens a longer phrase; "his" of "his comments" is the owner, who speaks
    head = last
    while head.dep_ in _PREMODIFIER and head.head.i > head.i and head.head.pos_ in {"NOUN", "PROPN"} \
            and head.head.lemma_.lower() not in SPEECH_NOUNS \
            and all(not t.is_punct or t.text in {".", "'s", "’s"} or t.tag_ == "POS"
                    for t in doc[head.i + 1:head.head.i]) \
            and not any("\n" in t.text_with_ws for t in doc[head.i:head.head.i]):
        head = head.head
    if head.i == last.i:
        return cue
    end = head.idx + len(head)
    of = [c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of" and c.i == head.i + 1]
    if of and head.pos_ == "NOUN":  # "chief of staff": the role goes on
        end = max(end, max(t.idx + len(t) for t in of[0].subtree))
    return Cue(cue.start, end, cue.cue, cue.refers)


def _inside_word(token: Token) -> bool:
    """Whether ``token`` is a hyphen joining two parts of one word ("Holtz-Eakin", "co-host"):
    the parser may hang it as punctuation, but the word is one."""
    doc = token.doc
    return token.text in {"-", "–"} and not token.whitespace_ and 0 < token.i < len(doc) - 1 \
        and not doc[token.i - 1].whitespace_


def _phrase(head: Token, quotes: QuoteIndex) -> set[int]:
    """The token indices of a conjunct's noun phrase without its clauses and prepositional
    phrases ("Smith and Ann Lee, who rarely agree," ends at "Lee")."""
    dropped = {c.i for c in head.children if c.dep_ in {"relcl", "acl", "punct", "prep", "advmod", "cc"}}
    return {head.i} | {t.i for t in head.subtree
                       if not quotes.inside(t.idx) and not any(a.i in dropped for a in [t, *t.ancestors])}


def _inverted(verb: Token) -> Cue | None:
    """The speaker after an inverted cue: "… appeals to older voters, said Jane Smith, an analyst".

    The parser often takes a noun of the clause before for the subject; after a comma
    the name right behind a past or present tense cue is the speaker.
    """
    if verb.i == 0 or verb.tag_ not in {"VBD", "VBZ"} or verb.doc[verb.i - 1].text != ",":
        return None
    if any(c.dep_ in SUBJECTS and c.i < verb.i and c.pos_ in {"PROPN", "PRON"} for c in verb.children):
        return None  # "Jane Smith, an analyst, said Tom Arata …": not inverted
    text = doc_text(verb.doc)
    end = verb.idx + len(verb)
    match = INVERTED.match(text, end, min(len(text), end + 120))
    if match is None or match.group("who").lower() in {"it", "i", "we"}:
        return None
    who_start, who_end = match.span("who")
    if text[who_end:who_end + 1] == "." and TITLE_ABBREVIATION.search(text[who_start:who_end]):
        return None  # "said Mr. Arata …": a title, not the end of the name
    return Cue(who_start, name_end(text, who_end), verb.text)


def _real_subject(subject: Token, verb: Token) -> Token | None:
    """The subject, unless the parser took a time stamp, a dateline or a heading for it.

    "Saturday at the convention Sen. Jane Smith said …": the person in the subject, not
    the day; "6:50 p.m.\n\nSmith told …": nothing from the paragraph before.
    """
    text = doc_text(verb.doc)
    lo, hi = sorted((subject.idx, verb.idx))
    if "\n" in text[lo:hi]:
        return None
    if subject.ent_type_ in {"DATE", "TIME"} or (subject.ent_type_ == "GPE" and subject.text.isupper()):
        people = [t for t in subject.subtree if t.ent_type_ == "PERSON" and t.dep_ != "compound"]
        return people[-1] if people else None
    return subject


def _owner(noun: Token, quotes: QuoteIndex) -> Token | None:
    """Who a speech noun belongs to: "her remark that …", "his statement"."""
    for child in noun.children:
        if child.dep_ == "poss" and not quotes.inside(child.idx):
            if child.lower_ in {"his", "her", "their"}:
                # "Trump stood by his comment that …": the clause's subject names the owner
                subject = _subject_of(noun.head, quotes)
                if subject is not None and subject.pos_ != "PRON" and subject.i != noun.i \
                        and not _other_person_near(subject):
                    return subject
            return child
    return None


def _other_person_near(subject: Token) -> bool:
    """Whether the subject's sentence names another person the pronoun might stand for
    ("Clinton laughed at Trump's rally and at his claim …")."""
    sentence = subject.sent
    own = {t.i for t in subject.subtree}
    return any(e.label_ == "PERSON" and not own & set(range(e.start, e.end))
               for e in sentence.ents)


def _subject_of(verb: Token, quotes: QuoteIndex) -> Token | None:
    """The subject of the verb a noun hangs on (through a preposition: "stood by his comment")."""
    if verb.dep_ == "prep":
        verb = verb.head
    for child in verb.children:
        if child.dep_ == "nsubj" and not quotes.inside(child.idx):
            return child
    return None


# the words a title may have between a cut-off mention and the name it belongs to: nouns,
# adjectives, names, numbers, "of", "and", "the", a hyphen or an abbreviation's stop
# ("co-host Mika Brzezinski", "former Pennsylvania Gov. and DNC Chairman Ed Rendell")
_TITLE_POS = {"NOUN", "PROPN", "ADJ", "NUM", "ADP", "CCONJ", "DET", "PUNCT", "SPACE"}
_TITLE_FUNCTION_WORDS = {"of", "for", "and", "the", "-", "–", ".", "'s", "’s"}
_MAX_TITLE_GAP = 6  # tokens


def name_behind(doc: Doc, cue: Cue, people: list[tuple[int, int]]) -> Cue:
    """``cue`` run on to the person named right behind it when the parse cut the mention
    inside that person's title ("co" of "co-host Mika Brzezinski", "Republican" of
    "Republican party boss Reince Priebus", "Cruz constituent" of "Cruz constituent Dan
    Golvach"): the title's words lie between, with no verb, clause or sentence end.

    ``people`` are the (start, end) of the article's PERSON names, in text order. A mention
    that names a person already, a pronoun or an antecedent's "who" is left as it is."""
    if cue.refers is not None or not len(doc):
        return cue
    after = bisect_left(people, (cue.end, -1))
    if after > 0 and people[after - 1][1] > cue.start:
        return cue  # a person is named inside the mention
    if after >= len(people):
        return cue
    start, end = people[after]
    last = token_at(doc, max(cue.start, cue.end - 1))
    if last.pos_ == "PRON" or last.tag_ in {"NNS", "NNPS"} or start - cue.end > 80:
        return cue  # "he", "Supporters", "hopefuls": not one person's cut-off title
    gap = [t for t in doc[last.i + 1:] if t.idx < start]
    if not gap or len(gap) > _MAX_TITLE_GAP or token_at(doc, start).i != gap[-1].i + 1:
        return cue
    if gap[-1].pos_ in {"ADP", "CCONJ", "DET"} or any(t.lower_ == "for" for t in gap):
        return cue  # "a spokesman for Hillary Clinton", "one of Grayson": the name is whose
    if gap[0].lower_ == "of" and not (len(gap) > 1 and gap[1].pos_ == "NOUN" and gap[1].text.islower()):
        return cue  # "a review of available Fox data"; not "master of ceremonies Asab Al-Tabchi"
    for token in gap:
        low = token.lower_
        if "\n" in token.text_with_ws or token.pos_ not in _TITLE_POS or token.tag_ == "POS" and low not in {"'s", "’s"}:
            return cue
        if token.pos_ in {"ADP", "CCONJ", "DET", "PUNCT"} and low not in _TITLE_FUNCTION_WORDS:
            return cue  # "said in", "told", a comma or a quote mark: the name is another's
    return Cue(cue.start, end, cue.cue, cue.refers)

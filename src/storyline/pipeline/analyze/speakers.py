"""Who is speaking: the cue beside a quote, and the person or body it refers to.

Two ways to a cue, tried in order:

1. the words right next to the marks (``"…," she said`` / ``"…," said Jane Smith`` /
   ``Smith said: "…"`` / ``according to …``), a pattern that is reliable where the
   parser is not (spaCy's small model often parses ``said Smith`` as an object);
2. the dependency parse of the sentences around the quote: the nearest reporting verb
   outside every quote, and its subject (or the object of "according to").

The mention found is then resolved to a canonical speaker by :class:`SpeakerResolver`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.models import Entity

# lemmas of verbs that report speech or writing (tuned on PolNeAR train)
REPORTING_LEMMAS = frozenset("""
say tell add write ask reply answer explain argue insist warn note state declare announce tweet post
continue claim recall acknowledge admit concede predict promise vow urge suggest complain joke
quip boast charge respond counter observe remark emphasize emphasise stress shout yell call
describe testify confirm deny report assert contend maintain allege agree caution lament
mock scoff retort reiterate pledge tout praise criticize criticise blast slam accuse declare
proclaim question wonder muse chant scream exclaim whisper interject thunder brag concur
confess accuse cite refer defend quote reveal label brand term read
""".split())

_CUE_WORDS = (
    r"said|says|say|added|adds|told(?:\s+(?:reporters|journalists|the\s+\w+|\w+))?|tells|wrote|writes|asked|asks|"
    r"replied|explained|insisted|argued|warned|noted|stated|declared|announced|tweeted|posted|continued|"
    r"claimed|recalled|acknowledged|admitted|conceded|predicted|promised|vowed|urged|suggested|"
    r"complained|joked|quipped|boasted|responded|countered|observed|remarked|stressed|emphasized|"
    r"shouted|yelled|exclaimed|testified|confirmed|reiterated|retorted|lamented|scoffed|concluded|"
    r"notes|writes|explains|insists|argues|warns|concludes|continues|asks|recalls|adds|"
    r"answered|answers|replies|confessed|mused|read|reads|saying|adding|telling|noting|"
    r"points out|pointed out|put it|puts it|tweets|predicts|declares|announces|told [A-Z]\w+(?: \w+)?"
)
_NAME = r"(?-i:(?:[A-Z][\w.'’-]*)(?:\s+(?:[A-Z][\w.'’-]*|of|the|for|de|van|von|bin|al-\w+))*)"
_DESC = (
    r"(?:the|a|an|one|another|his|her|their)\s+(?:[\w.'’-]+\s+){0,5}?"
    r"(?:official|officials|minister|ministers|spokesman|spokeswoman|spokesperson|ministry|embassy|"
    r"government|company|regulator|agency|police|mayor|president|leader|leaders|statement|aide|aides|"
    r"source|sources|diplomat|diplomats|envoy|chief|executive|lawyer|attorney|judge|campaign|"
    r"spokesmen|representative|adviser|advisor|senator|candidate|nominee|governor|director|"
    r"secretary|chairman|chairwoman|report|memo|letter|website|release|group|committee|"
    r"department|office|party|two|pair|both|organizers|organisers|supporters|critics|analysts|"
    r"experts|voters|residents|protesters|officers|economists|researchers|authors|members)"
    r"(?:\s+(?:for|of|at|to)\s+(?:the\s+)?" + _NAME + r")?"
)
_WHO = r"(?:he|she|they|we|i|it|both|" + _DESC + r"|" + _NAME + r")"
_AFTER = re.compile(
    r"['’”\"]?[\s,.!?—–-]*(?:(?P<who>" + _WHO + r")(?:\s*,[^,\n]{1,80},)?"
    r"\s+(?:also\s+|later\s+|then\s+)?(?P<cue>" + _CUE_WORDS + r")\b"
    r"|(?P<cue2>" + _CUE_WORDS + r")\s+(?P<who2>" + _WHO + r")"
    r"|according\s+to\s+(?P<who3>" + _WHO + r"))",
    re.I,
)
_BEFORE = re.compile(
    r"(?P<who>" + _WHO + r")(?:\s*,[^,\n]{1,80},)?\s+(?:also\s+|later\s+|then\s+)?(?P<cue>" + _CUE_WORDS + r")"
    r"(?:\s+(?:in|on|at|during|to)\s+[^,:\"“]{1,60})?\s*[:,]\s*$",
    re.I,
)
_COLON = re.compile(r"(?P<who>" + _NAME + r")(?:\s*\([^)\n]{1,25}\))?\s*:\s*$")
# "Mr. Christie gloated:" / "She then addressed the supporters again:": a clause opening
# its sentence with its subject and ending in a colon introduces the quote
_CLAUSE_COLON = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:(?:And|But|Then|Later|Still|So),?\s+)?"
    r"(?P<who>" + _WHO + r")\s+(?:[\w’'-]+\s+){0,6}?[\w’'-]+\s*:\s*$",
    re.I,
)
_SUBJECTS = {"nsubj", "nsubjpass"}
SPEECH_NOUNS = frozenset("""
comment comments remark remarks statement statements words tweet tweets post message speech
interview claim promise pledge vow warning response reply assertion letter email memo argument
quote line answer testimony op-ed column essay book note
""".split())
PRONOUNS = {"he", "she", "i", "him", "her"}
GROUP_WORDS = {"they", "both", "we", "the two", "the pair", "the couple"}


@dataclass(slots=True)
class Cue:
    """A speaker mention (character span) and the cue that introduces it."""

    start: int
    end: int
    cue: str


def cue_by_pattern(text: str, start: int, end: int, closed: bool) -> Cue | None:
    """A cue right after the closing mark or right before the opening mark."""
    if closed:
        after = end + 1
        window = text[after:after + 140].split("\n", 1)[0]
        match = _AFTER.match(window)
        if match:
            for who, cue in (("who", "cue"), ("who2", "cue2"), ("who3", None)):
                if match.group(who):
                    who_end = after + match.end(who)
                    if text[who_end - 1] == "." and not re.search(r"(?:\b\w{1,2}|Jr|Sr)\.$", text[:who_end]):
                        who_end -= 1  # the full stop ending the sentence is no part of the name
                    return Cue(after + match.start(who), who_end, match.group(cue) if cue else "according to")
    mark = start - 1
    while mark > 0 and text[mark - 1] in "'`":  # the first half of a '' mark
        mark -= 1
    para = text.rfind("\n", 0, mark) + 1
    if not text[para:mark].strip():
        # a quote paragraph introduced by the paragraph before: "Stated Stone:\n\n“…"
        previous = text[:para].rstrip()
        if previous.endswith(":"):
            mark = len(previous)
            para = text.rfind("\n", 0, mark) + 1
    base = max(para, mark - 200)
    match = _COLON.search(text, max(para, mark - 80), mark)
    if match:  # "Bush: "The mission …"": quotes.py keeps it only if it names someone
        return Cue(match.start("who"), match.end("who"), ":")
    for pattern in (_BEFORE, _CLAUSE_COLON):
        match = pattern.search(text, base, mark)
        if match:
            who_start, who_end = match.span("who")
            # the pattern's name part may have swallowed a sentence start: keep the last clause
            sentence = max(text.rfind(". ", base, who_start), text.rfind("; ", base, who_start))
            if sentence < 0 or who_start > sentence:
                return Cue(who_start, who_end, match.groupdict().get("cue") or ":")
    return None


class QuoteIndex:
    """Where the quoted segments of a text are, to keep cues outside them."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def inside(self, pos: int) -> bool:
        i = bisect_left(self.starts, pos + 1) - 1
        return i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]


def cue_by_governor(doc: Doc, start: int, end: int, quotes: QuoteIndex) -> Cue | None:
    """The reporting verb the quote hangs on in the parse (Smith said the plan was "dead")."""
    if not len(doc):
        return None
    first = _token_at(doc, start)
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
            if quotes.inside(ancestor.idx):
                continue
            cue = _cue_of(ancestor, quotes)
            if cue is not None and not (cue.start < end and start < cue.end):
                return cue
    return None


def cue_by_parse(doc: Doc, start: int, end: int, quotes: QuoteIndex) -> Cue | None:
    """The nearest reporting verb outside quotes in the quote's sentences, and its subject."""
    sents = _window(doc, start, end)
    best: tuple[int, Cue] | None = None
    for sent in sents:
        for token in sent:
            if quotes.inside(token.idx) or start <= token.idx < end:
                continue
            cue = _cue_of(token, quotes)
            if cue is None:
                continue
            distance = start - token.idx if token.idx < start else token.idx - end
            if best is None or distance < best[0]:
                best = (distance, cue)
    return best[1] if best else None


def cue_in_context(doc: Doc, start: int, quotes: QuoteIndex, floor: int) -> Cue | None:
    """The last cue before ``start`` (and after ``floor``), in the two sentences before the quote.

    "Jane Smith, a spokeswoman, said the plan had failed. "We tried."": the quote
    goes on from the speaker of the sentence before it.
    """
    if not len(doc):
        return None
    sent = _token_at(doc, start).sent
    for _ in range(2):
        if sent.start == 0:
            return None
        sent = doc[sent.start - 1].sent
        if sent.end_char <= floor:
            return None
        found = None
        for token in sent:
            if token.idx < floor or quotes.inside(token.idx):
                continue
            cue = _cue_of(token, quotes)
            if cue is not None:
                found = cue
        if found is not None:
            return found
    return None


def _window(doc: Doc, start: int, end: int) -> list[Span]:
    """The sentences the quote touches, plus a short neighbour holding its cue."""
    if not len(doc):
        return []
    s0, s1 = _token_at(doc, start).sent, _token_at(doc, max(start, end - 1)).sent
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


def _token_at(doc: Doc, char: int) -> Token:
    """The token covering (or the last one starting before) character ``char``."""
    # cached on the doc (spaCy's place for per-doc data): one list per article, not per quote
    starts = doc.user_data.get("_token_starts")
    if starts is None:
        starts = doc.user_data["_token_starts"] = [t.idx for t in doc]
    return doc[max(0, bisect_left(starts, char + 1) - 1)]


def _cue_of(token: Token, quotes: QuoteIndex) -> Cue | None:
    if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
        objects = [c for c in token.nbor().children if c.dep_ == "pobj"]
        if objects:
            return _mention(objects[0], "according to", quotes)
        return None
    if token.pos_ == "NOUN" and token.lemma_.lower() in SPEECH_NOUNS:
        owner = _owner(token, quotes)
        return _mention(owner, token.text, quotes) if owner is not None else None
    if token.pos_ not in {"VERB", "AUX"} or token.lemma_.lower() not in REPORTING_LEMMAS:
        return None
    verb = token
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in _SUBJECTS and not quotes.inside(child.idx):
                return _mention(child, token.text, quotes)
            if child.dep_ == "agent":  # "was described by X as"
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects and not quotes.inside(objects[0].idx):
                    return _mention(objects[0], token.text, quotes)
        # "…, writing" / "a statement saying" / "was quoted as saying": climb to the verb
        # whose subject speaks
        if verb.dep_ not in {"xcomp", "conj", "advcl", "pcomp", "acl", "dobj", "pobj", "prep"} or verb.head is verb:
            break
        verb = verb.head
        if verb.pos_ == "NOUN" and verb.lemma_.lower() in SPEECH_NOUNS:
            owner = _owner(verb, quotes)
            if owner is not None:
                return _mention(owner, token.text, quotes)
    return None


def _owner(noun: Token, quotes: QuoteIndex) -> Token | None:
    """Who a speech noun belongs to: "her remark that …", "his statement"."""
    for child in noun.children:
        if child.dep_ == "poss" and not quotes.inside(child.idx):
            return child
    return None


def _mention(head: Token, cue: str, quotes: QuoteIndex) -> Cue | None:
    """The noun phrase headed by ``head``: its left modifiers, conjuncts and name parts."""
    if head.pos_ in {"PRON"} and head.lower_ in {"that", "which", "it", "this", "what"} and head.lower_ != "it":
        return None
    if head.dep_ == "nsubj" and head.tag_ == "WP":  # "who said"
        head = head.head.head
    keep = {head.i}
    for child in head.subtree:
        if child.dep_ in {"relcl", "acl", "punct", "prep", "appos", "advmod", "cc"} and child.head.i == head.i:
            continue
        if quotes.inside(child.idx):
            continue
        keep.add(child.i)
    # keep a contiguous run around the head
    lo = hi = head.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    for conj in head.conjuncts:  # "Smith and Jones said": the whole pair
        if conj.i > hi and conj.i - hi <= 6:
            hi = max(hi, max(t.i for t in conj.subtree if not quotes.inside(t.idx)))
    doc = head.doc
    while lo < head.i and (doc[lo].is_space or doc[lo].is_punct):
        lo += 1
    while hi > head.i and (doc[hi].is_space or doc[hi].is_punct):
        hi -= 1
    span = doc[lo:hi + 1]
    return Cue(span.start_char, span.end_char, cue)


class SpeakerResolver:
    """Resolves a speaker mention to a canonical name, from the entities before it."""

    def __init__(self, text: str, entities: list[Entity], quotes: QuoteIndex) -> None:
        self.text = text
        outside = [e for e in entities if not quotes.inside(e.start)]
        self.people = [e for e in outside if e.label == "PERSON"]
        self.named = [e for e in entities if e.label in {"PERSON", "ORG", "GPE", "NORP", "FAC"}]
        self.bodies = [e for e in outside if e.label in {"ORG", "GPE", "FAC"}]

    def resolve(self, start: int, end: int) -> tuple[str | None, list[str]]:
        """``(speaker, speakers)`` for the mention at ``start:end``."""
        mention = self.text[start:end]
        lowered = mention.lower()
        inside = [e for e in self.named if e.start >= start and e.end <= end]
        people = list(dict.fromkeys(e.canonical for e in inside if e.label == "PERSON"))
        if people:
            return " and ".join(people), people
        if inside:
            return inside[0].canonical, [inside[0].canonical]
        before = [e for e in self.people if e.end <= start]
        if lowered in PRONOUNS:
            if before:
                return before[-1].canonical, [before[-1].canonical]
            return None, []
        if lowered in GROUP_WORDS or re.fullmatch(r"(?:the|both)\s+(?:two|\w+s)", lowered):
            group = self._last_group(start)
            if group:
                return " and ".join(group), group
            if lowered in GROUP_WORDS:
                return None, []
        if re.match(r"(?:the|this|that)\s", lowered):
            noun = lowered.split()[-1]
            for person in reversed(before):
                role = (person.role or "").lower()
                if role and (noun in role.split() or noun in {"official", "aide"}):
                    return person.canonical, [person.canonical]
            for body in reversed([e for e in self.bodies if e.end <= start]):
                if noun in body.canonical.lower().split():
                    return body.canonical, [body.canonical]
        if lowered in {"it", "i", "we"}:
            return None, []
        # a surname the model did not tag: the one person of the article who bears it
        bearers = {e.canonical for e in self.people if e.canonical.split()[-1] == mention.split()[-1]}
        if mention[:1].isupper() and len(bearers) == 1:
            only = bearers.pop()
            return only, [only]
        return mention, [mention]

    def names_someone(self, start: int, end: int) -> bool:
        """Whether a named person or body lies within ``start:end``."""
        return any(e.start >= start and e.end <= end for e in self.named)

    def _last_group(self, start: int) -> list[str] | None:
        """The last people named together ("Smith and Arata") before ``start``."""
        before = [e for e in self.people if e.end <= start]
        for k in range(len(before) - 1, 0, -1):
            group = [before[k]]
            j = k
            while j > 0 and re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", self.text[before[j - 1].end:before[j].start]):
                group.insert(0, before[j - 1])
                j -= 1
            names = list(dict.fromkeys(e.canonical for e in group))
            if len(names) >= 2:
                return names
        return None

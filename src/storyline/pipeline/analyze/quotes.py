"""Direct quotes and who said them.

Quotation marks are paired per paragraph (straight, curly, guillemets and
low-high pairs); apostrophes inside words are never taken as marks. The
speaker comes from the cue beside the quote ("…," X said / said X / X said:
"…" / according to X) and is resolved to a canonical name: a named person
or body, a pronoun to the last person named, "they"/"the two" to the last
pair named together, a description ("the official") to the last person with
that kind of role, or else kept as the description itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.models import Entity, Mention, Quote

_OPEN_TO_CLOSE = {"“": "”", "«": "»", "„": "“", '"': '"'}
_CUES = (
    r"said|says|say|added|adds|told(?: [A-Z]?\w+)?(?: reporters| journalists)?|wrote|writes|"
    r"stated|declared|explained|insisted|argued|warned|noted|continued|asked|replied|"
    r"recalled|announced|acknowledged|admitted|claimed|vowed|urged|concluded|tweeted|posted"
)
# Names are matched case-sensitively even inside the case-insensitive cue patterns.
_NAME = r"(?-i:[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|the|for|and|de|van|von|al-?\w*))*)"
_WHO = (
    r"(?P<who>(?:he|she|they|we|i|it|both|the two(?: \w+)?|the (?:\w+ ){0,3}(?:official|officials|minister|ministers|spokesman|spokeswoman|spokesperson|ministry|embassy|government|company|regulator|agency|police|mayor|president|leaders?|statement|aide|source|diplomat|envoy|chief|executive|lawyer|judge)"
    r"|an? (?:\w+ ){0,3}(?:official|aide|source|diplomat|spokesman|spokeswoman|spokesperson)(?: (?:for|of|at) (?:the )?" + _NAME + r")?"
    r"|" + _NAME + r"))"
)
_AFTER = re.compile(
    r"^\s*(?:" + _WHO + r"\s+(?P<cue1>" + _CUES + r")\b|(?P<cue2>" + _CUES + r")\s+" + _WHO.replace("who", "who2") + r"|according to\s+" + _WHO.replace("who", "who3") + r")",
    re.I,
)
_BEFORE = re.compile(r"(?:" + _WHO + r"\s+(?P<cue>" + _CUES + r")(?: in a statement| on \w+)?\s*[:,]?\s*)$", re.I)
_GROUP_WORDS = {"they", "both", "we"}
_PRONOUNS = {"he", "she", "i"}


@dataclass(slots=True)
class _Span:
    start: int  # of the quoted text, inside the marks
    end: int
    closed: bool


def find_quoted_spans(text: str) -> list[_Span]:
    """Quoted segments, paired within each paragraph; an unclosed one runs to the paragraph end."""
    spans: list[_Span] = []
    for para in re.finditer(r"[^\n]+", text):
        pos, end = para.start(), para.end()
        while pos < end:
            opening = _next_opening(text, pos, end)
            if opening is None:
                break
            mark_at, mark = opening
            close_at = _find_close(text, mark_at + 1, end, _OPEN_TO_CLOSE[mark])
            if close_at is None:
                if end - mark_at > 20:
                    spans.append(_Span(mark_at + 1, end, closed=False))
                break
            spans.append(_Span(mark_at + 1, close_at, closed=True))
            pos = close_at + 1
    return spans


def _next_opening(text: str, pos: int, end: int) -> tuple[int, str] | None:
    for i in range(pos, end):
        ch = text[i]
        if ch in "“«„":
            return i, ch
        if ch == '"' and (i == 0 or not text[i - 1].isalnum()):
            return i, ch
    return None


def _find_close(text: str, pos: int, end: int, close: str) -> int | None:
    for i in range(pos, end):
        if text[i] == close and (close != '"' or i + 1 >= len(text) or not text[i + 1].isalnum()):
            return i
    return None


class SpeakerResolver:
    """Resolves a cue's subject to a canonical speaker, from the entities before it."""

    def __init__(self, text: str, entities: list[Entity]) -> None:
        self.text = text
        self.people = [e for e in entities if e.label == "PERSON"]
        self.named = [e for e in entities if e.label in {"PERSON", "ORG", "GPE", "NORP"}]

    def resolve(self, who: str, start: int, end: int) -> tuple[str | None, list[str]]:
        lowered = who.lower()
        inside = [e for e in self.named if e.start >= start and e.end <= end]
        if inside:
            names = list(dict.fromkeys(e.canonical for e in inside if e.label == "PERSON")) or [inside[0].canonical]
            return " and ".join(names), names
        before = [e for e in self.people if e.end <= start]
        if lowered in _PRONOUNS and before:
            return before[-1].canonical, [before[-1].canonical]
        if lowered in _GROUP_WORDS or lowered.startswith("the two") or re.match(r"the \w*s$", lowered):
            group = self._last_group(start)
            if group:
                return " and ".join(group), group
        if lowered.startswith("the "):
            noun = lowered.split()[-1]
            for person in reversed(before):
                if person.role and (noun in person.role.lower() or noun == "official"):
                    return person.canonical, [person.canonical]
        if who[:1].isupper() and lowered not in _PRONOUNS | _GROUP_WORDS:
            return who, [who]
        return who, [who]

    def _last_group(self, start: int) -> list[str] | None:
        """The last two people named together ("Smith and Arata") before ``start``."""
        before = [e for e in self.people if e.end <= start]
        for left, right in reversed(list(zip(before, before[1:]))):
            between = self.text[left.end:right.start]
            if re.fullmatch(r"\s*(,|and|&)\s*(and\s*)?", between) and left.canonical != right.canonical:
                return [left.canonical, right.canonical]
        return None


def extract_quotes(text: str, entities: list[Entity], doc=None) -> list[Quote]:
    """Every direct quote in ``text`` with its speaker where a cue names one."""
    resolver = SpeakerResolver(text, entities)
    quotes: list[Quote] = []
    last: Quote | None = None
    for span in find_quoted_spans(text):
        content = text[span.start:span.end].strip()
        lead = len(text[span.start:span.end]) - len(text[span.start:span.end].lstrip())
        start = span.start + lead
        end = start + len(content)
        if not content:
            continue
        quote = Quote(text=content, start=start, end=end)
        found = _cue_after(text, span) or _cue_before(text, span)
        if found:
            who, who_start, who_end, cue = found
            quote.speaker, quote.speakers = resolver.resolve(who, who_start, who_end)
            quote.speaker_mention = Mention(who, who_start, who_end)
            quote.cue = cue
        elif _opens_paragraph(text, span) and last is not None and len(content.split()) > 5:
            # a quote paragraph with no cue continues the previous speaker
            quote.speaker, quote.speakers = last.speaker, list(last.speakers)
            quote.speaker_mention = last.speaker_mention
        elif len(content.split()) <= 4:
            continue  # scare quotes or a title, not speech
        quotes.append(quote)
        if quote.speaker:
            last = quote
    return quotes


def _opens_paragraph(text: str, span: _Span) -> bool:
    return span.start <= 1 or text[span.start - 2] == "\n"


def _cue_after(text: str, span: _Span) -> tuple[str, int, int, str] | None:
    if not span.closed:
        return None
    rest_start = span.end + 1
    window = text[rest_start:rest_start + 120].split("\n", 1)[0]
    lead = re.match(r"^\s*[,.]?\s*", window)
    match = _AFTER.match(window)
    if not match:
        return None
    for group in ("who", "who2", "who3"):
        if match.group(group):
            who = match.group(group)
            offset = rest_start + match.start(group)
            cue = match.group("cue1") or match.group("cue2") or "according to"
            return who, offset, offset + len(who), cue
    del lead
    return None


def _cue_before(text: str, span: _Span) -> tuple[str, int, int, str] | None:
    mark = span.start - 1
    para_start = text.rfind("\n", 0, mark) + 1
    window = text[max(para_start, mark - 160):mark]
    match = _BEFORE.search(window)
    if not match:
        return None
    base = max(para_start, mark - 160)
    who = match.group("who")
    return who, base + match.start("who"), base + match.end("who"), match.group("cue")

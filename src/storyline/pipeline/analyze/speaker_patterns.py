"""The cue in the words right next to the quotation marks.

``"…," she said`` / ``"…," said Jane Smith`` / ``Smith said: "…"`` / ``according to …``:
a pattern that is reliable where the parser is not (spaCy's small model often parses
``said Smith`` as an object). A headline "Smith: …" speaks its quote, and any verb
right after a quote closed on a comma is its cue. Also: "Smith issued a statement: …",
"Smith's statement read: …", "as Smith put it, …".

A cue after a quote that ended its sentence (``"…." He added, "…"``) belongs to it only
when nothing but a time or place follows the cue; otherwise it opens the next sentence
and introduces what comes after. Nothing here reaches across a sentence end.
"""

from __future__ import annotations

import re

from storyline.pipeline.analyze.speaker_base import Cue, opens_paragraph
from storyline.pipeline.analyze.speaker_lexicon import (
    AFTER,
    AFTER_ANY,
    AS_PUT,
    BEFORE,
    BEFORE_BARE,
    CLAUSE_COLON,
    CLOSED,
    COLON,
    DASH_ATTRIBUTION,
    DASH_LINE_ATTRIBUTION,
    HEADLINE,
    NOT_CUES,
    NOT_LABELS,
    SENTENCE_IN_NAME,
    STATEMENT,
    TRANSCRIPT_LABEL,
    name_end,
)


def cue_by_pattern(text: str, start: int, end: int, closed: bool) -> Cue | None:
    """A cue right after the closing mark or right before the opening mark."""
    if closed:
        found = _cue_after(text, start, end)
        if found is not None:
            return found
    return _cue_before(text, start)


def transcript_label(text: str, start: int, end: int) -> Cue | None:
    """The label opening a quoted transcript paragraph ('"PENCE: Well, look, …"'), if any;
    whether it is one is for the caller to judge from the rest of the article."""
    match = TRANSCRIPT_LABEL.match(text, start, end)
    if match is None or match.group("who").split()[0] in NOT_LABELS:
        return None
    return Cue(match.start("who"), match.end("who"), ":")


def _cue_after(text: str, start: int, end: int) -> Cue | None:
    after = end + 1
    window = text[after:after + 140].split("\n", 1)[0]
    match = DASH_ATTRIBUTION.match(window)
    if match and text[end - 1] in ".!?…" and opens_paragraph(text, start):
        # '“… .” ― Jane Smith' as a line of its own: a quote round-up or an epigraph
        return Cue(after + match.start("who"), name_end(text, after + match.end("who")), "―")
    match = DASH_LINE_ATTRIBUTION.match(text, after, after + 200)
    if match and text[end - 1] in ".!?…" and opens_paragraph(text, start):
        return Cue(match.start("who"), name_end(text, match.end("who")), "―")  # '"…."\n\n- Sanders.'
    match = AFTER.match(window)
    if match and not match.group("who2") and _sentence_ended(text, end, window, match) \
            and not CLOSED.match(window, match.end()):
        match = None  # '"…." He added, "…"': a new sentence, whose cue introduces what follows
    if match:
        for who, cue in (("who", "cue"), ("who2", "cue2"), ("who3", None)):
            if match.group(who) and not SENTENCE_IN_NAME.search(match.group(who)):
                who_end = name_end(text, after + match.end(who))
                return Cue(after + match.start(who), who_end, match.group(cue) if cue else "according to")
    match = AFTER_ANY.match(window)
    if match and text[end - 1] in ",?!—":
        who, cue = ("who", "cue") if match.group("who") else ("who2", "cue2")
        if match.group(cue).split()[0].lower() not in NOT_CUES:
            return Cue(after + match.start(who), after + match.end(who), match.group(cue))
    return None


def _sentence_ended(text: str, end: int, window: str, match: re.Match[str]) -> bool:
    """Whether the quote ended its sentence before the words matched after it: a full stop
    inside or right after the marks, or "?"/"!" followed by a capitalised pronoun."""
    if text[end - 1] == "." or window.lstrip("'’”\"").startswith("."):
        return True
    who = match.group("who") or ""
    return text[end - 1] in "?!" and who in {"He", "She", "They", "We", "I"}


def _cue_before(text: str, start: int) -> Cue | None:
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
    match = COLON.search(text, max(para, mark - 80), mark)
    if match:  # "Bush: "The mission …"": quotes.py keeps it only if it names someone
        return Cue(match.start("who"), match.end("who"), ":")
    match = HEADLINE.match(text, para, mark)
    if match:  # a headline "Smith: Talks 'Could Fail'": the name before the colon speaks
        return Cue(match.start("who"), match.end("who"), ":")
    for pattern in (BEFORE, CLAUSE_COLON):
        match = pattern.search(text, base, mark)
        if match:
            who_start, who_end = match.span("who")
            # "on Friday. Santos said:": a name does not run across a sentence end
            breaks = list(SENTENCE_IN_NAME.finditer(text, who_start, who_end))
            if breaks:
                who_start = breaks[-1].end() - 1
            # the pattern's name part may have swallowed a sentence start: keep the last clause
            sentence = max(text.rfind(". ", base, who_start), text.rfind("; ", base, who_start))
            cue = match.groupdict().get("cue") or ":"
            if cue.endswith("ing"):
                continue  # "she sent an email saying, …": the parse knows whose participle it is
            if sentence < 0 or who_start > sentence:
                return Cue(who_start, who_end, cue)
    match = BEFORE_BARE.search(text, max(para, mark - 120), mark)
    if match and text.rfind(". ", max(para, mark - 120), match.start("who")) < 0:
        return Cue(match.start("who"), match.end("who"), match.group("cue"))
    match = STATEMENT.search(text, base, mark)
    if match:
        who, cue = next((w, c) for w, c in (("who", "cue"), ("who2", "cue2"), ("who3", "cue3")) if match.group(w))
        return Cue(match.start(who), name_end(text, match.end(who)), match.group(cue))
    match = AS_PUT.search(text, base, mark)
    if match:
        return Cue(match.start("who"), name_end(text, match.end("who")), match.group("cue"))
    return None

"""Which lines of an article tell its events: body sentences, not head, metadata or caption lines.

A scrape keeps more than the story: "Published : March 15, 2021 - 14:22",
"Updated at 9:50 p.m. ET Thursday", a byline, a photo caption dated the day the
photo was taken. Their dates are real but are not events of the story, so the
timeline and the publication-date estimate skip them. Each rule is data with an
id (kind, id, pattern) so that what it drops can be counted and a rule switched
off; the guards in :func:`line_kind` say where a rule may apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.pipeline.sentences import split_sentences

# (kind, rule id, pattern). Metadata rules match the start of a line; caption rules anywhere in it.
RULES: list[tuple[str, str, re.Pattern[str]]] = [
    ("metadata", "stamp", re.compile(
        r"^\W*(?:published|updated|posted|last\s+updated|first\s+published|modified|created|released|"
        r"date\s*(?:published)?|uploaded|edited)\b(?:\s+(?:at|on))?\s*[:：|-]?\s*"
        r"(?=\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|yesterday)[a-z]*\b|$)",
        re.I)),  # "Posted on Weibo, the images ..." is body text: a stamp goes on to a date
    ("metadata", "byline", re.compile(r"^\W*(?i:by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}\s*(?:[,|/(–—-]|$)")),
    ("metadata", "read_time", re.compile(r"^\W*\d+\s*min(?:ute)?s?\s+read\b", re.I)),
    ("caption", "photo_words", re.compile(
        r"\bin\s+(?:this|a|an|the)\s+(?:file\s+)?(?:photo|picture|image|handout)|\bfile\s+(?:photo|picture)|"
        r"\bphotos?\s*(?::|/|by\b|credit)|\b(?:photo|picture|image)\s+(?:released|provided|taken|shows|distributed)|"
        r"\bGetty\s+Images\b|\bvia\s+(?:Getty|AP|Reuters)\b|\bAP\s+Photo\b|\bPhotographer:|\(pictured\)|"
        r"\bimage\s+(?:source|caption)\b|\(not\s+pictured\)|\bPictured\s*:|\bREUTERS/|\bAFP\s*/|\bEPA-EFE\b", re.I)),
    ("caption", "gallery", re.compile(
        r"\bSkip\s+in\s+Skip\b|\bEmbed\s+x\s+Share\b|\b\d{1,3}\s+of\s+\d{1,3}\s+(?:Skip|Embed|Share|photos|images)\b",
        re.I)),
    ("caption", "present_tense_scene", re.compile(
        r"^[^.!?\"“”]{0,160}\b(?:speaks|arrives|gestures|poses|looks\s+on|waves|walks|attends|"
        r"delivers|listens|is\s+seen|are\s+seen|shakes\s+hands|stands|sits)\b(?![^.]*\b(?:said|says)\b)")),
]

CAPTION_REACH = 60  # characters after a date read with its sentence for caption wording
MAX_METADATA_WORDS = 25  # a stamp or byline is a line of its own; a longer line is body text
_SENTENCE_END = re.compile(r"""[.!?…]["”’')\]]*\s*$""")


@dataclass(frozen=True, slots=True)
class LineKind:
    kind: str  # "metadata", "caption" or "head"
    rule: str


def _line_at(text: str, start: int) -> tuple[int, int]:
    begin = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    return begin, len(text) if end < 0 else end


def _sentence_at(text: str, begin: int, stop: int, start: int) -> str:
    for sentence in split_sentences(text[begin:stop]):
        if sentence.start <= start - begin < sentence.end:
            return sentence.text
    return text[begin:stop]


def line_kind(text: str, start: int, end: int | None = None) -> LineKind | None:
    """What the line holding ``text[start:end]`` is, when it is not body text; None for a body line.

    A line is the paragraph (text between newlines) around the span. Metadata
    is a short line that starts like a stamp or byline; a caption is told by
    photo wording in the sentence around the span, or by a one-sentence
    present-tense scene ("X speaks during a briefing ...") standing alone; head
    lines are short lines without a sentence's closing punctuation (headline,
    section labels). A scrape flattened to one paragraph keeps its other
    sentences: only the sentence with the photo wording is a caption.
    """
    begin, stop = _line_at(text, start)
    line = text[begin:stop].strip()
    if not line:
        return None
    words = len(line.split())
    for kind, rule, pattern in RULES:
        if kind == "metadata" and words <= MAX_METADATA_WORDS and pattern.search(line):
            if rule == "byline" and words > 12:
                continue
            return LineKind(kind, rule)
    # The sentence around the span, and what directly follows the span in its line: a scrape cut into
    # pieces by abbreviations ("(Sept." | "29) AP 8 of 41 Skip in Skip ...") keeps its caption wording.
    sentence = _sentence_at(text, begin, stop, start) + " " + text[start:min(stop, (end or start) + CAPTION_REACH)]
    for kind, rule, pattern in RULES:
        if kind != "caption":
            continue
        if rule == "present_tense_scene":
            if words <= 40 and line.count(". ") <= 1 and pattern.search(line):
                return LineKind(kind, rule)  # several sentences saying "arrives" are body text
        elif pattern.search(sentence):
            return LineKind(kind, rule)
    if not _SENTENCE_END.search(line) and words < 12:
        return LineKind("head", "short_unpunctuated")
    return None


def is_body(text: str, start: int, end: int | None = None) -> bool:
    """True if ``text[start:end]`` lies in a body line (not head, metadata or caption)."""
    return line_kind(text, start, end) is None

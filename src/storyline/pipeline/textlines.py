"""Plain-text scrapes: tell body lines from the junk that came along.

No library does this for text that has already lost its markup (trafilatura
and jusText need the DOM), so the rules are ours: each names a kind of junk,
and every dropped line is kept by the caller in ``removed``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UI_WORDS = {
    "share", "share this", "share this article", "share on facebook", "share on twitter",
    "tweet", "copy link", "link copied", "print", "email", "e-mail", "comments", "comment",
    "advertisement", "ad", "menu", "home", "search", "close", "subscribe", "log in", "login",
    "sign in", "reply", "like", "follow", "follow us", "whatsapp", "facebook", "twitter",
    "linkedin", "reddit", "more", "next", "previous", "back to top", "save", "listen",
    "read more", "show more", "sponsored", "related", "related articles", "recommended",
    "top stories", "most read", "trending", "skip to content", "font size", "text size",
}

_JUNK_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("related link", re.compile(r"^(also read|read more|read also|see also|related|more on this|recommended|watch)\s*[:\-–—|]", re.I)),
    ("photo credit", re.compile(r"^(photo|image|picture|file photo|video|graphic)s?\s*[:|/]\s*\S", re.I)),
    ("photo caption", re.compile(r"(in a (photo|picture|handout|image) (provided|released|taken|distributed) by|\bvia getty images\b|\((left|right|center|centre)(,? not shown)?\)|\b(photo|image) credit\b|\bfile photo\b|\(photo:|\bphotograph: )", re.I)),
    ("author bio", re.compile(r"^(about the author\b|.{0,60}\bis an? (freelance |senior |staff |political |foreign |award-winning )*(journalist|reporter|correspondent|writer|editor|columnist)\b.*\b(who|based|for|at|covering|covers)\b)", re.I)),
    ("newsletter prompt", re.compile(r"\b(sign up for (our|the)\b.*\bnewsletter|subscribe to (our|the)\b|get (our|the) .{0,30}newsletter|newsletter sign-?up)", re.I)),
    ("cookie prompt", re.compile(r"\b(we use cookies|this (site|website) uses cookies|accept (all )?cookies|cookie (policy|settings))\b", re.I)),
    ("footer", re.compile(r"^(source link|source:\s*\S+\.(com|org|net)|copyright\b|©|all rights reserved|\(c\) \d{4}|terms of (use|service)|privacy policy)", re.I)),
    ("footer", re.compile(r"all rights reserved\.?$", re.I)),
]

_TERMINAL = re.compile(r"""[.!?:;…"”’')\]]\s*$""")


@dataclass(frozen=True, slots=True)
class LineVerdict:
    keep: bool
    reason: str | None = None


def judge_line(line: str, seen: set[str]) -> LineVerdict:
    """Decide whether one stripped, non-empty line belongs to the body."""
    key = line.casefold()
    if key in seen:
        return LineVerdict(False, "repeated line")
    bare = re.sub(r"[\W_]+", " ", key).strip()
    if bare in _UI_WORDS or not bare:
        return LineVerdict(False, "interface word")
    for reason, pattern in _JUNK_PATTERNS:
        if pattern.search(line):
            return LineVerdict(False, reason)
    if _is_stray_short(line):
        return LineVerdict(False, "stray short line")
    return LineVerdict(True)


def _is_stray_short(line: str) -> bool:
    """One or two words with no sentence punctuation: a user name, a button, a tag.

    A short line in quotation marks is a one-line quote paragraph and stays.
    """
    if line[0] in "\"“‘'«„" or _TERMINAL.search(line):
        return False
    words = line.split()
    if len(words) > 2:
        return False
    letters = [c for c in line if c.isalpha()]
    if letters and sum(1 for c in letters if ord(c) > 0x2FF) / len(letters) > 0.5:
        return True  # a word in another script among English text
    return len(words) <= 2

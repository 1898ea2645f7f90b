"""Plain-text scrapes: tell body lines from the junk that came along.

No library does this for text that has already lost its markup (trafilatura
and jusText need the DOM, or at least paragraph tags), so the rules are ours.
Each rule names a kind of junk; the caller keeps every dropped line in
``removed``. The rules were written against the kinds of junk named in the
issue and seen in scraped news text (share buttons, captions and credits,
embedded tweets, related links, footers, bios, prompts, repeats) and are
measured by ``benchmarks/plaintext.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storyline.pipeline.regex_prefilter import Prefiltered

_UI_WORDS = {
    "share", "share this", "share this article", "share this story", "share on facebook",
    "share on twitter", "tweet", "copy link", "link copied", "print", "email", "e mail", "comments",
    "comment", "advertisement", "ad", "menu", "home", "search", "close", "subscribe", "log in",
    "login", "sign in", "reply", "like", "follow", "follow us", "whatsapp", "facebook", "twitter",
    "linkedin", "reddit", "pinterest", "more", "next", "previous", "back to top", "save", "listen",
    "read more", "show more", "sponsored", "related", "related articles", "related stories",
    "recommended", "top stories", "most read", "trending", "skip to content", "font size",
    "text size", "photo", "photos", "video", "image", "gallery", "continue reading",
    "scroll for video", "scroll down for video", "scroll below for video", "watch", "read or share",
    "story highlights", "facebook twitter pinterest", "view comments", "show hide",
}

_IS_AN = r"(?:freelance |senior |staff |political |foreign |award-winning |american |british |former |veteran |contributing |independent )*"
_JOB = r"(?:journalist|reporter|correspondent|writer|editor|columnist|author|contributor|analyst)"

# (id, reason, pattern) in order; the first that matches names the junk. The ids are
# also features of the learned line model (``storyline.pipeline.lines``).
_JUNK_PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [
    ("related_link_1", "related link", re.compile(
        r"^\W*(also read|read more|read also|see also|more on this|more from|recommended|related|"
        r"most read|trending( right now)?|top deals|continue reading|watch|listen|read next|"
        r"you may also like|more stories|further reading)\b.{0,120}$", re.I)),
    ("related_link_2", "related link", re.compile(r"^[A-Z0-9 ]{2,30} (top deals|trending)\b.{0,40}:?$", re.I)),
    ("related_link_3", "related link", re.compile(r"^MOST (READ|POPULAR|SHARED)\b|\bShow Hide\b")),
    ("related_link_4", "related link", re.compile(r"\bread more\W*$", re.I)),
    ("related_link_5", "related link", re.compile(r"^\[[^\]]{5,200}\]$")),  # "[A woman ordered canaries …]"
    ("related_link_6", "related link", re.compile(r"^(read or share this story|story highlights|scroll (down |below )?for video|"
                                r"media playback is unsupported|if you like this story|like .{3,60} on facebook)", re.I)),
    ("interface_word_1", "interface word", re.compile(r"^(advertisement|sponsored)\b.{0,40}(continue reading|below|story)", re.I)),
    ("photo_credit_1", "photo credit", re.compile(
        r"^(photo|image|picture|file photo|video|graphic|getty|getty images|reuters|afp|ap|epa|"
        r"image copyright|photograph)s?\s*(:|\||/|-\s|—)\s*\S", re.I)),
    ("photo_credit_2", "photo credit", re.compile(r"^(getty( images)?|getty - contributor|afp or licensors|ap:associated press|"
                                r"image copyright|image caption|media caption|facebook twitter pinterest)\b", re.I)),
    ("photo_caption_1", "photo caption", re.compile(
        r"(in a (photo|picture|handout|image|video) (provided|released|taken|distributed|posted|made available) by"
        r"|\bvia getty images\b|\((left|right|center|centre|above|below|top|bottom)(,? not shown)?\)"
        r"|\b(photo|image|picture) credit\b|\bfile photo\b|\((photo|photos|picture|image|video|credit)\s*:"
        r"|\[(photo|image)/|\bphotograph: |\(getty images\)|\((courtesy|credit|photo) (of |by )?[^)]{2,60}\)\s*$"
        # "(Jane Doe/Reuters)" closes a caption; "(pvs/ji)", a wire desk's initials, closes wire copy
        r"|(?-i:\((?:[A-Z][\w.'’ -]{1,40}/)+[A-Z][\w.'’ -]{1,40}\))\s*$"
        r"|\(pictured\b|\b(is|are|was|were) pictured( here| above| below| left| right)?$|^\d+/\d+\s|^\d+ show all\b|\bslideshow\b|\bposted by [\w ]+ on \w+day\b)", re.I)),
    # "United States Secretary of State Antony Blinken. PHOTO: AFP": a caption ending in its credit.
    ("photo_caption_4", "photo caption", re.compile(r"\b(?:PHOTOS?|IMAGE|PICTURE|FILE PHOTO|Photo|Image)\s*:\s*"
                                                    r"[A-Z][\w.&'/ -]{1,40}$")),
    ("photo_caption_2", "photo caption", re.compile(r"\.\s*(Reuters|AFP|AP|EPA|Getty Images|Xinhua)$")),
    # "Reuters Equifax claimed …": a credit glued to an unpunctuated caption.
    ("photo_caption_3", "photo caption", re.compile(r"^(Reuters|AFP|AP|EPA|GETTY|Getty|PA|Alamy|Rex) [A-Z][^.!?]*[^.!?\s]$")),
    ("embedded_post_1", "embedded post", re.compile(r"(\(@\w{1,30}\)\s*\w+ \d{1,2}, \d{4}$|pic\.twitter\.com/|https?://t\.co/)")),
    ("author_bio_1", "author bio", re.compile(
        r"^(about the author\b|.{0,60}\bis an? " + _IS_AN + _JOB + r"\b.*\b(who|based|for|at|covering|covers|"
        r"and|of|with)\b|.{0,60}\bcan be reached at\b|.{0,80}\b(follow (him|her|them) on|email (him|her|them) at)\b)", re.I)),
    ("newsletter_prompt_1", "newsletter prompt", re.compile(
        r"\b(sign up for (our|the|breaking|daily)\b.*\b(newsletter|e-?mails?)|subscribe to (our|the)\b|"
        r"get (our|the) .{0,30}newsletter|newsletter sign[- ]?up|enter your email address|"
        r"thanks for subscribing|chat with us in facebook messenger)", re.I)),
    ("cookie_prompt_1", "cookie prompt", re.compile(r"\b(we use cookies|this (site|website) uses cookies|accept (all )?cookies|cookie (policy|settings))\b", re.I)),
    # Who else reported or supplied the story, under its last paragraph: "With Post wires", "Additional
    # reporting by …", "Jane Doe contributed to this report.", "(Reporting by …; Editing by …)".
    ("credit_1", "credit", re.compile(
        r"^\W*(?:with (?:additional )?(?:files|reporting|wires?|wire services|agencies|agency reports|"
        r"(?:[A-Z][\w.'’&-]* ){1,3}(?:wires?|files|reports?))\b.{0,60}$"
        r"|\(?(?:additional |with )?reporting by\b.{0,200}$"
        r"|(?:writing|editing|edited|compiled|produced|translated) by [A-Z].{0,120}$)", re.I)),
    ("credit_2", "credit", re.compile(r"^.{3,120}\bcontributed (?:reporting |to )?(?:to )?(?:this|the) "
                                      r"(?:report|story|article)\W*$", re.I)),
    ("footer_1", "footer", re.compile(
        r"^(source link|source:\s*\S+( \S+){0,3}$|copyright\b|©|all rights reserved|\(c\) \d{4}|terms of (use|service)|"
        r"privacy policy|external links are provided|this material may not be published)", re.I)),
    ("footer_2", "footer", re.compile(r"\bsee our terms for use of feeds\b", re.I)),
    ("footer_3", "footer", re.compile(r"all rights reserved\.?$|\(.{2,40} \d{2}/\d{2}/\d{4} page ?\w+\)$", re.I)),
]

# A line "ends a sentence" on . ! ? : ; … or on a closing quote or bracket after one:
# "… said." and "'… very bad.'" do, "… 'Space Oddity'" (a caption) does not.
_TERMINAL = re.compile(r"""([.!?:;…]|[.!?…,]["”’'»)\]]+)\s*$""")
_QUOTE_OPEN = "\"“‘'«„"


@dataclass(frozen=True, slots=True)
class LineVerdict:
    """Whether a line belongs to the body, and if not, which rule dropped it."""

    keep: bool
    reason: str | None = None


def judge_line(line: str, seen: set[str]) -> LineVerdict:
    """Decide whether one stripped, non-empty line belongs to the body.

    ``seen`` holds the casefolded lines met before (for repeats).
    """
    key = line.casefold()
    if key in seen:
        return LineVerdict(False, "repeated line")
    bare = re.sub(r"[\W_]+", " ", key).strip()
    if bare in _UI_WORDS or not bare:
        return LineVerdict(False, "interface word")
    reason = junk_reason(line)
    if reason:
        return LineVerdict(False, reason)
    if _is_foreign_script(line):
        return LineVerdict(False, "other script")
    if _is_stray_short(line):
        return LineVerdict(False, "stray short line")
    return LineVerdict(True)


# Rules searched behind a substring test (``regex_prefilter``): the unanchored ones whose
# alternatives ``re`` tries at every position. On 72,601 lines of Reuters bodies, AEB scrapes
# and the seeds this halves their cost; on anchored rules the test would cost more than it saves.
_PREFILTERED = frozenset({"related_link_3", "related_link_4", "photo_caption_1", "photo_caption_4", "author_bio_1",
                          "newsletter_prompt_1", "cookie_prompt_1", "footer_2"})
_FILTERS = [Prefiltered(pattern) if rule_id in _PREFILTERED else None for rule_id, _, pattern in _JUNK_PATTERNS]


@lru_cache(maxsize=8192)
def _matching_rules(line: str) -> tuple[int, ...]:
    """Indexes of the junk rules a line matches. Cached: the line model's features, the vetoes
    and the removed lines' reasons all ask about the same lines of a scrape."""
    lower = line.lower()
    return tuple(
        k for k, ((_, _, pattern), prefiltered) in enumerate(zip(_JUNK_PATTERNS, _FILTERS))
        if (prefiltered.search(line, lower) if prefiltered else pattern.search(line))
    )


@lru_cache(maxsize=8192)
def _is_interface_word(line: str) -> bool:
    """Is the line, punctuation aside, a button or widget word ("Share", "Read more")? Cached as
    ``_matching_rules`` is: the line model's features and the line verdicts both ask."""
    return re.sub(r"[\W_]+", " ", line.casefold()).strip() in _UI_WORDS


def junk_rule_ids(line: str) -> list[str]:
    """The ids of every junk rule the line matches (features for the line model)."""
    ids = [_JUNK_PATTERNS[k][0] for k in _matching_rules(line)]
    if _is_interface_word(line):
        ids.append("interface_word")
    return ids


def junk_reason(line: str) -> str | None:
    """The kind of junk the first matching rule names ("photo caption", "author bio"), or ``None``."""
    matched = _matching_rules(line)
    return _JUNK_PATTERNS[matched[0]][1] if matched else None


def name_junk(line: str) -> str | None:
    """The kind of junk a dropped line is, for ``removed``: a named rule's reason, an interface
    word, a line in another script, a stray word or two; ``None`` when no rule names it."""
    reason = junk_reason(line)
    if reason:
        return reason
    if _is_interface_word(line):
        return "interface word"
    if _is_foreign_script(line):
        return "other script"
    if _is_stray_short(line):
        return "stray short line"
    return None


def judge_lines(lines: list[str]) -> list[LineVerdict]:
    """Judge every stripped, non-empty line of a body, in order.

    Beyond ``judge_line``, two rules look at the whole text: a long line with
    no closing punctuation is a caption when the body's paragraphs do end in
    punctuation, and an unpunctuated line that restates a body sentence is a
    caption repeating it.
    """
    verdicts: list[LineVerdict] = []
    seen: set[str] = set()
    for line in lines:
        verdicts.append(judge_line(line, seen))
        seen.add(line.casefold())
    kept = [line for line, v in zip(lines, verdicts) if v.keep]
    punctuated = sum(1 for line in kept if _TERMINAL.search(line))
    prose = punctuated >= 3 and punctuated >= 0.6 * len(kept)
    stems = {_stem(line) for line in kept if _TERMINAL.search(line)}
    for i, (line, verdict) in enumerate(zip(lines, verdicts)):
        if verdict.reason == "stray short line" and _is_subheading(lines, i):
            verdicts[i] = LineVerdict(True)
        if not verdicts[i].keep or _TERMINAL.search(line):
            continue
        if _stem(line) in stems:
            verdicts[i] = LineVerdict(False, "repeated line")
        elif prose and _is_unpunctuated_sentence(line):
            verdicts[i] = LineVerdict(False, "photo caption")
    _drop_link_list(lines, verdicts)
    _drop_bio_block(lines, verdicts)
    return verdicts


def _is_prose(line: str) -> bool:
    return len(line.split()) >= 6 and bool(_TERMINAL.search(line))


def _is_subheading(lines: list[str], i: int) -> bool:
    """A short capitalised line between two paragraphs of prose ("Funding") heads a section."""
    words = lines[i].split()
    return (
        0 < i < len(lines) - 1
        and lines[i][0].isupper()
        and all(w.isalpha() for w in words)
        and _is_prose(lines[i - 1])
        and _is_prose(lines[i + 1])
    )


def _drop_link_list(lines: list[str], verdicts: list[LineVerdict]) -> None:
    """After a closing "Read more:" heading, the short lines that follow are its links."""
    tail = max(0, len(lines) - 10)
    for i in range(tail, len(lines)):
        if verdicts[i].reason == "related link" and lines[i].rstrip().endswith(":"):
            rest = range(i + 1, len(lines))
            if all(len(lines[j].split()) <= 25 for j in rest):
                for j in rest:
                    if verdicts[j].keep:
                        verdicts[j] = LineVerdict(False, "related link")
            return


# A heading that introduces the writer ("About the author", "About the Writer:"), not a sentence about one.
_BIO_HEADING = re.compile(r"^\W*about (?:the |this )?(?:author|writer|reporter|contributor)s?\W*$", re.I)
# A bio runs for a paragraph or few under its heading.
_BIO_PARAGRAPHS = 3


def _drop_bio_block(lines: list[str], verdicts: list[LineVerdict]) -> None:
    """Under an "About the author" heading near the end, the paragraphs that follow are the bio,
    however they are worded ("H. Bush founded …"), up to the next junk of another kind."""
    for i in range(max(0, len(lines) - 15), len(lines)):
        if not _BIO_HEADING.match(lines[i]):
            continue
        taken = 0
        for j in range(i + 1, len(lines)):
            if verdicts[j].keep and taken < _BIO_PARAGRAPHS:
                verdicts[j] = LineVerdict(False, "author bio")
                taken += 1
            elif verdicts[j].keep or verdicts[j].reason != "author bio":
                break
        return


def _stem(line: str) -> str:
    """The first words of a line, to spot a caption restating a sentence."""
    return " ".join(re.findall(r"\w+", line.casefold())[:10])


def _is_unpunctuated_sentence(line: str) -> bool:
    """A sentence-length line in running-text case with no closing punctuation.

    Subheadings are shorter or in Title Case; captions read like sentences.
    """
    words = line.split()
    if len(words) < 9:
        return False
    lower = sum(1 for w in words if w[:1].islower())
    return lower >= 0.4 * len(words)


def _is_foreign_script(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(line.split()) <= 6 and bool(letters) and sum(1 for c in letters if ord(c) > 0x2FF) / len(letters) > 0.5


def _is_stray_short(line: str) -> bool:
    """One or two words with no sentence punctuation: a user name, a button, a tag.

    A short line in quotation marks is a one-line quote paragraph and stays.
    """
    if line[0] in _QUOTE_OPEN or _TERMINAL.search(line):
        return False
    return len(line.split()) <= 2

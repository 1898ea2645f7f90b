"""From line labels to a reading of a scrape: body lines, removed lines with reasons, head metadata.

The model says what each line is; this module applies what the model must
not decide alone. A line carrying a quotation with a reporting verb inside
the article is never dropped. A body line with junk glued on (an author bio
after the last sentence, a credit after a caption) is split at the sentence
boundary and only the junk goes. Nothing below a comment section's heading
(or its first post's author line) is the article. Each removed line gets a reason: the
model's label for metadata lines, else the kind of junk a named rule of
``textlines`` recognises, else "boilerplate".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from storyline.pipeline.analyze.speaker_gender import first_name_gender
from storyline.pipeline.lines import headline as headline_ranker
from storyline.pipeline.lines.features import Line, split_lines
from storyline.pipeline.lines.model import Labelled, label_lines
from storyline.pipeline.lines.outlet import find_outlet as rank_outlet
from storyline.pipeline.lines.outlet import wire_outlet
from storyline.pipeline.lines.shapes import (
    BYLINE_SHAPE,
    CAPTION_VERB,
    COMMENT_BY,
    COMMENT_DATED,
    COMMENTS_HEADING,
    DATE_SHAPE,
    SIGNOFF,
    has_reported_quote,
)
from storyline.pipeline.metadata import DATELINE, clean_byline, parse_head_line, parse_masthead, read_stamp
from storyline.pipeline.sentences import split_sentences
from storyline.pipeline.textlines import judge_lines, junk_reason, name_junk

# A line is body when the model gives it at least this probability (chosen by
# publisher-grouped cross-validation in benchmarks/train_lines.py: recall of
# the body matters more than a stray line of junk).
BODY_MIN_PROB = 0.3
# Head metadata is looked for in the lines right above the first body line, at most this many,
# and in the scrape's first lines that are not body.
_HEAD_SPAN = 40
# A headline over its standfirst: how far above, how long, how much of the body's words it uses, and
# how long a line standing between them may be (a label or a count).
_STANDFIRST_SPAN = 3
_PAIR_MIN_WORDS = 5
_PAIR_MAX_WORDS = 25
_PAIR_MIN_SHARE = 0.5
_GAP_MAX_WORDS = 3
# How far under the chosen line's score the line above may be: the ranker must not be sure against it
# (a promo or another story's headline above the article's scores far under it).
_PAIR_MAX_DOUBT = 1.5
# A sentence closed inside the line: a caption ("Artist's impression of the plumes. (NASA …)"), not a headline.
_SENTENCE_INSIDE = re.compile(r"\w[.!?][\"”’']?\s+[(\"“‘A-Z]")
_TOP_LINES = 6
# How many lines under the headline or byline a date stamp still stands with them.
_STAMP_UNDER = 3
# A head this short (lines above the body) that opens with a sentence-long unpunctuated line opens with its headline.
_SHORT_HEAD = 8
# The likeliest headline line is taken when the model gives it at least this (a text may have none).
_HEADLINE_MIN_PROB = 0.02
# Headline candidates within this many lines above the body are all as near; further up, a candidate's
# weight falls (halved at twice this distance). On the AEB scrapes' silver labels, three headlines in four
# stand at most 8 lines above the first body line.
_NEAR_BODY = 6
# Markup left in a scrape's text (a <noscript> pixel): never a headline (nor is a table row, cells split by tabs).
_MARKUP = re.compile(r"<[a-z]+[\s>/]|/>")
# The rules of ``textlines`` that veto the model's "body".
_VETO = frozenset({"related link", "interface word", "photo credit", "photo caption", "embedded post", "author bio",
                   "newsletter prompt", "cookie prompt", "footer", "credit"})
# Junk a sentence at the end of a body line can be (split off, the rest kept).
_TAIL_JUNK = frozenset({"author bio", "newsletter prompt", "photo credit", "related link", "footer", "cookie prompt",
                        "credit"})
# How many of the first body lines may still be the page's head (headline, byline, date stamp).
_HEAD_IN_BODY = 3
# A date stamp line is short ("Updated 1:39 am EST, Wednesday, November 20, 2019"); a longer line holding a
# date is a sentence (and read_stamp is dear on the hard-wrapped lines of wire copy).
_STAMP_WORDS = 8
_STAMP_MAX_WORDS = 12
_STAMP_OPENING = 25  # characters before the date in a longer stamp line
_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")
_STAMP_VOCABULARY = frozenset(
    "at on by in of the and updated published posted last modified first am pm et est edt gmt utc bst cet "
    "comments comment news admin staff read min mins minutes ago".split()
)
_REASONS = {"headline": "headline", "byline": "byline", "date": "date stamp", "masthead": "masthead"}


@dataclass(slots=True)
class Reading:
    """What a scrape says: (text, kept, reason) per line or part of a line, and head metadata."""

    parts: list[tuple[str, bool, str | None]] = field(default_factory=list)
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    outlet: str | None = None
    outlet_rule: str | None = None
    date_line: int | None = None
    byline_line: int | None = None
    # The headline ranker's candidates and their features (for training and inspection).
    headline_candidates: list[tuple[str, dict[str, float]]] = field(default_factory=list)


_ALNUM_RUN = re.compile(r"[^\W_]+")


def _norm(text: str) -> str:
    return " ".join(_ALNUM_RUN.findall(text.casefold()))


def read_scrape(text: str, title: str | None = None) -> Reading:
    """Read a plain-text scrape; ``title`` is the declared headline, if any."""
    lines = split_lines(text)
    labelled = label_lines(lines)
    reading = Reading()
    keep = [lab.label == "body" or lab.probs["body"] >= BODY_MIN_PROB for lab in labelled]
    # Above the first line the model calls body, a line it calls headline, byline or date is that,
    # however likely body is too: the head is read, not kept.
    first_body = next((i for i, lab in enumerate(labelled) if lab.label == "body"), len(labelled))
    for i in range(first_body):
        if labelled[i].label in _REASONS:
            keep[i] = False
    first_kept = next((i for i, k in enumerate(keep) if k), len(keep))
    if not title and first_kept <= _SHORT_HEAD and not any(lab.label == "headline" for lab in labelled[: first_kept + 1]):
        # A short head whose first sentence-long unpunctuated line is no masthead, byline or stamp: the headline.
        for i in range(min(first_kept + 1, _SHORT_HEAD, len(lines) - 1)):
            text_i = lines[i].text
            if _is_headline_shape(text_i) and not (parse_masthead(text_i) or parse_head_line(text_i) or name_junk(text_i)):
                keep[i] = False
                labelled[i] = Labelled(lines[i], "headline", labelled[i].probs)
                break
    if title:  # a declared title: its line is the headline, whatever the model thought
        wanted = _norm(title)
        for i, lab in enumerate(labelled):
            if _norm(lab.line.text) == wanted:
                keep[i] = False
                labelled[i] = Labelled(lab.line, "headline", lab.probs)
                break
    if not any(keep):  # a short text the model finds no article in: keep its sentences rather than nothing
        keep = [lab.label == "junk" and _is_prose(lab.line.text) for lab in labelled]
    body_idx = [i for i, k in enumerate(keep) if k]
    first, last = (body_idx[0], body_idx[-1]) if body_idx else (len(lines), -1)
    for i, lab in enumerate(labelled):
        if not keep[i] and lab.label == "junk" and first <= i <= last + 1 and _must_keep(lab.line.text):
            keep[i] = True
    # The named junk rules veto a line the model would keep (they are precise where they fire;
    # measured on giveme5w1h and AEB, benchmarks/plaintext.py and scrapes.py).
    verdicts = judge_lines([ln.text for ln in lines])
    for i, verdict in enumerate(verdicts):
        if keep[i] and verdict.reason in _VETO and not _must_keep(lines[i].text):
            keep[i] = False
    comments = _comments_start(lines, keep)
    for i in range(comments, len(lines)):  # readers' posts read like prose, but the article has ended
        keep[i] = False
    captions = _caption_blocks(lines, keep)
    _head_kept_as_body(lines, keep)
    first = next((i for i, k in enumerate(keep) if k), len(keep))
    _read_head(reading, labelled, keep, max(first, first_body), title)  # a stray kept line does not end the head
    if not title and reading.title is None:
        _headline_above_head(reading, labelled, keep)
    seen: set[str] = set()
    kept_seen: set[str] = set()
    headline_key = _norm(title or reading.title or "")
    for i, lab in enumerate(labelled):
        line = lab.line.text
        key = _norm(line)
        if keep[i] and key in seen and len(key) > 0 and not (key in kept_seen and len(key.split()) <= _LIST_LINE_WORDS):
            reading.parts.append((line, False, "repeated line"))
        elif keep[i] and i in captions:
            reading.parts.append((line, False, junk_reason(line) or "photo caption"))
        elif keep[i]:
            reading.parts.extend(_split_tail(line))
            kept_seen.add(key)
        else:
            label = "date" if i == reading.date_line else "byline" if i == reading.byline_line else lab.label
            if headline_key and key == headline_key:
                label = "headline"
            elif reading.outlet and key == _norm(reading.outlet):
                label = "masthead"  # the line that names the outlet alone
            reason = _REASONS.get(label) or ("repeated line" if key in seen else verdicts[i].reason
                                             or ("comments" if i >= comments else _unnamed(line)))
            reading.parts.append((line, False, reason))
        seen.add(key)
    return reading


# A short line the body itself printed before is the article's own structure, repeated ("Eat every 2-3
# hours" under each meal of a plan, the same question to each guest of an interview): kept. A longer
# repeat is a pull quote or a caption printed twice, or the first copy was no body.
_LIST_LINE_WORDS = 12


# A picture's description ("… speaks during …", "… in this photo released by …", "(Yonhap) |").
_CAPTION_SIGN = re.compile(r"\bin this (?:photo|picture|image|file photo)\b|\((?:[A-Z][\w-]*(?:\s[A-Z][\w-]*)?)\)\s*\|\s*$")


# How many "Name says:" lines make a thread of readers' posts (an article may introduce a quote so once or twice).
_MIN_COMMENT_AUTHORS = 3


def _comments_start(lines: list[Line], keep: list[bool]) -> int:
    """Where the comment section starts below the article's first kept line (its heading, or its first
    post's author line), or ``len(lines)``."""
    first = next((i for i, k in enumerate(keep) if k), len(lines))
    below = range(first + 1, len(lines))
    authors = [i for i in below if COMMENT_BY.match(lines[i].text)]
    return next((i for i in below if COMMENTS_HEADING.match(lines[i].text) or COMMENT_DATED.match(lines[i].text)
                 or (len(authors) >= _MIN_COMMENT_AUTHORS and i == authors[0])), len(lines))


def _unnamed(line: str) -> str:
    """The reason for a line the model dropped that no named rule knows: a caption when it reads as one."""
    return "photo caption" if CAPTION_VERB.search(line) or _CAPTION_SIGN.search(line) else "boilerplate"


_INNER_BY = re.compile(r"(?:^|\s)by\s+[A-Z]")
# The heading of an author box below an article, and how a bio opens after the writer's name.
_AUTHOR_HEADING = re.compile(r"^\W*about (?:the |this )?(?:author|writer|reporter|contributor)s?\W*$", re.I)
_BIO_OPENING = re.compile(r"^\s+(?:is|was|has|writes|covers|joined)\b")
# The least line-model probability of "byline" at which a head line's names need no known first name.
_SURE_BYLINE = 0.5
# A picture's credit names a photographer beside a photo agency ("Natalie Naccache | Bloomberg | Getty Images",
# "Jim Watson/AFP via Getty Images"): the names in it are not the writers.
_AGENCY_CREDIT = re.compile(r"\b(?:Getty(?: Images)?|Shutterstock|AP Photo|iStock(?:photo)?|Alamy|Corbis|EPA(?:-EFE)?)\b")
# What says a line names its writers: "By …", "BY: …", "Written by …", "Author: …".
_BY_MARK = re.compile(r"(?:^|[\s|•])(?:by|written by|author|authors)\s*:?\s+[A-Z]", re.I)
# A credit for a picture names its maker, not the writer: "Photo: Hau Dinh".
_PICTURE_CREDIT = re.compile(r"^\W*(?:photo|photos|photograph|image|picture|video|illustration|graphic)s?\b", re.I)
# Where a byline's first segment ends: a comma, a bar or dash, a date.
_SEGMENT = re.compile(r"\s*[,|•]\s*|\s[-–—]\s|\s+(?=\d)")
_INITIAL = re.compile(r"^[A-Z]\.(?:[A-Z]\.)*$")
# A person's name: two to four capitalised words (particles such as "de", "van" allowed), nothing else.
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z'’\-]+\.?|[A-Z]{2,}(?:-[A-Z]+)?|[A-Z]\.|(?:de|da|van|von|der|del|la|le|di|bin|al)|[A-Z][a-z]*[A-Z][a-z]+)$")


def _over_standfirst(chosen: int, candidates: list[int], texts: list[str], body_words: set[str]) -> int:
    """The headline over a standfirst taken for it: news pages print the headline, then (perhaps past a
    label or a count: "Editorial", "New, 15 comments") the standfirst, both using the article's words.
    A sentence-long candidate of that kind standing right above the chosen line is the headline
    (``candidates``: those the ranker scores near enough the chosen one)."""
    if len(texts[chosen].split()) < _PAIR_MIN_WORDS:
        return chosen
    for j in range(chosen - 1, max(-1, chosen - 1 - _STANDFIRST_SPAN), -1):
        line = texts[j].rstrip()
        words = _content_words(line)
        if (j in candidates and _PAIR_MIN_WORDS <= len(line.split()) <= _PAIR_MAX_WORDS and _reads_as_headline(line)
                and not _SENTENCE_INSIDE.search(line) and not _is_furniture(line)
                and words and len(words & body_words) / len(words) >= _PAIR_MIN_SHARE):
            return j
        if len(line.split()) > _GAP_MAX_WORDS:
            break  # only a label or a count may stand between
    return chosen


def _content_words(line: str) -> set[str]:
    """A line's longer words, lower-cased: what a headline and its article share."""
    return {w for w in re.findall(r"\w+", line.casefold()) if len(w) > 3}


def _is_furniture(names: str) -> bool:
    """Are half the words or more a page's section labels or widget words ("Home Music Music News")?"""
    from storyline.pipeline.lines.outlet import SECTION_WORDS
    from storyline.pipeline.textlines import _UI_WORDS as UI_WORDS

    words = [w.casefold() for w in re.findall(r"\w+", names)]
    return bool(words) and 2 * sum(w in SECTION_WORDS or w in UI_WORDS for w in words) >= len(words)


def _are_names(names: str) -> bool:
    """Do the byline names read as people's names (not a section label, a menu, an outlet)?"""
    from storyline.pipeline.lines.outlet import MEDIA_WORDS, SECTION_WORDS
    from storyline.pipeline.textlines import _UI_WORDS as UI_WORDS

    for name in names.split(", "):
        words = name.split()
        if not 2 <= len(words) <= 4 or not all(_NAME_WORD.match(w) for w in words):
            return False
        if words[0] in ("The", "A", "An") or any(
                w.casefold() in SECTION_WORDS or w.casefold() in MEDIA_WORDS or w.casefold() in UI_WORDS for w in words):
            return False
    return True


def _names_ok(names: str, line: str, byline_prob: float = 0.0,
              lower_words: Callable[[], frozenset[str]] = frozenset) -> bool:
    """Do the names read from a head line name the writers? Under a "By" they need only not be page
    furniture; without one, each must open with a known first name or an initial ("Pin It", "Give
    Feedback", "Doobie Brothers" do not), so a label or a topic is not taken for an author. A line
    the line model is sure is a byline (``byline_prob``) needs only names shaped as people's names:
    first names from everywhere are missing from any list ("Keris Lahiff", "Tanza Loudenback"), but none of
    their words may be one the page uses in lower case (``lower_words()``): "Key Points", "Skip Navigation"."""
    if _PICTURE_CREDIT.match(line) or _is_furniture(names):
        return False
    if _BY_MARK.search(line):
        return True
    if _AGENCY_CREDIT.search(line):
        return False
    if line.isupper() and any(w.casefold() in lower_words() for w in re.findall(r"\w+", names)):
        return False  # capitals hide a label's case ("KEY POINTS"): its words are the page's common words
    if byline_prob >= _SURE_BYLINE and _are_names(names) and not any(
            w.casefold() in lower_words() for w in re.findall(r"\w+", names)):
        return True
    return all(first_name_gender(name) or _INITIAL.match(name.split()[0]) for name in names.split(", ") if name.split())


def writers_only(names: str) -> str:
    """The byline's names without a publication named after the writer ("Tanza Loudenback, Business
    Insider" → "Tanza Loudenback"): a later name ending in a word publications are named with."""
    from storyline.pipeline.lines.outlet import MEDIA_WORDS

    parts = names.split(", ")
    kept = [parts[0], *(n for n in parts[1:] if n.split()[-1].casefold() not in MEDIA_WORDS)]
    return ", ".join(kept)


def _byline_below(texts: list[str], keep: list[bool]) -> str | None:
    """The writer named by an author box below the article: the name under an "About the author"
    heading, or a name line right above a bio that opens with it ("Pamela Wilson" / "Pamela Wilson
    is an online educator …"). Only lines below the first body line that are not body count."""
    first = next((i for i, k in enumerate(keep) if k), len(texts))
    below = [i for i in range(first + 1, len(texts)) if not keep[i] and texts[i].strip()]
    for k, i in enumerate(below):
        line = texts[i].strip()
        if _AUTHOR_HEADING.match(line):
            after = below[k + 1:k + 2]
        elif len(line.split()) <= 4 and (bio := next((t for t in texts[i + 1:i + 3] if t.strip()), "")) \
                and bio.startswith(line) and _BIO_OPENING.match(bio[len(line):]):
            after = [i]  # (the bio itself may have been kept as body)
        else:
            continue
        for j in after:
            names = clean_byline(texts[j]) if len(texts[j].split()) <= 6 else None
            if names and _are_names(names) and not _is_furniture(names):
                return names
    return None


def _headline_by_shape(texts: list[str], head: list[int], body_words: set[str]) -> str | None:
    """With no line the model finds headline-like: the head line above the body that reads as a headline
    (four to twenty words, no closing period, no junk rule, no byline) and shares most of its words
    with the article; of several, the one sharing the most, then the first."""
    best, best_share = None, 0.5
    for i in head:
        line = texts[i].rstrip()
        words = _content_words(line)
        if (not 4 <= len(line.split()) <= 20 or line[-1] in ".…:;,|•" or DATELINE.match(line) or name_junk(line)
                or _BY_MARK.search(line) or not words):
            continue
        share = len(words & body_words) / len(words)
        if share > best_share:
            best, best_share = line, share
    return best


def _is_headline_shape(line: str) -> bool:
    """A first line no article opens with: sentence-long but unpunctuated, not a dateline."""
    words = line.split()
    return 4 <= len(words) <= 20 and line.rstrip()[-1] not in ".!?…:;,\"”’'»)|•" and not DATELINE.match(line)


def _must_keep(line: str) -> bool:
    """Lines inside the article that are never dropped: a quotation with a reporting verb,
    a paragraph closed by a wire sign-off ("… he said. (Yonhap)")."""
    if has_reported_quote(line):
        return True
    signoff = SIGNOFF.search(line)
    return bool(signoff) and signoff.start() > 0 and _is_prose(line[: signoff.start()])


def _is_head_line(line: str) -> bool:
    """A byline ("By Matthew Digby, Minh Do on Monday, …") or a bare date stamp: head metadata, never body."""
    words = line.split()
    if BYLINE_SHAPE.match(line) and len(words) <= 20:
        names = clean_byline(line)
        return bool(names) and _names_ok(names, line)
    # A stamp holds a date's shape (the cheap test spares read_stamp the hard-wrapped lines of wire copy).
    return _stamp_shaped(line, len(words)) and read_stamp(line) is not None


def _stamp_shaped(line: str, n_words: int) -> bool:
    """Could the line be a date stamp: short and holding a date, or a little longer and opening with one
    ("October 15, 2018/0 Comments/in News /by admin"). A longer line holding a date is a sentence, and
    read_stamp is dear on the hard-wrapped lines of wire copy."""
    if n_words > _STAMP_MAX_WORDS:
        return False
    date = DATE_SHAPE.search(line)
    if date is None or not (n_words <= _STAMP_WORDS or date.start() <= _STAMP_OPENING):
        return False
    # A stamp's other words are stamp words ("Updated", "at", "ET", "by admin"); a sentence about a
    # date has words of its own ("Page was born on April 22, 1923, in Nashville").
    rest = line[:date.start()] + " " + line[date.end():]
    return sum(1 for w in _LOWER_WORD.findall(rest) if w not in _STAMP_VOCABULARY) < 2


def _head_kept_as_body(lines: list[Line], keep: list[bool]) -> None:
    """Unkeep a byline or date stamp the model kept among the first lines it calls body.

    Where a page opens straight on its headline, the model can read headline, byline and
    lead as one run of body; a byline or stamp there is still the head, and the lines
    above it are the headline and standfirst (``_headline_above_head``).
    """
    kept = [i for i, k in enumerate(keep) if k][:_HEAD_IN_BODY]
    for i in kept:
        if i < _TOP_LINES + _HEAD_IN_BODY and _is_head_line(lines[i].text):
            keep[i] = False


def _headline_above_head(reading: Reading, labelled: list[Labelled], keep: list[bool]) -> None:
    """With no headline read: the line right above the byline or date stamp is the headline, as news
    pages print it (headline, perhaps a standfirst, then byline and date, then the article). Metadata
    lines between are skipped; of two headline-shaped lines stacked there (headline and standfirst),
    the one the model finds likelier a headline is taken."""
    marks = [i for i in (reading.byline_line, reading.date_line) if i is not None]
    if not marks:
        return
    mark = min(marks)
    found: list[int] = []
    i = mark - 1
    while i >= 0 and mark - i <= _HEAD_IN_BODY + len(found) and len(found) < 2:
        text = labelled[i].line.text
        if not found and not keep[i] and (parse_head_line(text) or read_stamp(text) or BYLINE_SHAPE.match(text)):
            i -= 1
            continue  # the date above the byline, or the byline above the date
        if not _reads_as_headline(text):
            break
        found.append(i)
        i -= 1
    if not found:
        return
    best = max(found, key=lambda j: labelled[j].probs["headline"])
    keep[best] = False
    reading.title = labelled[best].line.text
    labelled[best] = Labelled(labelled[best].line, "headline", labelled[best].probs)


# Menu labels the scrape ran together ("BabywearingColoradoFamily"): two joins inside one word
# (a name has one at most: "iPhone", "McDonald's", "YouTube").
_JOIN = re.compile(r"[a-z][A-Z][a-z]")
# A stamp in any language: a year and a time of day on a short line ("sexta-feira, 22 de outubro de
# 2010 às 20:13", "2019年11月19日 10:30"), where read_stamp knows only English month names.
_YEAR_AND_TIME = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d).*?(?<!\d)[012]?\d[:h][0-5]\d(?!\d)|"
                            r"(?<!\d)[012]?\d[:h][0-5]\d(?!\d).*?(?<!\d)(?:19|20)\d\d(?!\d)")
_ANY_STAMP_MAX_WORDS = 10


def _glued_menu(words: list[str]) -> bool:
    """Is one of the words menu labels run together?"""
    return any(len(_JOIN.findall(w)) >= 2 for w in words)


def _any_stamp(text: str, n_words: int) -> bool:
    """A short line holding a year and a time of day: a date stamp, whatever its language."""
    return n_words <= _ANY_STAMP_MAX_WORDS and _YEAR_AND_TIME.search(text) is not None


def _reads_as_headline(text: str) -> bool:
    """Could the line be a headline: two to thirty words, not closed like a sentence part or a label,
    no dateline, junk rule, markup, masthead, stamp or run-together menu."""
    words = text.split()
    closing = text.rstrip(" \"”’'»)")[-1:]  # a sentence closed inside quotes ends '."'
    return (2 <= len(words) <= 30 and closing not in ".…:;,|•" and "\t" not in text
            and not _glued_menu(words) and not _any_stamp(text, len(words))
            and not DATELINE.match(text) and not name_junk(text) and not _MARKUP.search(text)
            and not parse_masthead(text) and not read_stamp(text) and not BYLINE_SHAPE.match(text))


def _caption_blocks(lines: list[Line], keep: list[bool]) -> set[int]:
    """Kept lines that form a caption block: in a text whose paragraphs are set apart by blank
    lines, two or more short lines packed together (picture alt text, caption, credit), one of
    them describing a picture ("X speaks during …") or crediting it."""
    kept = [i for i, k in enumerate(keep) if k]
    spaced = sum(lines[i].blank_before or lines[i].blank_after for i in kept)
    if len(kept) < 5 or spaced < 0.7 * len(kept):
        return set()
    found: set[int] = set()
    i = 0
    while i < len(lines):
        j = i
        while j + 1 < len(lines) and not lines[j].blank_after:
            j += 1
        block = range(i, j + 1)
        if (len(block) >= 2 and all(len(lines[k].text.split()) <= 25 for k in block)
                and any(CAPTION_VERB.search(lines[k].text) or junk_reason(lines[k].text) for k in block)
                and not any(has_reported_quote(lines[k].text) for k in block)):
            found.update(k for k in block if keep[k])
        i = j + 1
    return found


_SENTENCE_INSIDE = re.compile(r"\w[.!?…][\"”’']?\s+[\"“‘']?[A-Z]")


def _is_prose(line: str) -> bool:
    """Sentences, not a label: eight words or more, ending a sentence or holding a whole one."""
    return len(line.split()) >= 8 and (line.rstrip()[-1] in ".!?…\"”’'" or bool(_SENTENCE_INSIDE.search(line)))


def _split_tail(line: str) -> list[tuple[str, bool, str | None]]:
    """A body line, less any junk sentences glued to its end (a bio, a credit, a prompt)."""
    sentences = split_sentences(line)
    if len(sentences) < 2:
        return [(line, True, None)]
    cut = len(sentences)
    while cut > 1:
        sentence = sentences[cut - 1].text
        reason = junk_reason(sentence)
        if reason not in _TAIL_JUNK or has_reported_quote(sentence):
            break
        cut -= 1
    if cut == len(sentences):
        return [(line, True, None)]
    split_at = sentences[cut].start
    tail = line[split_at:].strip()
    return [(line[:split_at].rstrip(), True, None), (tail, False, junk_reason(sentences[cut].text))]


def _read_head(reading: Reading, labelled: list[Labelled], keep: list[bool], first_body: int, title: str | None) -> None:
    """Headline, byline, date stamp and outlet from the labelled lines."""
    above = range(max(0, min(first_body, len(labelled)) - _HEAD_SPAN), min(first_body, len(labelled)))
    # The scrape's first lines count too: a quote pulled above the headline can open the body early.
    head = sorted(set(above) | {i for i in range(min(_TOP_LINES, len(labelled))) if not keep[i]})
    texts = [lab.line.text for lab in labelled]
    candidates = [i for i in head if not keep[i] and 2 <= len(texts[i].split()) <= 30 and not BYLINE_SHAPE.match(texts[i])
                  and "\t" not in texts[i] and not _MARKUP.search(texts[i]) and not parse_masthead(texts[i]) and not read_stamp(texts[i])
                  and not _any_stamp(texts[i], len(texts[i].split()))]
    labelled_head = [i for i in candidates if labelled[i].label == "headline"]
    # Of several headline-like lines (a page lists other stories' headlines too), the article's
    # own shares its words with the body.
    body_words = {w for t, k in zip(texts, keep) if k for w in _content_words(t)}

    def fit(i: int) -> float:
        words = _content_words(texts[i])
        # A page's headline stands a few lines above its first paragraph (byline, date, picture between);
        # menus, promos and other stories' headlines stand further up.
        near = 1.0 / (1.0 + max(0, first_body - i - _NEAR_BODY) / _NEAR_BODY)
        return labelled[i].probs["headline"] * (0.25 + (len(words & body_words) / len(words) if words else 0.0)) * near

    if not title and labelled_head:
        reading.title = texts[max(labelled_head, key=fit) if len(labelled_head) > 1 else labelled_head[0]]
    elif not title:
        likely = [i for i in candidates if labelled[i].probs["headline"] >= _HEADLINE_MIN_PROB]
        if likely:
            reading.title = texts[max(likely, key=fit)]
        else:
            reading.title = _headline_by_shape(texts, [i for i in candidates if i < first_body], body_words)
    if not title and reading.title is not None and len(candidates) > 1:
        # The rules above say whether the page shows a headline; the learned ranker says which line it is.
        meta: dict[int, bool] = {}

        def is_meta(i: int) -> bool:
            if i not in meta:
                meta[i] = (labelled[i].label in ("byline", "date") or bool(BYLINE_SHAPE.match(texts[i]))
                           or (_stamp_shaped(texts[i], len(texts[i].split())) and read_stamp(texts[i]) is not None))
            return meta[i]

        feats = headline_ranker.candidate_features(candidates, texts, [lab.label for lab in labelled],
                                            [lab.probs["headline"] for lab in labelled], first_body, body_words, is_meta)
        reading.headline_candidates = [(texts[i], f) for i, f in zip(candidates, feats)]
        top = headline_ranker.best(feats)
        scores = [headline_ranker.score(f) for f in feats]
        near = [i for i, z in zip(candidates, scores) if z >= scores[top] - _PAIR_MAX_DOUBT]
        reading.title = texts[_over_standfirst(candidates[top], near, texts, body_words)]
    by_lines = [i for i, lab in enumerate(labelled) if lab.label == "byline"]
    by_lines += sorted((i for i in head if i not in by_lines and labelled[i].probs["byline"] >= 0.2),
                       key=lambda i: -labelled[i].probs["byline"])
    by_lines += [i for i in reversed(head) if i not in by_lines and BYLINE_SHAPE.match(texts[i])]  # "By …" near the body
    # A head line marking its names with "by" after a date or a label ("11/19/2019 by Lars Brandle") before any
    # line of names alone, which may be a picture's credit.
    dated_by = [i for i in head if len(texts[i].split()) <= 12 and (by := _INNER_BY.search(texts[i]))
                and by.start() > 0 and read_stamp(texts[i][:by.start()])]
    by_lines = dated_by + [i for i in by_lines if i not in dated_by]

    @functools.cache
    def lower_words() -> frozenset[str]:  # read only when a byline's first name is unknown
        return frozenset(w for t in texts for w in _LOWER_WORD.findall(t))

    for i in by_lines:
        names = clean_byline(texts[i]) if len(texts[i].split()) <= 20 else None
        names = writers_only(names) if names else names
        if names and not read_stamp(names) and _names_ok(names, texts[i], labelled[i].probs["byline"], lower_words):
            reading.byline, reading.byline_line = names, i
            break
    if reading.byline is None:
        # No line the model calls a byline: a head line that reads as names only ("Molly Wood",
        # "Catherine Shu @catherineshu / 2 days", "Nov 18, 2019 7:45 am PST by Joe Rossignol").
        headline = title or reading.title
        # (The first body line too, when short: a byline the model kept, "VICTOR TANGERMANN, FUTURISM".)
        first_kept = [j for j in range(first_body, min(first_body + 1, len(texts))) if len(texts[j].split()) <= 6]
        for i in sorted(set(head) | set(range(min(3, len(texts)))) | set(first_kept), key=lambda j: (j not in head, -j)):
            line = texts[i]
            if len(line.split()) > 14 or (headline and _norm(line) == _norm(headline)) or line.rstrip()[-1] in ".!?":
                continue
            names = clean_byline(line)
            # The names must be most of the line's first segment (before a role, an outlet or a date),
            # unless "by" or a handle says whose they are.
            lead = _SEGMENT.split(line, maxsplit=1)[0]
            if not names or (2 * len(names.split()) < len(lead.split()) and not _INNER_BY.search(line) and "@" not in line):
                continue
            if _are_names(names) and _names_ok(names, line, lower_words=lower_words):
                reading.byline, reading.byline_line = names, i
                keep[i] = False  # a byline the model kept as body ("Catherine Shu @catherineshu / 2 days")
                break
    if reading.byline is None:
        # No byline in the head: the author box below the article. (Its line is not the head's
        # byline line, which marks where the headline stands above.)
        reading.byline = _byline_below(texts, keep)
    # The article's own stamp stands with its headline and byline (on the byline's line or just under
    # either); a page prints other dates too: today's date in its masthead, other stories' stamps, posts.
    headline = title or reading.title
    anchors = [reading.byline_line] if reading.byline_line is not None else []
    anchors += [i for i in head if headline and _norm(texts[i]) == _norm(headline)][:1]
    date_lines = [j for a in anchors for j in range(a, min(len(texts), a + 1 + _STAMP_UNDER))
                  if _stamp_shaped(texts[j], len(texts[j].split()))]
    date_lines += [i for i, lab in enumerate(labelled) if lab.label in ("date", "byline", "headline") and i in head]
    date_lines += [i for i, lab in enumerate(labelled) if lab.label == "date" and i not in head]
    date_lines += sorted((i for i in head if labelled[i].probs["date"] >= 0.1), key=lambda i: -labelled[i].probs["date"])
    date_lines += [i for i in head if (info := parse_head_line(texts[i])) and info.published]
    date_lines += [i for i in reversed(head) if len(texts[i].split()) <= 12]  # a bare date nearest the body
    for i in date_lines:
        if len(texts[i].split()) <= 25 and (stamp := read_stamp(texts[i])):
            reading.published = stamp
            reading.date_line = i
            break
    people = set(reading.byline.split(", ")) if reading.byline else set()
    headline = title or reading.title
    found = rank_outlet(texts, keep, bylines=[texts[i] for i in by_lines[:3]], people=people,
                        exclude=[headline] if headline else [])
    if found:
        reading.outlet, reading.outlet_rule = found[0], found[2]
        if reading.byline and _norm(reading.byline) == _norm(found[0]):  # "Rolling Stone" read as a name
            reading.byline = reading.byline_line = None
    elif wire := wire_outlet(texts, keep):  # no publisher's name on the page: the wire that sent the story
        reading.outlet, reading.outlet_rule = wire

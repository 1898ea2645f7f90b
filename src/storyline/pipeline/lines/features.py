"""Line features for the learned line labeller.

One feature dict per non-empty line of a plain-text scrape, describing the
line's shape (length, punctuation, case, stop words, digits), what kind of
metadata it looks like (date, time, byline, copyright, URL), where it sits
(position, blank lines around it, inside or outside the run of prose), how
it relates to the other lines (repeats, restates, resembles its neighbours),
which named junk rules of ``textlines`` it matches, and the same summary of
its neighbours. Nothing here names a publisher: the features are about
news pages in general, so the model can carry over to outlets it never saw.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from storyline.pipeline.lines.shapes import (
    BYLINE_SHAPE,
    CAPTION_VERB,
    COPYRIGHT,
    DATE_SHAPE,
    QUOTE_CHARS,
    SIGNOFF,
    TIME_SHAPE,
    has_reported_quote,
)
from storyline.pipeline.metadata import DATELINE
from storyline.pipeline.regex_prefilter import Prefiltered
from storyline.pipeline.textlines import junk_rule_ids

_WORD = re.compile(r"\w+", re.UNICODE)
# How many of a scrape's most frequent words count as its function words.
_N_STOP = 30
_TERMINAL = re.compile(r"""[.!?…]["”’'»)\]]*\s*$""")
_URL = re.compile(r"https?://|www\.|\.(com|org|net|co\.uk)\b", re.I)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_HANDLE = re.compile(r"(^|\s)@\w+")
# "Sakib Ali/Hindustan Times/Getty Images", "Photo: AFP", "(Reuters)": who took or sent a picture.
_CREDIT = re.compile(r"^[A-Z][\w.' -]{1,40}(?:/[A-Z][\w.' -]{1,40})+$|^\(?[A-Z][\w.&' -]{1,30}\)?$")
# A prose line: long enough and closed like a sentence.
_PROSE_WORDS = 10


@dataclass(frozen=True, slots=True)
class Line:
    """A non-empty, stripped line and whether blank lines surround it in the scrape."""

    text: str
    blank_before: bool = False
    blank_after: bool = False


def split_lines(text: str) -> list[Line]:
    """The non-empty lines of a scrape, stripped, with the blank lines around them noted."""
    raw = [line.strip() for line in text.splitlines()]
    out: list[Line] = []
    for i, line in enumerate(raw):
        if line:
            out.append(Line(line, i > 0 and not raw[i - 1], i + 1 < len(raw) and not raw[i + 1]))
    return out


def _bucket(value: float, edges: tuple[float, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return str(edge)
    return "more"


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN_LETTER = re.compile(r"[^\W\d_\u0000-\u02FF]")
_DIGIT = re.compile(r"\d")
_QUOTE_SET = frozenset(QUOTE_CHARS)
# Unanchored alternations searched behind a substring test (see textlines._PREFILTERED).
_COPYRIGHT = Prefiltered(COPYRIGHT)
_CAPTION_VERB = Prefiltered(CAPTION_VERB)


def _count_upper_letters(text: str) -> int:
    """Upper-case letters (an ASCII line counts in C; elsewhere Roman numerals and the like are upper but no letters)."""
    if text.isascii():
        return sum(map(str.isupper, text))
    return sum(1 for c in text if c.isupper() and c.isalpha())


def _is_latin(text: str) -> bool:
    if text.isascii():  # no letter beyond U+02FF
        return True
    letters = len(_LETTER.findall(text))
    return not letters or len(_NON_LATIN_LETTER.findall(text)) <= 0.5 * letters


def _shape(line: str, stop: frozenset[str], latin: bool) -> dict[str, str]:
    """The features of one line on its own (also copied onto its neighbours).

    ``stop`` are the scrape's own function words (its most frequent words,
    whatever its language) and ``latin`` whether its prose is in Latin script.
    """
    signoff = SIGNOFF.search(line)
    if signoff and signoff.start() > 0:
        line = line[: signoff.start()]  # judge "… he said. (Yonhap)" as "… he said."
    words = line.split()
    tokens = _words(line)
    n_letters = sum(map(str.isalpha, line))
    caps = [w for w in words if len(w) > 3 and w[0].isalpha()]
    last = line.rstrip()[-1]
    first = line[0]
    has_digit = _DIGIT.search(line) is not None
    f = {
        "nw": _bucket(len(words), (1, 2, 3, 5, 8, 12, 20, 35, 60)),
        "end": "term" if _TERMINAL.search(line) else ("colon" if last == ":" else ("pipe" if last in "|•" else "open")),
        "first": "upper" if first.isupper() else "lower" if first.islower() else "digit" if first.isdigit()
        else "quote" if first in QUOTE_CHARS else "other",
        "title": _bucket(sum(w[0].isupper() for w in caps) / len(caps), (0.2, 0.5, 0.8, 0.99)) if caps else "none",
        "upper": _bucket(_count_upper_letters(line) / n_letters, (0.1, 0.3, 0.7)) if n_letters else "none",
        "stop": _bucket(sum(map(stop.__contains__, tokens)) / len(tokens), (0.0, 0.1, 0.2, 0.3, 0.45)) if tokens else "none",
        "nc": _bucket(len(line), (10, 20, 40, 80, 160, 320)),
        "digit": _bucket(sum(map(str.isdigit, line)) / len(line), (0.0, 0.05, 0.15, 0.3)),
        "other_script": str(_is_latin(line) != latin),
    }
    # The cheap tests before each search skip what cannot match (a date or a time needs a digit,
    # an e-mail or handle an "@", a copyright notice one of its words); most prose lines fail them.
    lower = line.lower()
    has_at = "@" in line
    flags = {
        "date": has_digit and DATE_SHAPE.search(line), "time": has_digit and TIME_SHAPE.search(line),
        "by": BYLINE_SHAPE.match(line),
        "copy": _COPYRIGHT.search(line, lower),
        "url": _URL.search(line), "email": has_at and _EMAIL.search(line),
        "handle": has_at and _HANDLE.search(line), "pipe": "|" in line, "quote": not _QUOTE_SET.isdisjoint(line),
        "repquote": has_reported_quote(line), "paren_end": line.rstrip().endswith(")"),
        "credit_shape": _CREDIT.search(line), "signoff": signoff, "caption_verb": _CAPTION_VERB.search(line, lower),
        "dateline": DATELINE.match(line),
    }
    f.update({k: "1" for k, v in flags.items() if v})
    for rule in junk_rule_ids(line):
        f["rule=" + rule] = "1"
    return f


def _add_topic(shapes: list[dict[str, str]], tokens: list[list[str]], stop: frozenset[str], texts: list[str]) -> None:
    """How much of a line's vocabulary the scrape's other prose lines share ("topic").

    The article's own paragraphs, headline and captions share its names and
    words; menus, teasers of other stories and prompts do not.
    """
    prose = [i for i, t in enumerate(texts) if len(t.split()) >= _PROSE_WORDS or len(t) >= 80]
    df: Counter[str] = Counter()
    for i in prose:
        df.update(set(tokens[i]))
    common = {w for w, n in df.items() if n > 0.6 * len(prose) and len(prose) >= 5}  # function words
    content = [{t for t in toks if t not in stop and t not in common and len(t) > 3 and not t.isdigit()}
               for toks in tokens]
    prose_set = set(prose)
    for i, words in enumerate(content):
        if not words:
            shapes[i]["topic"] = "none"
            continue
        own = 1 if i in prose_set else 0
        shared = sum(1 for w in words if df[w] - own >= 2) / len(words)
        shapes[i]["topic"] = _bucket(shared, (0.0, 0.15, 0.3, 0.5, 0.7))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def line_features(lines: list[Line]) -> list[dict[str, str]]:
    """The feature dict of every line, in order (crfsuite's item format: name → value)."""
    n = len(lines)
    texts = [ln.text for ln in lines]
    tokens = [_words(t) for t in texts]
    # Function words are short in most languages; a short article's names must not count as stop words.
    frequent = Counter(t for toks in tokens if len(toks) >= 8 for t in toks if len(t) <= 4)
    stop = frozenset(t for t, _ in frequent.most_common(_N_STOP))
    latin = _is_latin(" ".join(t for t in texts if len(t) >= 80) or " ".join(texts))
    shapes = [_shape(t, stop, latin) for t in texts]
    _add_topic(shapes, tokens, stop, texts)
    sets = [set(t) for t in tokens]
    keys = [" ".join(t) for t in tokens]
    counts = Counter(keys)
    prose = [i for i, t in enumerate(texts) if (len(t.split()) >= _PROSE_WORDS or len(t) >= 80) and _TERMINAL.search(t)]
    prose_lines = set(prose)
    first_prose, last_prose = (prose[0], prose[-1]) if prose else (n, -1)
    longest = max((len(t) for t in tokens), default=1) or 1
    # Word 4-grams of the prose lines: a caption or teaser restating a body sentence shares them.
    grams: Counter[tuple[str, ...]] = Counter()
    line_grams = [set(zip(t, t[1:], t[2:], t[3:])) for t in tokens]
    for i in prose:
        grams.update(line_grams[i])
    # How much of the whole text is prose: a scraper's extracted body is nearly all
    # prose, a page nearly all menus; a line is judged against the kind of text it is in.
    prose_share = _bucket(len(prose) / n, (0.2, 0.4, 0.6, 0.8)) if n else "none"
    spaced = int(bool(prose) and sum(lines[i].blank_before or lines[i].blank_after for i in prose) >= 0.7 * len(prose))
    # What each line tells the lines around it, keyed by their offset to it (built once per line).
    context = [_as_context(shape) for shape in shapes]
    seen: set[str] = set()
    out: list[dict[str, str]] = []
    for i, ln in enumerate(lines):
        f = {"bias": "1", **shapes[i]}
        f["prose_share"] = prose_share
        if "nw" in f:
            f["prose_share_nw"] = prose_share + f["nw"]
        f["pos"] = str(i) if i < 6 else _bucket(i / n, (0.1, 0.25, 0.5, 0.75, 0.9))
        f["from_end"] = str(n - 1 - i) if n - 1 - i < 4 else "far"
        f["blank"] = f"{int(ln.blank_before)}{int(ln.blank_after)}"
        f["blank_style"] = f"{spaced}{f['blank']}"  # a line packed tight in a text whose paragraphs are spaced
        f["zone"] = "before" if i < first_prose else "after" if i > last_prose else "within"
        near = min((abs(i - j) for j in prose), default=99)
        f["to_prose"] = _bucket(near, (0, 1, 2, 4, 8))
        f["rel_len"] = _bucket(len(tokens[i]) / longest, (0.05, 0.15, 0.3, 0.6))
        if counts[keys[i]] > 1:
            f["repeated"] = "later" if keys[i] in seen else "first"
        seen.add(keys[i])
        half = len(tokens[i]) // 2
        if half >= 3 and tokens[i][:half] == tokens[i][half:2 * half]:
            f["self_repeat"] = "1"
        if line_grams[i] and i not in prose_lines:
            shared = sum(1 for g in line_grams[i] if g in grams) / len(line_grams[i])
            f["restates"] = _bucket(shared, (0.0, 0.3, 0.7))
        for d in (-1, 1):
            j = i + d
            f[f"sim{d}"] = _bucket(_jaccard(sets[i], sets[j]), (0.1, 0.3, 0.6)) if 0 <= j < n else "edge"
        for d in (-2, -1, 1, 2):
            j = i + d
            if not 0 <= j < n:
                f[f"{d}:edge"] = "1"
                continue
            f.update(context[j][d])
        out.append(f)
    return out


_CONTEXT_FEATURES = ("nw", "end", "title", "stop", "date", "by", "upper", "dateline", "topic")


def _as_context(shape: dict[str, str]) -> dict[int, dict[str, str]]:
    """A line's summary as its neighbours at offset -2, -1, 1 and 2 see it (the adjacent ones also see its rules)."""
    summary = [(name, shape[name]) for name in _CONTEXT_FEATURES if name in shape]
    rules = [(k, v) for k, v in shape.items() if k.startswith("rule=")]
    return {d: {f"{d}:{k}": v for k, v in (summary + rules if abs(d) == 1 else summary)} for d in (-2, -1, 1, 2)}


def crf_items(features: list[dict[str, str]]) -> list[list[str]]:
    """Feature dicts as crfsuite attribute strings ("name=value")."""
    return [[f"{k}={v}" for k, v in f.items()] for f in features]

"""From line labels to a reading of a scrape: body lines, removed lines with reasons, head metadata.

The model says what each line is; this module applies what the model must
not decide alone. A line carrying a quotation with a reporting verb inside
the article is never dropped. A body line with junk glued on (an author bio
after the last sentence, a credit after a caption) is split at the sentence
boundary and only the junk goes. Each removed line gets a reason: the
model's label for metadata lines, else the kind of junk a named rule of
``textlines`` recognises, else "boilerplate".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.pipeline.lines.features import Line, split_lines
from storyline.pipeline.lines.model import Labelled, label_lines
from storyline.pipeline.lines.shapes import BYLINE_SHAPE, CAPTION_VERB, SIGNOFF, has_reported_quote
from storyline.pipeline.metadata import DATELINE, clean_byline, find_outlet, parse_masthead, read_stamp
from storyline.pipeline.sentences import split_sentences
from storyline.pipeline.textlines import junk_reason

# A line is body when the model gives it at least this probability (chosen by
# publisher-grouped cross-validation in benchmarks/train_lines.py: recall of
# the body matters more than a stray line of junk).
BODY_MIN_PROB = 0.3
# Head metadata is looked for in the lines right above the first body line, at most this many.
_HEAD_SPAN = 40
# The likeliest headline line is taken when the model gives it at least this (a text may have none).
_HEADLINE_MIN_PROB = 0.02
# Junk a sentence at the end of a body line can be (split off, the rest kept).
_TAIL_JUNK = frozenset({"author bio", "newsletter prompt", "photo credit", "related link", "footer", "cookie prompt"})
_REASONS = {"headline": "headline", "byline": "byline", "date": "date stamp"}


@dataclass(slots=True)
class Reading:
    """What a scrape says: (text, kept, reason) per line or part of a line, and head metadata."""

    parts: list[tuple[str, bool, str | None]] = field(default_factory=list)
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    outlet: str | None = None
    outlet_rule: str | None = None


def _norm(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


def read_scrape(text: str, title: str | None = None) -> Reading:
    """Read a plain-text scrape; ``title`` is the declared headline, if any."""
    lines = split_lines(text)
    labelled = label_lines(lines)
    reading = Reading()
    keep = [lab.label == "body" or lab.probs["body"] >= BODY_MIN_PROB for lab in labelled]
    if not title and len(lines) > 1 and keep[1] and _is_headline_shape(lines[0].text):
        keep[0] = False  # the text opens with a headline right above the first paragraph
        labelled[0] = Labelled(lines[0], "headline", labelled[0].probs)
    if title:  # a declared title: its line is the headline, whatever the model thought
        for i, lab in enumerate(labelled):
            if _norm(lab.line.text) == _norm(title):
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
    captions = _caption_blocks(lines, keep)
    seen: set[str] = set()
    for i, lab in enumerate(labelled):
        line = lab.line.text
        key = _norm(line)
        if keep[i] and key in seen and len(key) > 0:
            reading.parts.append((line, False, "repeated line"))
        elif keep[i] and i in captions:
            reading.parts.append((line, False, junk_reason(line) or "photo caption"))
        elif keep[i]:
            reading.parts.extend(_split_tail(line))
        else:
            reason = _REASONS.get(lab.label) or ("repeated line" if key in seen else junk_reason(line) or "boilerplate")
            reading.parts.append((line, False, reason))
        seen.add(key)
    _read_head(reading, labelled, first, title)
    return reading


def _is_headline_shape(line: str) -> bool:
    """A first line no article opens with: sentence-long but unpunctuated, not a dateline."""
    words = line.split()
    return 4 <= len(words) <= 20 and line.rstrip()[-1] not in ".!?…:;,\"”’'»)" and not DATELINE.match(line)


def _must_keep(line: str) -> bool:
    """Lines inside the article that are never dropped: a quotation with a reporting verb,
    a paragraph closed by a wire sign-off ("… he said. (Yonhap)")."""
    if has_reported_quote(line):
        return True
    signoff = SIGNOFF.search(line)
    return bool(signoff) and signoff.start() > 0 and _is_prose(line[: signoff.start()])


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


def _is_prose(line: str) -> bool:
    return len(line.split()) >= 8 and line.rstrip()[-1] in ".!?…\"”’'"


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


def _read_head(reading: Reading, labelled: list[Labelled], first_body: int, title: str | None) -> None:
    """Headline, byline, date stamp and outlet from the labelled lines."""
    head = range(max(0, min(first_body, len(labelled)) - _HEAD_SPAN), min(first_body, len(labelled)))
    texts = [lab.line.text for lab in labelled]
    labelled_head = [i for i in head if labelled[i].label == "headline"]
    if not title and labelled_head:
        reading.title = texts[labelled_head[0]]
    elif not title:
        candidates = [i for i in head if len(texts[i].split()) <= 30 and not BYLINE_SHAPE.match(texts[i])
                      and not parse_masthead(texts[i])]
        best = max(candidates, key=lambda i: labelled[i].probs["headline"], default=None)
        if best is not None and labelled[best].probs["headline"] >= _HEADLINE_MIN_PROB:
            reading.title = texts[best]
    by_lines = [i for i, lab in enumerate(labelled) if lab.label == "byline"]
    by_lines += sorted((i for i in head if i not in by_lines and labelled[i].probs["byline"] >= 0.2),
                       key=lambda i: -labelled[i].probs["byline"])
    for i in by_lines:
        names = clean_byline(texts[i]) if len(texts[i].split()) <= 20 else None
        if names and not read_stamp(names):
            reading.byline = names
            break
    date_lines = [i for i, lab in enumerate(labelled) if lab.label in ("date", "byline", "headline") and i in head]
    date_lines += [i for i, lab in enumerate(labelled) if lab.label == "date" and i not in head]
    date_lines += sorted((i for i in head if labelled[i].probs["date"] >= 0.1), key=lambda i: -labelled[i].probs["date"])
    for i in date_lines:
        if len(texts[i].split()) <= 25 and (stamp := read_stamp(texts[i])):
            reading.published = stamp
            break
    found = find_outlet([t for t, k, _ in reading.parts if not k], bylines=[texts[i] for i in by_lines])
    if found:
        reading.outlet, reading.outlet_rule = found

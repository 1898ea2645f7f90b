"""Silver line labels for the AEB scrapes, made by aligning each line to the gold.

The gold (``../shared/data/scrapes/aeb/gold.json``: ``body``, ``title``,
``byline``, ``published``, ``outlet``) says what the article is, not which
line is what; a line's label is read off by aligning it:

* ``body``: most of the line's word 4-grams (or, for a short line, the
  whole line) occur in the gold body; a later copy of a body line is junk;
* ``headline``: the line is the gold title (or most of it), the first copy
  above the body;
* ``byline``: a short line naming a gold author's surname, or "By …";
* ``date``: a short line whose date is the gold publication day;
* ``junk``: everything else (captions, widgets, links, bios, prompts, footers).

Labels are made at run time and never stored with the text.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from storyline.pipeline.lines.features import Line, split_lines
from storyline.pipeline.lines.shapes import BYLINE_SHAPE, DATE_SHAPE
from storyline.pipeline.metadata import clean_byline, format_published

SCRAPES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "scrapes" / "aeb"
AEB = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "extraction" / "aeb"
_WORD = re.compile(r"\w+")


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _grams(tokens: list[str]) -> list[tuple[str, ...]]:
    return [tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3)]


def _is_title(line: str, title: str) -> bool:
    a, b = " ".join(_tokens(line)), " ".join(_tokens(title))
    if not a or not b:
        return False
    return a == b or (b in a and len(b) >= 0.6 * len(a)) or (a in b and len(a) >= 0.6 * len(b))


def _surnames(byline: list[str] | str | None) -> set[str]:
    names = byline if isinstance(byline, list) else [byline] if byline else []
    out: set[str] = set()
    for name in names:
        for person in (clean_byline(name) or "").split(","):
            words = _tokens(person)
            if words and len(words[-1]) > 2:
                out.add(words[-1])
    return out


def _shows_day(line: str, day: str) -> bool:
    for match in DATE_SHAPE.finditer(line):
        value = format_published(match.group(0))
        if value and value[:10] == day:
            return True
    return False


def label_doc(lines: list[Line], gold: dict) -> list[str]:
    """One silver label per line."""
    body = gold.get("body") or ""
    body_grams = Counter(_grams(_tokens(body)))
    paragraphs = {" ".join(_tokens(p)) for p in body.split("\n") if p.strip()}
    labels = ["junk"] * len(lines)
    used: Counter[tuple[str, ...]] = Counter()
    for i, line in enumerate(lines):
        tokens = _tokens(line.text)
        grams = _grams(tokens)
        if grams:
            hits = [g for g in grams if used[g] < body_grams[g]]
            if len(hits) >= 0.6 * len(grams):
                labels[i] = "body"
                used.update(hits)
        elif tokens and " ".join(tokens) in paragraphs:
            key = ("short",) + tuple(tokens)
            if not used[key]:
                labels[i] = "body"
                used[key] += 1
    first_body = next((i for i, lab in enumerate(labels) if lab == "body"), len(lines))
    title = gold.get("title")
    if title:
        matches = [i for i, ln in enumerate(lines) if labels[i] == "junk" and _is_title(ln.text, title)]
        above = [i for i in matches if i < first_body]
        if matches:
            labels[(above or matches)[0]] = "headline"
    surnames = _surnames(gold.get("byline"))
    day = gold.get("published")
    for i, line in enumerate(lines):
        if labels[i] != "junk":
            continue
        words = line.text.split()
        tokens = set(_tokens(line.text))
        by_shape = bool(BYLINE_SHAPE.match(line.text)) and len(words) <= 20
        if surnames and ((tokens & surnames and len(words) <= 12) or (by_shape and tokens & surnames)):
            labels[i] = "byline"
        elif not surnames and by_shape and len(words) <= 10:
            labels[i] = "byline"
        elif len(words) <= 25 and day and _shows_day(line.text, day):
            labels[i] = "date"
    return labels


def load(cut: str) -> list[tuple[str, str, list[Line], list[str]]]:
    """(id, domain, lines, silver labels) for every scrape of one cut ("region" or "page")."""
    gold = json.loads((SCRAPES / "gold.json").read_text(encoding="utf-8"))
    urls = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    docs = []
    for doc_id in sorted(gold):
        lines = split_lines((SCRAPES / cut / f"{doc_id}.txt").read_text(encoding="utf-8"))
        if not lines:
            continue
        docs.append((doc_id, domain(urls[doc_id]["url"]), lines, label_doc(lines, gold[doc_id])))
    return docs


def domain(url: str) -> str:
    """The publisher of a URL: its registered-looking name ("news.bbc.co.uk" → "bbc")."""
    host = re.sub(r"^https?://", "", url).split("/")[0].lower().removeprefix("www.")
    parts = [p for p in host.split(".") if p not in ("com", "co", "uk", "org", "net", "in", "au", "ca", "de")]
    return parts[-1] if parts else host

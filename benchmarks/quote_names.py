"""Who a quote is credited to, by name: the labels, the matching and the ingest path of ``quotes.py``.

Name accuracy asks whether the *person* a quote is credited to is right, not only
the words that name them. For a gold source that names someone ("Jane Smith", "Smith,
a spokeswoman"), the person is the name inside it. For a gold source that is a pronoun
("he") or a description ("the senator", "the statement"), the person is in
``labels/speaker_names.jsonl``: for a hash-spread sample of PolNeAR train attributions,
a team member read the article and recorded the character span of a mention of the
person or body meant (two spans for "they" = two people), or marked that nobody is
named (``unnamed``: "a Democratic strategist") or that the case has no single speaker
(``skip``: "a grand jury indictment"). Only ids, offsets and a hash of the text are
stored. The labels were made before any change of the speaker rules they measure.

A predicted name matches a gold one when their last words agree (possessives,
honorifics and "the" aside) and, when both have two words or more, their first words
too ("Bill Clinton" is not "Hillary Clinton"; "Clinton" is either); a one-word name
also matches a longer one that holds it ("Ban" and "Ban Ki-moon"). A gold mention is
first widened to the fullest name spaCy tags in the article that ends the same way,
when only one person does ("Clinton" → "Hillary Clinton" in an article that names no
other Clinton). A group is right when every gold person is credited and nobody else.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

LABELS = Path(__file__).resolve().parent / "labels" / "speaker_names.jsonl"
PRONOUNS = {"he", "she", "they", "it", "him", "her", "his", "i", "we", "both"}
_DESCRIPTION = re.compile(r"(?:the|a|an|his|her|their|its|one|another|some|this|that|these|those|two|both|"
                          r"several|many|other|our|my)\b", re.I)
_DROP = {"the", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "jr", "sr", "iii", "ii"}


@dataclass(frozen=True)
class Label:
    kind: str  # "pronoun" | "description"
    status: str  # "named" | "unnamed" | "skip"
    names: tuple[tuple[int, int], ...]
    row: int = 0  # the label's line number in the file (1-based): which labelling round it came from


def load_labels(texts: dict[str, str]) -> dict[tuple[str, tuple[tuple[int, int], ...]], Label]:
    """The labels keyed by (article, source spans); a label whose article text changed is dropped loudly."""
    found = {}
    for number, line in enumerate(LABELS.read_text(encoding="utf-8").splitlines(), 1):
        row = json.loads(line)
        text = texts.get(row["article"])
        if text is None:
            continue
        if hashlib.sha1(text.encode()).hexdigest()[:12] != row["text_sha1"]:
            print(f"warning: {row['article']} changed since it was labelled; its label is not used", file=sys.stderr)
            continue
        key = (row["article"], tuple(tuple(s) for s in row["source"]))
        found[key] = Label(row["kind"], row["status"], tuple(tuple(s) for s in row["names"]), number)
    return found


def source_kind(text: str) -> str:
    """"pronoun", "description" or "name", from the gold source's words."""
    low = text.strip().lower()
    if low in PRONOUNS:
        return "pronoun"
    return "description" if _DESCRIPTION.match(low) else "name"


def words(name: str) -> list[str]:
    """A name's words for matching: lower case, no possessive, no honorific, no "the"."""
    name = re.sub(r"['’]s?\b", "", name)
    return [w for w in re.findall(r"[\w-]+", name.lower()) if w not in _DROP]


def same_person(gold: str, pred: str) -> bool:
    g, p = words(gold), words(pred)
    if not g or not p:
        return False
    if len(g) == 1 or len(p) == 1:  # a surname alone, or a family name written first ("Ban" of "Ban Ki-moon")
        return g[-1] == p[-1] or (g[0] in p if len(g) == 1 else p[0] in g)
    return g[-1] == p[-1] and g[0] == p[0]


def same_people(gold: list[str], pred: list[str]) -> bool:
    """Every gold person credited, and nobody else."""
    return bool(gold) and bool(pred) and all(any(same_person(g, p) for p in pred) for g in gold) \
        and all(any(same_person(g, p) for g in gold) for p in pred)


def widen(name: str, people: list[str]) -> str:
    """The fullest name among ``people`` (the article's PERSON names) that ends like ``name``, if only one person does."""
    w = words(name)
    if not w:
        return name
    fuller = [p for p in people if len(words(p)) > len(w) and words(p)[-len(w):] == w]
    firsts = {words(p)[0] for p in fuller}
    return max(fuller, key=len) if len(firsts) == 1 else name


def gold_names(text: str, doc, sources: list[tuple[int, int]], label: Label | None) -> tuple[str, list[str] | None]:
    """(kind, the names of the people meant) of a gold source; names None when unknown or unnamed."""
    src = " ".join(text[a:b] for a, b in sources)
    kind = source_kind(src)
    people = [e.text for e in doc.ents if e.label_ == "PERSON"]
    if kind != "name":
        if label is None or label.status != "named":
            return kind, None
        spans = list(label.names)
    else:
        spans = _named(text, doc, sources[0][0], sources[-1][1])
        if not spans:
            return kind, None
    return kind, [widen(text[s:e], people) for s, e in spans]


def _says_whose(text: str, doc, ent, b: int) -> bool:
    """Whether a name inside a source only says whose or what kind: a possessive ("Trump's aide") or a
    name right before a common noun ("Trump campaign spokeswoman Hope Hicks"); not a name before "of",
    "and" or "who" ("Senator Bernie Sanders of Vermont" is Sanders)."""
    if re.match(r"['’]", text[ent.end_char:min(b, ent.end_char + 1)]):
        return True
    if ent.end >= len(doc) or doc[ent.end].idx >= b:
        return False
    following = doc[ent.end]
    return following.text[:1].islower() and following.pos_ == "NOUN"


def _named(text: str, doc, a: int, b: int) -> list[tuple[int, int]]:
    """Who a naming source names: its first name that does not only say whose ("Smith's aide, Ann Lee" is
    Ann Lee), with the names coordinated to it ("Smith and Lee"); a person before a body."""
    for labels in ({"PERSON"}, {"ORG", "GPE", "NORP"}):
        # not a name that says whose or what kind ("Trump's aide", "Trump campaign spokeswoman Hope Hicks")
        found = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in labels and a <= e.start_char
                 and e.end_char <= b and not _says_whose(text, doc, e, b)]
        if found:
            names = found[:1]
            for s, e in found[1:]:
                if not re.fullmatch(r"\s*(?:and|&|,\s*and)\s*", text[names[-1][1]:s]):
                    break
                names.append((s, e))
            return names
    words_ = text[a:b].split()
    if words_ and all(w[:1].isupper() for w in words_[:3]):
        return [(a, b)]
    return []


# --- the path a user takes: storyline ingest → export ------------------------------------

def offset_map(clean: str, orig: str) -> list[int]:
    """For each character of ``clean`` (and its end), its offset in ``orig`` (-1 where it has none).

    Cleaning drops whole lines and mends characters; each clean line is found in the
    original after the previous one, and a line that is not found verbatim is aligned
    character by character within a window."""
    out: list[int] = []
    pos = 0
    for line in clean.split("\n"):
        at = orig.find(line, pos) if line else pos
        if at >= 0:
            out.extend(range(at, at + len(line)))
            pos = at + len(line)
        else:
            window = orig[pos:pos + 2 * len(line) + 200]
            mapped = [-1] * len(line)
            for block in difflib.SequenceMatcher(None, line, window, autojunk=False).get_matching_blocks():
                for k in range(block.size):
                    mapped[block.a + k] = pos + block.b + k
            out.extend(mapped)
            known = [m for m in mapped if m >= 0]
            pos = known[-1] + 1 if known else pos
        out.append(pos)  # the newline
    return out


def ingest_export(articles: list[tuple[str, str]], src: Path) -> dict:
    """``storyline ingest`` then ``storyline export`` of ``(id, text)`` records, with the package under ``src``."""
    with tempfile.TemporaryDirectory(prefix="quotes-ingest-") as tmp:
        jsonl = Path(tmp) / "polnear.jsonl"
        with jsonl.open("w", encoding="utf-8") as fh:
            for name, text in articles:
                fh.write(json.dumps({"id": name, "text": text}, ensure_ascii=False) + "\n")
        env = {**os.environ, "PYTHONPATH": str(src)}
        db = Path(tmp) / "q.db"
        subprocess.run([sys.executable, "-m", "storyline", "ingest", str(jsonl), "--db", str(db), "--quiet"],
                       check=True, env=env, stdout=subprocess.DEVNULL)
        out = subprocess.run([sys.executable, "-m", "storyline", "export", "--db", str(db)],
                             check=True, env=env, capture_output=True, text=True).stdout
    return json.loads(out)

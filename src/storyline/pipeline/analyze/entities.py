"""Named entities from spaCy, with one canonical name per person or body.

spaCy finds the spans; the rules here give each a canonical name within the
article ("Smith", "Smith's", "Jane Smith" → "Jane Smith") and keep titles
("Foreign Minister") apart as roles.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from storyline.models import Entity

LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}

ROLE_WORDS = {
    "president", "minister", "secretary", "mayor", "governor", "senator", "chancellor",
    "premier", "prime", "foreign", "trade", "defence", "defense", "finance", "deputy",
    "vice", "chief", "executive", "ceo", "chairman", "chairwoman", "chair", "director",
    "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "judge", "general",
    "gen.", "col.", "commissioner", "king", "queen", "prince", "pope", "sheikh", "dr.",
    "rep.", "sen.", "gov.", "pres.", "officer", "head", "leader", "assistant", "acting",
    "state", "interior", "health", "justice", "economy", "environment", "affairs",
    "attorney", "representative", "lawmaker", "councillor", "councilor", "inspector",
}
_POSSESSIVE = re.compile(r"(['’]s|['’])$")
_TRIM = " \t\n.,;:!?\"'“”‘’()[]"


def _trim(span: Span) -> tuple[int, int]:
    """Character bounds of ``span`` without possessive or trailing punctuation."""
    text = span.text
    stripped = _POSSESSIVE.sub("", text.rstrip(_TRIM)).rstrip(_TRIM)
    lead = len(text) - len(text.lstrip(_TRIM))
    if text.lower().startswith("the "):
        lead = 4
    return span.start_char + lead, span.start_char + max(len(stripped), lead)


def role_before(doc: Doc, span: Span) -> str | None:
    """Title words directly before a person's name ("Foreign Minister" Jane Smith)."""
    i = span.start
    words: list[str] = []
    while i > 0 and doc[i - 1].text.lower() in ROLE_WORDS and (doc[i - 1].is_title or doc[i - 1].is_upper):
        words.insert(0, doc[i - 1].text)
        i -= 1
    return " ".join(words) or None


def extract_entities(doc: Doc) -> list[Entity]:
    """Entities of ``doc``, each with its canonical name within the article."""
    found: list[Entity] = []
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        start, end = _trim(ent)
        if end <= start:
            continue
        text = doc.text[start:end]
        found.append(Entity(text=text, label=ent.label_, canonical=text, start=start, end=end,
                            role=role_before(doc, ent) if ent.label_ == "PERSON" else None))
    _canonicalise(found)
    return found


def _canonicalise(entities: list[Entity]) -> None:
    """Give every mention of a person or body the fullest name used in the article.

    A name is the canonical form of another when the other's tokens are its
    last tokens ("Smith" → "Jane Smith") or its first ("Brightwave" → "Brightwave Systems").
    A surname that could be two people in the article stays as it is.
    """
    persons = sorted({e.text for e in entities if e.label == "PERSON"}, key=lambda n: (-len(n.split()), n))
    people_names = set(persons)
    for entity in entities:
        tokens = entity.text.split()
        if entity.label == "PERSON":
            fuller = [p for p in persons if len(p.split()) > len(tokens) and p.split()[-len(tokens):] == tokens]
            if len({f.split()[-1] for f in fuller}) == 1 and len(set(fuller)) >= 1:
                entity.canonical = fuller[0]
        elif entity.label in {"GPE", "LOC", "ORG"} and len(tokens) == 1:
            # a surname of a known person tagged as a place or organisation is that person
            owners = [p for p in people_names if len(p.split()) > 1 and p.split()[-1] == entity.text]
            if len(owners) == 1:
                entity.label = "PERSON"
                entity.canonical = owners[0]
    orgs = sorted({e.text for e in entities if e.label == "ORG"}, key=lambda n: (-len(n), n))
    for entity in entities:
        if entity.label == "ORG":
            longer = [o for o in orgs if o != entity.text and o.startswith(entity.text + " ")]
            if len(longer) == 1:
                entity.canonical = longer[0]

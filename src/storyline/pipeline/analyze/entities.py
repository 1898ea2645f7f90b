"""Named entities from spaCy, with one canonical name per person or body in an article.

spaCy finds the spans; the rules here fix what its small model gets wrong where a
rule is sound, and name each entity once:

- possessives, trailing punctuation and a leading "the" are trimmed; titles and
  honorifics inside a person's span ("Foreign Minister Jane Smith", "Mr. Smith")
  leave the name and become the ``role`` (with titles just before the name, and
  an apposition after it: "Jane Smith, the foreign minister,");
- a surname of a person named in the article is that person, not a place or an
  organisation; "the Indo-Pacific region" is a place, not an organisation;
- a one-word body or place that the article also prints after a first name ("Trump's
  summits" beside "the Donald Trump era", "Nefzi said" beside "Adel Nefzi") is that person; a name given to a place ("claimed by
  China, which calls them the Diaoyus") is a place;
- "Smith", "Smith's", "Jane Smith", "Foreign Minister Jane Smith" → "Jane Smith",
  unless two people in the article share the surname; a name word typed with two
  capitals ("Zhao LIjian", the shift key held) is mended in the canonical name.

Across articles, :func:`storyline.pipeline.analyze.canonical.canonicalise_corpus`
takes over.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Span

from storyline.models import Entity
from storyline.pipeline.analyze.speaker_gender import is_first_name
from storyline.pipeline.analyze.speaker_lexicon import is_reporting

LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}

# words that make up titles and roles ("acting assistant secretary of state")
ROLE_HEADS = {
    "president", "minister", "secretary", "mayor", "governor", "senator", "chancellor", "premier",
    "chairman", "chairwoman", "chair", "director", "spokesman", "spokeswoman", "spokesperson",
    "ambassador", "envoy", "judge", "general", "commissioner", "king", "queen", "prince", "princess",
    "pope", "sheikh", "officer", "head", "leader", "representative", "lawmaker", "councillor",
    "councilor", "inspector", "ceo", "executive", "founder", "adviser", "advisor", "aide", "manager",
    "strategist", "economist", "analyst", "professor", "attorney", "lawyer", "official", "candidate",
    "nominee", "speaker", "congressman", "congresswoman", "sen.", "rep.", "gov.", "gen.", "col.",
    "lt.", "sgt.", "capt.", "dr.", "prof.", "pres.", "justice", "sheriff", "chief", "delegate",
    "diplomat", "negotiator", "coordinator", "editor", "columnist", "correspondent", "historian",
}
ROLE_MODIFIERS = {
    "prime", "foreign", "trade", "defence", "defense", "finance", "deputy", "vice", "chief", "executive",
    "assistant", "acting", "interim", "former", "state", "interior", "health", "justice", "economy",
    "environment", "affairs", "attorney", "senior", "junior", "general", "first", "lady", "press",
    "campaign", "communications", "national", "security", "foreign-policy", "economic", "managing",
    "supreme", "high", "grand", "crown", "majority", "minority", "house", "senate", "white", "us", "u.s.",
    "of", "for", "the", "and", "homeland", "energy", "education", "transport", "labor", "labour",
    "agriculture", "treasury", "commerce", "secretary-general", "director-general", "ex", "outgoing",
    "incoming", "elect", "co-founder", "founding", "top", "lead", "principal", "regional", "district",
}
# Occupations and titles written before a name ("Comedian Sarah Silverman", "Rabbi Jacob Luski"):
# left out of a name of three words or more, where two words remain a name
EXTRA_TITLES = {"comedian", "actor", "actress", "singer", "rapper", "rabbi", "imam", "pastor", "father",
                "reverend", "rev", "alhaji", "coach", "quarterback", "striker", "detective", "officer",
                "sergeant", "corporal", "private", "lieutenant", "captain", "colonel", "major", "admiral",
                "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "mvp", "star", "pope",
                "saint", "st", "archbishop", "bishop", "cardinal", "chef", "author", "writer", "director"}
# heads that are no title without the words before them ("Pentagon chief", "defense chief", "party leader")
_GENERIC_HEADS = {"chief", "head", "leader", "boss"}
HONORIFICS = {"mr.", "mrs.", "ms.", "miss", "mr", "mrs", "ms", "dr.", "sir", "dame", "lord", "lady", "madam"}
_GEO_NOUNS = {"region", "area", "sea", "ocean", "peninsula", "coast", "basin", "valley", "mountains",
              "strait", "straits", "gulf", "bay", "river", "desert", "islands", "continent", "subcontinent"}
_POSSESSIVE = re.compile(r"\s*(?:['’]s|['’])$")
_TRIM = " \t\n.,;:!?\"'“”‘’()[]«»"
_APPOSITION = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+|[A-Z]\w+['’]s\s+)?(?P<role>(?:[\w.’'-]+\s+){0,5}?(?:" +
    "|".join(sorted((re.escape(h) for h in ROLE_HEADS if not h.endswith(".")), key=len, reverse=True)) +
    r")(?:\s+(?:of|for|at|to)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})?)"
    r"(?=\s*[,.;)]|\s+(?:said|says|told|added|wrote))",
    re.I,
)


# Credit lines name the journalists who wrote or edited the piece, not people of the story:
# "(Reporting by Jack Kim; Editing by Lincoln Feast)", "Additional reporting by …",
# "Jane Doe contributed to this report". Their names must not become entities, or a
# surname of the story ("Kim") would be taken for the reporter.
_CONTRIBUTED = r"[^\n.;()]{0,120}\bcontributed\s+(?:reporting\s+|research\s+)?to\s+this\s+(?:report|story|article)"
_CREDIT_BY = (
    r"\b(?:additional\s+|further\s+)?(?:reporting|writing|editing|edited|written|compiled|research|translation|"
    r"translated|photographs?|photos?|graphics|video|production|produced)\s+by\b[^\n)]*"
)
_CREDIT_WITH = (
    # "With Post wires", "With wire services", "— With files from The Canadian Press": the agencies drawn on
    r"|(?m:^)[ \t—–-]*with\s+(?:(?-i:[A-Z][\w.&]*)\s+){0,3}(?:wires?|wire\s+services|news\s+services)\b[^\n]*"
    r"|\bwith\s+files\s+from\b[^\n]*"
)
_CREDIT = re.compile(_CREDIT_BY + "|" + _CONTRIBUTED + _CREDIT_WITH, re.I)
# the same without the "contributed to this report" clause, whose open start is tried at every
# character: for the texts that do not say "contributed" (nearly all), same spans at a fraction of the cost
_CREDIT_NO_CONTRIBUTED = re.compile(_CREDIT_BY + _CREDIT_WITH, re.I)
_SAYS_CONTRIBUTED = re.compile(r"contributed", re.I)
# a word of a title written before a name ("Defense Secretary", "Secretary of State"): no body of its own
_TITLE_AFTER = re.compile(r"\s+(?:" + "|".join(sorted((re.escape(h) for h in ROLE_HEADS if not h.endswith(".")),
                                                      key=len, reverse=True)) + r")\b", re.I)
# "which calls them the Diaoyus", "known as the Malvinas": another name of the place just described
_ALIAS_BEFORE = re.compile(r"\b(?:calls?|called|calling|known\s+as|dubbed|names?|named)\s+(?:them|it)?\s*(?:the\s+)?$",
                           re.I)
_GEO_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(_GEO_NOUNS | {"island", "isles", "archipelago", "atoll", "reef",
                                                                   "reefs", "waters", "lake", "mountain"},
                                                     key=len, reverse=True)) + r")\b", re.I)
# a name word typed with the shift key held one letter too long ("LIjian"); not "O'" or "D'" names
# written without the apostrophe ("OConnor", "DAngelo"), which are names of that shape
_SURNAME_SHAPE = re.compile(r"[A-Z][\w’'-]*[a-z]")
_SHIFT_SLIP = re.compile(r"\b(?![OD])([A-Z])([A-Z])([a-z]{2,})\b")
# the rest of a hyphenated given name the model cut off ("Moon Jae" + "-in", "Lee Kuk" + "-no"): a short
# lower-case syllable; not the second half of a compound modifier ("a Donald Trump-led party")
_NAME_SYLLABLE = re.compile(r"-[a-z]{1,4}\b(?!-)")
_NOT_SYLLABLES = {"led", "run", "era", "type", "like", "free", "made", "born", "held", "fed", "owned", "ish",
                  "esque", "based", "style", "backed", "linked", "lite", "ism", "ist", "ists", "ite", "ites"}
_TITLE_BEFORE = re.compile(r"\b(?:" + "|".join(sorted((re.escape(h) for h in ROLE_HEADS if not h.endswith(".")),
                                                      key=len, reverse=True)) + r")\s+of\s+(?:the\s+)?$", re.I)


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the credit clauses of ``text`` (who reported, wrote or edited it)."""
    credit = _CREDIT if _SAYS_CONTRIBUTED.search(text) else _CREDIT_NO_CONTRIBUTED
    return [m.span() for m in credit.finditer(text)]


def extract_entities(doc: Doc) -> list[Entity]:
    """Entities of ``doc``, each with its canonical name within the article and any role."""
    found: list[Entity] = []
    text = doc.text  # built anew on each access: once per article, not once per entity
    credits = credit_spans(text)
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        if any(start <= ent.start_char < end for start, end in credits):
            continue
        entity = _entity(doc, text, ent)
        if entity is not None:
            if entity.label in {"ORG", "FAC", "GPE", "NORP"} and _speaks_by_first_name(ent, entity.text):
                entity.label = "PERSON"  # "Ada Fisher … said" tagged a building
            found.append(entity)
    found = [e for e in found if not _title_word(text, e)]
    _fix_labels(found, text)
    _canonicalise(found)
    return found


def _speaks_by_first_name(ent: Span, name: str) -> bool:
    """Whether a name tagged a body or a place is a first name and a surname ("Ada Fisher") that is
    the subject of a reporting verb: a person, as no building or body is called by a first name and speaks
    ("Madison Square Garden said" is not written)."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.isalpha() for w in words) \
            or not is_first_name(words[0]):
        return False
    root = ent.root
    while root.dep_ in {"appos", "conj"} and root.head.i != root.i:
        root = root.head
    return root.dep_ == "nsubj" and is_reporting(root.head)


def _title_word(text: str, entity: Entity) -> bool:
    """A body the model found in a title: "Defense" of "Defense Secretary Lloyd Austin", "State" of
    "Secretary of State" (a one-word department or portfolio, not the department named as a speaker)."""
    if entity.label not in {"ORG", "GPE", "NORP"} or entity.text.lower() not in ROLE_MODIFIERS \
            or " " in entity.text:
        return False
    return bool(_TITLE_AFTER.match(text, entity.end, entity.end + 30)
                or _TITLE_BEFORE.search(text, max(0, entity.start - 30), entity.start))


def _entity(doc: Doc, text: str, ent: Span) -> Entity | None:
    start, end = ent.start_char, ent.end_char
    # trailing punctuation and possessives: "Smith's" → "Smith"
    while True:
        stripped = _POSSESSIVE.sub("", text[start:end].rstrip(_TRIM)).rstrip(_TRIM)
        if len(stripped) == end - start:
            break
        end = start + len(stripped)
    while start < end and text[start] in _TRIM:
        start += 1
    label = ent.label_
    role_words: list[str] = []
    if label != "PERSON" and text[start:end].lower().startswith("the "):
        start += 4
    if label == "PERSON":
        # titles the model kept inside the name: "Foreign Minister Jane Smith", "Mr. Smith"
        for token in ent:
            if token.idx < start:
                continue
            lowered = token.lower_
            occupation = lowered.rstrip(".") in EXTRA_TITLES and len(text[token.idx:end].split()) >= 3
            if token.idx + len(token) >= end or not (lowered in ROLE_HEADS or lowered in ROLE_MODIFIERS
                                                   or lowered in HONORIFICS or occupation):
                break
            if lowered not in HONORIFICS:
                role_words.append(token.text)
            start = token.idx + len(token)
            while start < end and text[start].isspace():
                start += 1
    if end <= start or (label == "PERSON" and not text[start].isupper()):
        return None  # "mill bridge" is no one's name
    if label in {"ORG", "GPE"} and text[start:end].split()[-1].lower() in _GEO_NOUNS:
        label = "LOC"  # "the Indo-Pacific region" is a place
    if label == "PERSON" and " " in text[start:end]:
        # a name never ends inside a word: "Moon Jae-in", not "Moon Jae" (every name word is one the text prints)
        rest = _NAME_SYLLABLE.match(text, end)
        if rest and rest.group(0)[1:] not in _NOT_SYLLABLES:
            end = rest.end()
    name = text[start:end]
    role = None
    if label == "PERSON":
        role = " ".join(filter(None, [_role_before(doc, ent), " ".join(role_words)])) or None
        if role is not None and role.lower() in _GENERIC_HEADS:
            role = None  # a bare "chief" the model kept inside the name is no title either
        role = role or _role_after(text, end)
    return Entity(text=name, label=label, canonical=name, start=start, end=end, role=role)


def _role_before(doc: Doc, ent: Span) -> str | None:
    """Title words right before a name: "Foreign Minister" Jane Smith, "spokesman" Tom Lee."""
    i = ent.start
    words: list[str] = []
    while i > 0 and (doc[i - 1].lower_ in ROLE_HEADS or doc[i - 1].lower_ in ROLE_MODIFIERS):
        words.insert(0, doc[i - 1].text)
        i -= 1
    while words and words[0].lower() in {"of", "for", "the", "and"}:
        words.pop(0)
    if words and words[-1].lower() in {"for", "to", "of"}:
        return None  # "a spokeswoman for Gore", "an adviser to Trump": another's title, not the name's
    if not any(w.lower() in ROLE_HEADS for w in words):
        return None  # "state" or "former" alone is no title
    if len(words) == 1 and words[0].lower() in _GENERIC_HEADS:
        # "chief" says nothing alone: the title is the phrase that says of what ("Pentagon chief"),
        # or "North Korean leader": the capitalised names or adjectives right before it
        while i > 0 and len(words) < 4 and doc[i - 1].pos_ in {"PROPN", "ADJ"} and doc[i - 1].text[:1].isupper():
            words.insert(0, doc[i - 1].text)
            i -= 1
        if len(words) == 1:
            return None
    return " ".join(words)


def _role_after(text: str, end: int) -> str | None:
    """A role in apposition: "Jane Smith, the foreign minister, said"."""
    match = _APPOSITION.match(text, end, min(len(text), end + 120))
    return match.group("role") if match else None


def role_before(doc: Doc, span: Span) -> str | None:
    """Title words directly before a person's name (kept for callers of the first cut)."""
    return _role_before(doc, span)


def _fix_labels(entities: list[Entity], text: str = "") -> None:
    """A surname of a person named in the article is that person, not a place or a body; so is
    a one-word name the model tags as a person elsewhere in the article and as a body here
    ("Trump" of "Trump's summits" after "Trump said"), or that the article prints after a
    first name the model left untagged ("the Donald Trump era"). A name the article gives a
    place ("which calls them the Diaoyus" after "the Senkaku islands") is a place."""
    surnames: dict[str, set[str]] = {}
    for e in entities:
        if e.label == "PERSON" and len(e.text.split()) > 1:
            surnames.setdefault(e.text.split()[-1], set()).add(e.text)
    people = {e.text for e in entities if e.label == "PERSON" and " " not in e.text}
    named_after_first: set[str] | None = None  # found on first need, for every one-word body at once
    for e in entities:
        if e.label in {"GPE", "LOC", "ORG", "NORP", "FAC"} and e.text in surnames:
            e.label = "PERSON"
        elif e.label == "ORG" and e.text in people:
            e.label = "PERSON"
        elif e.label in {"ORG", "NORP", "PERSON"} and _place_alias(text, e):
            e.label = "LOC"
        elif e.label in {"ORG", "GPE"} and " " not in e.text and text:
            if named_after_first is None:
                one_word = {b.text for b in entities if b.label in {"ORG", "GPE"} and " " not in b.text}
                named_after_first = _after_first_names(text, one_word, [(b.start, b.end) for b in entities
                                                                        if b.label != "PERSON"])
            if e.text in named_after_first and (e.label == "ORG" or not _as_place(text, e.text)):
                e.label = "PERSON"
    # "Carly Fiorina" tagged a body where "Fiorina" is a person (found above): a first name and her surname
    people = {e.text for e in entities if e.label == "PERSON" and " " not in e.text}
    for e in entities:
        if e.label in {"ORG", "GPE", "NORP"} and _first_name_and_surname(e.text, people):
            e.label = "PERSON"


def _first_name_and_surname(name: str, people: set[str]) -> bool:
    """Whether a two- or three-word name is a first name and the surname of a person of the article."""
    words = name.split()
    return 2 <= len(words) <= 3 and words[-1] in people and is_first_name(words[0]) \
        and all(w[:1].isupper() for w in words)


def _after_first_names(text: str, names: set[str], bodies: list[tuple[int, int]]) -> set[str]:
    """Which of the one-word ``names`` the article prints after a first name ("Trump" of "Donald
    Trump", "Nefzi" of "Mark Nefzi") outside any body's or place's name ("George Washington
    University" says nothing of "Washington", "The Washington Post" nothing of "Post")."""
    found: set[str] = set()
    names = {n for n in names if _SURNAME_SHAPE.fullmatch(n)}  # not "NFL", "D.C"
    if not names:
        return found
    pattern = r"\b([A-Z][a-z]+)\s+(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")\b"
    for match in re.finditer(pattern, text):
        # a "first name" inside a body's or a place's name is none ("The Washington Post", "Virginia Senate")
        if match.group(2) not in found and is_first_name(match.group(1)) \
                and not any(a <= match.start() < b for a, b in bodies):
            found.add(match.group(2))
    return found


def _as_place(text: str, name: str) -> bool:
    """Whether the article writes ``name`` as a place somewhere ("in Washington", "to Austin")."""
    return bool(re.search(r"\b(?:in|to|from|at|near|across|outside)\s+(?:the\s+)?" + re.escape(name) + r"\b", text))


def _place_alias(text: str, entity: Entity) -> bool:
    """A name the article gives a place it has just described: "the Senkaku islands, which China
    calls the Diaoyus", "the Falkland Islands, known as the Malvinas"."""
    if not text or not _ALIAS_BEFORE.search(text, max(0, entity.start - 30), entity.start):
        return False
    sentence_start = max(text.rfind(". ", 0, entity.start), text.rfind("\n", 0, entity.start)) + 1
    return bool(_GEO_BEFORE.search(text, max(sentence_start, entity.start - 160), entity.start))


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """``word`` without accents and case, to compare spellings of one name ("François", "Francois")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).casefold()


def mend_case(name: str) -> str:
    """A person's name with a shift-key slip mended: "Zhao LIjian" → "Zhao Lijian"."""
    return _SHIFT_SLIP.sub(lambda m: m.group(1) + m.group(2).lower() + m.group(3), name)


def _canonicalise(entities: list[Entity]) -> None:
    """Give every mention of a person or body the fullest name used in the article.

    A person's name is the canonical form of another when the other's tokens are its
    last tokens ("Smith" → "Jane Smith"); a surname two people share stays as it is.
    An organisation's is the one name it begins ("Brightwave" → "Brightwave Systems").
    """
    persons = sorted({e.text for e in entities if e.label == "PERSON"}, key=lambda n: (-len(n.split()), n))
    # Fuller names by their last tokens, and longer organisation names by their opening words,
    # looked up rather than searched: an article with thousands of names stays linear.
    # names compared without case or accents: "De Blasio" is "Bill de Blasio"'s, "François" is "Francois"
    by_suffix: dict[tuple[str, ...], list[str]] = {}
    for person in persons:
        tokens = [fold(t) for t in person.split()]
        for k in range(1, len(tokens)):
            by_suffix.setdefault(tuple(tokens[-k:]), []).append(person)
    for entity in entities:
        if entity.label != "PERSON":
            continue
        fuller = by_suffix.get(tuple(fold(t) for t in entity.text.split()), [])
        # "Donald Trump" and "Donald J. Trump" are one person; "Jane Smith" and "John Smith" are two
        people = {(fold(p.split()[0]), fold(p.split()[-1])) for p in fuller}
        if len(people) == 1:
            entity.canonical = fuller[0]
    # one full name in two spellings ("François Hollande", "Francois Hollande"): the most used, accents kept
    spellings: dict[str, Counter[str]] = {}
    for entity in entities:
        if entity.label == "PERSON" and " " in entity.canonical:
            spellings.setdefault(fold(entity.canonical), Counter())[entity.canonical] += 1
    for entity in entities:
        forms = spellings.get(fold(entity.canonical)) if entity.label == "PERSON" else None
        if forms and len(forms) > 1:
            entity.canonical = min(forms, key=lambda f: (-forms[f], f.isascii(), f))
    # a first name alone ("Jordan said" after "Jordan Stewart"): the one person of the article
    # who has it, when nobody has it as a surname ("Jordan" stays if a "Michael Jordan" is named)
    by_first: dict[str, set[str]] = {}
    for person in persons:
        tokens = person.split()
        if len(tokens) > 1 and (tokens[0][:1].isupper() and tokens[0].rstrip(".").isalpha() and len(tokens[0]) > 2):
            by_first.setdefault(tokens[0], set()).add((tokens[0], tokens[-1]))
    for entity in entities:
        if entity.label == "PERSON" and entity.canonical == entity.text and " " not in entity.text:
            owners = by_first.get(entity.text, set())
            if len(owners) == 1 and not by_suffix.get((fold(entity.text),)):
                first, last = next(iter(owners))
                entity.canonical = next(p for p in persons if p.split()[0] == first and p.split()[-1] == last)
    for entity in entities:
        if entity.label == "PERSON":
            entity.canonical = mend_case(entity.canonical)
    orgs = sorted({e.text for e in entities if e.label == "ORG"}, key=lambda n: (-len(n), n))
    by_prefix: dict[str, list[str]] = {}
    for org in orgs:
        for i, char in enumerate(org):
            if char == " ":
                by_prefix.setdefault(org[:i], []).append(org)
    for entity in entities:
        if entity.label == "ORG":
            longer = by_prefix.get(entity.text, [])
            if len(longer) == 1:
                entity.canonical = longer[0]

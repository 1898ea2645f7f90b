"""Claim values in a normal form, and when two of them cannot both be true.

- A count ("at least 40 homes", "nearly 2,000 people") is an interval: a plain
  number is itself, "at least" / "more than" bound it from below (with a margin
  above, not to infinity), "up to" / "fewer than" from above, "about" /
  "nearly" allow a margin. Two counts disagree only when their intervals do not
  meet.
- A role ("U.S. Secretary of State", "state secretary", "spokeswoman") is a set
  of words after spelling ("defence" / "defense"), gendered forms
  ("spokesman" / "spokesperson") and "U.S." are normalised, with its head
  noun. Two roles disagree only when they share the head noun and neither's
  words hold the other's ("foreign minister" / "trade minister"), never when one
  is the other in more words ("secretary" / "US secretary of state") or an
  acronym of it ("CEO" / "chief executive").
- Two names are one person when, accents and case aside, one's words end the
  other's or are held in it ("Delane" / "Paul DeLane").
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from storyline.pipeline.brief.claims import stop_words

# The margin each approximation allows around its number, as (low, high) factors. "At least
# 40 homes" is news for "40 counted so far", not "any number above 40": it allows a
# margin above (a later count of 45), not a report of 60 the same day.
LOWER_BOUND_MARGIN = 1.3
APPROXIMATIONS: dict[str, tuple[float, float]] = {
    "at least": (1.0, LOWER_BOUND_MARGIN), "more than": (1.0, LOWER_BOUND_MARGIN),
    "over": (1.0, LOWER_BOUND_MARGIN), "upwards of": (1.0, LOWER_BOUND_MARGIN), "nearly": (0.85, 1.0), "almost": (0.85, 1.0),
    "about": (0.85, 1.15), "around": (0.85, 1.15), "some": (0.85, 1.15), "roughly": (0.85, 1.15),
    "approximately": (0.85, 1.15), "an estimated": (0.85, 1.15), "up to": (0.0, 1.0),
    "fewer than": (0.0, 1.0), "less than": (0.0, 1.0), "under": (0.0, 1.0), "as many as": (0.0, 1.0),
}
# A rounded figure stands for what lies within this share of its last place either side (under half: two
# figures printed to one place never meet at a shared edge).
ROUNDING = 0.49
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100, "dozens": 24, "hundreds": 200, "thousands": 2000,
}
# wire copy abbreviates them ("24.5 mln tonnes", "6.2 bln dlrs")
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mln": 1e6, "bln": 1e9, "bn": 1e9}
# Words that make a role a past or future one: "former minister" is no claim about now.
NOT_NOW = {"former", "ex", "then", "outgoing", "incoming", "elect", "future", "late", "acting", "interim"}
# Spelling pairs (British → American) and gendered endings, applied to both sides alike.
_SPELLING = [(re.compile(r"(?<=f)ence$"), "ense"), (re.compile(r"(?<=\w\w)our$"), "or"),
             (re.compile(r"(?<=\w\w)is(e|ed|ing|ation)$"), r"iz\1"), (re.compile(r"(?<=\w)tre$"), "ter")]
_GENDERED = re.compile(r"(?:man|woman|person)$")
# Words of a title that say one thing: a "vice president" is a "deputy president", a "vice-chairman" a
# "deputy chairman"; a "chief executive" the "CEO" (acronyms are spelt out apart: :func:`_spell_out`).
ROLE_SYNONYMS = {"vice": "deputy"}
_ROLE_LINKS = {"of", "for", "at", "to", "in", "on", "with"}


def count_interval(qualifier: str | None, value: float, printed: str | None = None,
                   scale: float = 1.0) -> tuple[float, float]:
    """The values a count with ``qualifier`` ("at least", "about", None) allows.

    A plain number printed round ("230", "2,300") or with decimals ("2.8" billion,
    ``scale`` 1e9) stands for any it rounds: a hair under half its last place either
    side, at most 5% of it ("229 feet" is "230 feet", "2.84 billion" is "2.8
    billion"; "220" and "230", "2.84" and "2.85", printed to one place, still differ).
    An exact integer ("229") is itself.
    """
    low, high = APPROXIMATIONS.get((qualifier or "").lower(), (1.0, 1.0))
    if qualifier is None and printed and re.fullmatch(r"\d[\d,]*(?:\.\d+)?", printed):
        whole, _, decimals = printed.replace(",", "").partition(".")
        unit = 10.0 ** -len(decimals) if decimals else 10.0 ** (len(whole) - len(whole.rstrip("0")))
        if decimals or unit * scale > 1:
            slack = min(ROUNDING * unit * scale, 0.05 * value)
            return value - slack, value + slack
    return value * low, value * high


def counts_disagree(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Two count intervals that cannot both be true."""
    return a[1] < b[0] or b[1] < a[0]


def role_word(word: str) -> str:
    """One word of a role in a normal spelling: "defence" → "defense", "spokeswoman" → "spokes"."""
    word = word.lower().strip(".,'’")
    if word in {"u.s", "u.s.", "us", "usa"}:
        return "us"
    word = re.sub(r"['’]s$", "", word)
    for pattern, repl in _SPELLING:
        word = pattern.sub(repl, word)
    word = _GENDERED.sub("", word) if len(word) > 6 and _GENDERED.search(word) else word
    return ROLE_SYNONYMS.get(word, word)


def _role_tokens(role: str) -> list[str]:
    # an owner ("the president's", "chip's") says whose, not what, the role is
    role = re.sub(r"\b(vice|deputy)-", r"\1 ", role.replace("U.S.", "US"), flags=re.IGNORECASE)
    tokens = [role_word(t) for t in re.findall(r"[\w.’'-]+", role) if not re.search(r"['’]s?$", t)]
    return [t for t in tokens if t]


def role_form(role: str, places: frozenset[str] = frozenset()) -> tuple[frozenset[str], str] | None:
    """A role's normalised content words (without ``places``) and its head noun, or None for a past or future role."""
    tokens = _role_tokens(role)
    if not tokens or NOT_NOW & set(tokens):
        return None
    head_part = tokens[: next((i for i, t in enumerate(tokens) if t in _ROLE_LINKS), len(tokens))]
    head = (head_part or tokens)[-1]
    words = frozenset(t for t in tokens if (t not in stop_words() or t == "us") and t not in places)
    return words, head


_EMPLOYER = re.compile(r"\s(?:at|with)\s", re.IGNORECASE)


_JOINED = re.compile(r"\s+(?:and|&)\s+|,\s+", re.IGNORECASE)


def roles_disagree(a: str, b: str, places: frozenset[str] = frozenset()) -> bool:
    """Two roles of one person that cannot both be what the articles mean (``places``: words that say where).

    Roles joined by "and" are each held ("chairman and founder" / "founder of Jefferies Group"):
    two such do not disagree when any role of one agrees with one of the other."""
    parts_a, parts_b = _roles_of(a), _roles_of(b)
    if len(parts_a) == 1 and len(parts_b) == 1:
        return _one_role_disagrees(a, b, places)
    pairs = [(x, y) for x in parts_a for y in parts_b if _same_head(x, y, places)]
    return bool(pairs) and all(_one_role_disagrees(x, y, places) for x, y in pairs)


def _roles_of(role: str) -> list[str]:
    """The roles a joined title lists ("chairman and founder"); an "and" after "of" joins what the one
    role is of ("minister of information and culture")."""
    parts = _JOINED.split(role)
    if len(parts) == 1 or any(w in _ROLE_LINKS for w in re.findall(r"[a-z]+", parts[0].lower())):
        return [role]
    return parts


def _same_head(a: str, b: str, places: frozenset[str]) -> bool:
    fa, fb = role_form(_EMPLOYER.split(a, maxsplit=1)[0], places), role_form(_EMPLOYER.split(b, maxsplit=1)[0], places)
    return fa is not None and fb is not None and fa[1] == fb[1]


def _one_role_disagrees(a: str, b: str, places: frozenset[str] = frozenset()) -> bool:
    # the employer after "at" or "with" says where the role is held, not what it is
    # ("director at telecoms company Interoute" / "director of wholesale products")
    a, b = (_EMPLOYER.split(r, maxsplit=1)[0] for r in (a, b))
    fa, fb = role_form(a, places), role_form(b, places)
    if fa is None or fb is None:
        return False  # a past or future role
    if fa[1] != fb[1]:
        return False  # two different descriptions ("diplomat", "secretary")
    wa, wb = _spell_out(fa[0], b), _spell_out(fb[0], a)
    return not (_within(wa, wb) or _within(wb, wa))


def _within(a: frozenset[str], b: frozenset[str]) -> bool:
    """Every word of ``a`` is in ``b``, or begins or is begun by one there ("region" / "regional")."""
    return all(w in b or any(len(min(w, v, key=len)) >= 5 and (v.startswith(w) or w.startswith(v)) for v in b)
               for w in a)


def _spell_out(words: frozenset[str], other: str) -> frozenset[str]:
    """``words`` with an acronym replaced by the words of ``other`` it abbreviates ("ceo" → chief executive officer)."""
    other_words = _role_tokens(other)
    result = set(words)
    for word in words:
        if not (2 <= len(word) <= 5 and word.isalpha()) or word in other_words:
            continue
        for i in range(len(other_words)):
            for j in range(i + 2, min(len(other_words), i + len(word)) + 1):
                initials = "".join(w[0] for w in other_words[i:j] if w)
                if word.startswith(initials) and j - i >= 2:
                    result.discard(word)
                    result.update(other_words[i:j])
    return frozenset(result)


def roles_agree_exactly(a: str, b: str, places: frozenset[str] = frozenset()) -> bool:
    """Two wordings of one role: the same normalised words ("defence minister" / "minister of defense")."""
    fa, fb = role_form(a, places), role_form(b, places)
    return fa is not None and fb is not None and fa[0] == fb[0]


def _name_words(name: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z]+", folded)


def _short_form(x: str, y: str) -> bool:
    """One first name is the other's opening, as a short form is ("pat" / "patricia", "alex" / "alexander")."""
    short, long = sorted((x, y), key=len)
    return len(short) >= 3 and long.startswith(short)


def same_person(a: str, b: str) -> bool:
    """Two speaker names that name one person ("Francois Hollande" / "François Hollande",
    "Edward J. Markey" / "Edward Markey", "Carolos" / "Karolos Papoulias", "Pat" / "Patricia Carney")."""
    wa, wb = _name_words(a), _name_words(b)
    wa, wb = [w for w in wa if len(w) > 1] or wa, [w for w in wb if len(w) > 1] or wb  # initials aside
    if not wa or not wb:
        return False
    if len(wa) == len(wb) >= 2 and wa[-1] == wb[-1] and all(
            difflib.SequenceMatcher(a=x, b=y).ratio() >= 0.8 or _short_form(x, y) for x, y in zip(wa[:-1], wb[:-1])):
        return True  # one surname, a first name spelt two ways or shortened ("Pat" / "Patricia Carney")
    short, long = sorted((wa, wb), key=lambda w: (len(w), len(" ".join(w))))
    if long[-len(short):] == short or f" {' '.join(short)} " in f" {' '.join(long)} ":
        return True
    # a full name glued to junk before it ("DailyZhang Yuanxun")
    return len(short) >= 2 and " ".join(long).endswith(" ".join(short))

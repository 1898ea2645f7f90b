"""Words of time: month, weekday, season, unit and number vocabularies as regex pieces.

Hand-written because no maintained library exposes a *span grammar* for English
time expressions with TimeML values (dateparser parses a string you already
have; it does not find spans or tell "May" the month from "may" the verb).
"""

from __future__ import annotations

import re

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
              "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAY_ABBR = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
                "fri": 4, "sat": 5, "sun": 6}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                "overnight": "NI", "tonight": "NI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
            "last": 4, "final": 4}

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12, "half": 0.5,
}
VAGUE = {"several", "some", "many", "few", "a few", "a number of",
         "numerous", "countless", "recent", "coming", "past", "the past", "the last", "the next"}


def _words(words: list[str] | set[str] | dict) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _capitalised(words: list[str]) -> str:
    """Proper names match Capitalised or UPPER, never lower case ("may", "march")."""
    return "|".join(f"{w.capitalize()}|{w.upper()}" for w in sorted(words, key=len, reverse=True))


_ABBR = "|".join(f"{a.capitalize()}|{a.upper()}" for a in sorted(MONTH_ABBR, key=len, reverse=True))
# Abbreviations must carry their dot unless a day number follows (checked in the grammar).
MONTH = rf"(?:{_capitalised(MONTHS)}|(?:{_ABBR})\.)"
MONTH_NODOT = rf"(?:{_capitalised(MONTHS)}|(?:{_ABBR})\.?)"
_WABBR = "|".join(f"{a.capitalize()}|{a.upper()}" for a in sorted(WEEKDAY_ABBR, key=len, reverse=True))
WEEKDAY = rf"(?:(?:{_capitalised(WEEKDAYS)})(?!s\b)|(?:{_WABBR})\.)"
WEEKDAY_PLURAL = rf"(?:{_capitalised(WEEKDAYS)})s"
NUMBER_WORD = _words(k for k in _NUMBER_WORDS if k not in {"a", "an", "half"})
NUMBER = (
    rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|(?:{NUMBER_WORD})(?:[- ](?:{NUMBER_WORD}))?"
    r"|an?(?!-)|a few|(?:a\s+)?couple\s+of|several|some|many|a number of|a dozen|a half)"
)
UNITS = {"second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
         "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
         "century": "CE", "centurie": "CE", "weekend": "WE"}
# Words between a count and its unit that leave the length as counted: "two more weeks", "an
# additional year", "eight trading days".
COUNTED = r"(?:more|additional|extra|further|straight|consecutive|trading|business|working)"
UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation, any case, with or without its dot."""
    w = word.lower().rstrip(".")
    if w in MONTHS:
        return MONTHS.index(w) + 1
    return MONTH_ABBR.get(w)


def weekday_number(word: str) -> int | None:
    """0 (Monday) to 6 for a weekday name, plural or abbreviation."""
    w = word.lower().rstrip(".")
    if w in WEEKDAY_ABBR:
        return WEEKDAY_ABBR[w]
    w = w[:-1] if w.endswith("s") and w[:-1] in WEEKDAYS else w
    return WEEKDAYS.index(w) if w in WEEKDAYS else None


def parse_number(text: str) -> float | None:
    """The value of a spelled or written count: "twenty-four" → 24, "1 1/2" → 1.5; None if vague."""
    t = text.lower().strip()
    if t in {"a couple of", "couple of", "a couple"}:
        return 2.0
    if t in VAGUE or t in {"a dozen"}:
        return 12.0 if t == "a dozen" else None
    half = 0.0
    if t.endswith(" 1/2"):
        t, half = t[:-4].strip(), 0.5
    try:
        return float(t) + half
    except ValueError:
        pass
    if t == "a half":
        return 0.5
    total = 0.0
    for part in re.split(r"[- ]+", t):
        if part not in _NUMBER_WORDS:
            return None
        value = _NUMBER_WORDS[part]
        total = total * value if value == 100 and total else total + value
    return total + half or None

"""Article metadata found in the text itself: byline, dateline, agencies, dates.

These patterns are news conventions ("By Jane Doe", "GENEVA (AP) --",
"Published: June 2, 2019 - 09:10") that no library parses; dateparser turns
the date strings it finds into datetimes.
"""

from __future__ import annotations

import re
from datetime import datetime

import dateparser

AGENCIES = {
    "ap": "AP", "associated press": "AP", "afp": "AFP", "agence france-presse": "AFP",
    "reuters": "Reuters", "kyodo": "Kyodo", "xinhua": "Xinhua", "epa": "EPA",
    "dpa": "dpa", "ansa": "ANSA", "efe": "EFE", "yonhap": "Yonhap", "tass": "TASS",
    "bloomberg": "Bloomberg", "upi": "UPI", "pa": "PA", "aap": "AAP", "cp": "CP",
    "continental press": "CP", "wire services": "wire services",
}

_AGENCY_NAMES = sorted(AGENCIES, key=len, reverse=True)
_AGENCY_IN_PARENS = re.compile(
    r"\((" + "|".join(re.escape(a) for a in _AGENCY_NAMES) + r")(?:[-/ ](" + "|".join(re.escape(a) for a in _AGENCY_NAMES) + r"))?\)",
    re.I,
)
_AGENCY_CREDIT = re.compile(
    r"^(?:\W*)(" + "|".join(re.escape(a) for a in _AGENCY_NAMES) + r")\s*(?:\||$|-{1,2}|—)|\bwith (wire services|" + "|".join(re.escape(a) for a in _AGENCY_NAMES) + r")\b",
    re.I,
)
# "GENEVA (CP) --", "NAIROBI (Reuters) —", "BEIJING --", "SAN JOSE, Calif. (AP) —"
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?)\s*(?:\((?P<agency>[^)]{1,40})\))?\s*(?:--|—|–|-|:)\s+"
)
BYLINE = re.compile(r"^\s*by\s+(?P<names>[A-Z][^\n]{1,120})$", re.I)
_BYLINE_TAIL = re.compile(
    r"(\s*[|,–—-]\s*)?(\S+@\S+|published\b.*|updated\b.*|\b(staff )?(reporter|correspondent|writer)\b.*|\d{1,2}:\d{2}.*)$", re.I
)
PUBLISHED_LINE = re.compile(
    r"^(?:.{0,40}\|\s*)?(?P<label>published|updated|posted|last updated|date)\s*(?:on|at)?\s*[:\-]?\s*(?P<date>.{6,60})$",
    re.I,
)


def find_agencies(lines: list[str]) -> list[str]:
    """Wire agencies credited in the first lines or the dateline, in order, once each."""
    found: list[str] = []
    for line in lines:
        for match in _AGENCY_IN_PARENS.finditer(line):
            for name in match.groups():
                if name and AGENCIES[name.lower()] not in found:
                    found.append(AGENCIES[name.lower()])
        match = _AGENCY_CREDIT.search(line)
        if match:
            name = (match.group(1) or match.group(2)).lower()
            if AGENCIES.get(name, name) not in found:
                found.append(AGENCIES.get(name, name))
    return found


def parse_dateline(paragraph: str) -> tuple[str, str | None] | None:
    """The dateline place (and agency) opening a paragraph, if any."""
    match = DATELINE.match(paragraph)
    if not match or len(match.group("place").strip()) < 3:
        return None
    place = match.group("place").strip(" -,")
    if not any(c.isupper() for c in place) or place.lower() in AGENCIES:
        return None
    return place, match.group("agency")


def clean_byline(value: str | None) -> str | None:
    """Names only: no "By", no e-mail, no "Published …"."""
    if not value:
        return None
    value = re.sub(r"^\s*by\s+", "", value.strip(), flags=re.I)
    value = _BYLINE_TAIL.sub("", value).strip(" ,;|-–—")
    return value or None


def parse_date(text: str, *, prefer_past: bool = True) -> datetime | None:
    """A date string in any common format, via dateparser."""
    settings = {"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"}
    if prefer_past:
        settings["PREFER_DATES_FROM"] = "past"
    try:
        return dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None


def format_published(value: str | None) -> str | None:
    """Normalise a declared publication date to ``YYYY-MM-DD[THH:MM[:SS][+HH:MM]]``."""
    if not value:
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = parse_date(value)
        if parsed is None:
            return None
    if (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0) and parsed.tzinfo is None:
        return parsed.date().isoformat()
    text = parsed.isoformat(timespec="seconds" if parsed.second else "minutes")
    return text

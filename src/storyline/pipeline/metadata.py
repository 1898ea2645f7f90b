"""Article metadata found in the text itself: byline, dateline, agencies, dates.

These patterns are news conventions ("By Jane Doe", "GENEVA (AP) --",
"Xinhua | Updated: 2017-09-15 17:52", "Published : June 2, 2019 - 09:10")
that no library parses; dateparser turns the date strings found into
datetimes, keeping the time and the timezone when the text gives them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

import dateparser

AGENCIES = {
    "ap": "AP", "associated press": "AP", "the associated press": "AP", "afp": "AFP",
    "agence france-presse": "AFP", "agence france presse": "AFP", "reuters": "Reuters",
    "kyodo": "Kyodo", "kyodo news": "Kyodo", "xinhua": "Xinhua", "epa": "EPA", "dpa": "dpa",
    "ansa": "ANSA", "efe": "EFE", "yonhap": "Yonhap", "tass": "TASS", "bloomberg": "Bloomberg",
    "upi": "UPI", "pa": "PA", "aap": "AAP", "cp": "CP", "continental press": "CP",
    "wire services": "wire services", "agencies": "agencies", "cnn": "CNN",
}

_AGENCY_NAMES = sorted(AGENCIES, key=len, reverse=True)
_AGENCY_ALT = "|".join(re.escape(a) for a in _AGENCY_NAMES)
_AGENCY_IN_PARENS = re.compile(r"\((" + _AGENCY_ALT + r")(?:\s*[-/,]\s*(" + _AGENCY_ALT + r"))?\)", re.I)
_AGENCY_CREDIT = re.compile(
    r"^\W*(" + _AGENCY_ALT + r")\s*(?:\||$|-{1,2}\s|—)"
    r"|\b(?:with|from|by) (wire services|agencies|(?:the )?" + _AGENCY_ALT + r")\s*(?:\)|\(|\.|$|and\b)"
    r"|\b(" + _AGENCY_ALT + r") contributed\b",
    re.I,
)
# Agencies named in a credit can be lowercase words ("wire services"); in
# parentheses or a dateline they must look like names.
_CASED_AGENCY = re.compile(r"^(?:[A-Z]|wire|agencies)")

# "GENEVA (CP) --", "NAIROBI (Reuters) —", "BEIJING --", "SAN JOSE, Calif. (AP) —",
# "OFER PRISON, West Bank, Jan 1 (Reuters) -"
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?)"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?\s*(?:\((?P<agency>[^)]{1,40})\))?\s*(?:--|—|–|-)\s*"
)
BYLINE = re.compile(r"^\s*by\s+(?P<names>[A-Z][^\n]{1,160})$", re.I)
_BYLINE_TAIL = re.compile(
    r"(\s*[|,–—-]\s*)?(\S+@\S+|\b(published|updated|posted|last updated)\b.*|\b(staff |senior |chief )?"
    r"(reporter|correspondent|writer|editor)s?\b.*|\b(for|in) (dailymail|mailonline)\b.*|\d{1,2}:\d{2}.*|"
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}.*)$",
    re.I,
)
_STAMP = re.compile(
    r"\b(?P<label>published|updated|posted|last updated|first published|date)\s*(?:on|at)?\s*[:\-]?\s*"
    r"(?P<date>(?:\w{3,9},?\s+)?(?:\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}(?:st|nd|rd|th)? \w{3,9},? \d{4}|\w{3,9}\.? \d{1,2},? \d{4}|\d{1,2}/\d{1,2}/\d{2,4})"
    r"(?:\s*(?:[-,|]|at)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?(?:\s*(?:[A-Z]{2,4}T?|UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?)",
    re.I,
)
_TZ_ABBR = {"GMT": "+00:00", "UTC": "+00:00", "BST": "+01:00", "CET": "+01:00", "CEST": "+02:00",
            "EST": "-05:00", "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00", "PST": "-08:00",
            "PDT": "-07:00", "JST": "+09:00", "KST": "+09:00", "IST": "+05:30"}
_NOT_NAME = re.compile(r"\b(agencies|staff|newsroom|team|editors?|desk|online|reporters?)\b", re.I)


@dataclass(slots=True)
class HeadLine:
    """What a metadata line heading a body declared."""

    byline: str | None = None
    published: str | None = None
    agencies: list[str] = field(default_factory=list)


def _agency_key(name: str) -> str | None:
    key = name.lower().strip()
    key = key.removeprefix("the ") if key not in AGENCIES else key
    return AGENCIES.get(key)


def find_agencies(lines: list[str]) -> list[str]:
    """Wire agencies credited in the given lines (head, dateline, tail), in order, once each."""
    found: list[str] = []

    def add(name: str | None) -> None:
        agency = _agency_key(name) if name else None
        if agency and agency not in found:
            found.append(agency)

    for line in lines:
        for match in _AGENCY_IN_PARENS.finditer(line):
            for name in match.groups():
                if name and _CASED_AGENCY.match(name):
                    add(name)
        match = _AGENCY_CREDIT.search(line)
        if match:
            name = next(g for g in match.groups() if g)
            if _CASED_AGENCY.match(name) or name.lower() in ("wire services", "agencies"):
                add(name)
    return found


def parse_dateline(paragraph: str) -> tuple[str, str | None] | None:
    """The dateline place (and agency) opening a paragraph, if any.

    The place is as printed ("BERLIN", "SAN JOSE, Calif.").
    """
    match = DATELINE.match(paragraph)
    if not match:
        return None
    place = match.group("place").strip(" -,")
    letters = [c for c in place.split(",")[0] if c.isalpha()]
    # A dateline place is in capitals; "The" or "A" opening a sentence is not one.
    if len(letters) < 3 or not all(c.isupper() for c in letters) or place.lower() in AGENCIES:
        return None
    return place, match.group("agency")


def clean_byline(value: str | None) -> str | None:
    """Names only: no "By", no e-mail, no "Published …", no job titles."""
    if not value:
        return None
    value = re.sub(r"^\s*(written\s+)?by[:\s]+", "", value.strip(), flags=re.I)
    value = re.split(r"\s[|•]\s|\s*\S+@\S+", value)[0]  # "Jane Doe | Published …", an e-mail
    value = _BYLINE_TAIL.sub("", value).strip(" ,;|-–—")
    value = re.sub(r"\s+(and|&)\s+", ", ", value)
    names = [n.strip() for n in value.split(",") if n.strip() and not _NOT_NAME.search(n)]
    names = [n for n in names if _AGENCY_CREDIT.match(n) is None and _agency_key(n) is None]
    return ", ".join(names) or None


def parse_date(text: str, *, prefer_past: bool = True) -> datetime | None:
    """A date string in any common format, via dateparser (time and zone kept if given)."""
    settings: dict[str, object] = {"PREFER_DAY_OF_MONTH": "first"}  # aware only when a zone is given
    if prefer_past:
        settings["PREFER_DATES_FROM"] = "past"
    try:
        return dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None


# Declared publication dates outside these bounds are errors or placeholders
# ("0001-01-01" from an unset CMS field, "9999-12-31"), not news: newspapers
# date from the 17th century at the earliest, and nothing is published in a
# future this far off. A date later than the page was fetched is no better.
EARLIEST_PUBLISHED = date(1600, 1, 1)
LATEST_PUBLISHED = date(2100, 1, 1)
_ISO_LIKE = re.compile(r"(?P<sign>[+-]?)(?P<y>\d{4,})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")


def _parse_published(value: str) -> datetime | None:
    value = value.strip()
    if not re.search(r"\d{4}", value):
        return None  # "yesterday", "June 2": relative to a today we must not depend on
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        if (iso := _ISO_LIKE.match(value)) and not _valid_iso_day(iso):
            return None  # "2024-02-30", "-5000-01-01": a broken ISO date is not repaired by guessing
        return parse_date(_tz_to_offset(value.replace(" - ", " ")))


def _valid_iso_day(match: re.Match[str]) -> bool:
    if match.group("sign") or len(match.group("y")) > 4:
        return False
    try:
        date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    except ValueError:
        return False
    return True


def _out_of_range(parsed: datetime, fetched: str | None = None) -> str | None:
    """Why a parsed publication date cannot be true, or None."""
    day = parsed.date()
    if not EARLIEST_PUBLISHED <= day < LATEST_PUBLISHED:
        return "out of range"
    seen = _day_of(fetched)
    if seen is not None and day > seen + timedelta(days=1):  # a day of slack for time zones
        return f"after the page was fetched ({seen.isoformat()})"
    return None


def _day_of(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def format_published(value: str | None) -> str | None:
    """Normalise a publication date to ``YYYY-MM-DD[THH:MM[:SS][+HH:MM]]``; None unless a sane date.

    Dates outside ``EARLIEST_PUBLISHED``..``LATEST_PUBLISHED`` and broken ISO
    dates ("2024-02-30") give None: see :func:`check_published` for the reason.
    """
    return check_published(value)[0]


def check_published(value: str | None, fetched: str | None = None) -> tuple[str | None, str | None]:
    """A declared publication date, normalised, or None and a note saying why it was discarded.

    ``fetched`` (when the page was fetched, if known) bounds the date from above.
    An empty value is no date and needs no note.
    """
    if not value or not value.strip():
        return None, None
    shown = value.strip()[:40]
    try:
        parsed = _parse_published(value)
    except (ValueError, OverflowError, TypeError):
        parsed = None
    if parsed is None:
        return None, f"published {shown!r} discarded: not a date"
    why = _out_of_range(parsed, fetched)
    if why is not None:
        return None, f"published {shown!r} discarded: {why}"
    if (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0) and parsed.tzinfo is None:
        return parsed.date().isoformat(), None
    return parsed.isoformat(timespec="seconds" if parsed.second else "minutes"), None


def _tz_to_offset(value: str) -> str:
    """"09:10 EST" → "09:10 -05:00": dateparser reads offsets more reliably than names."""
    match = re.search(r"\b([A-Z]{3,4})\s*$", value)
    if match and match.group(1) in _TZ_ABBR:
        return value[: match.start()] + _TZ_ABBR[match.group(1)]
    return value


def find_published(line: str) -> str | None:
    """The publication date a stamp in ``line`` gives ("Updated: 2017-09-15 17:52")."""
    match = _STAMP.search(line)
    return format_published(match.group("date")) if match else None


def parse_head_line(line: str) -> HeadLine | None:
    """Read a metadata line heading a body (byline, date stamp, agency credit), or ``None``.

    Only short lines qualify, so a body sentence mentioning "updated" stays.
    """
    words = line.split()
    if len(words) > 30:
        return None
    head = HeadLine()
    byline = BYLINE.match(line)
    if byline and len(words) <= 16:
        head.byline = clean_byline(byline.group("names"))
    if _STAMP.search(line):
        head.published = find_published(line)
    credit = find_agencies([line])
    bare_credit = bool(credit) and (
        bool(re.fullmatch(r"\W*(" + _AGENCY_ALT + r")\W*(\|.*)?", line, re.I)) or head.published is not None
    )
    if bare_credit:
        head.agencies = credit
    if head.byline or head.published or bare_credit:
        return head
    return None


_MASTHEAD = re.compile(
    r"^(?:THE |The )?(?:[A-Z][\w'&.-]*\s){0,3}(?:Times|Post|Herald|Gazette|Courier|News|Daily|Chronicle|Tribune|"
    r"Journal|Star|Telegraph|Guardian|Observer|Express|Mail|Mirror|Record|Independent|Standard|Ledger|Sun|Press|"
    r"Examiner|Inquirer|Dispatch|Bulletin|Sentinel|Register|Globe|Today|TIMES|POST|HERALD|GAZETTE|COURIER|NEWS|"
    r"DAILY|CHRONICLE|TRIBUNE|JOURNAL|STAR|TELEGRAPH|GUARDIAN|LEDGER|PRESS)$"
)


def parse_masthead(line: str) -> str | None:
    """The outlet named by a masthead line ("The Valley Courier"), or ``None``."""
    line = line.strip(" |-–—")
    if len(line.split()) > 6 or not _MASTHEAD.match(line):
        return None
    return line.title() if line.isupper() else line


def outlet_from_url(url: str | None) -> str | None:
    """The site of a URL, without "www." ("www.bbc.com" → "bbc.com")."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    return host.removeprefix("www.") or None


# A BCP 47 language tag ("en", "en-GB", "pt_BR", "zh-Hant-TW", "und"): an ISO 639
# code of two or three letters, then subtags. Only the language itself is kept,
# lower-cased, as the language detector reports it.
_LANGUAGE_TAG = re.compile(r"(?P<lang>[A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")


def check_language(value: str | None) -> tuple[str | None, str | None]:
    """A declared language tag reduced to its ISO 639 code, or None and a note saying why it was discarded."""
    if not value or not value.strip():
        return None, None
    match = _LANGUAGE_TAG.fullmatch(value.strip())
    if match is None:
        return None, f"language {value.strip()[:40]!r} discarded: not a language code"
    return match.group("lang").lower(), None

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

from storyline.pipeline.lines.shapes import MONTH

AGENCIES = {
    "ap": "AP", "associated press": "AP", "the associated press": "AP", "afp": "AFP",
    "agence france-presse": "AFP", "agence france presse": "AFP", "reuters": "Reuters", "reuter": "Reuters",
    "kyodo": "Kyodo", "kyodo news": "Kyodo", "xinhua": "Xinhua", "epa": "EPA", "dpa": "dpa",
    "ansa": "ANSA", "efe": "EFE", "yonhap": "Yonhap", "tass": "TASS", "bloomberg": "Bloomberg",
    "upi": "UPI", "pa": "PA", "aap": "AAP", "cp": "CP", "continental press": "CP",
    "wire services": "wire services", "wires": "wire services", "wire": "wire services", "agencies": "agencies", "cnn": "CNN",
}

_AGENCY_NAMES = sorted(AGENCIES, key=len, reverse=True)
_AGENCY_ALT = "|".join(re.escape(a) for a in _AGENCY_NAMES)
_AGENCY_IN_PARENS = re.compile(r"\((" + _AGENCY_ALT + r")(?:\s*[-/,]\s*(" + _AGENCY_ALT + r"))?\)", re.I)
_AGENCY_CREDIT = re.compile(
    r"^\W*(" + _AGENCY_ALT + r")\s*(?:\||$|-{1,2}\s|—)"
    r"|\b(?:with|from|by) (wire services|agencies|(?:the )?" + _AGENCY_ALT + r")\s*(?:\)|\(|\.|$|and\b)"
    r"|\b(" + _AGENCY_ALT + r") contributed\b"
    r"|^with (?:[A-Z][\w.]+ )?(wires?)\s*$",  # "With Post wires": the paper's wire services
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
            "PDT": "-07:00", "JST": "+09:00", "KST": "+09:00", "IST": "+05:30", "AEST": "+10:00",
            "AEDT": "+11:00", "MST": "-07:00", "MDT": "-06:00", "HKT": "+08:00", "SGT": "+08:00"}
_NOT_NAME = re.compile(
    r"\b(agencies|staff|newsroom|team|editors?|desk|online|reporters?|writers?|correspondents?|columnists?|"
    r"contributors?|producers?|analysts?|news service|media|bureau|view|articles?|follow|comments?|minutes? read|"
    r"news|journal|magazine|tribune|herald|gazette)\b",
    re.I,
)


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


def agency_name(name: str) -> str | None:
    """The wire agency a credit names, as ``find_agencies`` lists it ("The Associated Press" → "AP"), or None;
    a lower-case word ("ap") names none."""
    return _agency_key(name) if _CASED_AGENCY.match(name.strip()) else None


_SIGN_OFF = re.compile(r"^[\W_]*(" + _AGENCY_ALT + r")[\W_]*$", re.I)


def is_sign_off(line: str) -> bool:
    """True for a line that only names a wire agency ("Reuter", "-- AP --", "(AFP)"): the sign-off under wire copy."""
    match = _SIGN_OFF.match(line)
    return bool(match) and _CASED_AGENCY.match(match.group(1)) is not None


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


_WEEKDAY = re.compile(r"(mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday", re.I)
# A job title or widget word glued to a name by the scrape ("Jane DoeStaff Writer", "DoeView More Articles").
_GLUED = re.compile(r"([a-z])((?:Business|Staff|Senior|Chief|View|More|Reporter|Writer|Editor|Columnist|Contributor|"
                    r"Correspondent|Updated|Published|Posted|Follow|Contact|Email|Twitter|"
                    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)")
# An outlet in capitals glued to a name: "Jane DoeFOXBusiness" (not "McDONALD": two lower-case letters before).
_GLUED_CAPS = re.compile(r"(?<=[a-z]{2})(?=[A-Z]{2,}[a-z]*\b)")
_SITE = re.compile(r"\w\.(com|org|net|co|uk|info|news)\b", re.I)


def clean_byline(value: str | None) -> str | None:
    """Names only: no "By", no e-mail or handle, no date, no job title, no outlet after a comma."""
    if not value:
        return None
    value = _GLUED.sub(r"\1, \2", " ".join(value.split()))  # "Michael HiltzikBusiness Columnist"; no-break spaces
    value = _GLUED_CAPS.sub(", ", value)
    inner = re.search(r"(?:^|\s)by[:\s]+(?=[A-Z])", value, flags=re.I)
    if inner:  # "Monday November 18, 2019 7:45 am PST by Joe Rossignol", "Analysis by …", "Written by …"
        value = value[inner.end():]
    # "Jane Doe | Published …", "Jane Doe - Live Science Contributor", an e-mail, "(jane@x.com)", "@handle",
    # "on November 19, 2019", "2019-11-18T20:51Z"
    value = re.split(r"\s[|•/]\s|\s[-–—]\s|\s*\(?\S+@\S+\.\w+|@|\s*\(|\s+(?i:on)\s+(?=\w+\.? \d|\d)|\s+\d"
                     r"|\s+(?=(?i:" + MONTH + r")\.?\s+\d)", value)[0]  # "Jane Doe November 19, 2019"
    value = re.sub(r"\s+(and|&)\s+", ", ", value)
    names = []
    for part in value.split(","):
        part = _BYLINE_TAIL.sub("", part).strip(" ,;|-–—.:")
        first = part.split()[0] if part.split() else ""
        if not part or _NOT_NAME.search(part) or _agency_key(first) or _AGENCY_CREDIT.match(part) or _agency_key(part):
            continue
        if _SITE.search(part) or _WEEKDAY.fullmatch(part) or any(c.isdigit() for c in part):
            continue  # "Troy L. Smith, Cleveland.com", "By Sherif Saed, Wednesday, 20 November 2019"
        if names and _NAME_SUFFIX.fullmatch(part):
            names[-1] += " " + part  # "Martin Luther King, Jr."
            continue
        if part.split()[0] in ("The", "THE"):
            continue  # "The Seattle Times": no person's name opens with "The"
        if names and len(part.split()) == 1:
            continue  # after a name, one word is a degree, an outlet or a place: "Jane Doe, MS, RDN", "…, FUTURISM"
        names.append(_uncap(part))
    return ", ".join(names) or None


_NAME_SUFFIX = re.compile(r"(?:Jr|Sr)\.?|I{2,3}|IV", re.I)


def _uncap(name: str) -> str:
    """A name printed in capitals in the usual case ("GREG BEACHAM" → "Greg Beacham"); others as printed."""
    if not name.isupper() or len(name.replace(" ", "")) < 4:
        return name
    return " ".join(w.capitalize() if len(w) > 1 and not w.endswith(".") else w for w in name.split())


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


# US zone names that newsrooms print without saying whether daylight time applies.
_TZ_REGION = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles"}
_STAMP_DATE = re.compile(
    r"\b(?:" + MONTH + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH + r"\.?,?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{4}/\d{2}/\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})",
    re.I,
)
_STAMP_TIME = re.compile(
    r"(?<![\d:])(\d{1,2})(?:[:.h](\d{2}))?(?::(\d{2}))?\s*([ap])\.?m\.?(?!\w)|(?<![\d:])(\d{1,2})[:h](\d{2})(?::(\d{2}))?(?![\d:])",
    re.I,
)
_STAMP_ZONE = re.compile(r"\b(" + "|".join(list(_TZ_ABBR) + list(_TZ_REGION)) + r")\b|([+-]\d{2}:?\d{2})\b|\bZ\b")
_STAMP_LABEL = re.compile(r"\b(published|posted|first published|created|updated|last updated|modified)\b", re.I)


def read_stamp(line: str) -> str | None:
    """The date (with time and zone when printed) of a date stamp line, normalised.

    Reads the forms pages print: "Published : March 15, 2021 - 14:22",
    "Nov. 19, 2019 8:03 am ET", "Updated 1:39 am EST, Wednesday, November 20,
    2019", "October 9, 2018 at 4:02 pm", "2019-11-19T12:48:14Z". A zone such
    as ET is resolved for the date (EST or EDT). Where a line carries both a
    publication and an update stamp, the publication wins.
    """
    iso = re.search(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?", line)
    if iso:
        return format_published(iso.group(0))
    dates = list(_STAMP_DATE.finditer(line))
    if not dates:
        return None
    chosen = dates[0]
    for match in dates:
        labels = _STAMP_LABEL.findall(line[max(0, match.start() - 40):match.start()])
        if labels and labels[-1].lower() in ("published", "posted", "first published", "created"):
            chosen = match
            break
    day = parse_date(chosen.group(0).replace(".", " ") if "/" not in chosen.group(0) else chosen.group(0))
    if day is None:
        return None
    # The time and zone printed nearest the date (before or after it, on the same line).
    window = line[max(0, chosen.start() - 30):chosen.end() + 40]
    time = _STAMP_TIME.search(line[chosen.end():chosen.end() + 40]) or _STAMP_TIME.search(
        line[max(0, chosen.start() - 30):chosen.start()]
    )
    if time is None:
        return day.date().isoformat()
    if time.group(1):
        hour, minute, second = int(time.group(1)) % 12 + (12 if time.group(4).lower() == "p" else 0), int(
            time.group(2) or 0), int(time.group(3) or 0)
    else:
        hour, minute, second = int(time.group(5)), int(time.group(6)), int(time.group(7) or 0)
    if hour > 23 or minute > 59 or second > 59:
        return day.date().isoformat()
    stamp = day.replace(hour=hour, minute=minute, second=second, tzinfo=None)
    zone = _STAMP_ZONE.search(window)
    if zone:
        stamp = _with_zone(stamp, zone.group(0))
    return stamp.isoformat(timespec="seconds" if second else "minutes")


def _with_zone(stamp: datetime, zone: str) -> datetime:
    from datetime import timedelta, timezone
    from zoneinfo import ZoneInfo

    if zone in _TZ_REGION:
        return stamp.replace(tzinfo=ZoneInfo(_TZ_REGION[zone]))
    offset = _TZ_ABBR.get(zone, "+00:00" if zone == "Z" else zone)
    sign = -1 if offset.startswith("-") else 1
    hours, minutes = int(offset[1:3]), int(offset.replace(":", "")[3:5])
    return stamp.replace(tzinfo=timezone(sign * timedelta(hours=hours, minutes=minutes)))


_NAME = r"(?P<name>(?:the |The )?[A-Z0-9][\w.&'’-]*(?:\s+(?:of |for |and |& )?[A-Z0-9][\w.&'’-]*){0,4})"
# (id, pattern): where a page names its outlet, most telling first. Each is a news-page convention.
OUTLET_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("copyright", re.compile(r"(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*(?:\d{4})?)?[.,]?\s*)?"
                             r"(?:copyright\s+)?(?:by\s+)?" + _NAME, re.I)),
    ("originally_published", re.compile(r"\b(?i:originally (?:published|appeared) (?:on|in|at|by)) " + _NAME)),
    ("source_line", re.compile(r"^SOURCE:\s*" + _NAME + r"\s*$", re.I)),
    ("tagline", re.compile(r"^(?:More (?:From|from|on) |Popular on |Follow |Subscribe to |The latest from |Get |Want more |"
                           r"Support )"
                           + _NAME + r"(?:\s+(?:on|in|delivered|newsletter)\b.*|[.!?]?.*)$")),
    ("disclosure", re.compile(r"^(?:Disclosure:\s*)?" + _NAME + r" (?:may|might) (?:earn|receive|get) (?:a )?commission")),
]
# A copyright line often names the owner, not the title: "© 2019 Hearst Communications", "NYP Holdings".
_OWNER = re.compile(r"\b(Communications|Holdings|Interactive|Network|Broadcasting|Group|Corporation|Corp|Enterprises|"
                    r"Publishing|Publications|Digital|Company|Organization|Universal|Inc|LLC|Ltd|Limited|Media)\b")
_OUTLET_TAIL = re.compile(r"(?:\s+(?:Media|Group|Inc|LLC|Ltd|Pvt|Limited|Corporation|Company|Co|Newsletter|All|Rights)\b\.?.*"
                          r"|[.,]\s*$)", re.I)


def byline_outlet(line: str) -> str | None:
    """The outlet a byline names after its authors: "By Andy Sahadeo | Fox News", "Eric Song, IGN Staff"."""
    names = clean_byline(line)
    if not names or len(line.split()) > 16:
        return None
    rest = line
    for name in names.split(", "):
        rest = rest.replace(name, ",")
    rest = re.sub(r"^\W*(?:[A-Za-z]+\s+){0,2}?by\b", ",", rest, flags=re.I)
    rest = re.sub(r"\b(?:and|&)\b", ",", rest)
    for part in re.split(r"\s*[|,•/]\s*|\s[-–—]\s|\bfor\b", rest):
        part = re.sub(r"\b(?:(?:staff|senior|chief)\s*)?(?:writer|reporter|correspondent|editor(?:-at-large)?|columnist|"
                      r"contributor|staff)s?\b.*$", "", part.strip(" .,:-–—"), flags=re.I).strip(" .,:-–—")
        words = part.split()
        if 1 <= len(words) <= 4 and part[0].isupper() and not any(c.isdigit() for c in part) \
                and not _WEEKDAY.fullmatch(part) and not re.match(MONTH + r"\b", part, re.I):
            return part
    return None


def find_outlet(lines: list[str], head: int = 3, bylines: list[str] | None = None) -> tuple[str, str] | None:
    """The outlet a page names (masthead, copyright line, byline, tagline), with the id of the rule that found it.

    ``lines`` are the scrape's removed lines in order; a masthead counts only
    among the first ``head`` of them; ``bylines`` are its byline lines. A
    copyright line naming a company ("Hearst Communications") is the last resort:
    it names the owner more often than the title.
    """
    tagline = dict(OUTLET_RULES)["tagline"]
    for line in lines[:head]:
        name = None if tagline.search(line) else parse_masthead(line)
        if name and len(name.split()) >= 2:
            return name, "masthead"
    found = {rule_id: _rule_names(pattern, lines) for rule_id, pattern in OUTLET_RULES}
    plain = [n for n in found["copyright"] if not _OWNER.search(n)]
    if plain:
        return plain[0], "copyright"
    for line in bylines or []:
        if name := byline_outlet(line):
            return name, "byline"
    for rule_id, _ in OUTLET_RULES[1:]:
        if found[rule_id]:
            return found[rule_id][0], rule_id
    if found["copyright"]:
        return found["copyright"][0], "copyright_owner"
    return None


def _rule_names(pattern: re.Pattern[str], lines: list[str]) -> list[str]:
    names = []
    for line in lines:
        if len(line.split()) <= 25 and (match := pattern.search(line)):
            name = re.sub(r"^(?:(?:\d{4}|copyright|by)\W*)+", "", match.group("name"), flags=re.I)
            name = _OUTLET_TAIL.sub("", name).strip(" .,|-")
            if len(name) >= 2 and not re.fullmatch(r"[\d\s]+|all|rights|us|our|the", name, re.I):
                names.append(name)
    return names

"""The reference date of an article: its publication time, seen from its dateline city.

A story filed from Seoul at 23:30 UTC on the 12th happens on the 13th there, so
"today" in it is the 13th. The city→zone table is small and hand-written: the
zone database (zoneinfo) knows zones, not city names, and a gazetteer package
would be a heavy dependency for the few dozen cities datelines mostly name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import dateparser

CITY_ZONES = {
    "washington": "America/New_York", "new york": "America/New_York", "boston": "America/New_York",
    "miami": "America/New_York", "atlanta": "America/New_York", "chicago": "America/Chicago",
    "houston": "America/Chicago", "dallas": "America/Chicago", "denver": "America/Denver",
    "los angeles": "America/Los_Angeles", "san francisco": "America/Los_Angeles", "seattle": "America/Los_Angeles",
    "toronto": "America/Toronto", "ottawa": "America/Toronto", "montreal": "America/Toronto",
    "vancouver": "America/Vancouver", "mexico city": "America/Mexico_City", "havana": "America/Havana",
    "bogota": "America/Bogota", "lima": "America/Lima", "caracas": "America/Caracas",
    "sao paulo": "America/Sao_Paulo", "rio de janeiro": "America/Sao_Paulo", "brasilia": "America/Sao_Paulo",
    "buenos aires": "America/Argentina/Buenos_Aires", "santiago": "America/Santiago",
    "london": "Europe/London", "dublin": "Europe/Dublin", "lisbon": "Europe/Lisbon", "madrid": "Europe/Madrid",
    "paris": "Europe/Paris", "brussels": "Europe/Brussels", "amsterdam": "Europe/Amsterdam",
    "the hague": "Europe/Amsterdam", "luxembourg": "Europe/Luxembourg", "berlin": "Europe/Berlin",
    "frankfurt": "Europe/Berlin", "bonn": "Europe/Berlin", "geneva": "Europe/Zurich", "zurich": "Europe/Zurich",
    "bern": "Europe/Zurich", "rome": "Europe/Rome", "vatican city": "Europe/Rome", "milan": "Europe/Rome",
    "vienna": "Europe/Vienna", "prague": "Europe/Prague", "warsaw": "Europe/Warsaw", "budapest": "Europe/Budapest",
    "stockholm": "Europe/Stockholm", "oslo": "Europe/Oslo", "copenhagen": "Europe/Copenhagen",
    "helsinki": "Europe/Helsinki", "athens": "Europe/Athens", "istanbul": "Europe/Istanbul",
    "ankara": "Europe/Istanbul", "kyiv": "Europe/Kyiv", "kiev": "Europe/Kyiv", "moscow": "Europe/Moscow",
    "minsk": "Europe/Minsk", "belgrade": "Europe/Belgrade", "bucharest": "Europe/Bucharest",
    "sofia": "Europe/Sofia", "jerusalem": "Asia/Jerusalem", "tel aviv": "Asia/Jerusalem", "gaza": "Asia/Gaza",
    "beirut": "Asia/Beirut", "damascus": "Asia/Damascus", "amman": "Asia/Amman", "baghdad": "Asia/Baghdad",
    "tehran": "Asia/Tehran", "riyadh": "Asia/Riyadh", "dubai": "Asia/Dubai", "abu dhabi": "Asia/Dubai",
    "doha": "Asia/Qatar", "kuwait city": "Asia/Kuwait", "cairo": "Africa/Cairo", "tripoli": "Africa/Tripoli",
    "tunis": "Africa/Tunis", "algiers": "Africa/Algiers", "rabat": "Africa/Casablanca", "lagos": "Africa/Lagos",
    "abuja": "Africa/Lagos", "accra": "Africa/Accra", "nairobi": "Africa/Nairobi", "addis ababa": "Africa/Addis_Ababa",
    "khartoum": "Africa/Khartoum", "johannesburg": "Africa/Johannesburg", "pretoria": "Africa/Johannesburg",
    "cape town": "Africa/Johannesburg", "kinshasa": "Africa/Kinshasa", "kabul": "Asia/Kabul",
    "islamabad": "Asia/Karachi", "karachi": "Asia/Karachi", "new delhi": "Asia/Kolkata", "delhi": "Asia/Kolkata",
    "mumbai": "Asia/Kolkata", "bombay": "Asia/Kolkata", "kathmandu": "Asia/Kathmandu", "dhaka": "Asia/Dhaka",
    "colombo": "Asia/Colombo", "yangon": "Asia/Yangon", "bangkok": "Asia/Bangkok", "hanoi": "Asia/Bangkok",
    "phnom penh": "Asia/Phnom_Penh", "kuala lumpur": "Asia/Kuala_Lumpur", "singapore": "Asia/Singapore",
    "jakarta": "Asia/Jakarta", "manila": "Asia/Manila", "beijing": "Asia/Shanghai", "shanghai": "Asia/Shanghai",
    "hong kong": "Asia/Hong_Kong", "taipei": "Asia/Taipei", "seoul": "Asia/Seoul", "pyongyang": "Asia/Pyongyang",
    "tokyo": "Asia/Tokyo", "osaka": "Asia/Tokyo", "sydney": "Australia/Sydney", "canberra": "Australia/Sydney",
    "melbourne": "Australia/Melbourne", "perth": "Australia/Perth", "wellington": "Pacific/Auckland",
    "auckland": "Pacific/Auckland", "honolulu": "Pacific/Honolulu", "anchorage": "America/Anchorage",
}


@dataclass(slots=True, frozen=True)
class Reference:
    """The date relative expressions resolve against, and where it came from."""

    day: date
    basis: str  # "published", "published@<zone>" (dateline-local), or "estimated"
    hour: int | None = None  # local hour of publication, when the stamp has a time of day


def dateline_zone(dateline: str | None) -> ZoneInfo | None:
    """The time zone of the dateline's city ("SEOUL, March 12 (Reuters)" → Asia/Seoul), if known."""
    if not dateline:
        return None
    head = re.split(r"[,(—–-]", dateline, maxsplit=1)[0].strip().lower()
    head = re.sub(r"\s+", " ", head)
    zone = CITY_ZONES.get(head)
    return ZoneInfo(zone) if zone else None


def reference_for(published: str | None, dateline: str | None = None, *, estimated: bool = False) -> Reference | None:
    """The reference date of an article published at ``published`` (ISO 8601) from ``dateline``.

    Only a publication *time with an offset* can move the date; a bare date or a
    naive time is taken as already local.
    """
    if not published:
        return None
    try:
        stamp = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        # Not ISO 8601 ("Tue, 11 Mar 2025 23:30:00 GMT", "March 11, 2025"): dateparser reads it.
        stamp = dateparser.parse(published, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
        if stamp is None:
            return None
    basis = "estimated" if estimated else "published"
    timed = bool(re.search(r"\d[T ]\d{1,2}:\d{2}|\d{1,2}:\d{2}", published))
    zone = dateline_zone(dateline)
    if zone is not None and stamp.tzinfo is not None:
        local = stamp.astimezone(zone)
        return Reference(local.date(), f"{basis}@{zone.key}", local.hour if timed else None)
    return Reference(stamp.date(), basis, stamp.hour if timed else None)

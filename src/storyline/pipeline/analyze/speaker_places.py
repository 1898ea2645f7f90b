"""Whether a name the model tagged as a place is a place the world knows.

spaCy's small model tags many unfamiliar surnames as places ("Nefzi said", "Iampaglia,
who graduated in 2009", "Tanden wrote"). A country or a capital that "said" something
speaks through someone (:meth:`SpeakerResolver._country`); a surname does not. The
gazetteer here tells the two apart: the countries and regions of the CLDR (English
names, from Babel), the cities of the IANA time-zone database, the US states, and any
name the article itself writes as a place ("in Nefzi", "to Tanden").
"""

from __future__ import annotations

import re
import zoneinfo
from functools import lru_cache

# the US states and a few places news names as actors that neither the CLDR nor the
# time-zone database lists under that name
_EXTRA = """
Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho
Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi
Missouri Montana Nebraska Nevada New_Hampshire New_Jersey New_Mexico New_York North_Carolina North_Dakota
Ohio Oklahoma Oregon Pennsylvania Rhode_Island South_Carolina South_Dakota Tennessee Texas Utah Vermont
Virginia Washington West_Virginia Wisconsin Wyoming Washington_D.C. D.C. Beijing Tokyo Seoul Pyongyang
Tehran Moscow Kyiv Kiev London Paris Berlin Brussels Ottawa Canberra Delhi New_Delhi Islamabad Kabul
Baghdad Damascus Ankara Cairo Riyadh Jerusalem Gaza Ramallah Havana Caracas Taipei Hanoi Manila Jakarta
America Britain U.S. US U.S.A. USA U.K. UK EU Europe Asia Africa
""".split()


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    from babel import Locale  # only when a place speaks: most articles never ask

    names = {name.replace("_", " ") for name in _EXTRA}
    names.update(Locale("en").territories.values())
    for zone in zoneinfo.available_timezones():  # "America/New_York" → "New York"
        names.add(zone.rsplit("/", 1)[-1].replace("_", " "))
    return frozenset(name.lower() for name in names)


def known_place(name: str, text: str = "") -> bool:
    """Whether ``name`` ("China", "the United States", "Beijing") is a country, region, state
    or city of the gazetteer, or a name ``text`` writes as a place ("in Nefzi")."""
    bare = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    if bare.lower() in _places():
        return True
    # "according to Nielsen" names a source, not a destination
    return bool(text) and bool(re.search(r"\b(?:in|(?<!according\s)to|from|at|near|across|outside|of)\s+(?:the\s+)?"
                                         + re.escape(bare) + r"\b", text))

"""The rule grammar: regex patterns for English time expressions, each with its normaliser.

Every rule is (name, pattern, handler). All rules run over the whole text; where
matches overlap, the longest wins (then the earliest). A handler turns a match
into a TimeML (value, type) given a :class:`Context` (reference date, tense of the
clause, discourse anchors), or returns None to veto the match. A pattern may mark
the part to report with a group named ``x`` ("in *spring*": the preposition only
licenses the match).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from storyline.pipeline.analyze.timex_base import (
    CLOCK,
    DAYREF,
    EDGE,
    MN,
    POD,
    REL,
    SPELLED_YEAR,
    WD,
    WDS,
    YEAR,
    Context,
    M,
    Match,
    Result,
)
from storyline.pipeline.analyze.timex_dates import (
    h_century,
    h_decade,
    h_decade_word,
    h_full_date,
    h_half,
    h_holiday,
    h_latest_period,
    h_month,
    h_month_rel_year,
    h_month_year,
    h_numeric_date,
    h_quarter,
    h_season,
    h_spelled_year,
    h_week_of,
    h_year,
    h_year_ended,
    h_year_of_ref,
    h_year_period,
)
from storyline.pipeline.analyze.timex_extent import trim_extent
from storyline.pipeline.analyze.timex_names import in_a_name
from storyline.pipeline.analyze.timex_relative import (
    h_ago,
    h_bare_plural,
    h_clock,
    h_day_beside,
    h_duration,
    h_edge_of_unit,
    h_half_unit,
    h_in_the_unit,
    h_part_of_day,
    h_per,
    h_quarter_century,
    h_ref,
    h_relative_day,
    h_relative_unit,
    h_set,
    h_that_unit,
    h_the_weekend,
    h_unit_long,
    h_weekday,
    h_year_ago_adj,
)
from storyline.pipeline.analyze.timex_vocab import COUNTED, NUMBER, UNIT

__all__ = ["RULES", "Context", "Match", "find"]

# ---- the rule table -----------------------------------------------------------------------

RULES: list[tuple[str, str, Callable[[re.Match, Context], Result | None]]] = [
    ("full_date", rf"(?:{WD},?\s+)?(?P<month>{MN})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d|\s*(?:%|percent))(?:,?\s+(?P<year>{YEAR})\b)?", h_full_date),
    ("full_date_dmy", rf"(?:{WD},?\s+)?(?:the\s+)?(?<![\d,.])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MN})(?![a-z])(?:,?\s+(?P<year>{YEAR})\b)?", h_full_date),
    ("numeric_date", r"\b(?:(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)(?:[T ](?P<iso_t>[0-2]\d:[0-5]\d))?|(?P<us_m>[01]?\d)/(?P<us_d>[0-3]?\d)/(?P<us_y>(?:19|20)?\d\d))\b", h_numeric_date),
    ("month_year", rf"(?:(?:{EDGE})[\s-]*)?(?P<month>{MN}),?\s+(?:of\s+)?(?:(?P<year>{YEAR})|(?P<syear>{SPELLED_YEAR}))\b", h_month_year),
    ("month_rel_year", rf"(?:(?:{EDGE})[\s-]*)?(?P<month>{M})\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b", h_month_rel_year),
    ("month", rf"(?:(?P<mod>{REL}|{EDGE})[\s-]+)?(?:(?:this|last|next)\s+)?(?P<month>{M})(?!\s*\d)", h_month),
    ("year", rf"(?<![\w$£€.-])(?:(?P<mod>fiscal|calendar|early|late|mid|the\s+year|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of)[\s-]+)?(?P<year>{YEAR})\b(?!\s*-\s*\d)", h_year),
    ("spelled_year", rf"(?:the\s+year\s+)?(?P<w>{SPELLED_YEAR[3:-1]})\b", h_spelled_year),
    ("decade", r"(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:'|’)?(?P<dec>(?:1[5-9]|20)?\d0)(?:'|’)?s\b", h_decade),
    ("decade_word", r"(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b", h_decade_word),
    ("quarter", rf"(?:the\s+)?(?:(?P<pre>year[\s-](?:ago|earlier)|(?P<y3>{YEAR})|(?:next|last|this)\s+year['’]s)[\s-]+)?(?:(?:fiscal[\s-]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)[\s-]+(?:fiscal[\s-]+)?quarter|(?P<mod>year[\s-]earlier|year[\s-]ago|latest|current|previous|prior|preceding|comparable|same|recent|fiscal|this|next|coming)[\s-]+(?:fiscal\s+)?quarter|(?<=the\s)quarter|(?<=\d\s)quarter|(?<=year['’]s\s)(?:quarter|period))(?:\s+of\s+(?:fiscal\s+)?(?P<year>{YEAR})|,?\s+(?P<year2>{YEAR})|\s+(?P<ago>a\s+year\s+(?:ago|earlier)))?\b(?!\s+(?:of\s+(?!fiscal|\d|[$£€])|point|mile|century|-?\s*percent|%))", h_quarter),
    ("half", rf"(?:the\s+)?(?:(?P<ord>first|second|last|latter)\s+half|(?P<ord2>first|last)\s+two\s+quarters)(?:\s+of\s+(?:the\s+year|(?P<year>{YEAR}))|(?=\s+(?:results|earnings|profits?|sales|revenues?|growth|output|net|loss(?:es)?)|\s*[,.;]))", h_half),
    ("season", rf"(?:(?P<pre>the|in|of|during|by|until|since|through|before|after)\s+)?(?P<x>(?:(?:this\s+(?=(?:past|coming)\b))?(?P<mod>{REL}|{EDGE})[\s-]+)?(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?:(?P<year>{YEAR})|(?P<syear>{SPELLED_YEAR})))?)\b(?![\s-]+(?:collection|olympics|games|school|camp|wheat|storm|session))", h_season),
    ("relative_day", r"(?:(?:early|late|earlier|later)\s+)?(?P<w>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|today|tonight|yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?\b", h_relative_day),
    ("ref", r"\b(?P<w>right\s+now|now|currently|nowadays|presently|at\s+present|these\s+days|recently|lately|soon|shortly|the\s+past|the\s+(?:near\s+|distant\s+)?future|the\s+present|(?<=in\s)future|the\s+(?:near|short)\s+term(?!-)|a\s+later\s+date)\b(?!\s+(?:tense|generations|owners?|president|chairman|director|employees?|perfect))", h_ref),
    ("relative_unit", r"(?:(?:early|late|mid|earlier|later)[\s-]+)?(?:the\s+|this\s+(?=(?:past|coming)\b))?(?P<rel>this|last|next|past|previous|preceding|coming|following|current|upcoming)[\s-]+(?P<unit>week|month|year|weekend|decade|century|quarter)\b(?!s)(?:\s+or\s+so\b)?", h_relative_unit),
    ("year_of_ref", r"(?:the\s+)(?P<mod>(?:current|full|fiscal|calendar|present)(?:\s+(?:fiscal|calendar))?\s+)?year(?:[\s-](?P<end>end))?\b(?!\s*(?:-|ago|earlier|old))|(?:the\s+end\s+of\s+the\s+year|year[\s-]end|year['’]s\s+end)\b", h_year_of_ref),
    ("the_weekend", r"the\s+weekend\b", h_the_weekend),
    ("edge_of_unit", r"the\s+(?:end|beginning|start|middle)\s+of\s+the\s+(?P<unit>week|month)\b(?!\s+(?:of|in|before|after)\b|-)", h_edge_of_unit),
    ("period_year_ago", r"the\s+(?:corresponding|comparable|same|year[\s-]ago|year[\s-]earlier)\s+period(?:\s+(?:of\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier)))?", h_year_ago_adj),
    ("that_unit", r"(?:(?P<edge>earlier|later)\s+)?(?:that|the\s+same)\s+(?P<unit>day|month|year)\b(?!\s*(?:-|old))", h_that_unit),
    ("in_the_unit", r"(?P<edge>earlier|later)\s+in\s+the\s+(?P<unit>day|week|month|year)\b", h_in_the_unit),
    ("year_period", rf"the\s+(?P<year>{YEAR})\s+period\b", h_year_period),
    ("week_of", rf"the\s+week\s+of\s+(?P<day>{MN}\s+[0-3]?\d(?:st|nd|rd|th)?(?:,?\s+{YEAR})?)", h_week_of),
    ("day_beside", rf"the\s+day\s+(?P<dir>before|after)\s+(?:(?P<mod>last|next|this)\s+)?(?P<day>{DAYREF})", h_day_beside),
    ("year_ended", r"the\s+year\s+end(?:ed|ing)\b", h_year_ended),
    ("century", r"(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+century\b", h_century),
    ("latest_period", r"the\s+(?:latest|most\s+recent)\s+period\b", h_latest_period),
    # "three days later", "a month after Qantas suspended flights", "30 days before closing" count from
    # a narrated event, not from the report: they stay durations (the duration rule takes them), as
    # TimeML annotates them. Only a bare "two days before." / "a week after," counts from now.
    ("ago", rf"(?:(?:nearly|almost|about|some|more\s+than|less\s+than|over|just|only|roughly|around|at\s+least)\s+)?(?P<num>{NUMBER})(?P<half>\s+and\s+a\s+half)?[\s-]+(?P<unit>{UNIT})s?(?P<half2>\s+and\s+a\s+half)?(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|from\s+now|hence|back|previously|(?:before|after)(?=\s*(?:[,.;:!?)]|$)))\b", h_ago),
    ("year_ago_adj", r"\b(?:year[\s-](?:earlier|ago))\b", h_year_ago_adj),
    ("weekday", rf"(?:(?:the\s+|this\s+(?=(?:past|coming)\b))?(?P<mod>last|next|this|past|previous|preceding|following|coming|early|late)\s+)?(?P<wd>{WD})(?:,?\s+(?P<pod>(?:morning|afternoon|evening|night)))?\b", h_weekday),
    ("part_of_day", rf"(?:(?P<mod>this|last|tomorrow|yesterday|mid[\s-]?)\s*)(?P<pod>{POD})\b(?:\s+(?P<mod2>yesterday|today|tomorrow))?|(?P<pod2>overnight)", h_part_of_day),
    # "at 10:35 a.m. (0735 GMT) Friday": a wire's conversion to GMT may stand between the time and its day.
    ("clock", rf"(?:(?:about|around|at|approximately|by|until|before|after)\s+)?(?P<clock>{CLOCK})(?:(?:\s*\([^()]{{1,24}}\))?,?\s+(?:on\s+)?(?P<day>{DAYREF}))?", h_clock),
    ("clock_after_day", rf"(?P<day>{DAYREF}),?\s+(?:at\s+(?:about\s+|around\s+)?)?(?P<clock>{CLOCK})", h_clock),
    ("per", r"\b(?:a|per)\s+(?P<unit>year|month|week|day|hour)\b", h_per),
    ("duration", rf"(?:(?:the|for|past|the\s+past|the\s+last|the\s+next|the\s+first|the\s+latest|the\s+coming|the\s+previous|more\s+than|less\s+than|under|about|nearly|almost|over|some|up\s+to|at\s+least|roughly|around|only|just)\s+)*(?P<num>{NUMBER})(?P<half>\s+and\s+a\s+half)?[\s-]+(?:{COUNTED}\s+)?(?P<unit>{UNIT})s?(?:[\s-]+(?:long|old))?\b(?:\s+or\s+so\b)?", h_duration),
    ("unit_long", rf"(?P<unit>{UNIT})(?P<pl>s)?-long\b", h_unit_long),
    # "a quarter-century ago" is 25 years back, not "a quarter" (the three months a results report means).
    ("quarter_century", rf"(?:(?P<num>{NUMBER})[\s-]+)?quarter[\s-]+centur(?:y|ies)\b(?:\s+(?P<dir>ago|earlier)\b)?", h_quarter_century),
    ("a_unit_and_half", rf"(?:(?:more\s+than|less\s+than|about|nearly|almost|over)\s+)?(?P<num>an?|one)\s+(?P<unit>{UNIT})\s+(?P<half>and\s+a\s+half)\b", h_duration),
    ("half_unit", r"half\s+an?\s+(?P<unit>hour|day|year|month|century|decade)\b", h_half_unit),
    ("bare_plural", r"(?:(?P<mod>(?:(?:the\s+)?(?:past|last|next|coming|previous|recent)\s+)?(?:several|many|few|a\s+few)|recent|coming|past|the\s+past|the\s+last|the\s+next|the\s+coming|some|(?P<the>the(?:\s+(?:early|later|ensuing|intervening|following))?))\s+)?(?P<unit>years|months|quarters|weeks|days|hours|minutes|decades|centuries)\b(?:\s+ahead\b)?(?!\s+(?:ago|earlier|later|of\s+age))", h_bare_plural),
    ("set", rf"\b(?:daily|nightly|weekly|biweekly|monthly|quarterly|annually|yearly|hourly|(?:every|each)\s+(?:other\s+|single\s+|{NUMBER}\s+)?(?:{UNIT}s?|{WD}|{MN})|{WDS}(?:\s+{POD}s?)?|{WD}\s+{POD}s)\b(?!\s*(?:newspaper|paper|basis|dividends?|reports?|results|earnings|payments?|meetings?|magazine|journal))", h_set),
    ("holiday", rf"(?P<h>(?-i:Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s\s+(?:Day|Eve)|Independence\s+Day|Halloween|Valentine['’]s\s+Day|Boxing\s+Day|Thanksgiving(?:\s+Day)?|Memorial\s+Day|Labor\s+Day|Election\s+Day|Presidents['’]?\s+Day|Martin\s+Luther\s+King(?:\s+Jr\.?)?\s+Day|Good\s+Friday|Easter\b(?:\s+(?:Sunday|Monday))?(?!\s+(?i:island|rising|eggs?|bunny|parade|uprising))))(?:\s+(?P<year>{YEAR}))?", h_holiday),
]

# No expression starts inside a word: "shortfall" holds no "fall", "quota year" no "a year". Saying
# so up front also lets the regex engine skip every mid-word position, which halves the scan.
_NOT_IN_WORD = r"(?<![^\W\d_])"
_COMPILED = [(name, re.compile(_NOT_IN_WORD + pattern, re.I), handler) for name, pattern, handler in RULES]


# A cheap prefilter: the words a rule cannot match without. A rule runs only over a text that has
# them all (found by plain searches, mostly of lower-case literals, which the regex engine scans
# fast), so a text with no month name never pays for the five month patterns. Keys starting with
# "=" are searched case-sensitively in the text itself (month and weekday names are capitalised in
# the grammar too), the others in the text lower-cased.
_MONTH_CAP = "=Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC"
_WEEKDAY_CAP = "=Mon|Tue|Wed|Thu|Fri|Sat|Sun|MON|TUE|WED|THU|FRI|SAT|SUN"
_DIGIT = r"\d"
_UNIT = "second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur"
_CLOCK = r"[ap]\.?\s?m\b|o'clock|\d:\d|noon|midnight|midday|\d{4}\s+(?:gmt|utc|local\s+time)"
NEEDS: dict[str, tuple[str, ...]] = {
    "full_date": (_MONTH_CAP, _DIGIT), "full_date_dmy": (_MONTH_CAP, _DIGIT), "numeric_date": (_DIGIT,),
    "month_year": (_MONTH_CAP, _DIGIT + r"|nineteen|two\s+thousand"), "month_rel_year": (_MONTH_CAP, "year"), "month": (_MONTH_CAP,),
    "year": (_DIGIT,), "spelled_year": (r"nineteen|two\s+thousand",), "decade": (_DIGIT,),
    "decade_word": ("twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties",),
    "quarter": ("quarter|period",), "half": ("half|quarters",), "season": ("spring|summer|fall|autumn|winter",),
    "relative_day": ("today|tonight|yesterday|tomorrow",),
    "ref": (r"now|current|present|these|recent|lately|soon|shortly|past|future|(?:near|short)\s+term|later\s+date",),
    "relative_unit": (_UNIT,), "year_of_ref": ("year",), "the_weekend": ("weekend",), "edge_of_unit": (r"(?:end|beginning|start|middle)\s+of\s+the\s+(?:week|month)",),
    "period_year_ago": ("period",), "year_period": ("period",), "week_of": (r"week\s+of",),
    "day_beside": (r"day\s+(?:before|after)",), "year_ended": (r"year\s+end",), "century": ("century",),
    "latest_period": ("period",), "ago": (_UNIT, "ago|earlier|now|hence|back|previously|before|after"),
    "year_ago_adj": ("year",), "that_unit": ("that|same",), "in_the_unit": (r"in\s+the",), "weekday": (_WEEKDAY_CAP,), "part_of_day": ("morning|afternoon|evening|night",),
    "clock": (_CLOCK,), "clock_after_day": (_CLOCK,), "per": (_UNIT,), "duration": (_UNIT,),
    "a_unit_and_half": (r"and\s+a\s+half",), "unit_long": ("-long",), "quarter_century": (r"quarter[\s-]+centur",), "half_unit": (r"half\s+an?\s",), "bare_plural": (_UNIT,),
    "set": (("daily|nightly|weekly|monthly|quarterly|annually|yearly|hourly|every|each|days|mondays|tuesdays|"
             "wednesdays|thursdays|fridays|saturdays|sundays|mornings|afternoons|evenings|nights"),),
    "holiday": ("christmas|new year|independence|halloween|valentine|boxing|thanksgiving|memorial|labor|election|presidents|"
                "martin|good friday|easter",),
}
_NEED_PATTERNS = {key: re.compile(key.lstrip("=")) for keys in NEEDS.values() for key in keys}


def _prefilter(text: str) -> Callable[[str], bool]:
    """Whether a rule's needed words are all in ``text`` (each word list searched once)."""
    lowered = text.lower()
    seen: dict[str, bool] = {}

    def ok(name: str) -> bool:
        for key in NEEDS.get(name, ()):
            if key not in seen:
                seen[key] = _NEED_PATTERNS[key].search(text if key.startswith("=") else lowered) is not None
            if not seen[key]:
                return False
        return True

    return ok


_ABSOLUTE = {"numeric_date", "month_year", "year", "decade", "decade_word", "duration", "a_unit_and_half",
             "half_unit", "bare_plural", "set", "per"}


_CALENDAR = re.compile(r"\d{4}(?:-[01]\d(?:-[0-3]\d)?)?(?:T|$)")


def _resolve(handler: Callable, m: re.Match, ctx: Context) -> Any:
    """``handler``'s value for ``m``; None when it falls off the calendar ("2,100 years ago" from
    a year-1 reference, a weekday before 0001-01-01): no date, rather than a failed article."""
    try:
        return handler(m, ctx)
    except (ValueError, OverflowError):
        return None


def find(text: str, ctx: Context) -> list[Match]:
    """Every time expression the grammar finds in ``text``, longest-first, non-overlapping."""
    ctx.text = text
    candidates: list[tuple[int, int, str, re.Match, Callable]] = []
    needed = _prefilter(text)
    for name, pattern, handler in _COMPILED:
        if not needed(name):
            continue
        for m in pattern.finditer(text):
            start, end = m.span("x") if "x" in pattern.groupindex and m.group("x") else m.span()
            # A holiday's own name is capitalised ("New Year's Eve"); any other time word so written is a name's.
            if end > start and (name == "holiday" or not in_a_name(text, start, end)):
                candidates.append((start, end, name, m, handler))
    # Longest first; ties by position, then rule order (stable sort keeps table order). A handler
    # may veto its match, letting a shorter one through, so vetoes are checked while choosing
    # (on a scratch context: the real one's discourse state must advance in text order).
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int, str, re.Match, Callable]] = []
    for cand in candidates:
        if any(cand[0] < t[1] and t[0] < cand[1] for t in taken):
            continue
        scratch = Context(ctx.reference, ctx.tense_at, text, ctx.quarter, hour=ctx.hour, last=ctx.last,
                          last_at=ctx.last_at, choosing=True, generic_at=ctx.generic_at)
        if _resolve(cand[4], cand[3], scratch) is None:
            continue
        taken.append(cand)
    taken.sort(key=lambda c: c[0])
    found: list[Match] = []
    for start, end, name, m, handler in taken:
        result = _resolve(handler, m, ctx)
        if result is None:
            continue
        value, kind = result
        start, end = trim_extent(text, start, end)
        if kind == "DATE" and _CALENDAR.match(value):  # not "overnight": a part of day is no date named
            ctx.last, ctx.last_at = value[:10], start
        relative = name not in _ABSOLUTE and not (
            name in {"full_date", "full_date_dmy", "holiday"} and m.group("year")) and not (
            name == "quarter_century" and not m.group("dir"))
        found.append(Match(start, end, value, kind, name, relative))
    return found

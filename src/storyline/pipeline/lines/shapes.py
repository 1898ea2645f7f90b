"""Shapes of head-metadata lines and quotations, shared by the features and the readers.

Each is a news convention, not a publisher's: a date written with a month
name or as digits, a clock time, "By …" opening a byline, a copyright
notice, a quotation carried by a reporting verb.
"""

from __future__ import annotations

import re

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# "March 15, 2021", "15 March 2021", "Nov. 19, 2019", "2019-11-19", "19/11/2019", "11.19.2019"
DATE_SHAPE = re.compile(
    r"\b(?:" + MONTH + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH + r"\.?,?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|" + MONTH + r"\.?\s+\d{4})\b",
    re.I,
)
TIME_SHAPE = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?|h)?\b|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)", re.I)
BYLINE_SHAPE = re.compile(r"^\W{0,3}(?:written\s+|posted\s+|analysis\s+|story\s+|words\s+)?by\b[:\s]+\W{0,2}[A-Z]", re.I)
COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b", re.I)
QUOTE_CHARS = "\"“”‘’'«»„"

REPORTING_VERBS = (
    "said|says|say|told|tells|added|adds|asked|asks|wrote|writes|stated|states|explained|explains|noted|notes|"
    "argued|argues|warned|warns|insisted|insists|claimed|claims|declared|declares|replied|replies|continued|"
    "according to|tweeted|posted|announced|announces|recalled|recalls|acknowledged|admitted|urged|urges|"
    "suggested|suggests|cautioned|stressed|emphasized|emphasised|concluded|remarked"
)
_REPORTING = re.compile(r"\b(?:" + REPORTING_VERBS + r")\b", re.I)
_QUOTATION = re.compile(r"[\"“„«]\s*(?:\S+\s+){2,}[^\"”»]*?[\"”»]|[‘']\s*(?:\S+\s+){3,}[^’']*?[’'](?!\w)")


def has_reported_quote(line: str) -> bool:
    """Does the line carry a quotation of three or more words and a reporting verb?"""
    return bool(_QUOTATION.search(line)) and bool(_REPORTING.search(line))

# Captions describe a picture in the present tense: "X speaks during …", "Y arrives in Tokyo".
CAPTION_VERB = re.compile(
    r"\b(?:speaks|arrives|attends|looks on|poses|gestures|walks|waves|listens|holds up|delivers|addresses|stands|"
    r"sits|departs|is seen|are seen|reacts|smiles|celebrates|pictured|shown here|seen here|file photo|"
    r"(?:left|right|center|centre)\))",
    re.I,
)
# A wire sign-off closing a paragraph: "… he said. (Yonhap)", "… (AP)".
SIGNOFF = re.compile(r"\s*\((?:AP|AFP|Reuters|Yonhap|Xinhua|Kyodo|dpa|EFE|ANSA|TASS|UPI|PTI|IANS|Bernama|AAP|CP|PA)"
                     r"(?:[-/][A-Za-z]+)?\)\s*$")


# The heading of a page's comment section, a line of its own: "Comments", "42 Comments", "Top Rated
# Comments", "Show comments", "Leave a Reply", "Join the conversation", "3 comments on “…”". Nothing
# of the article follows it on a news page: readers' posts, then the page's footer.
COMMENTS_HEADING = re.compile(
    r"^(?:\d+\s+)?(?:top rated |reader |readers' |user |show |view |see |load |read |all )?comments?(?:\s*\(\d+\))?\s*:?$"
    r"|^(?:leave|post|add|write) a (?:comment|reply|response)\b|^join the (?:discussion|conversation)\b"
    r"|^\d+ (?:comments?|responses|replies) (?:on|to)\b",
    re.I,
)
# A reader's post opens with its author: "Olivia (GiveWell) on October 4, 2018 at 10:58 am said:" (the
# date form alone tells it), "C. M. says:" (a name and a colon, telling only where many lines repeat it).
COMMENT_DATED = re.compile(r"^.{1,60}?\bon\s+.{4,40}?\s+at\s+\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s+(?:said|says|wrote|writes)\s*:?$",
                           re.I)
COMMENT_BY = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s+(?:said|says|wrote|writes)\s*:$")

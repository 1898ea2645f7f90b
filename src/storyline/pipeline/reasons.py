"""Why inputs were rejected, in a few kinds a person can count: ``rejected 7: 3 no body, 2 unreadable file, …``.

A reject's reason is a sentence naming the detail ("file is 61,000,000 bytes,
over the 50,000,000 cap"); its kind is found by the first rule of ``RULES``
whose pattern matches it. Rules are data with ids, tried in order, so a
new reason needs one line here; a reason no rule knows counts as "other".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from storyline.models import Reject


class ReasonRule(NamedTuple):
    id: str
    kind: str  # what the summary prints
    pattern: re.Pattern[str]


def _rule(rule_id: str, kind: str, pattern: str) -> ReasonRule:
    return ReasonRule(rule_id, kind, re.compile(pattern, re.I))


RULES: tuple[ReasonRule, ...] = (
    _rule("time-budget", "time budget", r"time budget exceeded"),
    _rule("worker", "worker died", r"^worker failed"),
    _rule("stage-error", "stage error", r"^[a-z_]+/\d+ failed:"),
    _rule("size-cap", "over a size cap", r"over the [\w ,-]*cap|exceeds [\d,]+ bytes|over the size cap|out of memory"),
    _rule("file", "unreadable file", r"no such file|symbolic link|not a regular file|cannot list folder|"
                                     r"already read by another path|permission denied|^\[errno"),
    _rule("unsupported", "unsupported type", r"unsupported (file|content) type"),
    _rule("no-body", "no body", r"no (article )?body|has no text|neither 'text' nor 'html'|"
                                r"^empty (input|response body|json list)$|no html (markup|response records)"),
    _rule("not-text", "not text", r"not valid utf|binary data"),
    _rule("malformed", "malformed input", r"malformed|not a readable|not json lines|not a valid gzip|truncated|"
                                          r"nested too deeply|expected a json object|must be a string"),
    _rule("blocked", "blocked address", r"non-public address|only http and https"),
    _rule("teasers", "teasers not followed", r"teaser links not followed"),
    _rule("robots", "disallowed by robots.txt", r"disallowed by robots\.txt"),
    _rule("fetch", "fetch failed", r"^http \d{3}$|timed out|request failed|cannot resolve|redirects|not complete after"),
)
OTHER = "other"


def kind_of(reason: str) -> str:
    """The kind of a reject's reason (``"no body"``, ``"time budget"``, …), ``"other"`` if no rule matches."""
    for rule in RULES:
        if rule.pattern.search(reason):
            return rule.kind
    return OTHER


def count_by_kind(rejects: Iterable[Reject]) -> dict[str, int]:
    """Kind → number of rejects, most frequent first (ties alphabetical)."""
    counts = Counter(kind_of(r.reason) for r in rejects)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def summary(rejects: Iterable[Reject]) -> str:
    """``"rejected 7: 3 no body, 2 unreadable file, 1 time budget, 1 other"`` (``"rejected 0"`` when none)."""
    counts = count_by_kind(rejects)
    total = sum(counts.values())
    if not total:
        return "rejected 0"
    return f"rejected {total}: " + ", ".join(f"{n} {kind}" for kind, n in counts.items())

"""Words that say what a claim is about, as data: one id per sense, the words of each.

News names one thing in many words: an "op-ed" is an "opinion piece"; a toll is
of people "killed", "dead" or who "died". A claim's context words are mapped to
these ids before two claims are compared, so outlets that word one event
differently still meet, and two counts are of one thing only when they count
the same outcome (the dead, not the injured).

- ``SENSES``: context words of one sense (dates: what was done or published).
- ``OUTCOMES``: what a count counts (casualties, arrests, …); a count's outcome
  is the first such word near it.
"""

from __future__ import annotations

SENSES: dict[str, frozenset[str]] = {
    "opinion-piece": frozenset({"op-ed", "oped", "opinion", "column", "commentary", "editorial"}),
    "attack": frozenset({"attack", "assault", "raid", "bombing", "strike"}),
    "announce": frozenset({"announced", "announce", "unveiled", "unveil", "revealed", "reveal", "disclosed"}),
    "launch": frozenset({"launch", "launched", "fired", "liftoff", "lift-off", "blast", "blasted"}),
    "meeting": frozenset({"meeting", "meet", "met", "talks", "summit"}),
    "arrive": frozenset({"arrived", "arrive", "landed", "reached"}),
    "crash": frozenset({"crash", "crashed", "collided", "collision", "derailed", "overturned"}),
}
OUTCOMES: dict[str, frozenset[str]] = {
    "killed": frozenset({"killed", "killing", "kill", "dead", "died", "die", "death", "deaths", "fatalities",
                         "perished", "lives", "toll", "bodies"}),
    "injured": frozenset({"injured", "injuring", "injury", "injuries", "wounded", "wounding", "hurt"}),
    "hospital": frozenset({"hospital", "hospitalized", "hospitalised", "treated", "treatment"}),
    "trapped": frozenset({"trapped", "rescued", "freed"}),
    "missing": frozenset({"missing", "unaccounted"}),
    "arrested": frozenset({"arrested", "detained", "arrests", "custody"}),
    "evacuated": frozenset({"evacuated", "displaced", "fled", "homeless"}),
}
# Units of money (stemmed as count nouns are): a sum says nothing of whose it is, and a price moves all day
# ("traded at 571.50 dlrs an ounce" at midsession, "settled at 572.20 dlrs" at the close).
MONEY = frozenset({"dlr", "dlrs", "dollar", "cent", "ct", "cts", "stg", "pound", "sterling", "yen", "euro", "franc", "mark", "guilder",
                   "crown", "lire", "lira", "peso", "rupee", "yuan", "rand", "real", "rouble", "ruble", "won", "krona",
                   "krone", "kronor", "schilling", "riyal", "dinar", "shekel", "baht", "ringgit", "penny", "pence", "p"})
_SENSE_OF = {w: sense for sense, words in SENSES.items() for w in words}
_OUTCOME_OF = {w: outcome for outcome, words in OUTCOMES.items() for w in words}


def sense(word: str) -> str:
    """A context word as its sense id ("op-ed" → "opinion-piece"), or itself when it has none."""
    return _SENSE_OF.get(word.lower(), word)


def outcome(word: str) -> str | None:
    """What a count near ``word`` counts ("died" → "killed"), or None."""
    return _OUTCOME_OF.get(word.lower().strip(".,;:"))

"""Who is speaking: the cue beside a quote, and the person or body it refers to.

Two ways to a cue, tried in order by :mod:`quotes`:

1. the words right next to the marks (:mod:`speaker_patterns`): ``"…," she said`` /
   ``"…," said Jane Smith`` / ``Smith said: "…"`` / ``according to …``, a pattern that
   is reliable where the parser is not;
2. the dependency parse of the sentences around the quote (:mod:`speaker_search`,
   where to look; :mod:`speaker_parse`, what a reporting verb or speech noun names).

The words themselves (reporting verbs, speech nouns, the regexes of names and
descriptions) are in :mod:`speaker_lexicon`; what the searches share in
:mod:`speaker_base`. The speaker mention is the local referring expression ("he",
"who", "the official"); the speaker is what :class:`SpeakerResolver`
(:mod:`speaker_resolve`) resolves it to.

This module gathers the public names in one place.
"""

from __future__ import annotations

from storyline.pipeline.analyze.speaker_base import Cue, QuoteIndex, same_block, token_at
from storyline.pipeline.analyze.speaker_lexicon import (
    GROUP_WORDS,
    PHRASAL_REPORTING,
    PRONOUNS,
    REPORTING_LEMMAS,
    SPEECH_NOUNS,
    is_reporting,
)
from storyline.pipeline.analyze.speaker_parse import cue_of, mention, name_behind, whole_phrase
from storyline.pipeline.analyze.speaker_patterns import cue_by_pattern, transcript_label
from storyline.pipeline.analyze.speaker_resolve import SpeakerResolver
from storyline.pipeline.analyze.speaker_search import (
    cue_by_clause,
    cue_by_colon_paragraph,
    cue_by_governor,
    cue_by_parse,
    cue_in_context,
)

__all__ = [
    "GROUP_WORDS", "PHRASAL_REPORTING", "PRONOUNS", "REPORTING_LEMMAS", "SPEECH_NOUNS",
    "Cue", "QuoteIndex", "SpeakerResolver",
    "cue_by_clause", "cue_by_colon_paragraph", "cue_by_governor", "cue_by_parse", "cue_by_pattern",
    "cue_in_context", "cue_of",
    "is_reporting", "mention", "name_behind", "same_block", "token_at", "transcript_label", "whole_phrase",
]

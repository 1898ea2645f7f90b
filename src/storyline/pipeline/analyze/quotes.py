"""Direct quotes and who said them.

Three steps, each in its own module:

1. :mod:`quotemarks` pairs the quotation marks (straight, curly, guillemets, low-high,
   single quotes, apostrophes left alone, multi-paragraph and unbalanced quotes);
2. :mod:`speakers` finds the cue beside each quote (next to the marks, else in the
   dependency parse when ``doc`` is given) and resolves its subject to a canonical
   speaker: a named person or body, a pronoun, a group, a description;
3. here: speech is told apart from scare quotes and titles, and a quote paragraph
   with no cue continues the last speaker; so does a quote right after the last
   speaker's cue sentence, unless the words before it in its own sentence have a
   subject ('"…," she said. Tom wants "…"' is Tom's), in which case the clause's
   subject speaks; likewise when a main clause with a subject of its own comes between
   the two quotes ('… "a strong city," and Tom pronounced it "a fine result"'), if the
   parse finds that clause's cue. A quote paragraph after a paragraph ending in a colon
   belongs to that paragraph's subject. In a quoted transcript ('"PENCE: Well, …"') the
   label speaks its paragraph; the quote is what follows the label.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from storyline.models import Entity, Mention, Quote
from storyline.pipeline.analyze.quotemarks import QuotedSpan, find_quoted_spans
from storyline.pipeline.analyze.speaker_base import opens_paragraph
from storyline.pipeline.analyze.speaker_gender import genders
from storyline.pipeline.analyze.speaker_lexicon import ABBREVIATIONS, SUBJECTS
from storyline.pipeline.analyze.speakers import (
    Cue,
    QuoteIndex,
    SpeakerResolver,
    cue_by_clause,
    cue_by_colon_paragraph,
    cue_by_governor,
    cue_by_parse,
    cue_by_pattern,
    cue_in_context,
    name_behind,
    token_at,
    transcript_label,
    whole_phrase,
)

# a quote right after one of these is a name or a scare quote, not speech
_NOT_SPEECH_BEFORE = re.compile(
    r"(?:so-called|so called|dubbed|nicknamed|titled|entitled|headlined|known as|termed|"
    r"the word|the phrase|the term|the slogan|the hashtag|the motto|the book|the film|the movie|"
    r"the song|the show|the album|the newspaper|the magazine|the article|the column|the program|the programme)"
    r"\s*[‘'\"“«„]?$",
    re.I,
)
_LABEL_END = re.compile(r":\s*")
# '"(CROSSTALK.)"', '"[Applause]"': a transcript's stage direction, not speech
_STAGE_DIRECTION = re.compile(r"[(\[][^()\[\]]*[)\]]\W*")
# the end of a sentence, not of a title or an initial ("Mr. Smith", "Jane P. Smith")
_SENTENCE_END = re.compile("".join(rf"(?<!\b{a})" for a in ABBREVIATIONS) + r"(?<!\b[A-Z])[.!?]['’”\"]*\s+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_MIN_UNCUED_WORDS = 6  # an uncued quote shorter than this is taken for a scare quote or a title


def extract_quotes(text: str, entities: list[Entity], doc: Doc | None = None) -> list[Quote]:
    """Every direct quote in ``text`` with its speaker where a cue names one.

    ``entities`` give canonical names to speakers; ``doc`` (the spaCy parse of
    ``text``) lets cues be found beyond the words right next to the marks.
    """
    spans = find_quoted_spans(text)
    index = QuoteIndex([(s.start, s.end) for s in spans])
    resolver = SpeakerResolver(text, entities, index, genders(text, entities), doc=doc)
    labels = _transcript_labels(text, spans, resolver)
    people = sorted((e.start, e.end) for e in resolver.people)  # where a cut-off title's name may be
    quotes: list[Quote] = []
    chain: list[Quote] = []  # paragraphs of one multi-paragraph quote still without a speaker
    last: tuple[Quote, QuotedSpan] | None = None  # the last quote with a speaker
    for span in spans:
        bounds = _trim(text, span)
        if bounds is None:
            continue
        start, end = bounds
        content = text[start:end]
        words = _WORD.findall(content)
        if not words or _NOT_SPEECH_BEFORE.search(text, max(0, span.start - 40), span.start) \
                or _STAGE_DIRECTION.fullmatch(content):
            continue
        found = labels.get(span.start) or _cue(text, span, doc, index, resolver, last, bool(chain))
        if span.start in labels:  # the quote is what the speaker's label introduces
            start = _LABEL_END.match(text, found.end).end()
            content = text[start:end]
            words = _WORD.findall(content)
        quote = Quote(text=content, start=start, end=end)
        opens = _opens_paragraph(text, span)
        if found is _INHERIT and last is not None:
            _inherit(quote, last[0])
        elif isinstance(found, Cue) and not _is_title(content, words):
            if doc is not None and span.start not in labels:
                found = name_behind(doc, whole_phrase(doc, found), people)
            quote.speaker, quote.speakers = resolver.resolve(*(found.refers or (found.start, found.end)))
            quote.speaker_rule = resolver.rule
            if span.start in labels and quote.speaker == text[found.start:found.end] and len(quote.speaker) > 3:
                quote.speaker = quote.speakers[0] = quote.speaker.title()  # "WALLACE" → "Wallace", not "AP" → "Ap"
            quote.speaker_mention = Mention(text[found.start:found.end], found.start, found.end)
            quote.cue = found.cue
        elif last is not None and opens and len(words) >= 4 and span.closed:
            _inherit(quote, last[0])  # a quote paragraph with no cue continues the last speaker
        elif not span.closed and opens and len(words) >= 4:
            pass  # the first paragraph of a multi-paragraph quote: its cue may come at the end
        elif len(words) < _MIN_UNCUED_WORDS or _is_title(content, words):
            continue  # a scare quote, a name or a title: not speech
        if span.continued or (not span.closed and opens):
            chain.append(quote)
        if quote.speaker_mention is not None:
            for earlier in chain:  # the cue at the end of a multi-paragraph quote names its speaker
                if earlier.speaker_mention is None:
                    _inherit(earlier, quote)
            last = (quote, span)
        if span.closed:
            chain = []
        quotes.append(quote)
    return quotes


_INHERIT = object()  # the quote goes on from the last speaker


def _cue(text: str, span: QuotedSpan, doc: Doc | None, index: QuoteIndex, resolver: SpeakerResolver,
         last: tuple[Quote, QuotedSpan] | None, in_chain: bool) -> Cue | object | None:
    """The cue of the quote at ``span``, ``_INHERIT``, or None; the most reliable evidence first."""
    cue = cue_by_pattern(text, span.start, span.end, span.closed)
    if cue is not None and cue.cue == ":" and not resolver.names_someone(cue.start, cue.end):
        cue = None
    if cue is None and doc is not None and not span.continued:
        cue = cue_by_governor(doc, span.start, span.end, index)
        if cue is None and _opens_paragraph(text, span):
            cue = cue_by_colon_paragraph(doc, span.start - 1, index)
    if cue is not None:
        return cue
    fallback: object | None = None
    if last is not None:
        last_span = last[1]
        mention = last[0].speaker_mention
        if _follows(text, last_span, span, doc, mention is not None and mention.start >= last_span.end):
            if not _new_subject_between(doc, last_span.end, span.start, mention):
                return _INHERIT  # "…," she said. "…": the same speaker goes on
            fallback = _INHERIT  # a clause of its own between: its cue first, if the parse finds one
        if span.continued and not in_chain:
            return _INHERIT
        if _opens_paragraph(text, span) and _paragraphs_between(text, last_span.end, span.start) == 0:
            # a quote paragraph right after the last speaker's goes on, unless a sentence after
            # that quote introduced someone else ('… said Lee. Tim Guest says there are reasons.')
            between = cue_in_context(doc, span.start, index, last_span.end) if doc is not None else None
            if between is not None and (mention is None or text[between.start:between.end] != mention.text) \
                    and between.start >= last_span.end:
                return between
            return _INHERIT
    if doc is None or span.continued:
        return fallback
    cue = cue_by_parse(doc, span.start, span.end, index)
    if cue is None and _within_sentence(text, doc, span):
        # 'Maria Costa wants the council "to start again"': the clause's own subject first
        cue = cue_by_clause(doc, span.start, span.end, index)
    if cue is None:
        # the sentence before names the speaker, unless a later quote already did
        floor = last[1].end if last is not None else 0
        para = text.rfind("\n", 0, span.start)
        if para > 0 and _opens_paragraph(text, span):  # the paragraph before too (blank lines between skipped)
            para = text.rfind("\n", 0, len(text[:para].rstrip()))
        cue = cue_in_context(doc, span.start, index, max(floor, para + 1))
    if cue is None and not _opens_paragraph(text, span):
        cue = cue_by_clause(doc, span.start, span.end, index)
    return fallback if cue is None else cue


def _transcript_labels(text: str, spans: list[QuotedSpan], resolver: SpeakerResolver) -> dict[int, Cue]:
    """The cue of each quoted paragraph opened by a transcript label, by span start: a label
    that names a person of the article, or one that labels more than one paragraph
    ('"NATO: obsolete," Trump said' is no transcript)."""
    found = {s.start: cue for s in spans
             if _opens_paragraph(text, s) and (cue := transcript_label(text, s.start, s.end)) is not None}
    uses = Counter(text[c.start:c.end] for c in found.values())
    return {start: cue for start, cue in found.items()
            if uses[text[cue.start:cue.end]] > 1 or resolver.names_person(cue.start, cue.end)}


def _within_sentence(text: str, doc: Doc, span: QuotedSpan) -> bool:
    """Whether words of the quote's sentence come before its opening mark."""
    sentence = token_at(doc, span.start).sent
    return bool(_WORD.search(text, sentence.start_char, max(sentence.start_char, span.start - 1)))


def _paragraphs_between(text: str, start: int, end: int) -> int:
    """How many whole paragraphs lie between two offsets."""
    return len([p for p in text[start:end].split("\n")[1:-1] if p.strip()])


def _follows(text: str, previous: QuotedSpan, span: QuotedSpan, doc: Doc | None, cued_after: bool) -> bool:
    """Whether ``span`` goes on in the paragraph of ``previous``, right after its cue sentence
    (which may be long when it names the speaker after the quote: '"…," said Jane Smith, who
    chaired the panel for a decade. "…"')."""
    between = text[previous.end:span.start]
    if "\n" in between or len(between) >= (250 if cued_after else 100):
        return False
    # '"…," she said. She wants "…"': a sentence of its own before the quote has its own subject
    sentences = _SENTENCE_END.split(text[previous.end - 1:span.start])
    if len(sentences) > 2:
        return False  # a whole sentence between the cue and the quote: its own business
    if len(sentences) == 1 or not _WORD.search(sentences[-1]) or doc is None:
        return True
    # "Indeed, "…"" goes on; "She wants "…"" has a subject of its own
    opening = span.start - len(sentences[-1])
    return not any(t.dep_ in SUBJECTS for t in doc.char_span(opening, span.start, alignment_mode="expand") or ())


# subjects that speak from inside quoted words (a stray mark), not of a narrating clause
_QUOTED_VOICE = {"i", "you", "we", "it", "that", "this", "there", "what"}


def _new_subject_between(doc: Doc | None, start: int, end: int, mention: Mention | None) -> bool:
    """Whether a clause of its own, with a subject other than the last speaker, comes between
    two quotes of one sentence: 'in a clip the judge called "distasteful," Smith vowed to "…"'
    is Smith's, while '"…," she said, "…"' and '"…," said Jones, who chairs it, "…"' go on."""
    if doc is None:
        return False
    tokens = doc.char_span(start, end, alignment_mode="contract") or ()
    cue_verbs = set()
    if mention is not None:
        cue_verbs = {t.head.i for t in doc.char_span(mention.start, mention.end, alignment_mode="expand") or ()}
    for token in tokens:
        head = token.head
        if token.dep_ not in SUBJECTS or token.lower_ in _QUOTED_VOICE or head.i in cue_verbs:
            continue
        if mention is not None and mention.start <= token.idx < mention.end:
            continue
        # a main clause of its own ('Smith vowed'), not a subordinate one ('explaining he worked')
        main = head.dep_ == "ROOT" or (head.dep_ == "conj" and head.head.dep_ == "ROOT")
        if main and head.pos_ in {"VERB", "AUX"} and start <= head.idx < end:
            return True
    return False


def _inherit(quote: Quote, last: Quote) -> None:
    quote.speaker, quote.speakers = last.speaker, list(last.speakers)
    quote.speaker_mention = last.speaker_mention
    quote.cue = last.cue
    quote.speaker_rule = "continues"


def _trim(text: str, span: QuotedSpan) -> tuple[int, int] | None:
    """The quote without surrounding spaces or a trailing comma (still verbatim)."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return (start, end) if end > start else None


def _opens_paragraph(text: str, span: QuotedSpan) -> bool:
    return opens_paragraph(text, span.start)


def _is_title(content: str, words: list[str]) -> bool:
    """A short, title-cased, unpunctuated quote names a work or a thing ("Fox News Sunday")."""
    if len(words) > 7 or re.search(r"[.!?,;:]\W*$", content) or re.search(r"[.!?;]\s", content):
        return False  # a sentence ends inside it: speech ("There it is. There it is")
    long_words = [w for w in words if len(w) > 3]
    return bool(long_words) and all(w[0].isupper() for w in long_words) and len(words) > 1

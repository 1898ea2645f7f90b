"""Cut whole paragraphs out of an analysed article, keeping every offset right.

An article's entities, quotes and time expressions point into its text by
offset. Dropping a paragraph after analysis (its outlet's boilerplate, learned
only once articles of that outlet have been seen) moves the text after it, so
each item is moved with its paragraph, and items in a dropped paragraph, or
spanning one, go with it.
"""

from __future__ import annotations

from dataclasses import replace

from storyline.models import Article, Mention
from storyline.pipeline.analyze.canonical import printed, printed_words

SEPARATOR = "\n\n"


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph of ``text`` (paragraphs are separated by a blank line)."""
    spans, start = [], 0
    for piece in text.split(SEPARATOR):
        if piece.strip():
            spans.append((start, start + len(piece)))
        start += len(piece) + len(SEPARATOR)
    return spans


def excise_paragraphs(article: Article, drop: list[bool]) -> Article:
    """``article`` without the paragraphs flagged in ``drop`` (one flag per ``paragraph_spans``),
    which move to ``removed``. Items inside a dropped paragraph, or reaching
    across one, are dropped; the rest keep pointing at the same words."""
    spans = paragraph_spans(article.text)
    if len(drop) != len(spans):
        raise ValueError(f"{len(drop)} flags for {len(spans)} paragraphs")
    if not any(drop):
        return article
    shift: list[tuple[int, int, int]] = []  # (old start, old end, new start) of each kept paragraph
    kept_text: list[str] = []
    new_start = 0
    for (start, end), dropped in zip(spans, drop):
        if dropped:
            continue
        shift.append((start, end, new_start))
        kept_text.append(article.text[start:end])
        new_start += end - start + len(SEPARATOR)

    text = SEPARATOR.join(kept_text)

    def moved(start: int, end: int) -> tuple[int, int] | None:
        """The span's new offsets, when its ends lie in kept paragraphs and the new text between
        them is the old (so no dropped paragraph lay inside it)."""
        first = next((start - old + new for old, stop, new in shift if old <= start <= stop), None)
        last = next((end - old + new for old, stop, new in shift if old <= end <= stop), None)
        if first is None or last is None or text[first:last] != article.text[start:end]:
            return None
        return first, last

    entities = [replace(e, start=span[0], end=span[1]) for e in article.entities if (span := moved(e.start, e.end))]
    times = [replace(t, start=span[0], end=span[1]) for t in article.times if (span := moved(t.start, t.end))]
    quotes = []
    words: set[str] | None = None  # the words the new text prints, on first need
    for q in article.quotes:
        span = moved(q.start, q.end)
        if span is None:
            continue
        mention = q.speaker_mention
        if mention is not None:
            where = moved(mention.start, mention.end)
            if where is None and q.speakers:
                # the speaker was named in a dropped paragraph: only a name the kept text still prints
                # stays ("the 46-year-old South African" went with its paragraph; "Elon Musk" did not)
                words = words if words is not None else printed_words(f"{article.title or ''} {text}")
                kept = [name for name in q.speakers if printed(name, words)]
                if kept != q.speakers:
                    q = replace(q, speakers=kept, speaker=" and ".join(kept) or None,
                                speaker_rule=q.speaker_rule if kept else None)
            mention = Mention(mention.text, *where) if where else None
        quotes.append(replace(q, start=span[0], end=span[1], speaker_mention=mention))
    removed = list(article.removed) + [article.text[s:e] for (s, e), dropped in zip(spans, drop) if dropped]
    return replace(article, text=text, entities=entities, quotes=quotes, times=times, removed=removed)


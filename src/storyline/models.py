"""Typed records that flow through the pipeline.

Data flows one way: ``RawArticle`` (what a reader found) → ``Article`` (clean
body and metadata, then entities, quotes and time expressions) → ``Story``
(a cluster of articles) → ``Brief`` (what the story says, with citations).

Every offset is a character offset into ``Article.text``, the clean body.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class RawArticle:
    """One article as a reader found it, before cleaning.

    ``source`` is the path or URL it came from; ``input_id`` the record's own
    id when the input carried one (JSON/JSONL). Exactly one of ``text`` and
    ``html`` is the body; the other fields are metadata the input declared.
    """

    source: str
    text: str | None = None
    html: str | None = None
    input_id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    byline: str | None = None
    language: str | None = None
    fetched: str | None = None
    notes: list[str] = field(default_factory=list)  # declared values discarded as invalid, and why


@dataclass(slots=True)
class Reject:
    """An input a reader or stage could not turn into an article, and why."""

    source: str
    reason: str
    stage: str | None = None  # the stage (with version) that set it aside; None for a reader


@dataclass(slots=True)
class Entity:
    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, ...
    canonical: str
    start: int
    end: int
    role: str | None = None  # "Foreign Minister", "spokesman": a title kept apart from the name


@dataclass(slots=True)
class Mention:
    """A span of the article text (for example the words naming a speaker)."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None = None  # canonical; "A and B" for a group
    speakers: list[str] = field(default_factory=list)
    speaker_mention: Mention | None = None
    cue: str | None = None
    # which rule chose the speaker ("name", "pronoun", "document", "continues", …), so errors
    # can be counted per rule and a reader can see why a quote is credited to someone
    speaker_rule: str | None = field(default=None, compare=False)


@dataclass(slots=True)
class TimeExpr:
    text: str
    start: int
    end: int
    value: str  # TimeML-style: 2019-06-05, 2019-06, 2019, 2019-W23, P3M, ...
    type: str  # DATE, TIME, DURATION, SET
    anchor: str | None = None  # the reference date a relative expression used, and why
    estimated: bool = False  # resolved against an estimated publication date


@dataclass(slots=True)
class Article:
    """A clean article; the analyze stage fills entities, quotes and times."""

    id: str
    source: str
    text: str
    content_hash: str
    input_id: str | None = None
    url: str | None = None
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    agencies: list[str] = field(default_factory=list)
    dateline: str | None = None
    published: str | None = None
    published_estimated: bool = False
    language: str = "und"
    removed: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    story: str | None = None
    notes: list[str] = field(default_factory=list)  # declared values discarded as invalid (not stored)

    def to_contract(self) -> dict[str, Any]:
        """The article as the export contract shapes it."""
        return {
            "id": self.id,
            "source": self.source,
            "input_id": self.input_id,
            "url": self.url,
            "title": self.title,
            "byline": self.byline,
            "outlet": self.outlet,
            "agencies": list(self.agencies),
            "dateline": self.dateline,
            "published": self.published,
            "published_estimated": self.published_estimated,
            "language": self.language,
            "text": self.text,
            "removed": list(self.removed),
            "entities": [
                {k: v for k, v in asdict(e).items() if k != "role" or v is not None}
                for e in self.entities
            ],
            "quotes": [asdict(q) for q in self.quotes],
            "times": [asdict(t) for t in self.times],
            "story": self.story,
        }


@dataclass(slots=True)
class Citation:
    article: str
    start: int
    end: int


@dataclass(slots=True)
class CitedText:
    text: str
    citations: list[Citation] = field(default_factory=list)  # spans whose text is exactly ``text``
    # Other articles' near-identical wordings (curly quotes, a longer sentence): each with its own words.
    variants: list[CitedText] = field(default_factory=list)


@dataclass(slots=True)
class TimelineEntry:
    date: str
    text: str
    citations: list[Citation] = field(default_factory=list)
    precision: str = "day"  # day, week, weekend, month, quarter, season, half, year, decade, century
    label: str = ""  # the date as a reader reads it: "week of 10 March 2025", "autumn 2025"


@dataclass(slots=True)
class QuoteChange:
    """How one outlet's wording of a quote differs from the quote's main form."""

    variant: str
    articles: list[str]
    added: list[str] = field(default_factory=list)  # words the variant has and the main form lacks
    removed: list[str] = field(default_factory=list)  # words the main form has and the variant lacks


@dataclass(slots=True)
class BriefQuote:
    text: str
    speaker: str | None
    articles: list[str]
    variants: list[str] = field(default_factory=list)
    changes: list[QuoteChange] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)  # every speaker the articles name


@dataclass(slots=True)
class BriefEntity:
    canonical: str
    label: str
    articles: list[str]
    roles: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SourceReport:
    outlet: str
    articles: list[str]
    agencies: list[str] = field(default_factory=list)
    unique: list[CitedText] = field(default_factory=list)


@dataclass(slots=True)
class Discrepancy:
    about: str
    claims: list[CitedText]


@dataclass(slots=True)
class SharedPassage:
    text: str
    articles: list[str]
    citations: list[Citation] = field(default_factory=list)  # where it stands in each article printing ``text`` exactly
    # Carriers printing the same words with other marks (curly quotes, apostrophes): each with its own text.
    variants: list[CitedText] = field(default_factory=list)


@dataclass(slots=True)
class WhatsNew:
    """What a story gained since a date: its newer articles and what only they carry."""

    since: str
    articles: list[str] = field(default_factory=list)
    quotes: list[BriefQuote] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    facts: list[CitedText] = field(default_factory=list)


@dataclass(slots=True)
class Story:
    id: str
    title: str
    articles: list[str]
    first_published: str | None = None
    last_published: str | None = None


@dataclass(slots=True)
class Brief:
    """Everything the story says, each line traceable to its articles."""

    story: Story
    summary: list[CitedText] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    quotes: list[BriefQuote] = field(default_factory=list)
    entities: list[BriefEntity] = field(default_factory=list)
    sources: list[SourceReport] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    shared_passages: list[SharedPassage] = field(default_factory=list)

    def to_contract(self) -> dict[str, Any]:
        """The story and its brief as the export contract shapes them."""
        story = self.story
        return {
            "id": story.id,
            "title": story.title,
            "articles": list(story.articles),
            "first_published": story.first_published,
            "last_published": story.last_published,
            "summary": [asdict(s) for s in self.summary],
            "timeline": [asdict(t) for t in self.timeline],
            "quotes": [asdict(q) for q in self.quotes],
            "entities": [asdict(e) for e in self.entities],
            "sources": [asdict(s) for s in self.sources],
            "discrepancies": [asdict(d) for d in self.discrepancies],
            "shared_passages": [asdict(p) for p in self.shared_passages],
        }

"""The JSON API's response and request shapes (they make up /openapi.json)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class StorySummary(BaseModel):
    id: str
    title: str
    articles: list[str]
    article_count: int
    outlets: list[str]
    languages: list[str]
    first_published: str | None
    last_published: str | None
    updated_at: str | None = Field(None, description="when re-clustering last changed the story")
    matching_articles: int | None = Field(None, description="articles matching the search, when there is one")


class ArticleSummary(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str
    story: str | None
    source: str
    url: str | None


class QuoteOut(BaseModel):
    text: str
    speaker: str | None
    article: str
    story: str | None
    outlet: str | None
    published: str | None
    start: int
    end: int


class EntitySummary(BaseModel):
    canonical: str
    label: str
    article_count: int
    story_count: int


class EntityDetail(EntitySummary):
    stories: list[StorySummary] = Field(description="a page of the stories naming it, newest first")
    quotes: list[QuoteOut] = Field(description="a page of its direct quotes, by date")
    quote_count: int = Field(description="its direct quotes over all pages")


class SearchHit(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    story: str | None
    snippet: str | None


class RejectOut(BaseModel):
    source: str
    reason: str


class IngestOut(BaseModel):
    ingested: int
    unchanged: int
    rejected: list[RejectOut]
    stories_touched: int
    articles: list[str] = Field(description="ids of the articles ingested")
    stories: list[str] = Field(description="ids of the stories touched")


class Record(BaseModel):
    """One article as the JSONL input format has it; one of ``text``/``html`` is needed."""

    model_config = ConfigDict(extra="forbid")
    id: str | None = None
    url: str | None = None
    title: str | None = None
    text: str | None = None
    html: str | None = None
    published: str | None = None
    outlet: str | None = None
    byline: str | None = None
    language: str | None = None


class RecordsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[Record] = Field(min_length=1, max_length=1000)


class UrlsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    urls: list[str] = Field(min_length=1, max_length=100)


class Problem(BaseModel):
    detail: Any


WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "missing or wrong bearer token"},
    403: {"model": Problem, "description": "writes are disabled (no STORYLINE_TOKEN configured)"},
    413: {"model": Problem, "description": "body over the upload cap"},
}
READ_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "a client off this machine without a read token or login cookie"},
    422: {"model": Problem, "description": "an impossible parameter (e.g. a date that does not exist)"},
}
# The brief and article bodies are the export contract's shapes (schema/export.schema.json).
CONTRACT_BODIES = {"/api/stories/{story_id}": "story", "/api/articles/{article_id}": "article"}


def add_contract_schemas(spec: dict[str, Any]) -> dict[str, Any]:
    """Put the export contract's definitions into an OpenAPI document and point the brief and article at them."""
    import json
    from pathlib import Path

    contract = json.loads((Path(__file__).parents[1] / "schema" / "export.schema.json").read_text())
    text = json.dumps(contract["$defs"]).replace('"#/$defs/', '"#/components/schemas/contract_')
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    schemas.update({f"contract_{name}": body for name, body in json.loads(text).items()})
    for path, name in CONTRACT_BODIES.items():
        ok = spec["paths"][path]["get"]["responses"].setdefault("200", {"description": "OK"})
        ok["content"] = {"application/json": {"schema": {"$ref": f"#/components/schemas/contract_{name}"}}}
    return spec
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem, "description": "no such id or name"}}

"""Invented fixture articles for the link stage (no spaCy needed: entities given by hand)."""

from __future__ import annotations

from storyline.models import Article, Entity, TimeExpr


def make(
    id: str, text: str, *, title: str | None = None, published: str | None = None,
    outlet: str | None = None, agencies: list[str] | None = None,
    people: list[str] = (), places: list[str] = (), dates: list[str] = (),
) -> Article:
    """An Article with hand-given entities (canonical = text) and DATE times."""
    entities = [Entity(p, "PERSON", p, 0, 0) for p in people] + [Entity(p, "GPE", p, 0, 0) for p in places]
    times = [TimeExpr(d, 0, 0, d, "DATE") for d in dates]
    return Article(
        id=id, source=f"{id}.txt", text=text, content_hash=id, title=title, published=published,
        outlet=outlet, agencies=list(agencies or []), entities=entities, times=times,
    )

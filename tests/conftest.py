"""Shared fixtures: the sample corpus ingested once into a throwaway store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import storyline

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED_DATA = ROOT.parent / "shared" / "data"

# The grouping the sample corpus was written to have (examples/README.md).
INTENDED_STORIES = {
    "A": {"a1_continental_press.txt", "wire.jsonl:1", "wire.jsonl:2", "a4_northern_ledger.html", "a5_valley_courier.txt"},
    "B": {"b1_pennine_evening_star.txt", "b2_westmoor_gazette.json", "b3_northway_radio.html"},
    "C": {"c1_meridian_news.txt", "wire.jsonl:3"},
    "D": {"d1_tidewater_business.txt", "d2_civic_tech_review.html", "d3_granite_city_chronicle.json"},
}


def short_source(source: str) -> str:
    return Path(source).name


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("sample") / "sample.db"
    with storyline.open(db) as sl:
        report = sl.ingest([EXAMPLES])
    assert not report.rejected, report.rejected
    return db


@pytest.fixture(scope="session")
def sample_export(sample_db: Path) -> dict:
    with storyline.open(sample_db) as sl:
        return json.loads(sl.export_text("json"))


@pytest.fixture(scope="session")
def export_schema() -> dict:
    return json.loads((ROOT / "src" / "storyline" / "schema" / "export.schema.json").read_text())

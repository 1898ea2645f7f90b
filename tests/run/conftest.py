"""One local Ray for the whole session (2 CPUs), and the sample corpus run through both engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
# Clustering windows of at most 3 articles: the 13 sample articles fall into 5 windows,
# so the merge across window boundaries is exercised, not just one whole-set clustering.
WINDOW = 3


@pytest.fixture(scope="session")
def ray_engine():
    pytest.importorskip("pyarrow")
    pytest.importorskip("ray")
    from storyline.run.ray import RayEngine

    engine = RayEngine(workers=2)
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def local_examples(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    pytest.importorskip("pyarrow")
    from storyline.run.batch import LocalEngine, run_batch

    out = tmp_path_factory.mktemp("batch-local")
    report = run_batch([EXAMPLES], out, Settings(), LocalEngine(), shard_size=4, window_articles=WINDOW)
    return out, report


@pytest.fixture(scope="session")
def ray_examples(tmp_path_factory: pytest.TempPathFactory, ray_engine) -> tuple[Path, object]:
    from storyline.run.batch import run_batch

    out = tmp_path_factory.mktemp("batch-ray")
    report = run_batch([EXAMPLES], out, Settings(), ray_engine, shard_size=4, window_articles=WINDOW)
    return out, report

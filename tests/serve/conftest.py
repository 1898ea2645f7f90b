"""Fixtures for the web tests: apps over the sample store, a hostile store, a live server."""

from __future__ import annotations

import json
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import storyline
from storyline.serve import create_app  # imports nothing of the web extra until called

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
TOKEN = "test-token-3f9a"
LOOPBACK = ("127.0.0.1", 50000)

# Hostile article text: each payload sets window.__xss if it ever runs.
HOSTILE = [
    {"id": "x1", "title": "<script>window.__xss='title'</script>Harbour council vote",
     "outlet": "<img src=x onerror=\"window.__xss='outlet'\">Harbour Times", "published": "2025-05-02",
     "text": "Harbour council voted on Friday to close the old pier. <script>window.__xss='body'</script> "
             "Councillor Ada Brennan said \"<img src=x onerror=window.__xss='quote'> the pier is unsafe\". "
             "<a href=\"javascript:window.__xss='link'\">read more</a>\n\n"
             "The pier will close in June, Brennan said. <svg onload=\"window.__xss='svg'\"></svg>"},
    {"id": "x2", "title": "Old pier to close, council says <b onmouseover=\"window.__xss='b'\">x</b>",
     "outlet": "Coast Weekly", "published": "2025-05-03",
     "text": "The harbour council on Friday voted to close the old pier, Councillor Ada Brennan said. "
             "\"The pier is unsafe,\" Brennan said. javascript:alert(1) "
             "<iframe src=\"javascript:window.__xss='iframe'\"></iframe>\n\nThe pier will close in June."},
]


def copy_db(src: Path, dst: Path) -> Path:
    """A consistent copy of a WAL-mode store, via SQLite's backup API."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    b.close()
    return dst


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.jsonl").write_text("".join(json.dumps(r) + "\n" for r in HOSTILE))
    db = folder / "hostile.db"
    with storyline.open(db) as sl:
        report = sl.ingest([folder / "hostile.jsonl"])
    assert len(report.ingested) == 2, report.as_dict()
    return db


@pytest.fixture(scope="session")
def read_client(sample_db: Path):
    """A test client over the sample store, as a loopback client, with no write token."""
    TestClient = pytest.importorskip("fastapi.testclient").TestClient

    with TestClient(create_app(sample_db, token=""), client=LOOPBACK) as client:
        yield client


@pytest.fixture()
def write_client(sample_db: Path, tmp_path: Path):
    """A test client over a private copy of the sample store, with a write token."""
    TestClient = pytest.importorskip("fastapi.testclient").TestClient

    db = copy_db(sample_db, tmp_path / "copy.db")
    with TestClient(create_app(db, token=TOKEN), client=LOOPBACK) as client:
        yield client


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn serving an app on a free loopback port, in a thread of this process."""

    def __init__(self, app) -> None:
        import uvicorn

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def live_server(sample_db: Path) -> Iterator[LiveServer]:
    pytest.importorskip("uvicorn")
    with LiveServer(create_app(sample_db, token="")) as server:
        yield server


@pytest.fixture(scope="session")
def hostile_server(hostile_db: Path) -> Iterator[LiveServer]:
    pytest.importorskip("uvicorn")
    with LiveServer(create_app(hostile_db, token="")) as server:
        yield server


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS

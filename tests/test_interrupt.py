"""An ingest killed with SIGKILL midway, then run again, ends as if never interrupted."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import storyline
from storyline.run.local import BATCH
from tests.conftest import EXAMPLES

# Articles are stored a batch at a time (one transaction each): three batches, so a kill
# after the first lands midway.
N_FILES = 2 * BATCH + 10


def _corpus(folder: Path) -> Path:
    """``N_FILES`` distinct articles made from the sample corpus's plain-text files."""
    folder.mkdir()
    bases = sorted(EXAMPLES.glob("*.txt"))
    for i in range(N_FILES):
        base = bases[i % len(bases)].read_text()
        (folder / f"{i:03d}.txt").write_text(f"{base}\n\nCorrection {i}: an earlier version misspelt a name.\n")
    return folder


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _survivors(marker: str, wait: float = 10.0) -> list[int]:
    """Processes whose command line names ``marker``, once they have had ``wait`` seconds to end."""
    deadline = time.monotonic() + wait
    while True:
        alive = []
        for proc in Path("/proc").iterdir():
            try:
                if proc.name.isdigit() and marker in (proc / "cmdline").read_bytes().decode(errors="replace"):
                    alive.append(int(proc.name))
            except OSError:
                continue
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


def test_sigkill_midway_then_rerun_matches_uninterrupted(tmp_path):
    corpus = _corpus(tmp_path / "corpus")
    with storyline.open(tmp_path / "whole.db") as sl:
        sl.ingest([corpus])
        expected = sl.export_text("json")

    db = tmp_path / "killed.db"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "storyline", "ingest", str(corpus), "--db", str(db), "--quiet"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while _count(db) < 5 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _survivors(str(db)) == [], "the killed ingest's worker processes must not outlive it"
    stored = _count(db)
    assert 5 <= stored < N_FILES, f"the kill should land midway, {stored} of {N_FILES} stored"

    with storyline.open(db) as sl:
        integrity = sl.store.db.execute("PRAGMA integrity_check").fetchone()[0]
        assert integrity == "ok"
        report = sl.ingest([corpus])
        assert report.unchanged == stored and len(report.ingested) == N_FILES - stored
        assert sl.store.count_articles() == N_FILES
        assert sl.export_text("json") == expected
        assert len(json.loads(expected)["articles"]) == N_FILES

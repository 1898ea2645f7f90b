"""The web server's ingest worker: a new one replaces a dead one, and none outlives the server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from storyline.serve.data import Library  # noqa: E402
from storyline.settings import Settings  # noqa: E402


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in state  # exited, waiting to be reaped by init


def test_a_dead_worker_is_replaced_for_the_next_ingest(tmp_path):
    lib = Library(Settings(db=str(tmp_path / "s.db")), isolated_ingest=True)
    try:
        assert lib.ingest([])["ingested"] == 0  # starts the worker (nothing to read: no model loaded)
        [pid] = list(lib._pool._processes)  # type: ignore[union-attr]
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while not _gone(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # let the pool notice
        assert lib.ingest([])["ingested"] == 0  # was BrokenProcessPool for every request until a restart
        assert list(lib._pool._processes) != [pid]  # type: ignore[union-attr]
    finally:
        lib.close()


def test_the_worker_ends_when_the_server_is_killed(tmp_path):
    script = (
        "import os, signal, sys\n"
        "from storyline.serve.data import _new_pool\n"
        "pool = _new_pool()\n"
        "print(pool.submit(os.getpid).result(), flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    worker = int(proc.stdout.split()[0])
    deadline = time.monotonic() + 10
    while not _gone(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _gone(worker)


def test_closing_ends_an_ingest_in_flight_instead_of_waiting_for_it(tmp_path):
    """SIGTERM runs close(): an ingest that takes minutes on a large store must not hold the exit."""
    import threading

    lib = Library(Settings(db=str(tmp_path / "s.db")), isolated_ingest=True)
    assert lib.ingest([])["ingested"] == 0  # the worker is up
    [pid] = list(lib._pool._processes)  # type: ignore[union-attr]
    busy = lib._pool.submit(time.sleep, 120)  # type: ignore[union-attr]  # stands for a long ingest
    time.sleep(0.5)
    closer = threading.Thread(target=lib.close)
    t0 = time.monotonic()
    closer.start()
    closer.join(30)
    assert not closer.is_alive() and time.monotonic() - t0 < 15
    assert _gone(pid) and busy.done()

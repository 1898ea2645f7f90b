"""The web server under load: N concurrent readers on loopback while an ingest runs.

Run from the project root (needs the ``web`` extra)::

    .venv/bin/python benchmarks/serve.py                      # 8 clients, 20 s, 40 articles ingested live
    .venv/bin/python benchmarks/serve.py --clients 16 --seconds 30 --db /tmp/g5.db   # --db keeps the store

The giveme5w1h articles (../shared/data/clustering/giveme5w1h/articles) are
loaded into a store, all but ``--live`` of them before the server starts. The
server runs in its own process (uvicorn, as ``storyline serve`` runs it) so the
clients' own Python work does not share its GIL. Each client loops over a mix
of pages and API reads for ``--seconds``; meanwhile one writer POSTs the
remaining articles to ``/api/ingest`` in batches. Printed: requests per second,
p50/p95/max latency of the reads, error count (any non-2xx or transport error;
must be 0), and how many articles the live ingest added.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "clustering" / "giveme5w1h" / "articles"
TOKEN = "bench-token"


def records() -> list[dict]:
    """giveme5w1h articles as storyline JSONL records, in file-name order."""
    out = []
    for path in sorted(DATA.glob("*.json")):
        d = json.loads(path.read_text())
        if not d.get("text"):
            continue
        out.append({"id": d.get("dId") or path.stem, "title": d.get("title"), "text": d["text"],
                    "published": d.get("date_publish"), "outlet": d.get("source_domain"), "url": d.get("url")})
    return out


def jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, log: Path) -> subprocess.Popen:
    code = f"from storyline.serve import run; run({str(db)!r}, '127.0.0.1', {port})"
    env = os.environ | {"STORYLINE_TOKEN": TOKEN}
    with log.open("wb") as sink:
        proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=sink, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.2)
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {log.read_text()[-2000:]}")
    proc.terminate()
    raise SystemExit("server did not start in 60 s")


def read_paths(base: str) -> list[str]:
    """A mix of reads built from what the store holds: pages, briefs, articles, search, quotes."""
    stories = httpx.get(f"{base}/api/stories", params={"limit": 500}).json()
    articles = httpx.get(f"{base}/api/articles", params={"limit": 500}).json()
    people = httpx.get(f"{base}/api/entities", params={"label": "PERSON", "limit": 20}).json()
    rng = random.Random(7)
    paths = ["/", "/api/stories", "/?q=missile+launch", "/api/search?q=president", "/api/quotes?limit=50"]
    for s in rng.sample(stories, min(20, len(stories))):
        paths += [f"/stories/{s['id']}", f"/api/stories/{s['id']}"]
    for a in rng.sample(articles, min(30, len(articles))):
        paths += [f"/articles/{a['id']}", f"/api/articles/{a['id']}"]
    for p in people[:10]:
        paths += [f"/api/quotes?speaker={httpx.URL(p['canonical'])}", f"/entities/{p['canonical']}"]
    return paths


def client_loop(base: str, paths: list[str], stop: float, seed: int, latencies: list[float], errors: list[str]) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=30) as client:
        while time.monotonic() < stop:
            path = rng.choice(paths)
            t0 = time.perf_counter()
            try:
                r = client.get(path)
                ok = r.status_code == 200
            except httpx.HTTPError as exc:
                ok, r = False, exc
            latencies.append(time.perf_counter() - t0)
            if not ok:
                errors.append(f"{path}: {getattr(r, 'status_code', r)}")


def writer_loop(base: str, rows: list[dict], batch: int, stop: float, done: list[int], errors: list[str]) -> None:
    with httpx.Client(base_url=base, timeout=300, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        for i in range(0, len(rows), batch):
            if time.monotonic() >= stop:
                return
            files = [("files", (f"batch{i}.jsonl", jsonl(rows[i:i + batch]), "application/x-ndjson"))]
            r = client.post("/api/ingest", files=files)
            if r.status_code != 200:
                errors.append(f"ingest: {r.status_code} {r.text[:200]}")
                return
            done.append(r.json()["ingested"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--live", type=int, default=40, help="articles ingested through the API during the load")
    ap.add_argument("--batch", type=int, default=5, help="articles per ingest request")
    ap.add_argument("--db", type=Path, help="keep the preloaded store beside this path (NAME-<count>.db) and reuse "
                    "it next time; the run serves a copy, so the live articles are new every time")
    args = ap.parse_args()
    if not DATA.is_dir():
        raise SystemExit(f"no data at {DATA}")
    rows = records()
    preload, live = rows[:-args.live] if args.live else rows, rows[-args.live:] if args.live else []

    with tempfile.TemporaryDirectory() as tmp:
        # One cache per preload size, so a run with another --live never finds its live articles stored.
        cache = args.db.with_name(f"{args.db.stem}-{len(preload)}{args.db.suffix}") if args.db else Path(tmp) / "p.db"
        import storyline

        t0 = time.perf_counter()
        feed = Path(tmp) / "preload.jsonl"
        feed.write_text(jsonl(preload))
        with storyline.open(cache) as sl:
            report = sl.ingest([feed])
            n_articles = len(sl.articles())
        print(f"preload: {len(report.ingested)} new, {report.unchanged} unchanged, {len(report.rejected)} rejected, "
              f"{n_articles} articles in store ({time.perf_counter() - t0:.1f} s)")
        db = Path(tmp) / "serve-bench.db"
        with sqlite3.connect(cache) as src, sqlite3.connect(db) as dst:
            src.backup(dst)
        src.close()
        dst.close()

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = Path(tmp) / "server.log"
        server = start_server(db, port, log)
        try:
            paths = read_paths(base)
            for p in paths[:10]:  # warm the caches the way a first visitor would
                httpx.get(base + p, timeout=60)
            if live:  # start the ingest worker (spaCy load) before the clock starts
                t0 = time.perf_counter()
                warm: list[int] = []
                writer_loop(base, live[:1], 1, time.monotonic() + 600, warm, [])
                live = live[1:]
                print(f"ingest worker warm-up: {sum(warm)} article in {time.perf_counter() - t0:.1f} s")
            latencies: list[float] = []
            errors: list[str] = []
            ingested: list[int] = []
            start = time.monotonic()
            stop = start + args.seconds
            threads = [threading.Thread(target=client_loop, args=(base, paths, stop, i, latencies, errors))
                       for i in range(args.clients)]
            threads.append(threading.Thread(target=writer_loop, args=(base, live, args.batch, stop, ingested, errors)))
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.monotonic() - start
        finally:
            server.terminate()
            server.wait(10)
            server_log = log.read_text(errors="replace")

    lat = sorted(latencies)
    q = statistics.quantiles(lat, n=100) if len(lat) > 1 else [lat[0]] * 99
    print(f"clients: {args.clients}, duration: {elapsed:.1f} s, distinct read paths: {len(paths)}")
    print(f"reads: {len(lat)} requests, {len(lat) / elapsed:.1f} req/s")
    print(f"latency: p50 {q[49] * 1000:.1f} ms, p95 {q[94] * 1000:.1f} ms, max {lat[-1] * 1000:.1f} ms")
    print(f"live ingest: {sum(ingested)} articles in {len(ingested)} requests of {args.batch} during the load")
    print(f"errors: {len(errors)}")
    for e in errors[:10]:
        print("  ", e)
    if errors:
        print("server log (tail):\n" + server_log[-3000:])
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

"""The web server at archive scale: page latency, memory, and 8 clients under load while an ingest runs.

Run from the project root (needs the ``web`` extra)::

    nice -n 10 .venv/bin/python benchmarks/serve.py --db ~/.cache/storyline/serve-store.sqlite
    nice -n 10 .venv/bin/python benchmarks/serve.py --db /work/cache/serve-store.sqlite --baseline 21107e3

The store: every real article we have, ingested through ``storyline ingest``
(the CLI, ``--workers 1``, one call per chunk of ``--chunk`` articles): the 383
giveme5w1h articles (``../shared/data/clustering/giveme5w1h``), then every dated
Reuters-21578 body (``../shared/data/corpus/reuters21578``), about 19,400 in all.
Only then, to pass ``--articles`` (100,000), copies of the analysed articles
with new ids, stories, URLs and dates (``pad``: SQL copies, no new analysis).
Ingesting costs about an hour of one core, so ``--db`` keeps the ingested store
(and resumes an interrupted ingest) and the padded one beside it
(``NAME-pad100000.db``); a later run reuses both. ``--ingest-minutes`` stops the
ingest between chunks; the size reached is printed and the figures hold for it.

Measured against the server in its own process (uvicorn, as ``storyline serve``
runs it):

- the first stories page after start, cold and warm, the story page of the
  story nearest 30 articles, the search page for a common word. **Cold** means
  a new server process (started, answering ``/healthz``, nothing else asked)
  whose store files were first written out and evicted from the OS page cache
  (``posix_fadvise(DONTNEED)``, checked with ``fincore`` where it exists), so
  every page the request reads comes from disk; "new process" is the same with
  the OS page cache left warm (what a restart of a busy server sees); "warm" is
  the best of three repeats in the same process. Start-up imports (FastAPI,
  the templates, the brief code) happen before ``/healthz`` answers, so none is
  in a first request; the Python files themselves stay in the OS page cache.
  Each time runs from just before the request is sent to the last byte, on a
  new connection, with the HTTP client made beforehand;
- the server's resident memory (its ingest worker is a separate process, shown apart);
- ``--clients`` clients for ``--seconds`` over a mix of pages and API reads, a
  fifth of them (``--adversarial``) sending hostile searches (repeated stop
  words, thousands of words, FTS syntax), while one writer POSTs new articles
  to ``/api/ingest`` from the start (its first request also spawns the ingest
  worker and loads the model): p50/p95/max latency and errors (any non-2xx or
  transport error; must be 0). A writer request still running
  ``--writer-grace`` seconds after the load is reported as such.

``--baseline REV`` measures the single-request figures and memory again with
the ``serve`` package of git revision REV on the same store (the code before
this work), printed beside ours. Targets (issue 20): first stories page < 300 ms,
30-article story page < 500 ms, memory < 400 MB, p95 < 500 ms, 0 errors.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from datetime import datetime
from io import BytesIO
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
GIVEME = DATA / "clustering" / "giveme5w1h" / "articles"
REUTERS = DATA / "corpus" / "reuters21578"
TOKEN = "bench-token"
COPY_SHIFT_YEARS = 2
LIVE_COPY = 97  # copy number (years moved: 2 × this) of the articles the live writer adds
TIMED_OUT: list[str] = []  # hostile searches the server stopped at its time budget (answered, not failed)

# Hostile searches: stop words repeated, thousands of words, FTS5 syntax, odd characters.
COMMON = ("the of and to in a said for on is that by it with as at from was be its has he will mln year "
          "would not but an which have are were new were also dlrs pct last this company").split()
ADVERSARIAL = [
    "the " * 20,
    " ".join(COMMON * 60),
    " ".join(random.Random(3).choice(COMMON) for _ in range(2000)),
    '"the" OR said NEAR(a b) * ^ -- ; \' " ( )',
    "a " * 400,
    "said year company new",
    "x" * 3000,
    "ä" * 200 + " the",
]


def giveme() -> list[dict]:
    out = []
    for path in sorted(GIVEME.glob("*.json")):
        d = json.loads(path.read_text())
        if d.get("text"):
            out.append({"id": d.get("dId") or path.stem, "title": d.get("title"), "text": d["text"],
                        "published": d.get("date_publish"), "outlet": d.get("source_domain"), "url": d.get("url")})
    return out


def reuters_date(value: str) -> datetime | None:
    """``26-FEB-1987 15:01:01.79`` as a datetime (the date alone when the time is garbled)."""
    m = re.search(r"(\d{1,2}-[A-Za-z]{3}-\d{4})(?:\s+(\d{2}:\d{2}:\d{2}))?", value)
    if not m:
        return None
    try:
        return datetime.strptime(f"{m[1]} {m[2] or '00:00:00'}", "%d-%b-%Y %H:%M:%S")
    except ValueError:
        return None


def reuters() -> list[dict]:
    out = []
    for path in sorted(REUTERS.glob("reuters-*.json")):
        for rec in json.loads(path.read_text(encoding="utf-8")):
            if rec.get("body"):
                when = reuters_date(rec.get("date") or "")
                if when is None:
                    continue
                out.append({"id": f"reuters-{rec['id']}", "title": rec.get("title"), "text": rec["body"],
                            "published": when.isoformat(), "outlet": "Reuters",
                            "url": f"https://reuters.example/1987/{rec['id']}"})
    return out


def copy_of(rec: dict, k: int) -> dict:
    """Copy ``k`` of a Reuters record: a new id, URL and date ``k`` × two years later (new content)."""
    when = datetime.fromisoformat(rec["published"])
    when = when.replace(year=when.year + COPY_SHIFT_YEARS * k)
    return rec | {"id": f"{rec['id']}-c{k}", "published": when.isoformat(), "url": f"{rec['url']}?copy={k}"}


def jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def feed_files(folder: Path, chunk: int) -> list[Path]:
    """The real corpus as JSONL files, written once: giveme5w1h, then Reuters in files of ``chunk`` articles."""
    folder.mkdir(parents=True, exist_ok=True)
    base = reuters()
    parts = [giveme()] + [base[i:i + chunk] for i in range(0, len(base), chunk)]
    files = []
    for n, rows in enumerate(parts):
        path = folder / f"feed-{n:03d}.jsonl"
        if not path.exists():
            part = path.with_suffix(".part")
            part.write_text(jsonl(rows))
            part.rename(path)
        files.append(path)
    return files


def build(db: Path, chunk: int, minutes: float, workers: int) -> int:
    """Ingest the real corpus into ``db`` with ``storyline ingest``, resuming a stopped run, within ``minutes``;
    the number of articles the store holds then."""
    state = db.with_name(f"{db.stem}-fed.json")
    done = set(json.loads(state.read_text())) if state.exists() and db.exists() else set()
    stop = time.monotonic() + minutes * 60
    for path in feed_files(db.with_name(f"{db.stem}-feed{chunk}"), chunk):
        if path.name in done:
            continue
        if time.monotonic() >= stop:
            print(f"  ingest: stopped after {minutes:g} minutes; run again to resume")
            break
        t0 = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "storyline", "ingest", "--db", str(db), "--workers", str(workers),
                              "--json", "--quiet", str(path)], capture_output=True, text=True)
        if run.returncode != 0:
            raise SystemExit(f"storyline ingest {path} failed ({run.returncode}): {run.stderr[-2000:]}")
        report = json.loads(run.stdout)
        done.add(path.name)
        state.write_text(json.dumps(sorted(done)))
        print(f"  ingest {path.name}: +{report['ingested']} in {time.perf_counter() - t0:.0f} s, "
              f"{len(report['rejected'])} rejected", flush=True)
    with sqlite3.connect(db) as con:
        count = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    return count


def pad(src: Path, dst: Path, target: int) -> int:
    """Copy the store ``src`` to ``dst`` and grow it to ``target`` articles with copies of its analysed articles.

    What takes the real corpus (about 19,400 articles) past 100,000: copy ``k`` of an article keeps its analysis (entities, quotes, times) and
    gets new ids (``~pk``), a new story (its original's, suffixed), a new URL
    and its dates moved 3k years, so copies never share a story with anything.
    The full-text index fills through the store's own triggers.
    """
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    con = sqlite3.connect(dst, isolation_level=None)
    # An ingest still running (the real corpus grows in the background) leaves its last articles
    # placed but not settled; the next ingest would re-cluster every copy of them. Serve what a
    # finished ingest leaves: the settled articles only.
    con.execute("PRAGMA foreign_keys = ON")
    unsettled = con.execute("DELETE FROM articles WHERE story_settled = 0").rowcount
    con.execute("DELETE FROM stories WHERE id NOT IN (SELECT story FROM articles WHERE story IS NOT NULL)")
    if unsettled:
        print(f"  left out {unsettled} articles an ingest still running had not settled", flush=True)
    originals = con.execute("SELECT count(*), max(rowid) FROM articles").fetchone()
    have, top = originals
    cols = {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in ("articles", "entities", "quotes", "times")}
    shifted = "CASE WHEN {c} IS NULL THEN NULL ELSE printf('%04d', CAST(substr({c}, 1, 4) AS INTEGER) + {y}) || substr({c}, 5) END"
    k = 0
    while have < target and originals[0]:
        k += 1
        last = min(top, con.execute("SELECT rowid FROM articles WHERE rowid <= ? ORDER BY rowid LIMIT 1 OFFSET ?",
                                    (top, min(target - have, originals[0]) - 1)).fetchone()[0])
        tag = f"~p{k}"
        exprs = {"id": f"id || '{tag}'", "content_hash": f"content_hash || '{tag}'", "story": f"story || '{tag}'",
                 "url": f"coalesce(url, 'copy:') || '#{tag}'", "published": shifted.format(c="published", y=3 * k)}
        art_cols = [c for c in cols["articles"] if c != "rowid"]
        con.execute("BEGIN")
        con.execute(f"INSERT INTO articles ({', '.join(art_cols)}) SELECT {', '.join(exprs.get(c, c) for c in art_cols)} "
                    f"FROM articles WHERE rowid <= ?", (last,))
        for table in ("entities", "quotes", "times"):
            sel = ", ".join(f"t.article_id || '{tag}'" if c == "article_id" else
                            (shifted.format(c="t.value", y=3 * k) if (table, c) == ("times", "value") else f't."{c}"')
                            for c in cols[table])
            con.execute(f"INSERT INTO {table} SELECT {sel} FROM {table} t JOIN articles src ON src.id = t.article_id "
                        f"WHERE src.rowid <= ?", (last,))
        con.execute(f"INSERT INTO stories (id, title, updated_at) SELECT id || '{tag}', title, updated_at FROM stories "
                    f"WHERE id IN (SELECT story FROM articles WHERE rowid <= ?)", (last,))
        con.execute("COMMIT")
        have = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        print(f"  padded: {have} articles (copy {k})", flush=True)
    con.close()
    return have


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, log: Path, pythonpath: str | None = None) -> subprocess.Popen:
    code = f"from storyline.serve import run; run({str(db)!r}, '127.0.0.1', {port})"
    env = os.environ | {"STORYLINE_TOKEN": TOKEN}
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    with log.open("wb") as sink:
        proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=sink, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 900  # start-up imports the brief code (scikit-learn, SciPy): minutes on a busy machine
    t0 = time.monotonic()
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1, verify=False).status_code == 200:
                print(f"  server up in {time.monotonic() - t0:.0f} s", flush=True)
                return proc
        except httpx.TransportError:
            time.sleep(0.2)
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {log.read_text()[-2000:]}")
    proc.terminate()
    raise SystemExit("server did not start in 900 s")


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) that process ``pid`` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children_rss_mb(pid: int) -> float:
    """Resident memory of ``pid``'s child processes (started from any of its threads)."""
    total = 0.0
    children = " ".join(p.read_text() for p in Path(f"/proc/{pid}/task").glob("*/children"))
    for child in children.split():
        try:
            total += rss_mb(int(child))
        except FileNotFoundError:
            pass
    return total


def timed(url: str, timeout: float = 300) -> tuple[float, int]:
    """One GET on a new connection, in ms: the client is made before the clock starts (an
    ``httpx.Client`` loads its CA bundle when made, 100-250 ms on a busy machine, which
    ``httpx.get`` would count as the server's time), and ``verify=False`` skips that load
    (plain HTTP to loopback: nothing to verify)."""
    with httpx.Client(timeout=timeout, verify=False) as client:
        t0 = time.perf_counter()
        r = client.get(url)
        return (time.perf_counter() - t0) * 1000, r.status_code


def pick_stories(db: Path) -> tuple[str, int, list[str]]:
    """The story nearest 30 articles (id, size) and the four biggest, straight from the store."""
    with sqlite3.connect(db) as con:
        sizes = con.execute("SELECT story, count(*) n FROM articles WHERE story IS NOT NULL GROUP BY story").fetchall()
    con.close()
    near = min(sizes, key=lambda s: (abs(s[1] - 30), s[0]))
    biggest = [s[0] for s in sorted(sizes, key=lambda s: (-s[1], s[0]))[:4]]
    return near[0], near[1], biggest


def biggest_giveme(db: Path) -> list[str]:
    """The four biggest stories made of giveme5w1h articles (the first ones the preload feeds)."""
    ids = [r["id"] for r in giveme()]
    with sqlite3.connect(db) as con:
        marks = ", ".join("?" * len(ids))
        rows = con.execute(f"SELECT story, count(*) n FROM articles WHERE input_id IN ({marks}) AND story IS NOT NULL "
                           f"AND id NOT LIKE '%~p%' "  # not the padding's copies, which keep their input id
                           f"GROUP BY story ORDER BY n DESC, story LIMIT 4", ids).fetchall()
    con.close()
    return [r[0] for r in rows]


def evict(db: Path) -> str:
    """Write the store's files out and drop them from the OS page cache; what ``fincore`` then says is resident."""
    files = [f for f in (db, Path(f"{db}-wal"), Path(f"{db}-shm")) if f.exists()]
    for f in files:
        fd = os.open(f, os.O_RDONLY)
        try:
            os.fsync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)
    try:
        out = subprocess.run(["fincore", "--bytes", "--noheadings", "--output", "RES", str(db)],
                             capture_output=True, text=True, check=True).stdout.strip()
        return f"{int(out) / 1e6:.1f} MB of {db.stat().st_size / 1e6:.0f} MB resident"
    except (OSError, subprocess.CalledProcessError, ValueError):
        return "fincore not available"


def single_requests(base: str, story: str, others: list[str] = ()) -> dict[str, float]:
    """First page and story page of a just-started server, then warm figures (best of three), in ms.

    With ``others`` (the biggest giveme5w1h stories: the most quotes, timeline entries and
    citations, the heaviest pages), the first one's page right after its brief was read through the
    API (``/api/stories/ID`` computes the brief and keeps it with the story's articles): a first
    story page without the brief, what a page costs once briefs are stored (issue 18); and the
    second one's first page, brief included."""
    out: dict[str, float] = {}
    out["first stories page"], status = timed(base + "/")
    assert status == 200, status
    out["first stories page (warm)"] = min(timed(base + "/")[0] for _ in range(3))
    out["story page, first"], status = timed(f"{base}/stories/{story}")
    assert status == 200, status
    out["story page, warm"] = min(timed(f"{base}/stories/{story}")[0] for _ in range(3))
    out["search page 'said'"] = min(timed(base + "/?q=said")[0] for _ in range(2))
    out["stories API, most articles"] = min(timed(base + "/api/stories?sort=articles")[0] for _ in range(2))
    if others:
        assert timed(f"{base}/api/stories/{others[0]}")[1] == 200
        out["giveme page after its brief was read"], status = timed(f"{base}/stories/{others[0]}")
        assert status == 200, status
    if len(others) > 1:
        out["giveme story page, first"], status = timed(f"{base}/stories/{others[1]}")
        assert status == 200, status
    return out


def read_paths(base: str, biggest: list[str]) -> list[str]:
    """A mix of reads built from what the store holds: pages, briefs, articles, search, quotes."""
    def listed(path: str, params: dict) -> list[dict]:
        response = httpx.get(base + path, params=params, timeout=120)
        if response.status_code != 200:
            raise SystemExit(f"{path} {params}: {response.status_code} {response.text[:300]}")
        return response.json()

    stories = listed("/api/stories", {"limit": 200})
    stories += listed("/api/stories", {"limit": 50, "sort": "articles"})
    articles = listed("/api/articles", {"limit": 200})
    people = listed("/api/entities", {"label": "PERSON", "limit": 20})
    rng = random.Random(7)
    paths = ["/", "/?sort=articles", "/?page=3", "/api/stories", "/api/stories?sort=outlets", "/?q=missile+launch",
             "/api/search?q=president", "/api/quotes?limit=50", "/?q=oil+prices&sort=updated"]
    paths += [f"/stories/{s}" for s in biggest]
    for s in rng.sample(stories, min(20, len(stories))):
        paths += [f"/stories/{s['id']}", f"/api/stories/{s['id']}"]
    for a in rng.sample(articles, min(30, len(articles))):
        paths += [f"/articles/{a['id']}", f"/api/articles/{a['id']}"]
    for p in people[:10]:
        name = httpx.URL(p["canonical"])
        paths += [f"/api/quotes?speaker={name}", f"/entities/{p['canonical'].replace('/', '%2F')}"]
    return paths


def check_links(base: str, stories: list[str]) -> tuple[int, list[str]]:
    """Every same-site link on the given story pages, fetched: (links checked, those not answering 200)."""
    import re

    links: set[str] = set()
    for story in stories:
        html = httpx.get(f"{base}/stories/{story}", timeout=120).text
        links |= {h.replace("&amp;", "&") for h in re.findall(r'href="(/[^"#]*)', html)}
    bad = []
    with httpx.Client(base_url=base, timeout=120) as client:
        for link in sorted(links):
            status = client.get(link).status_code
            if status != 200:
                bad.append(f"{status} {link}")
    return len(links), bad


def client_loop(base: str, paths: list[str], stop: float, seed: int, hostile: bool,
                latencies: list[float], errors: list[str]) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=60) as client:
        while time.monotonic() < stop:
            if hostile:
                q = rng.choice(ADVERSARIAL)
                path = rng.choice(["/", "/api/stories", "/api/search"])
                params = {"q": q[:500] if path.startswith("/api") else q}
            else:
                path, params = rng.choice(paths), None
            t0 = time.perf_counter()
            try:
                r = client.get(path, params=params)
                ok = r.status_code == 200
            except httpx.HTTPError as exc:
                ok, r = False, exc
            latencies.append(time.perf_counter() - t0)
            if ok and hostile and ("x-search-timed-out" in r.headers or "took over" in r.text):
                TIMED_OUT.append(path)
            if not ok:
                errors.append(f"{path} {'(hostile)' if hostile else ''}: {getattr(r, 'status_code', r)}")


def writer_loop(base: str, rows: list[dict], batch: int, stop: float, done: list[tuple[int, float]],
                errors: list[str]) -> None:
    """POST ``batch`` articles at a time to ``/api/ingest`` until ``stop``: (articles ingested, seconds) per request.

    The first request also starts the server's ingest worker (spawning it and loading the model),
    so the readers share the machine with all of an ingest's work from the start."""
    with httpx.Client(base_url=base, timeout=1800, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        for i in range(0, len(rows), batch):
            if time.monotonic() >= stop:
                return
            files = [("files", (f"batch{i}.jsonl", jsonl(rows[i:i + batch]), "application/x-ndjson"))]
            t0 = time.monotonic()
            try:
                r = client.post("/api/ingest", files=files)
            except httpx.HTTPError as exc:
                errors.append(f"ingest: {exc!r}")
                return
            if r.status_code != 200:
                errors.append(f"ingest: {r.status_code} {r.text[:200]}")
                return
            done.append((r.json()["ingested"], time.monotonic() - t0))


def baseline_tree(rev: str, tmp: Path) -> str:
    """``src/`` of git revision ``rev`` unpacked under ``tmp``: its PYTHONPATH."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(tmp / "baseline", filter="data")
    return str(tmp / "baseline" / "src")


def measure_single(db: Path, story: str, tmp: Path, pythonpath: str | None, others: list[str] = ()) -> dict[str, float]:
    """The single-request figures of a new server process, with the OS page cache cold, then warm."""
    figures: dict[str, float] = {}
    for cold in (True, False):
        if cold:
            print(f"  evicted the store from the OS page cache: {evict(db)}")
        port = free_port()
        server = start_server(db, port, tmp / f"server-{port}.log", pythonpath)
        try:
            if cold:
                first = single_requests(f"http://127.0.0.1:{port}", story, others)
                figures |= {k.replace("first", "cold: first"): v for k, v in first.items() if "first" in k}
                figures |= {k: v for k, v in first.items() if "first" not in k}
            else:
                figures["new process: first stories page"] = timed(f"http://127.0.0.1:{port}/")[0]
                figures["new process: story page, first"] = timed(f"http://127.0.0.1:{port}/stories/{story}")[0]
            figures["server RSS MB"] = max(figures.get("server RSS MB", 0.0), rss_mb(server.pid))
        finally:
            server.terminate()
            server.wait(30)
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000,
                    help="store size to serve: the real corpus, then copies with new ids up to this (default 100,000)")
    ap.add_argument("--ingest-minutes", type=float, default=600, help="stop the ingest after this long")
    ap.add_argument("--chunk", type=int, default=2000, help="articles per `storyline ingest` call")
    ap.add_argument("--workers", type=int, default=1, help="`storyline ingest --workers` (default 1)")
    ap.add_argument("--db", type=Path, help="keep the ingested store here (and the padded one beside it); "
                    "a later run resumes or reuses them")
    ap.add_argument("--build-only", action="store_true", help="build the store, measure nothing")
    ap.add_argument("--no-links", action="store_true", help="skip fetching every link of the biggest story pages")
    ap.add_argument("--no-single", action="store_true", help="skip the single-request figures")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--adversarial", type=float, default=0.2, help="share of clients sending hostile searches")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--live", type=int, default=200, help="articles the writer may POST during the load")
    ap.add_argument("--batch", type=int, default=10, help="articles per ingest request during the load")
    ap.add_argument("--writer-grace", type=float, default=300,
                    help="seconds to wait after the load for the ingest request in flight (then it is ended)")
    ap.add_argument("--baseline", metavar="REV", help="also measure the serve code of this git revision")
    args = ap.parse_args()
    for folder in (GIVEME, REUTERS):
        if not folder.is_dir():
            raise SystemExit(f"no data at {folder}")

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        cache = args.db or tmp / "real.db"
        t0 = time.perf_counter()
        real = build(cache, args.chunk, args.ingest_minutes, args.workers)
        print(f"store: {real} real articles ingested by `storyline ingest` ({time.perf_counter() - t0:.0f} s "
              f"this run) in {cache}")
        if args.articles > real:
            padded = cache.with_name(f"{cache.stem}-pad{args.articles}{cache.suffix}")
            fed = cache.with_name(f"{cache.stem}-fed.json")
            if not padded.exists() or padded.stat().st_mtime < fed.stat().st_mtime:
                t0 = time.perf_counter()
                pad(cache, padded.with_suffix(".tmp"), args.articles)
                padded.with_suffix(".tmp").rename(padded)
                print(f"padded with copies in {time.perf_counter() - t0:.0f} s: {padded}")
            cache = padded
        # What an ingest leaves: the briefs of big stories built and stored (issue 18). The store was
        # filled by an ingest from before briefs were stored, and copies are made in SQL: the first
        # settle of the current code would build them, so build them here, once per cached store.
        from storyline.run.briefs import refresh_briefs
        from storyline.settings import Settings
        from storyline.store import Store

        t0 = time.perf_counter()
        with Store(cache) as store:
            built = refresh_briefs(store, Settings(db=str(cache)), [])
        print(f"stored briefs: {built} built now ({time.perf_counter() - t0:.0f} s) for stories of "
              f"{Settings().brief_store_min_articles}+ articles")
        if args.build_only:
            return 0
        db = tmp / "serve-bench.db"
        with sqlite3.connect(cache) as src, sqlite3.connect(db) as dst:
            src.backup(dst)
        src.close()
        dst.close()
        Store(db).close()  # migrated as the current storyline leaves a store, before any server opens it
        with sqlite3.connect(db) as con:
            count = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            copies = con.execute("SELECT count(*) FROM articles WHERE id LIKE '%~p%'").fetchone()[0]
        con.close()
        print(f"serving a store of {count} articles: {count - copies} real (settled), {copies} copies with new ids")
        story, size, biggest = pick_stories(db)
        giveme_big = biggest_giveme(db)[:2]
        with sqlite3.connect(db) as con:
            giveme_sizes = [con.execute("SELECT count(*) FROM articles WHERE story = ?", (g,)).fetchone()[0]
                            for g in giveme_big]
        con.close()
        print(f"story page: {story} ({size} articles); four biggest: {', '.join(biggest)}; biggest giveme5w1h: "
              f"{', '.join(f'{g} ({n} articles)' for g, n in zip(giveme_big, giveme_sizes))}")

        ours = {} if args.no_single else measure_single(db, story, tmp, None, giveme_big)
        theirs = measure_single(db, story, tmp, baseline_tree(args.baseline, tmp), giveme_big) if args.baseline else {}
        print(f"\n{'figure (ms unless MB)':<38} {'ours':>10} {'baseline ' + (args.baseline or '-'):>18}")
        for key, value in ours.items():
            other = f"{theirs[key]:.0f}" if key in theirs else "-"
            print(f"{key:<38} {value:>10.0f} {other:>18}")

        live = [copy_of(r, LIVE_COPY) for r in reuters()[:args.live]]
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = tmp / "server.log"
        server = start_server(db, port, log)
        try:
            if not args.no_links:
                n_links, bad = check_links(base, biggest_giveme(db))
                print(f"\nlinks on the four biggest giveme5w1h story pages: {n_links} checked, {len(bad)} not 200")
                for b in bad[:10]:
                    print("  ", b)
            paths = read_paths(base, biggest)
            for p in paths[:10]:  # warm the caches the way a first visitor would
                httpx.get(base + p, timeout=120)
            latencies: list[float] = []
            hostile_lat: list[float] = []
            errors: list[str] = []
            ingested: list[tuple[int, float]] = []
            start = time.monotonic()
            stop = start + args.seconds
            n_hostile = round(args.clients * args.adversarial)
            threads = [threading.Thread(target=client_loop, args=(base, paths, stop, i, i < n_hostile,
                                                                  hostile_lat if i < n_hostile else latencies, errors))
                       for i in range(args.clients)]
            writer = threading.Thread(target=writer_loop, args=(base, live, args.batch, stop, ingested, errors),
                                      daemon=True)
            peak = [0.0, 0.0]

            def sample() -> None:
                while time.monotonic() < stop:
                    peak[0] = max(peak[0], rss_mb(server.pid))
                    peak[1] = max(peak[1], children_rss_mb(server.pid))
                    time.sleep(1)

            threads.append(threading.Thread(target=sample))
            cpu0, load0 = cpu_seconds(server.pid), os.getloadavg()[0]
            writer.start()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.monotonic() - start
            server_cpu, load1 = cpu_seconds(server.pid) - cpu0, os.getloadavg()[0]
            writer.join(args.writer_grace)  # the request in flight at the end, if it ends soon enough
            in_flight = writer.is_alive()
            errors = list(errors)  # what the server's stop does to a request in flight is not the load's
        finally:
            t_stop = time.monotonic()
            server.terminate()
            server.wait(60)
            shutdown = time.monotonic() - t_stop
            server_log = log.read_text(errors="replace")

    every = sorted(latencies + hostile_lat)
    print(f"clients: {args.clients} ({n_hostile} hostile), {elapsed:.1f} s, distinct read paths: {len(paths)}")
    for name, lat in (("all reads", every), ("ordinary reads", sorted(latencies)), ("hostile searches", sorted(hostile_lat))):
        if len(lat) > 1:
            q = statistics.quantiles(lat, n=100)
            print(f"{name:<17} {len(lat):>6} requests, {len(lat) / elapsed:6.1f} req/s, p50 {q[49] * 1000:6.1f} ms, "
                  f"p95 {q[94] * 1000:6.1f} ms, max {lat[-1] * 1000:7.1f} ms")
    print(f"server CPU during the load: {server_cpu:.1f} s for {len(every)} reads, {1000 * server_cpu / max(1, len(every)):.0f} ms "
          f"a read (the ingest worker apart); machine load average {load0:.1f} at the start, {load1:.1f} at the end "
          f"({os.cpu_count()} cores)")
    print(f"hostile searches stopped at the server's time budget (answered 200, saying so): {len(TIMED_OUT)}")
    print(f"live ingest: {sum(n for n, _ in ingested)} articles in {len(ingested)} finished requests of "
          f"{args.batch} (seconds each: {', '.join(f'{t:.0f}' for _, t in ingested) or '-'}); "
          f"{'one request still running ' + format(args.writer_grace, 'g') + ' s after the load, ended by the server stop' if in_flight else 'none left running'}")
    print(f"server peak RSS under load: {peak[0]:.0f} MB (ingest worker apart: {peak[1]:.0f} MB); "
          f"SIGTERM to exit: {shutdown:.1f} s")
    print(f"errors: {len(errors)}")
    for e in errors[:10]:
        print("  ", e)
    if errors:
        print("server log (tail):\n" + server_log[-3000:])
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

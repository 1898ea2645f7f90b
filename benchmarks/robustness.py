"""Nothing a user feeds in stops, stalls or corrupts a run: the battery of issue 21, ours beside a baseline.

    PYTHONPATH=src .venv/bin/python benchmarks/robustness.py [--baseline REV] [--aeb] [--pairs 50] [--ingest-pairs 5]
        [--only TEXT] [--feed 20000 --feed-cpu 120]

Each hostile input is ingested by ``storyline ingest`` in a fresh process, in a
folder with one good article after it (named to sort last), then the store is
exported. Per case: the exit status, the ``error:`` lines printed, the CPU
seconds of the process (a stall: over 60 s of CPU, or a trickling server that
held its client to the end; wall-clock seconds are shown, not judged, as the
machine is shared), its peak memory (largest resident set of the process and
of its largest worker; target under 1 GB), and whether the good article is in
the export (the batch went on and the store is whole). ``--baseline REV`` runs the same battery on
that git revision of ``src/`` (checked out to a temporary folder) in the same
run, for comparison.

Network cases run against a server this script starts on 127.0.0.1: a server
trickling its headers, or its body, one byte a second for 130 s (fetch
deadline 10 s), a feed of 100 teasers whose pages come one a second (with a
20 s teaser budget: the wall seconds show whether it stopped), and a rebinding DNS (``socket.getaddrinfo`` patched in the
ingest process to answer a public address and 127.0.0.1 in turn): the case
counts as LOST if the page behind the loopback answer was fetched.

Also measured:
- scaling: CPU seconds per character of ingesting one plain-text article of
  10 KB and of 1 MB (PolNeAR texts joined, read at run time) with
  ``Storyline.ingest`` in a process that has already loaded everything, beside
  spaCy's own ``nlp.pipe`` on the same texts (target: the 1 MB article within
  2x the per-character cost of the 10 KB one);
- races: ``--pairs`` pairs of processes opening one new store at once, and
  ``--ingest-pairs`` pairs of concurrent ingests of the same files (target: 0
  failures, no duplicate articles);
- ``--read-pairs N``: one process ingesting N times (a new file and one
  already stored) into one store while another exports it over and over;
  a failure is an error on either side or an export whose stories list an
  article it does not hold (target 0);
- ``--feed N``: one feed file of N distinct entries, the store polled while
  it runs: CPU seconds until the first article is stored, articles stored by
  CPU second, peak resident memory of the process tree (stopped after
  ``--feed-cpu`` CPU seconds: N articles take far longer than that to analyse);
- ``--aeb``: all 181 AEB pages and all 181 page scrapes in one ingest run
  (target: no abort; a page with no body may be a reject). Slow (minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
PYTHON = sys.executable
GOOD = ("The harbour bridge reopened on Tuesday after three months of repairs, the council said on Wednesday. "
        "Engineers replaced the deck and the lights, and officials expect traffic to return to normal soon.\n")


def polnear_text(n: int) -> str:
    """``n`` characters of PolNeAR article texts joined by blank lines (read at run time, never stored)."""
    out, size = [], 0
    for path in sorted((DATA / "quotes" / "polnear" / "train" / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8").strip() + "\n\n"
        out.append(text)
        size += len(text)
        if size >= n:
            break
    return "".join(out)[:n]


def _page(head: str, body: str) -> str:
    return (f"<html><head><title>Bridge reopens</title>{head}</head><body><article><h1>Bridge reopens</h1>"
            f"<p>{body}</p><p>{body} Again.</p></article></body></html>")


TRICKLE_SECONDS = 130
TEASERS = 100  # entries of the teaser feed; at one page a second, 100 s to follow them all
_REBIND_PRELUDE = """
import socket
_real, _calls = socket.getaddrinfo, [0]
def _rebinding(host, *args, **kwargs):  # public for a check, loopback for the connect after it
    if host != "rebind.test":
        return _real(host, *args, **kwargs)
    _calls[0] += 1
    return _real("93.184.215.14" if _calls[0] % 2 else "127.0.0.1", *args, **kwargs)
def _offline(address, *args, **kwargs):  # the "public" server is down: no packet leaves the machine
    if address[0] == "93.184.215.14":
        raise ConnectionRefusedError("public address not reached in the benchmark")
    return _connect(address, *args, **kwargs)
socket.getaddrinfo, _connect, socket.create_connection = _rebinding, socket.create_connection, _offline
"""


class Case(NamedTuple):
    """What a case adds to the ingest command: arguments (URLs), environment, code run before storyline."""

    args: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    prelude: str = ""


def huge_feed(entries: int = 20_000, distinct: int = 200) -> bytes:
    """An RSS file of ``entries`` full-text items (about 26 MB), ``distinct`` different articles among them.

    The guids are not permalinks: a permalink guid is the entry's link, and
    every entry would then be a different article (its URL is part of what
    an article is).
    """
    body = GOOD * 6
    items = "".join(f"<item><title>Bridge {i % distinct}</title><guid isPermaLink='false'>g{i}</guid>"
                    f"<description>Report {i % distinct}. {body}</description></item>" for i in range(entries))
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Harbour Post</title>{items}</channel></rss>".encode()


def cases(port: int = 0) -> dict[str, Callable[[Path], Case | None]]:
    """Name → a function writing that hostile input into a folder (and saying what else to pass)."""
    fetch_env = (("STORYLINE_FETCH_DEADLINE", "10"), ("STORYLINE_FETCH_TIMEOUT", "5"), ("STORYLINE_FETCH_DELAY", "0"))

    def url(path: str, allow_private: bool = True, prelude: str = "", host: str = "127.0.0.1") -> Callable[[Path], Case]:
        def put(folder: Path) -> Case:
            return Case((f"http://{host}:{port}{path}", *(["--allow-private"] if allow_private else [])),
                        fetch_env, prelude)
        return put

    def teasers(folder: Path) -> Case:
        return Case((f"http://127.0.0.1:{port}/teasers.xml", "--allow-private"),
                    (("STORYLINE_FETCH_DELAY", "1"), ("STORYLINE_FETCH_TEASER_BUDGET", "20"),
                     ("STORYLINE_FETCH_DEADLINE", "10")))

    def budget(folder: Path) -> Case:
        (folder / "a_long.txt").write_text(polnear_text(1_100_000), encoding="utf-8")
        return Case(env=(("STORYLINE_ARTICLE_TIME_BUDGET", "3"),))

    def write(name: str | bytes, data: bytes | str) -> Callable[[Path], Case | None]:
        def put(folder: Path) -> Case | None:
            path = folder / os.fsdecode(name)
            path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
        return put

    def fifo(folder: Path) -> Case | None:
        os.mkfifo(folder / "a_pipe.txt")

    def loop(folder: Path) -> Case | None:
        os.symlink("a_loop2.txt", folder / "a_loop1.txt")
        os.symlink("a_loop1.txt", folder / "a_loop2.txt")

    def aeb(file_id: str) -> Callable[[Path], Case | None]:
        return write("a_aeb.html.gz", (DATA / "extraction" / "aeb" / "html" / f"{file_id}.html.gz").read_bytes())

    dates = ["0001-01-01", "year -81", "-5000-01-01", "9999-99-99", "2024-02-30", "not a date"]
    return {
        "lone surrogate in text/outlet/id": write("a.jsonl", json.dumps(
            {"id": "x\ud800", "text": GOOD + "\udc00", "outlet": "Out\ud800"}, ensure_ascii=True) + "\n"),
        "file name not UTF-8": write(b"a\xff.txt", "An article under a name that is not UTF-8. " + GOOD),
        "text of 2,500,000 characters": write("a_huge.txt", polnear_text(2_500_000)),
        "AEB page dated 0001-01-01": aeb("65ce3a4577a0306994efa190a0d96e84014f9d4257ad54753e807ede518f02c0"),
        "scrape with '100 years ago'-style overflow": write(
            "a.txt", (DATA / "scrapes" / "aeb" / "page" /
                      "e1c7023ee2148901b086256fdd30a0893d10b0720b510d5ff07a021109347266.txt").read_bytes()),
        "absurd published dates (jsonl)": write("a.jsonl", "".join(
            json.dumps({"id": str(i), "text": f"Item {i}. {GOOD}", "published": d}) + "\n" for i, d in enumerate(dates))),
        # a body of its own: with GOOD's, the good file is the same article and the check could not see it
        "JSON-LD datePublished 0001 (html)": write("a.html", _page(
            '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"0001-01-01"}</script>',
            "The ferry service to the islands resumed on Monday after a week of storms, the operator said.")),
        "feed entry dated year 1": write("a.xml", (
            "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title><item><title>Bridge</title>"
            f"<pubDate>Mon, 01 Jan 0001 00:00:00 GMT</pubDate><description>{GOOD * 3}</description></item>"
            "</channel></rss>")),
        '{"html": 7}': write("a.jsonl", '{"html": 7}\n'),
        "binary .jsonl (20 KB)": write("a.jsonl", bytes(range(256)) * 80),
        "name with newline and ANSI escape": write("a\nerror: forged\x1b[31m.txt", b"\x00\x01\x02"),
        "garbage WARC": write("a.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nabcdefghij\r\n\r\n"
                                        * 150),
        "Latin-1 HTML, charset in markup": write("a.html", _page('<meta charset="iso-8859-1">',
                                                                  GOOD + " Caf\xe9.").encode("latin-1")),
        "FIFO": fifo,
        "symbolic link loop": loop,
        "20,000-entry RSS file (26 MB, 200 distinct)": write("a_feed.xml", huge_feed()),
        "1.1M-char text, time budget 3 s": budget,
        "server trickling headers (1 B/s)": url("/trickle-headers"),
        "server trickling the body (1 B/s)": url("/trickle-body"),
        "feed of 100 teasers, 1 page/s, 20 s budget": teasers,
        "rebinding DNS (public, then 127.0.0.1)": url("/page.html", allow_private=False, prelude=_REBIND_PRELUDE,
                                                      host="rebind.test"),
    }


def checkout(rev: str, into: Path) -> Path:
    """``src/`` of git revision ``rev``, extracted under ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    archive = into / "src.tar"
    with archive.open("wb") as fh:
        subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"], stdout=fh, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


_MAIN = """
import atexit, os, resource, sys
def _peak():  # largest resident set of this process and of its largest worker, in MiB
    with open(os.environ["BENCH_RSS_FILE"], "w") as fh:
        fh.write(str(max(resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024))
if os.environ.get("BENCH_RSS_FILE"):
    atexit.register(_peak)
from storyline.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_cli(src: Path, args: list[str], timeout: float, case: Case | None = None,
            ) -> tuple[int | str, str, str, float, float, float]:
    """(exit status or 'timeout', stdout, stderr, CPU seconds, wall seconds, peak MiB) of one ``storyline`` process."""
    case = case or Case()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.NamedTemporaryFile(suffix=".rss") as rss:
        env = {**os.environ, "PYTHONPATH": str(src), "STORYLINE_PROGRESS": "0", "BENCH_RSS_FILE": rss.name,
               **dict(case.env)}
        started = time.monotonic()
        try:
            proc = subprocess.run([PYTHON, "-c", case.prelude + _MAIN, *args], env=env,
                                  capture_output=True, timeout=timeout, check=False)
            status: int | str = proc.returncode
            out, err = proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            status, out, err = "timeout", "", ""
        wall = time.monotonic() - started
        try:
            peak = float(Path(rss.name).read_text() or 0)
        except (OSError, ValueError):
            peak = 0.0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return status, out, err, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime), wall, peak


class _Server(BaseHTTPRequestHandler):
    """The network cases' server: a page, and two ways of trickling one byte a second."""

    page_hits: list[str] = []
    held: list[float] = []  # seconds each trickle held its client (TRICKLE_SECONDS: the client never gave up)

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        try:
            if self.path.startswith("/trickle"):
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                if self.path == "/trickle-body":
                    self.wfile.write(b"Content-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html><body><p>")
                started = time.monotonic()
                try:
                    for _ in range(TRICKLE_SECONDS):
                        self.wfile.write(b"x")
                        self.wfile.flush()
                        time.sleep(1.0)
                finally:
                    _Server.held.append(time.monotonic() - started)
                return
            if self.path == "/teasers.xml":  # a feed of 100 teasers: each entry only a title and a link
                base = f"http://{self.headers.get('Host', '')}"
                items = "".join(f"<item><title>Bridge {i}</title><link>{base}/page.html?{i}</link>"
                                f"<guid isPermaLink='false'>t{i}</guid></item>" for i in range(TEASERS))
                body = f"<rss version='2.0'><channel><title>Harbour Post</title>{items}</channel></rss>".encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
            elif self.path.split("?")[0] == "/page.html":
                _Server.page_hits.append(self.headers.get("Host", ""))
                number = self.path.partition("?")[2]
                body = _page("", f"Report {number}. {GOOD}" if number else GOOD).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
            else:
                body = b"not found"
                self.send_response(404)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def battery(src: Path, work: Path, timeout: float, only: str = "") -> dict[str, dict[str, object]]:
    results: dict[str, dict[str, object]] = {}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        for i, (name, make) in enumerate(cases(httpd.server_address[1]).items()):
            if only and only.lower() not in name.lower():
                continue
            folder = work / f"case{i}"
            folder.mkdir(parents=True)
            case = make(folder)
            (folder / "zz_good.txt").write_text(GOOD, encoding="utf-8")
            db = str(work / f"case{i}.db")
            _Server.page_hits.clear()
            _Server.held.clear()
            extra = case.args if case else ()
            status, _, err, cpu, wall, peak = run_cli(src, ["ingest", str(folder), *extra, "--db", db], timeout, case)
            export_status, out, _, _, _, _ = run_cli(src, ["export", "--db", db], timeout)
            try:
                sources = [a["source"] for a in json.loads(out)["articles"]]
            except ValueError:
                sources = []
            lines = err.splitlines()
            results[name] = {
                "status": status, "errors": sum(1 for line in lines if line.startswith("error: ")),
                "other_lines": sum(1 for line in lines if line.strip() and not line.startswith(("error: ", "rejected "))),
                "raw_escape": "\x1b" in err, "cpu": cpu, "wall": wall, "peak": peak,
                "held": max(_Server.held, default=0.0),
                "kinds": next((line for line in lines if line.startswith("rejected ")), ""),
                # the rebinding case is lost when the page behind the loopback answer was fetched
                "intact": export_status == 0 and any(s.endswith("zz_good.txt") for s in sources)
                          and not (name.startswith("rebinding") and _Server.page_hits),
            }
            print(f"  {name:<44} {_cell(results[name])}", flush=True)
    finally:
        httpd.shutdown()
        httpd.server_close()
    return results


def _cell(r: dict[str, object]) -> str:
    return (f"exit {r['status']!s:>7}  err {r['errors']:>3}  other {r['other_lines']:>3}  "
            f"{'ESC ' if r['raw_escape'] else ''}cpu {r['cpu']:6.1f}s  wall {r['wall']:6.1f}s  "
            f"{'held %3.0fs  ' % r['held'] if r['held'] else ''}"
            f"{r['peak']:5.0f} MiB  {'intact' if r['intact'] else 'LOST'}")


def show_battery(ours: dict[str, dict[str, object]], base: dict[str, dict[str, object]] | None) -> None:
    cell = _cell

    print(f"{'case':<44} {'ours':<78} {'baseline' if base else ''}")
    for name, r in ours.items():
        print(f"{name:<44} {cell(r):<78} {cell(base[name]) if base else ''}")
    for label, res in (("ours", ours), ("baseline", base)):
        if res:
            aborted = sum(1 for r in res.values() if r["status"] != 0 or not r["intact"])
            slow = sum(1 for r in res.values() if r["status"] == "timeout" or float(r["cpu"]) > 60  # type: ignore[arg-type]
                       or float(r["held"]) >= TRICKLE_SECONDS - 1)  # type: ignore[arg-type]
            peak = max(float(r["peak"]) for r in res.values())  # type: ignore[arg-type]
            print(f"{label}: aborted batches {aborted} of {len(res)}, stalls (over 60 s CPU, or held by a trickle) {slow}, "
                  f"peak memory {peak:.0f} MiB  (target 0, 0, under 1024)")
    print("\nours, rejects by kind:")
    for name, r in ours.items():
        if r["kinds"]:
            print(f"  {name:<44} {r['kinds']}")


_SCALING_CHILD = """
import json, sys, time
import storyline
from storyline.pipeline.analyze.nlp import load_nlp, pieces
work, good, sizes = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
text = sys.stdin.read()
out = {}
with storyline.open(f"{work}/warm.db") as sl:  # loads spaCy and everything else once: start-up is not counted
    sl.ingest([good])
nlp = load_nlp()
for n in sizes:
    path = f"{work}/a{n}.txt"
    open(path, "w", encoding="utf-8").write(text[:n])
    with storyline.open(f"{work}/s{n}.db") as sl:
        started = time.process_time()
        report = sl.ingest([path])
        ours = time.process_time() - started
    assert len(report.ingested) == 1 and not report.rejected, report.as_dict()
    started = time.process_time()
    for _ in nlp.pipe(pieces(text[:n])):
        pass
    out[n] = [ours, time.process_time() - started]
print(json.dumps(out))
"""


def scaling(src: Path, work: Path) -> None:
    """Per-character CPU cost of ingesting a 10 KB and a 1 MB article (after start-up), beside spaCy's nlp.pipe."""
    work.mkdir(parents=True, exist_ok=True)
    good = work / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    sizes = [10_000, 1_000_000]
    proc = subprocess.run([PYTHON, "-c", _SCALING_CHILD, str(work), str(good), json.dumps(sizes)],
                          input=polnear_text(max(sizes)).encode(), capture_output=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(src)})
    if proc.returncode:
        print(f"\nscaling failed: {proc.stderr.decode()[-300:]}")
        return
    found = {int(k): v for k, v in json.loads(proc.stdout).items()}
    print("\nscaling: one plain-text article through Storyline.ingest (CPU after start-up) beside spaCy nlp.pipe alone")
    for n in sizes:
        ours, base = found[n]
        print(f"  {n:>9,} chars: storyline ingest {ours:7.2f} s = {ours / n * 1e6:6.1f} µs/char   "
              f"spaCy nlp.pipe {base:7.2f} s = {base / n * 1e6:6.1f} µs/char")
    ratio = (found[sizes[1]][0] / sizes[1]) / (found[sizes[0]][0] / sizes[0])
    spacy_ratio = (found[sizes[1]][1] / sizes[1]) / (found[sizes[0]][1] / sizes[0])
    print(f"  1 MB per-char cost / 10 KB per-char cost: {ratio:.2f}x (spaCy alone {spacy_ratio:.2f}x; target <= 2x)")


def _tree_usage(root: int) -> tuple[float, float]:
    """(CPU seconds, resident MiB) of process ``root`` and all its descendants, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    page = os.sysconf("SC_PAGE_SIZE")
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                text = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            stats[int(entry)] = text[text.rindex(")") + 2:].split()
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, fields in stats.items():
            if pid not in tree and int(fields[1]) in tree:
                tree.add(pid)
                grew = True
    cpu = sum((int(stats[p][11]) + int(stats[p][12])) / tick for p in tree if p in stats)
    rss = sum(int(stats[p][21]) * page for p in tree if p in stats) / 2**20
    return cpu, rss


def feed_stream(src: Path, work: Path, entries: int, distinct: int, cpu_limit: float) -> str:
    """Ingest one big feed file, watching the store as it runs: is it stored as it is read, in bounded memory?

    Polls the store's article count and the CPU and resident memory of the
    ingest process tree twice a second; stops the run after ``cpu_limit`` CPU
    seconds (a figure in CPU time holds on a loaded machine).
    """
    import signal
    import sqlite3

    work.mkdir(parents=True, exist_ok=True)
    folder = work / "feed"
    folder.mkdir()
    data = huge_feed(entries, distinct)
    (folder / "a_feed.xml").write_bytes(data)
    db = work / "feed.db"
    env = {**os.environ, "PYTHONPATH": str(src), "STORYLINE_PROGRESS": "0"}
    proc = subprocess.Popen([PYTHON, "-m", "storyline.cli", "ingest", str(folder), "--db", str(db), "-q"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    first_cpu = None
    stored = cpu = peak = 0.0
    samples: list[tuple[float, int]] = []
    while proc.poll() is None:
        time.sleep(0.5)
        used, rss = _tree_usage(proc.pid)
        cpu, peak = max(cpu, used), max(peak, rss)
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as con:
                stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            pass
        if stored and first_cpu is None:
            first_cpu = cpu
        samples.append((cpu, int(stored)))
        if cpu > cpu_limit:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(60)
            break
    finished = proc.returncode == 0
    step = max(1, len(samples) // 6)
    curve = ", ".join(f"{c:.0f}s:{n}" for c, n in samples[::step])
    return (f"{len(data) / 1e6:.1f} MB, {entries:,} entries ({distinct:,} distinct): "
            f"{'finished' if finished else f'stopped at {cpu_limit:g} s CPU'}; first article stored after "
            f"{first_cpu if first_cpu is not None else float('nan'):.1f} s CPU; {int(stored):,} stored after {cpu:.0f} s CPU; "
            f"peak resident {peak:.0f} MiB (process tree)\n    stored by CPU second: {curve}")


def _open_store(src: str, path: str, go: float) -> str:
    sys.path.insert(0, src)
    from storyline.store import Store

    while time.time() < go:
        pass
    try:
        Store(path).close()
        return "ok"
    except Exception as exc:  # noqa: BLE001 - counted
        return f"{type(exc).__name__}: {exc}"


def races(src: Path, work: Path, pairs: int, ingest_pairs: int) -> tuple[int, int]:
    """Failures among ``pairs`` simultaneous opens of a new store, and among concurrent ingest pairs."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    open_failures: list[str] = []
    with ctx.Pool(2) as pool:
        for i in range(pairs):
            go = time.time() + 0.5
            path = str(work / f"race{i}.db")
            open_failures += [r for r in pool.starmap(_open_store, [(str(src), path, go)] * 2) if r != "ok"]
    ingest_failures = 0
    work.mkdir(parents=True, exist_ok=True)
    folder = work / "overlap"
    folder.mkdir()
    for j in range(4):
        (folder / f"o{j}.txt").write_text(f"Story {j}. {GOOD}", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(src), "STORYLINE_PROGRESS": "0"}
    for i in range(ingest_pairs):
        db = str(work / f"overlap{i}.db")
        procs = [subprocess.Popen([PYTHON, "-m", "storyline.cli", "ingest", str(folder), "--db", db, "-q"],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
        statuses = [p.wait(600) for p in procs]
        status, out, *_ = run_cli(src, ["export", "--db", db], 600)
        count = len(json.loads(out)["articles"]) if status == 0 else -1
        ingest_failures += any(statuses) or count != 4
    return len(open_failures), ingest_failures


_WRITER = """
import pathlib, sys, storyline
db, folder, rounds = sys.argv[1], pathlib.Path(sys.argv[2]), int(sys.argv[3])
failures = 0
with storyline.open(db) as sl:
    for i in range(rounds):
        try:
            sl.ingest([folder / f"w{i:03d}.txt", folder / "shared.txt"])  # the shared file: stored once, then unchanged
        except Exception as exc:  # noqa: BLE001 - counted
            failures += 1
            print(f"writer: {type(exc).__name__}: {exc}", file=sys.stderr)
pathlib.Path(db + ".done").write_text(str(failures))
"""
_READER = """
import pathlib, sys, time, storyline
db, rounds = sys.argv[1], int(sys.argv[2])
reads = failures = 0
while not pathlib.Path(db).exists():
    time.sleep(0.05)
with storyline.open(db) as sl:
    while reads < rounds or not pathlib.Path(db + ".done").exists():
        if pathlib.Path(db + ".done").exists() and reads >= rounds:
            break
        try:
            out = sl.export()
            ids = {a["id"] for a in out["articles"]}
            if any(m not in ids for s in out["stories"] for m in s["articles"]):
                raise AssertionError("a story lists an article the export does not hold")
        except Exception as exc:  # noqa: BLE001 - counted
            failures += 1
            print(f"reader: {type(exc).__name__}: {exc}", file=sys.stderr)
        reads += 1
print(reads, failures)
"""


def ingest_read_pairs(src: Path, work: Path, rounds: int) -> str:
    """One process ingesting ``rounds`` times into a store while another exports it over and over."""
    folder = work / "pairs"
    folder.mkdir(parents=True)
    texts = polnear_text(rounds * 1_500 + 3_000)
    for i in range(rounds):
        (folder / f"w{i:03d}.txt").write_text(texts[i * 1_500:(i + 1) * 1_500], encoding="utf-8")
    (folder / "shared.txt").write_text(GOOD, encoding="utf-8")
    db = str(work / "pairs.db")
    env = {**os.environ, "PYTHONPATH": str(src), "STORYLINE_PROGRESS": "0"}
    writer = subprocess.Popen([PYTHON, "-c", _WRITER, db, str(folder), str(rounds)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    reader = subprocess.Popen([PYTHON, "-c", _READER, db, str(rounds)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, werr = writer.communicate(3600)
    rout, rerr = reader.communicate(3600)
    done = Path(db + ".done")
    write_failures = int(done.read_text()) if done.exists() else -1
    reads, read_failures = (int(x) for x in rout.split()) if rout.strip() else (0, -1)
    first = (werr + rerr).decode("utf-8", "replace").strip().splitlines()[:1]
    return (f"{rounds} ingests beside {reads} exports of one store: failed ingests {write_failures}, "
            f"failed or inconsistent exports {read_failures}{'  (' + first[0][:120] + ')' if first else ''}")


def aeb_run(src: Path, work: Path) -> str:
    work.mkdir(parents=True, exist_ok=True)
    folders = [str(DATA / "extraction" / "aeb" / "html"), str(DATA / "scrapes" / "aeb" / "page")]
    status, out, err, cpu, _, peak = run_cli(src, ["ingest", *folders, "--db", str(work / "aeb.db"), "--json"], 3600)
    try:
        report = json.loads(out)
        return (f"exit {status}, ingested {report['ingested']}, unchanged {report['unchanged']}, "
                f"rejected {len(report['rejected'])}, {cpu:.0f} s CPU, peak {peak:.0f} MiB")
    except ValueError:
        return f"exit {status} (aborted: {err.strip().splitlines()[-1][:100] if err.strip() else 'no message'}), {cpu:.0f} s CPU"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", metavar="REV", help="git revision to run beside ours (e.g. main)")
    parser.add_argument("--aeb", action="store_true", help="also ingest all AEB pages and scrapes in one run")
    parser.add_argument("--pairs", type=int, default=50, help="simultaneous store opens (default 50)")
    parser.add_argument("--ingest-pairs", type=int, default=5, help="concurrent overlapping ingests (default 5)")
    parser.add_argument("--read-pairs", type=int, default=0, metavar="N",
                        help="N ingests into one store while another process exports it (default 0: not run)")
    parser.add_argument("--skip-scaling", action="store_true", help="no 10 KB / 1 MB scaling figure")
    parser.add_argument("--skip-battery", action="store_true", help="no battery of hostile inputs")
    parser.add_argument("--src", type=Path, default=ROOT / "src",
                        help="our src/ folder (default: this checkout's; a copy keeps a long run from edits)")
    parser.add_argument("--only", default="", metavar="TEXT", help="only the battery cases whose name holds TEXT")
    parser.add_argument("--feed", type=int, default=0, metavar="ENTRIES",
                        help="also stream a feed of ENTRIES distinct entries, stopped after --feed-cpu CPU seconds")
    parser.add_argument("--feed-cpu", type=float, default=120, help="CPU seconds the --feed run may take (default 120)")
    parser.add_argument("--timeout", type=float, default=300, help="wall-clock seconds per case before it counts as a stall")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours_src = args.src.resolve()
        base_src = checkout(args.baseline, work / "baseline") if args.baseline else None
        if not args.skip_battery:
            ours = battery(ours_src, work / "ours", args.timeout, args.only)
            base = battery(base_src, work / "base", args.timeout, args.only) if base_src else None
            show_battery(ours, base)
        if args.feed:
            print(f"\nfeed streamed ({args.feed:,} entries, every one a distinct article, ingested until done or "
                  f"{args.feed_cpu:g} s CPU)")
            for label, src in (("ours", ours_src), ("baseline", base_src)):
                if src is not None:
                    print(f"  {label:<8}: {feed_stream(src, work / f'feed-{label}', args.feed, args.feed, args.feed_cpu)}")
        if not args.skip_scaling:
            scaling(ours_src, work / "scaling")
        if args.pairs or args.ingest_pairs:
            print(f"\nraces ({args.pairs} simultaneous opens of a new store; {args.ingest_pairs} pairs of overlapping ingests)")
            for label, src in (("ours", ours_src), ("baseline", base_src)):
                if src is not None:
                    opens, ingests = races(src, work / f"races-{label}", args.pairs, args.ingest_pairs)
                    print(f"  {label:<8}: failed opens {opens}, failed ingest pairs {ingests}  (target 0 and 0)")
        if args.read_pairs:
            print(f"\ningest/read pairs on one store ({args.read_pairs} ingests, exports alongside until they end)")
            for label, src in (("ours", ours_src), ("baseline", base_src)):
                if src is not None:
                    print(f"  {label:<8}: {ingest_read_pairs(src, work / f'rw-{label}', args.read_pairs)}  (target 0 and 0)")
        if args.aeb:
            print("\nAEB: 181 pages + 181 page scrapes in one ingest")
            print(f"  ours    : {aeb_run(ours_src, work / 'aeb-ours')}")
            if base_src:
                print(f"  baseline: {aeb_run(base_src, work / 'aeb-base')}")


if __name__ == "__main__":
    main()

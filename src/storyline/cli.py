"""The ``storyline`` command: the contract in ARCHITECTURE.md, and a little more.

Output for people is readable text; ``--json`` and ``export`` print JSON for
programs. Every error is one line on stderr and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console

from storyline.errors import StorylineError
from storyline.pipeline import reasons
from storyline.settings import DEFAULT_DB, EXPORT_FORMATS

if TYPE_CHECKING:
    from storyline import api

EXIT_ERROR = 1
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help=f"SQLite store (default: $STORYLINE_DB or {DEFAULT_DB})")
    parser = argparse.ArgumentParser(prog="storyline", description="Raw news articles in, clean deduplicated stories out.")
    parser.add_argument("--version", action="version", version=f"storyline {__import__('storyline').__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", parents=[common], help="read files, folders and URLs into the store")
    p.add_argument("paths", nargs="+", metavar="PATH_OR_URL")
    p.add_argument("--allow-private", action="store_true", help="let URL fetches reach loopback/private addresses")
    p.add_argument("--workers", type=int, metavar="N",
                   help="processes that clean and analyse articles in parallel (default: one per core)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no per-file errors")

    p = sub.add_parser("watch", parents=[common], help="fetch feeds or pages again and again, ingesting what is new")
    p.add_argument("urls", nargs="+", metavar="FEED_OR_URL")
    p.add_argument("--every", default="15m", help="time between rounds: 30s, 15m, 2h (default 15m)")
    p.add_argument("--rounds", type=int, default=None, help="stop after N rounds (default: until interrupted)")
    p.add_argument("--allow-private", action="store_true", help="let fetches reach loopback/private addresses")
    p.add_argument("--quiet", "-q", action="store_true", help="no per-URL errors")

    p = sub.add_parser("stories", parents=[common], help="list the stories, newest first")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("show", parents=[common], help="one story's brief")
    p.add_argument("story_id", metavar="STORY_ID")
    p.add_argument("--format", choices=["md", "html", "json"], default="md")
    p.add_argument("--since", metavar="DATE", help="also list what is new since DATE (YYYY-MM-DD)")

    p = sub.add_parser("export", parents=[common], help="every article and story, per the JSON contract")
    p.add_argument("--format", choices=list(EXPORT_FORMATS), default="json")
    p.add_argument("--story", metavar="ID", help="only this story and its articles")

    p = sub.add_parser("recluster", parents=[common], help="re-cluster every stored article, whatever order it came in")
    p.add_argument("--json", action="store_true", help="print the assignment as JSON")

    p = sub.add_parser("reanalyze", parents=[common],
                       help="re-run the analysis an upgraded storyline does differently, on stored articles")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--quiet", "-q", action="store_true", help="no per-article errors")

    p = sub.add_parser("serve", parents=[common], help="browse and search the stories in a web browser (needs storyline[web])")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--public", action="store_true",
                   help="a read-only public server: anyone who can reach it reads, nobody writes")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="a Host name clients use to reach the server (repeatable; .example.org: any subdomain; "
                        "'*': any). Other names are refused, against DNS rebinding")

    p = sub.add_parser("batch", help="run the pipeline over a corpus as a batch job, into Parquet tables")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files or folders (.txt .html .json .jsonl .xml .warc, .gz, and .parquet)")
    p.add_argument("--out", required=True, metavar="DIR",
                   help="output directory (shared storage on a cluster); a re-run skips finished shards")
    p.add_argument("--engine", choices=["local", "ray"], default="local", help="where to run (ray: storyline[ray])")
    p.add_argument("--address", metavar="ADDR",
                   help="Ray cluster to join (auto, HOST:6379 or ray://HOST:10001); default: start a local one")
    p.add_argument("--workers", type=int, metavar="N", help="worker processes, local or Ray (default: one per core)")
    p.add_argument("--shard-size", type=int, metavar="N", help="articles per shard (default 200)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--quiet", "-q", action="store_true", help="no per-shard progress lines")

    p = sub.add_parser("load", parents=[common], help="import a batch output directory into the store")
    p.add_argument("out", metavar="DIR")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")

    p = sub.add_parser("search", parents=[common], help="full-text search over titles and bodies")
    p.add_argument("query", nargs="+", metavar="QUERY")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _cmd_ingest(sl: api.Storyline, args: argparse.Namespace, out: Console, err: Console) -> int:
    report = sl.ingest(args.paths, progress=not args.quiet, on_reject=_reject_printer(args, err))
    _print_reject_summary(args, err, report.rejected)
    if args.json:
        print(json.dumps(_with_kinds(report.as_dict(), report.rejected), ensure_ascii=False))
    else:
        out.print(
            f"ingested {len(report.ingested)}, unchanged {report.unchanged}, "
            f"rejected {len(report.rejected)}; {len(report.stories)} stories touched, "
            f"{len(sl.stories())} in the store",
            highlight=False,
        )
    return 0


def printable(text: str) -> str:
    """``text`` safe for one terminal line: control, format and separator characters escaped.

    A file name holding a newline, an ANSI escape or a right-to-left override
    can neither start a forged ``error:`` line nor repaint the terminal.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _reject_printer(args: argparse.Namespace, err: Console) -> Any:
    def on_reject(item: Any) -> None:
        if not args.quiet:
            line = f"error: {printable(item.source)}: {printable(item.reason)}"
            err.print(line, markup=False, highlight=False, soft_wrap=True)

    return on_reject


def _print_reject_summary(args: argparse.Namespace, err: Console, rejected: Sequence[Any]) -> None:
    """The rejects counted by kind, one line on stderr after their own lines (``--quiet``: none)."""
    if rejected and not getattr(args, "quiet", False):
        err.print(reasons.summary(rejected), markup=False, highlight=False, soft_wrap=True)


def _with_kinds(data: dict[str, Any], rejected: Sequence[Any]) -> dict[str, Any]:
    """A report's JSON with each reject's kind and the count per kind (``rejected_by_kind``)."""
    for entry, item in zip(data.get("rejected", []), rejected):
        entry["kind"] = reasons.kind_of(item.reason)
    data["rejected_by_kind"] = reasons.count_by_kind(rejected)
    return data


def _cmd_watch(sl: api.Storyline, args: argparse.Namespace, out: Console, err: Console) -> int:
    from storyline.pipeline.ingest.fetch import is_url, parse_every

    every = parse_every(args.every)
    bad = [u for u in args.urls if not is_url(u)]
    if bad:
        raise ValueError(f"not an http(s) URL: {bad[0]}")
    done = 0
    while args.rounds is None or done < args.rounds:
        started = time.monotonic()
        report = sl.ingest(args.urls, on_reject=_reject_printer(args, err))  # a 304 costs one request, adds nothing
        _print_reject_summary(args, err, report.rejected)
        out.print(
            f"{time.strftime('%H:%M:%S')} ingested {len(report.ingested)}, unchanged {report.unchanged}, "
            f"rejected {len(report.rejected)}",
            highlight=False,
        )
        done += 1
        if args.rounds is None or done < args.rounds:
            time.sleep(max(0.0, every - (time.monotonic() - started)))
    return 0


def _cmd_stories(sl: api.Storyline, args: argparse.Namespace, out: Console, err: Console) -> int:
    stories = sl.stories()
    if args.json:
        print(json.dumps([
            {"id": s.id, "title": s.title, "articles": s.articles,
             "first_published": s.first_published, "last_published": s.last_published}
            for s in stories
        ], ensure_ascii=False, indent=2))
        return 0
    if not stories:
        out.print("no stories yet: storyline ingest PATH...")
    for s in stories:
        dates = " – ".join(dict.fromkeys(d[:10] for d in (s.first_published, s.last_published) if d)) or "undated"
        print(f"{s.id}  {len(s.articles):>3} articles  {dates:<23}  {s.title}")
    return 0


def _cmd_show(sl: api.Storyline, args: argparse.Namespace, out: Console, err: Console) -> int:
    sys.stdout.write(sl.render(args.story_id, args.format, since=args.since))
    return 0


def _cmd_export(sl: api.Storyline, args: argparse.Namespace, out: Console, err: Console) -> int:
    sys.stdout.write(sl.export_text(args.format, args.story))
    return 0


def _cmd_search(sl: api.Storyline, args: argparse.Namespace, out: Console, err: Console) -> int:
    hits = sl.search(" ".join(args.query), args.limit)
    if args.json:
        print(json.dumps(hits, ensure_ascii=False, indent=2))
        return 0
    if not hits:
        out.print("no matches")
    for hit in hits:
        out.print(f"{hit['id']}  {hit['story'] or '-':<17} {hit['title'] or '(untitled)'}", markup=False, highlight=False)
        out.print(f"    {hit['snippet']}", markup=False, highlight=False)
    return 0


def _cmd_batch(args: argparse.Namespace, out: Console, err: Console) -> int:
    def on_shard(result: Any) -> None:
        if not args.quiet:
            err.print(f"shard {result.key}: {result.articles} articles, {len(result.rejects)} rejected",
                      markup=False, highlight=False)

    from storyline import api

    report = api.batch(args.inputs, args.out, engine=args.engine, address=args.address, workers=args.workers,
                       shard_size=args.shard_size, on_shard=on_shard)
    on_reject = _reject_printer(args, err)
    for item in report.rejected:
        on_reject(item)
    _print_reject_summary(args, err, report.rejected)
    if args.json:
        print(json.dumps(_with_kinds(report.as_dict(), report.rejected), ensure_ascii=False))
    else:
        out.print(
            f"{report.articles} articles in {report.shards} shards ({report.skipped_shards} already done), "
            f"rejected {len(report.rejected)}; {report.near_duplicate_groups} near-duplicate groups, "
            f"{report.stories} stories; tables in {args.out}",
            highlight=False,
        )
    return 0


def _cmd_load(sl: api.Storyline, args: argparse.Namespace, out: Console, err: Console) -> int:
    report = sl.load(args.out)
    if args.json:
        print(json.dumps(report.as_dict()))
    else:
        out.print(f"loaded {report.loaded}, unchanged {report.unchanged}; {report.stories} stories in the batch, "
                  f"{len(sl.stories())} in the store", highlight=False)
    return 0


def _cmd_recluster(sl: api.Storyline, args: argparse.Namespace, out: Console, err: Console) -> int:
    assignment = sl.recluster()
    if args.json:
        print(json.dumps(assignment, indent=2, sort_keys=True))
    else:
        out.print(f"{len(assignment)} articles in {len(set(assignment.values()))} stories", highlight=False)
    return 0


def _cmd_reanalyze(sl: api.Storyline, args: argparse.Namespace, out: Console, err: Console) -> int:
    report = sl.reanalyze(on_reject=_reject_printer(args, err))
    _print_reject_summary(args, err, report.rejected)
    if args.json:
        print(json.dumps(_with_kinds(report.as_dict(), report.rejected), ensure_ascii=False))
    else:
        note = (f"; {report.cleaned_by_older_stage} were cleaned by an older version: ingest their sources "
                "again into a new store to re-clean them") if report.cleaned_by_older_stage else ""
        out.print(f"re-analysed {report.reanalyzed}, rejected {len(report.rejected)}{note}", highlight=False)
    return 0


def _cmd_serve(sl: api.Storyline, args: argparse.Namespace, out: Console, err: Console) -> int:
    from storyline import serve  # an optional extra: serve.run names it when missing

    out.print(f"serving {sl.settings.db} at http://{args.host}:{args.port}/ (Ctrl-C stops)", highlight=False)
    serve.run(sl.settings, args.host, args.port, public=args.public, allow_hosts=args.allow_host)
    return 0


COMMANDS = {
    "ingest": _cmd_ingest, "stories": _cmd_stories, "show": _cmd_show,
    "export": _cmd_export, "search": _cmd_search, "watch": _cmd_watch,
    "serve": _cmd_serve,
    "recluster": _cmd_recluster,
    "reanalyze": _cmd_reanalyze,
    "load": _cmd_load,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out, err = Console(), Console(stderr=True)
    if args.command in ("ingest", "watch"):
        from storyline.run import preload

        preload.start()  # on a second core while the pipeline's imports below take this one
    from storyline import api  # here, not at the top: `storyline --help` and bad arguments need none of it

    try:
        if args.command == "batch":  # writes Parquet, not the store: no --db
            return _cmd_batch(args, out, err)
        overrides: dict[str, Any] = {}
        if getattr(args, "allow_private", False):
            overrides["fetch_allow_private"] = True
        if args.command == "ingest" and args.workers is not None:
            if args.workers < 1:
                raise ValueError("--workers must be at least 1")
            overrides["workers"] = args.workers
        if args.command == "watch" and args.db:  # keep ETag/Last-Modified across restarts
            overrides["fetch_state_path"] = f"{args.db}.fetch.json"
        with api.open(args.db, **overrides) as sl:
            return COMMANDS[args.command](sl, args, out, err)
    except (StorylineError, ValueError, OSError, sqlite3.Error) as exc:  # NotFoundError among them
        print(f"storyline: {printable(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("storyline: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

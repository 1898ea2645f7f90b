"""The web server: an HTTP API and pages over the store (the ``web`` extra).

    from storyline.serve import create_app, run
    app = create_app("news.db")          # a FastAPI app, e.g. for uvicorn or a test client
    run("news.db", "127.0.0.1", 8000)    # serve it (what `storyline serve` calls)

FastAPI, uvicorn, Jinja2 and python-multipart are optional; without them both
functions raise ``MissingExtraError`` naming the extra to install.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from typing import TYPE_CHECKING, Any

from storyline.errors import MissingExtraError
from storyline.settings import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI

# package to check → name to import it by
_NEEDS = {"fastapi": "fastapi", "uvicorn": "uvicorn", "jinja2": "jinja2", "python-multipart": "multipart"}


def require_web_extra() -> None:
    """Raise ``MissingExtraError`` unless every package of the ``web`` extra is importable."""
    for package, module in _NEEDS.items():
        if importlib.util.find_spec(module) is None:
            raise MissingExtraError("storyline serve", "web", package)


def _settings(db_or_settings: Settings | str | os.PathLike[str] | None) -> Settings:
    if isinstance(db_or_settings, Settings):
        return db_or_settings
    return Settings.load({"db": None if db_or_settings is None else str(db_or_settings)})


def create_app(db_or_settings: Settings | str | os.PathLike[str] | None = None, **options: Any) -> FastAPI:
    """The FastAPI app over the store at ``db_or_settings`` (a path or ``Settings``).

    Keyword options: ``token`` (the write token, which also reads; default
    ``$STORYLINE_TOKEN``, none means writes are refused), ``read_token`` (reads
    only; default ``$STORYLINE_READ_TOKEN``), ``public`` (a read-only public
    server: reads open to all, no writes), ``public_reads`` (reads open to all,
    writes still need the token), ``allowed_hosts`` (the ``Host`` names to
    answer, e.g. ``["localhost", "news.example.org", ".example.org"]``; None
    answers any, ``run`` always sets it), ``max_upload_bytes``, ``isolated_ingest``
    (run uploads through the pipeline in a worker process, so ingesting does not
    slow the readers; default false, ``run`` turns it on). Off loopback, a client
    reads with the read or write token as a bearer token or the cookie ``/login`` sets.
    """
    require_web_extra()
    from storyline.serve.app import build_app

    return build_app(_settings(db_or_settings), **options)


def default_hosts(host: str, extra: list[str] | None = None) -> list[str]:
    """The ``Host`` names a server bound to ``host`` answers to: loopback names, ``host`` itself,
    this machine's name and addresses when bound to every interface, and ``extra``."""
    import socket

    from storyline.serve.security import LOOPBACK_NAMES

    names = set(LOOPBACK_NAMES) | {h.lower() for h in (extra or [])}
    if host in {"0.0.0.0", "::", ""}:
        try:
            name, aliases, addresses = socket.gethostbyname_ex(socket.gethostname())
            names |= {name.lower(), *(a.lower() for a in aliases), *addresses}
        except OSError:
            pass
    else:
        names.add(host.strip("[]").lower())
    return sorted(names)


def run(db_or_settings: Settings | str | os.PathLike[str] | None = None, host: str = "127.0.0.1", port: int = 8000,
        *, public: bool = False, allow_hosts: list[str] | None = None) -> None:
    """Serve the app with uvicorn until interrupted (``public``: read-only and open to all)."""
    require_web_extra()
    import uvicorn

    from storyline.serve.security import is_loopback

    hosts = default_hosts(host, allow_hosts)
    app = create_app(db_or_settings, isolated_ingest=True, public=public, allowed_hosts=hosts)
    if public:
        print("storyline serve: public and read-only: anyone who can reach it reads, nobody writes", file=sys.stderr)
    elif not app.state.token:
        print("storyline serve: no STORYLINE_TOKEN set, so uploads and other writes are refused", file=sys.stderr)
    if not public and not is_loopback(host) and host != "localhost":
        print(f"storyline serve: listening on {host}; other machines need STORYLINE_READ_TOKEN or STORYLINE_TOKEN "
              "(browsers log in at /login)", file=sys.stderr)
    print(f"storyline serve: answering to Host names {', '.join(hosts)} (add more with --allow-host)", file=sys.stderr)
    # timeout_graceful_shutdown: SIGTERM never waits on a slow client for long
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=False, timeout_graceful_shutdown=5)

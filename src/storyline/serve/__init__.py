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

    Keyword options: ``token`` (bearer token for writes; default ``$STORYLINE_TOKEN``,
    none means writes are refused), ``public_reads`` (serve reads to non-loopback
    clients without a token; default false), ``max_upload_bytes``, ``isolated_ingest``
    (run uploads through the pipeline in a worker process, so ingesting does not
    slow the readers; default false, ``run`` turns it on).
    """
    require_web_extra()
    from storyline.serve.app import build_app

    return build_app(_settings(db_or_settings), **options)


def run(db_or_settings: Settings | str | os.PathLike[str] | None = None, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the app with uvicorn until interrupted."""
    require_web_extra()
    import uvicorn

    from storyline.serve.security import is_loopback

    app = create_app(db_or_settings, isolated_ingest=True)
    if not app.state.token:
        print("storyline serve: no STORYLINE_TOKEN set, so uploads and other writes are refused", file=sys.stderr)
    if not is_loopback(host) and host != "localhost":
        print(f"storyline serve: listening on {host}; clients other than this machine need the bearer token",
              file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=False)

"""The app factory: routes, templates, static files, the guard and error pages."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException  # the base class: unknown paths raise it too
from starlette.middleware.gzip import GZipMiddleware

from storyline.errors import NotFoundError
from storyline.serve import api_routes, pages
from storyline.serve.data import Library, WorkerDied
from storyline.serve.disconnect import WatchDisconnect
from storyline.serve.schemas import add_contract_schemas
from storyline.serve.search import ClientGone, SearchTimeout
from storyline.serve.security import Guard, wants_json
from storyline.settings import Settings

DEFAULT_MAX_UPLOAD = 20_000_000  # bytes per request

log = logging.getLogger("storyline.serve")


def build_app(settings: Settings, *, token: str | None = None, read_token: str | None = None,
              public: bool = False, public_reads: bool = False, allowed_hosts: Iterable[str] | None = None,
              max_upload_bytes: int = DEFAULT_MAX_UPLOAD, isolated_ingest: bool = False) -> FastAPI:
    """The FastAPI app over ``settings.db``; see ``storyline.serve.create_app``."""
    library = Library(settings, isolated_ingest=isolated_ingest and not public)
    token = token if token is not None else os.environ.get("STORYLINE_TOKEN") or None
    read_token = read_token if read_token is not None else os.environ.get("STORYLINE_READ_TOKEN") or None
    if public:
        token = None  # a public server takes no writes, whatever the environment says

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # At start, before the server answers anyone, not on a first visitor's request: the
        # templates, and the brief code a story page needs (the pipeline loads it lazily, so that
        # ingesting loads it only to build briefs; it once took a first story page from a tenth
        # of a second to ten on a busy machine).
        pages.compile_templates()
        preload_readers()
        yield
        library.close()

    # The interactive docs pages load scripts from a CDN; the spec itself is enough.
    app = FastAPI(title="storyline", summary="Stories from news articles: briefs, quotes, entities, search.",
                  version=_version(), docs_url=None, redoc_url=None, openapi_url="/openapi.json", lifespan=lifespan)
    app.state.library = library
    app.state.token = token
    app.state.read_token = read_token
    app.state.public = public
    app.state.max_upload_bytes = max_upload_bytes
    app.include_router(api_routes.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    # multipart framing adds a little to the files themselves
    hosts = None if allowed_hosts is None else frozenset(h.strip().lower() for h in allowed_hosts)
    app.add_middleware(Guard, token=token, read_token=read_token, public=public, public_reads=public_reads,
                       allowed_hosts=hosts, max_body=max_upload_bytes + 64_000)
    app.add_middleware(WatchDisconnect)  # outermost: a GET whose client hangs up stops its SQL

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = add_contract_schemas(FastAPI.openapi(app))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return _error(request, 404, str(exc))

    @app.exception_handler(WorkerDied)
    async def worker_died(request: Request, exc: WorkerDied) -> Response:
        log.error("%s %s: %s", request.method, request.url.path, exc)
        return _error(request, 503, str(exc))

    @app.exception_handler(SearchTimeout)
    async def too_slow(request: Request, exc: SearchTimeout) -> Response:
        return _error(request, 503, str(exc), {"Retry-After": "1"})

    @app.exception_handler(ClientGone)
    async def client_gone(request: Request, exc: ClientGone) -> Response:
        return Response(status_code=499)  # nginx's "client closed request": no one reads it

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, exc.detail, exc.headers)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        # Log the traceback for the operator; the client gets one line, never the trace.
        log.exception("%s %s failed", request.method, request.url.path)
        return _error(request, 500, f"internal error ({type(exc).__name__}); see the server log")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": jsonable(exc.errors())}, status_code=422)
        return _error(request, 422, "invalid request parameters")

    return app


def preload_readers() -> None:
    """Import what building a brief and rendering its downloads need (``storyline.pipeline.brief``, its
    stop words, ``storyline.render.markdown``) and build the decoder of stored briefs, so that no
    request pays for them."""
    import storyline.pipeline.brief  # noqa: F401
    import storyline.render.markdown  # noqa: F401
    from storyline.pipeline.brief.claims import stop_words
    from storyline.store import codec

    stop_words()  # read from scikit-learn's stop-word file on first use
    from storyline.models import Brief

    codec.prepare(Brief)


def jsonable(errors: object) -> object:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(errors, custom_encoder={Exception: str, bytes: lambda b: b.decode("utf-8", "replace")})


def _wants_json(request: Request) -> bool:
    return wants_json(request.url.path)


def _error(request: Request, status: int, detail: object, headers: dict[str, str] | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)
    return pages.templates.TemplateResponse(
        request, "error.html", {"status": status, "detail": detail}, status_code=status, headers=headers
    )


def _version() -> str:
    import storyline

    return getattr(storyline, "__version__", "0")

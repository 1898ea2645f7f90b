"""Work for a reader who has gone is stopped: a GET whose client hangs up ends its SQL at once.

A search runs in a worker thread under a time budget (``search.budget``). Without
this, a client that gives up on a heavy search still holds that thread until the
budget runs out. ``WatchDisconnect`` (pure ASGI, GET and HEAD only, which send no
body the app would read) listens for the client's ``http.disconnect`` while the
app works and sets the request's ``gone`` event; ``budget``'s progress handler
reads it through a context variable (Starlette runs sync routes in threads that
copy the request's context) and interrupts the statement.
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the search code imports this module; the web extra is needed only to serve
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

_gone: contextvars.ContextVar[threading.Event | None] = contextvars.ContextVar("storyline_client_gone", default=None)


def client_gone() -> threading.Event | None:
    """The current request's "the client hung up" event (None outside a watched request)."""
    return _gone.get()


class WatchDisconnect:
    """ASGI middleware: set the request's ``gone`` event when a GET's client disconnects."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        gone = threading.Event()  # read by worker threads
        token = _gone.set(gone)
        inbox: asyncio.Queue[Message] = asyncio.Queue()  # what the client sent, for the app's own receive()

        async def watch() -> None:
            while True:
                message = await receive()
                inbox.put_nowait(message)
                if message["type"] == "http.disconnect":
                    gone.set()
                    return

        async def app_receive() -> Message:
            # as the server's own receive: the (empty) body, then wait until the client goes, and
            # from then on always the hang-up
            if gone.is_set() and inbox.empty():
                return {"type": "http.disconnect"}
            return await inbox.get()

        watcher = asyncio.ensure_future(watch())
        try:
            await self.app(scope, app_receive, send)
        finally:
            watcher.cancel()
            _gone.reset(token)

"""The guard in front of every request: who may read, who may write, how much.

One pure ASGI middleware so that refusals happen *before* a body is read or
parsed: a write without the right bearer token never gets its upload parsed,
and a body over the cap is cut off while it streams in.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

# Everything the pages need is served by this app; nothing inline may run.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


def bearer_ok(authorization: str | None, token: str | None) -> bool:
    """True when ``authorization`` is ``Bearer <token>`` and a token is configured."""
    if not token or not authorization:
        return False
    scheme, _, given = authorization.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


def is_loopback(host: str | None) -> bool:
    """True for 127.0.0.0/8, ::1 and the like; false for anything unparseable."""
    if not host:
        return False
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def write_refusal(authorization: str | None, token: str | None) -> tuple[int, str] | None:
    """(status, reason) when a write with this Authorization header must be refused, else None.

    No credentials (or wrong ones) is a 401; credentials sent to a server that has
    no token configured is a 403, since no token could ever succeed.
    """
    if not authorization:
        return 401, "this write needs 'Authorization: Bearer <STORYLINE_TOKEN>'"
    if not token:
        return 403, "writes are disabled: start the server with STORYLINE_TOKEN set"
    if not bearer_ok(authorization, token):
        return 401, "wrong bearer token"
    return None


def url_refusal(url: str) -> str | None:
    """Why ``url`` may not be fetched, judged from its text alone (the fetcher re-checks after DNS)."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return "only http and https URLs with a host can be fetched"
    host = parts.hostname.rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return "refusing a local address"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    if not address.is_global:
        return "refusing a private, loopback or reserved address"
    return None


class Guard:
    """Security headers on every response; auth and size caps on requests."""

    def __init__(self, app: Any, *, token: str | None, public_reads: bool, max_body: int,
                 write_prefixes: tuple[str, ...] = ("/api/ingest",)) -> None:
        self.app = app
        # Paths whose non-GET methods write; other unknown methods fall through to a 405.
        self.write_prefixes = write_prefixes
        self.token = token
        self.public_reads = public_reads
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        authorization = headers.get("authorization")
        client = (scope.get("client") or (None, None))[0]
        refusal = self._refusal(scope["method"], scope["path"], authorization, client, headers)
        if refusal is not None:
            await _send_json(send, *refusal)
            return

        started = False
        too_large = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if too_large:  # the app answered a body we cut off: answer 413 instead
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await _send_json(send, 413, f"request body over the cap of {self.max_body} bytes")
                return
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in names
                ]
            await send(message)

        received = 0

        async def capped_receive() -> Message:
            nonlocal received, too_large
            if too_large:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    # Tell the app the client went away; whatever it answers becomes a 413.
                    too_large = True
                    return {"type": "http.disconnect"}
            return message

        try:
            await self.app(scope, capped_receive, send_with_headers)
        except Exception:
            if not too_large:
                raise
        if too_large and not started:
            await _send_json(send, 413, f"request body over the cap of {self.max_body} bytes")

    def _refusal(self, method: str, path: str, authorization: str | None, client: str | None,
                 headers: dict[str, str]) -> tuple[int, str] | None:
        if method not in SAFE_METHODS and path.startswith(self.write_prefixes):
            return write_refusal(authorization, self.token) or self._too_long(headers)
        if method in SAFE_METHODS and not self.public_reads and not is_loopback(client) \
                and not bearer_ok(authorization, self.token):
            return 403, "reads are open to loopback clients only; send the bearer token"
        return None

    def _too_long(self, headers: dict[str, str]) -> tuple[int, str] | None:
        length = headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            return 413, f"request body over the cap of {self.max_body} bytes"
        return None


async def _send_json(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers + SECURITY_HEADERS})
    await send({"type": "http.response.body", "body": body})

"""The guard in front of every request: who may read, who may write, how much.

One pure ASGI middleware so that refusals happen *before* a body is read or
parsed: a write without the right bearer token never gets its upload parsed,
and a body over the cap is cut off while it streams in.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
from collections.abc import Awaitable, Callable, MutableMapping
from html import escape
from typing import Any
from urllib.parse import quote, urlsplit

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


COOKIE = "storyline_auth"
COOKIE_MAX_AGE = 30 * 24 * 3600
OPEN_PATHS = ("/static/", "/login", "/logout", "/healthz")  # served to anyone, so the login page can render
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def cookie_value(token: str) -> str:
    """The login cookie for ``token``: derived from it (never the token itself), so rotating the token logs everyone out."""
    return hmac.new(token.encode(), b"storyline read cookie v1", hashlib.sha256).hexdigest()


def cookie_ok(cookie_header: str | None, tokens: list[str]) -> bool:
    """True when the ``Cookie`` header carries a login cookie for one of ``tokens``."""
    if not cookie_header:
        return False
    given = next((v for k, _, v in (p.strip().partition("=") for p in cookie_header.split(";")) if k == COOKIE), None)
    return bool(given) and any(hmac.compare_digest(given.encode(), cookie_value(t).encode()) for t in tokens if t)


def host_name(host_header: str | None) -> str:
    """The name in a ``Host`` header, without port or IPv6 brackets, lower case."""
    host = (host_header or "").strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def host_allowed(host_header: str | None, allowed: frozenset[str] | None) -> bool:
    """True when ``allowed`` is None (no check), has ``*``, or names the host (``.example.org``: any subdomain)."""
    if allowed is None or "*" in allowed:
        return True
    name = host_name(host_header)
    return name in allowed or any(a.startswith(".") and (name.endswith(a) or name == a[1:]) for a in allowed)


class Guard:
    """Security headers on every response; the Host allow-list, auth and size caps on requests.

    Reads are open to loopback clients and, with ``public``, to everyone; any
    other client needs the read token (or the write token) as a bearer token or
    the login cookie. Writes need the write token, and a ``public`` server takes none.
    """

    def __init__(self, app: Any, *, token: str | None, public_reads: bool, max_body: int,
                 read_token: str | None = None, public: bool = False, allowed_hosts: frozenset[str] | None = None,
                 write_prefixes: tuple[str, ...] = ("/api/ingest",)) -> None:
        self.app = app
        # Paths whose non-GET methods write; other unknown methods fall through to a 405.
        self.write_prefixes = write_prefixes
        self.token = token
        self.read_token = read_token
        self.public = public
        self.public_reads = public_reads or public
        self.allowed_hosts = allowed_hosts
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
            await _send_refusal(send, scope, *refusal)
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

    def reader_ok(self, authorization: str | None, client: str | None, headers: dict[str, str]) -> bool:
        """May this request read? (loopback, public, a read or write bearer token, or the login cookie)"""
        tokens = [t for t in (self.read_token, self.token) if t]
        return (self.public_reads or is_loopback(client) or any(bearer_ok(authorization, t) for t in tokens)
                or cookie_ok(headers.get("cookie"), tokens))

    def _refusal(self, method: str, path: str, authorization: str | None, client: str | None,
                 headers: dict[str, str]) -> tuple[int, str] | None:
        # DNS rebinding: a hostile page whose name now points here must not read the store.
        if not host_allowed(headers.get("host"), self.allowed_hosts):
            return 400, "this server does not answer to that Host name (see --allow-host)"
        if method not in SAFE_METHODS and path.startswith(self.write_prefixes):
            if self.public:
                return 403, "this is a read-only public server: writes are disabled"
            return write_refusal(authorization, self.token) or self._too_long(headers)
        if method in SAFE_METHODS and not path.startswith(OPEN_PATHS) and not self.reader_ok(authorization, client, headers):
            return 401, "reading needs a read token: log in at /login, or send 'Authorization: Bearer <token>'"
        return None

    def _too_long(self, headers: dict[str, str]) -> tuple[int, str] | None:
        length = headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            return 413, f"request body over the cap of {self.max_body} bytes"
        return None


def wants_json(path: str) -> bool:
    """API paths answer errors as JSON; every other path (pages) as HTML."""
    return path.startswith("/api/") or path == "/api" or path == "/openapi.json"


async def _send_refusal(send: Send, scope: Scope, status: int, detail: str) -> None:
    path = scope["path"]
    if wants_json(path):
        await _send_json(send, status, detail)
        return
    if status == 401 and scope["method"] == "GET":  # a browser: to the login page, and back afterwards
        query = scope.get("query_string", b"").decode("latin-1")
        target = quote(path + ("?" + query if query else ""), safe="")
        headers = [(b"location", f"/login?next={target}".encode()), (b"content-length", b"0")]
        await send({"type": "http.response.start", "status": 303, "headers": headers + SECURITY_HEADERS})
        await send({"type": "http.response.body", "body": b""})
        return
    body = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{status} · storyline</title>'
            f'<link rel="stylesheet" href="/static/style.css"></head><body><main id="main"><h1>{status}</h1>'
            f'<p>{escape(detail)}</p><p><a href="/login">Log in</a> · <a href="/">Stories</a></p></main></body></html>').encode()
    headers = [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers + SECURITY_HEADERS})
    await send({"type": "http.response.body", "body": body})


async def _send_json(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers + SECURITY_HEADERS})
    await send({"type": "http.response.body", "body": body})

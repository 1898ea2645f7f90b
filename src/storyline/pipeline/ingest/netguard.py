"""Connections only to the public addresses the guard checked, each response under a total deadline.

A host name is resolved once per connection; every address of the answer is
checked (loopback, private, link-local, multicast and the IPv6 forms that
carry such an IPv4 address are refused), and the socket is opened to exactly
those addresses. So a DNS answer that changes between the check and the
connect (rebinding: public first, 127.0.0.1 next) cannot reach an address
that was never checked. Only the TCP connect changes: httpcore still sends
the URL's host in the Host header and as the TLS server name (SNI), and
checks the certificate against it.

Every read also stops at the response's deadline, so a server trickling its
headers (or body) a byte at a time, each inside the read timeout, cannot hold
a fetch past it.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable
from typing import Any

import httpcore
import httpx

from storyline.errors import InputError

Resolver = Callable[[str, int], list[str]]
DEADLINE_PASSED = "response deadline passed"  # the message of the timeout the deadline raises

# IPv6 forms that carry an IPv4 address a gateway or the host's own stack may route to:
# IPv4-compatible (::a.b.c.d, deprecated), NAT64 (64:ff9b::/96, 64:ff9b:1::/48), 6to4, Teredo.
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (for TCP), in the resolver's order, without duplicates."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def embedded_ipv4(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address stands for, so the guard checks those too."""
    if address.version != 6:
        return []
    assert isinstance(address, ipaddress.IPv6Address)
    found = [a for a in (address.ipv4_mapped, address.sixtofour, address.teredo and address.teredo[1]) if a]
    if address in _IPV4_COMPATIBLE or any(address in net for net in _NAT64):
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


def is_public(text: str) -> bool:
    """True for a global unicast address none of whose embedded IPv4 forms is private."""
    try:
        address = ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return False
    return all(a.is_global and not a.is_multicast for a in (address, *embedded_ipv4(address)))


def checked_addresses(host: str, port: int, url: str, resolver: Resolver = resolve,
                      allow_private: bool = False) -> list[str]:
    """``host`` resolved once; raises ``InputError`` naming ``url`` unless every address may be reached."""
    try:
        addresses = resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise InputError(url, f"cannot resolve host {host!r}") from exc
    if not addresses:
        raise InputError(url, f"cannot resolve host {host!r}")
    if not allow_private:
        for address in addresses:
            if not is_public(address):
                raise InputError(url, f"host resolves to a non-public address ({address}); "
                                      "use --allow-private to permit it")
    return addresses


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose reads end at the deadline of the response being read."""

    def __init__(self, stream: httpcore.NetworkStream, backend: GuardedBackend) -> None:
        self._stream = stream
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._backend.bounded(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._backend.bounded(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        # server_hostname is the URL's host (httpcore passes the origin's), not the pinned address.
        self._stream = self._stream.start_tls(ssl_context, server_hostname, self._backend.bounded(timeout))
        return self

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, connecting only to addresses it resolved and checked itself."""

    def __init__(self, resolver: Resolver = resolve, allow_private: bool = False) -> None:
        self.resolver = resolver
        self.allow_private = allow_private
        self.deadline: float | None = None  # time.monotonic() by which the current response must be read
        self.connected: list[tuple[str, int]] = []  # the addresses connected to, newest last (for tests)

    def bounded(self, timeout: float | None) -> float | None:
        """``timeout`` shortened to what is left before the deadline; raises once it has passed."""
        if self.deadline is None:
            return timeout
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout(DEADLINE_PASSED)
        return left if timeout is None else min(timeout, left)

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        addresses = checked_addresses(host, port, f"{host}:{port}", self.resolver, self.allow_private)
        failure: Exception | None = None
        for address in addresses:
            try:
                stream = super().connect_tcp(address, port, self.bounded(timeout), local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
                continue
            self.connected.append((address, port))
            return _DeadlineStream(stream, self)
        assert failure is not None
        raise failure


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with its connection pool on a ``GuardedBackend``."""

    def __init__(self, backend: GuardedBackend, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # httpx offers no way to hand its pool a network backend: ours replaces the default one
        # (tests/pipeline/ingest/test_fetch_pinned.py fails if an httpx upgrade moves it).
        if not isinstance(getattr(self._pool, "_network_backend", None), httpcore.SyncBackend):
            raise RuntimeError("this httpx/httpcore version keeps its network backend elsewhere")
        self._pool._network_backend = backend  # type: ignore[union-attr]

"""An httpx transport that connects only to validated addresses, within a deadline.

Checking a URL's host before the request is not enough: DNS can answer differently a
moment later (rebinding). So the check lives where the socket is opened: the network
backend resolves the name itself, refuses the connection if ANY resolved address is not
allowed, then connects to the validated IP. TLS still verifies the certificate for, and
sends SNI with, the original host name, because httpcore passes that name to start_tls.

The same backend enforces the fetch's total deadline on every socket read, so a server
that drips one byte at a time is cut off at the deadline, not after a fresh read timeout.
"""

from __future__ import annotations

import socket
import ssl
import time
import typing
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from functools import lru_cache

import httpcore
import httpx

from bot.fetch.addresses import AddressPolicy, IPAddress, literal_address
from bot.fetch.errors import AddressNotPublic, FetchTimeout, SiteUnreachable

# getaddrinfo cannot be given a timeout; running it on a small pool lets us stop waiting.
_resolver_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="copydesk-dns")


class Deadline:
    def __init__(self, seconds: float):
        self.expires = time.monotonic() + seconds

    def remaining(self) -> float:
        left = self.expires - time.monotonic()
        if left <= 0:
            raise FetchTimeout(detail="total fetch deadline passed")
        return left

    def bound(self, timeout: float | None) -> float:
        left = self.remaining()
        return left if timeout is None else min(timeout, left)


def resolve(host: str, port: int, deadline: Deadline) -> list[IPAddress]:
    literal = literal_address(host)
    if literal is not None:
        return [literal]
    future = _resolver_pool.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        infos = future.result(timeout=deadline.remaining())
    except FutureTimeout:
        raise FetchTimeout(detail=f"resolving {host} took too long") from None
    except socket.gaierror as exc:
        raise SiteUnreachable("that site's name could not be found", detail=f"{host}: {exc}") from None
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        address = literal_address(sockaddr[0])
        if address is not None and address not in addresses:
            addresses.append(address)
    return addresses


class DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write ends by the fetch deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: Deadline):
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            return self._inner.read(max_bytes, self._deadline.bound(timeout))
        except httpcore.ReadTimeout:
            self._deadline.remaining()  # the deadline passed: say so as a FetchTimeout
            raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.bound(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, self._deadline.bound(timeout))
        return DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    def __init__(self, policy: AddressPolicy, deadline: Deadline):
        self._policy = policy
        self._deadline = deadline
        self._plain = httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = resolve(host, port, self._deadline)
        if not addresses:
            raise SiteUnreachable("that site's name could not be found", detail=f"{host}: no addresses")
        for address in addresses:
            reason = self._policy.refusal(address)
            if reason:
                raise AddressNotPublic(detail=f"{host} resolves to {address} ({reason})")
        last_error: Exception | None = None
        for address in addresses:  # validated above; connect to the IP, never re-resolve the name
            try:
                stream = self._plain.connect_tcp(
                    str(address), port, self._deadline.bound(timeout), local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
                continue
            return DeadlineStream(stream, self._deadline)
        assert last_error is not None
        raise last_error

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise AddressNotPublic(detail="unix sockets are never used for fetching")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    # Loading the CA bundle costs tens of milliseconds; one verified context serves every fetch.
    return httpx.create_ssl_context()


class GuardedTransport(httpx.BaseTransport):
    """httpx's default transport, rebuilt on a connection pool that uses GuardedBackend.

    No proxy support on purpose: a proxy would connect on our behalf, out of reach of the check.
    """

    def __init__(self, policy: AddressPolicy, deadline: Deadline):
        self._pool = httpcore.ConnectionPool(
            ssl_context=_ssl_context(),
            max_connections=4,
            network_backend=GuardedBackend(policy, deadline),
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        core_response = self._pool.handle_request(core_request)
        return httpx.Response(
            status_code=core_response.status,
            headers=core_response.headers,
            stream=_ResponseStream(core_response.stream),
            extensions=core_response.extensions,
        )

    def close(self) -> None:
        self._pool.close()


class _ResponseStream(httpx.SyncByteStream):
    def __init__(self, core_stream: typing.Iterable[bytes]):
        self._core_stream = core_stream

    def __iter__(self) -> Iterator[bytes]:
        yield from self._core_stream

    def close(self) -> None:
        if hasattr(self._core_stream, "close"):
            self._core_stream.close()

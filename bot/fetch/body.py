"""Reading a response body under a size cap that also bounds decompression.

httpx would decompress each network chunk in one go, so a 64 KB gzip chunk of zeros could
become 64 MB in memory before anyone counted it. We read the raw bytes and decompress
with zlib's `max_length`, never producing more than the cap allows.
"""

from __future__ import annotations

import zlib

import httpx

from bot.fetch.errors import FetchError, PageTooLarge
from bot.fetch.transport import Deadline


def read_body(response: httpx.Response, limit: int, deadline: Deadline) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PageTooLarge(detail=f"Content-Length {declared} > {limit}")
    decoder = BoundedDecoder(response.headers.get("content-encoding", ""), limit)
    for chunk in response.iter_raw():
        decoder.feed(chunk)
        deadline.remaining()  # a slow drip of small chunks still ends at the deadline
    return decoder.finish()


class BoundedDecoder:
    """Decodes identity, gzip or deflate content, refusing output beyond `limit` bytes."""

    def __init__(self, content_encoding: str, limit: int):
        codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise FetchError(detail=f"unsupported Content-Encoding {content_encoding!r}")
        self._coding = codings[0] if codings else None
        self._limit = limit
        self._parts: list[bytes] = []
        self._size = 0
        self._zlib = self._new_decompressor()
        self._started = False

    def _new_decompressor(self, raw_deflate: bool = False):
        if self._coding in ("gzip", "x-gzip"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        if self._coding == "deflate":
            # "deflate" should be zlib-wrapped, but some servers send raw deflate.
            return zlib.decompressobj(-zlib.MAX_WBITS if raw_deflate else zlib.MAX_WBITS)
        return None

    def feed(self, data: bytes) -> None:
        if self._zlib is None:
            self._keep(data)
            return
        if not self._started and self._coding == "deflate" and data:
            self._started = True
            if data[0] & 0x0F != 8:  # not a zlib header: raw deflate
                self._zlib = self._new_decompressor(raw_deflate=True)
        try:
            while data:
                self._keep(self._zlib.decompress(data, self._room() + 1))
                data = self._zlib.unconsumed_tail
        except zlib.error as exc:
            raise FetchError(detail=f"bad {self._coding} body: {exc}") from None

    def finish(self) -> bytes:
        if self._zlib is not None:
            self._keep(self._zlib.flush(self._room() + 1))
        return b"".join(self._parts)

    def _room(self) -> int:
        return max(self._limit - self._size, 0)

    def _keep(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self._limit:
            raise PageTooLarge(detail=f"body over {self._limit} bytes")
        if data:
            self._parts.append(data)

"""The only way Copydesk fetches a URL: an SSRF-guarded GET.

Links come from Slack users and from feeds, so every one is hostile until checked:
- only http and https; no credentials in the URL;
- the address actually connected to must be public (see addresses.py and transport.py),
  checked again on every redirect, which we follow ourselves (at most `max_redirects`);
- the body is streamed and cut at `max_bytes`, counted AFTER decompression, so a small
  gzip bomb cannot expand in memory;
- one total deadline covers name resolution, connecting, redirects and the whole body;
- only the content types asked for (`accept`: "html" and/or "feed") are read.

The limits come in a FetchPolicy (policy.py) that the caller builds from its Settings; a field
given as a keyword overrides the policy for one call. Nothing here reads settings.

Conditional GET for feeds: pass If-None-Match / If-Modified-Since in `headers`; a 304
comes back as a FetchedPage with status 304 and an empty body rather than an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from bot.fetch.addresses import AddressPolicy, literal_address
from bot.fetch.body import read_body
from bot.fetch.errors import (
    AddressNotPublic,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    InvalidURL,
    NotAWebPage,
    SiteUnreachable,
    TooManyRedirects,
    UnsupportedScheme,
)
from bot.fetch.policy import FetchPolicy
from bot.fetch.transport import Deadline, GuardedTransport

CONTENT_TYPES = {
    "html": frozenset({"text/html", "application/xhtml+xml"}),
    "feed": frozenset(
        {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
    ),
}
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CERTIFICATE_MESSAGE = "the site's security certificate could not be verified"


@dataclass(frozen=True)
class FetchedPage:
    url: str  # the final URL, after redirects
    status: int  # 200-299, or 304 for an unchanged conditional GET
    content_type: str | None  # media type without parameters, lower-case
    headers: Mapping[str, str] = field(repr=False)  # case-insensitive (httpx.Headers)
    body: bytes = field(repr=False)  # decompressed; empty for 304
    encoding: str | None = None  # charset declared in Content-Type, if any

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def text(self) -> str:
        return self.body.decode(self.encoding or "utf-8", errors="replace")


def fetch_page(
    url: str,
    policy: FetchPolicy | None = None,
    *,
    accept: Iterable[str] = ("html",),
    headers: Mapping[str, str] | None = None,
    allow_private: bool | None = None,
    max_bytes: int | None = None,
    max_redirects: int | None = None,
    connect_timeout: float | None = None,
    total_timeout: float | None = None,
    user_agent: str | None = None,
) -> FetchedPage:
    """GET `url` safely; raise a FetchError subclass (with a user message) on any refusal.

    `policy` defaults to FetchPolicy(): public addresses only, the default limits.
    """
    policy = (policy or FetchPolicy()).but(
        allow_private=allow_private,
        max_bytes=max_bytes,
        max_redirects=max_redirects,
        connect_timeout=connect_timeout,
        total_timeout=total_timeout,
        user_agent=user_agent,
    )
    addresses = AddressPolicy(policy.allow_private)
    limit, hops, total = policy.max_bytes, policy.max_redirects, policy.total_timeout
    accept = tuple(accept)
    accepted = _accepted_types(accept)

    deadline = Deadline(total)
    request_headers = {
        "User-Agent": policy.user_agent,
        "Accept": _accept_header(accept),
        # Only encodings we decode ourselves under the size cap (see body.py).
        "Accept-Encoding": "gzip, deflate",
    }
    caller_headers = dict(headers or {})
    timeout = httpx.Timeout(total, connect=policy.connect_timeout)
    current = check_url(url, addresses)
    first_origin = _origin(current)
    try:
        with httpx.Client(transport=GuardedTransport(addresses, deadline), timeout=timeout, trust_env=False) as client:
            for _hop in range(hops + 1):
                # Caller headers (conditional GET validators) belong to the first origin only.
                extra = caller_headers if _origin(current) == first_origin else {}
                with client.stream("GET", current, headers={**request_headers, **extra}) as response:
                    location = response.headers.get("location")
                    if response.status_code in REDIRECT_STATUSES and location:
                        current = check_url(urljoin(current, location.strip()), addresses)
                        continue
                    return _finish(response, current, accepted, limit, deadline)
    except FetchError:
        raise
    except (httpx.TimeoutException, httpcore.TimeoutException) as exc:
        raise FetchTimeout(detail=f"{current}: {exc!r}") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise InvalidURL(detail=f"{current}: {exc}") from None
    except (httpx.HTTPError, httpcore.NetworkError, httpcore.ProtocolError, OSError) as exc:
        if "CERTIFICATE_VERIFY_FAILED" in str(exc):
            raise SiteUnreachable(CERTIFICATE_MESSAGE, detail=f"{current}: {exc!r}") from None
        raise SiteUnreachable(detail=f"{current}: {exc!r}") from None
    raise TooManyRedirects(detail=f"more than {hops} redirects from {url}")


def check_url(url: str, policy: AddressPolicy) -> str:
    """The URL, stripped, if it may be requested at all; refuses before any network use."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        raise InvalidURL(detail=url) from None
    scheme = parts.scheme.lower()
    if scheme and scheme not in ("http", "https"):
        raise UnsupportedScheme(detail=url)
    if not scheme or not parts.netloc:
        raise InvalidURL(detail=url)
    if "@" in parts.netloc:
        # user:pass@ hides the real host from the reader of the link; no news page needs it.
        raise InvalidURL(detail=f"credentials in {url}")
    try:
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise InvalidURL(detail=url) from None
    if not host:
        raise InvalidURL(detail=url)
    address = literal_address(host)
    if address is not None:
        reason = policy.refusal(address)
        if reason:
            raise AddressNotPublic(detail=f"{url}: {address}, {reason}")
    return url


def _finish(response: httpx.Response, url: str, accepted: frozenset[str], limit: int, deadline: Deadline):
    if response.status_code == 304:
        return FetchedPage(url, 304, _media_type(response), response.headers, b"", response.charset_encoding)
    if not 200 <= response.status_code < 300:
        raise HTTPStatusError(response.status_code, detail=url)
    media_type = _media_type(response)
    if media_type is not None and media_type not in accepted:
        raise NotAWebPage(media_type, detail=url)
    body = read_body(response, limit, deadline)
    if media_type is None and not _looks_like(body, accepted):
        raise NotAWebPage(None, detail=url)
    return FetchedPage(url, response.status_code, media_type, response.headers, body, response.charset_encoding)


def _media_type(response: httpx.Response) -> str | None:
    value = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return value or None


def _looks_like(body: bytes, accepted: frozenset[str]) -> bool:
    """For a page served without a Content-Type: does it start like HTML or a feed?"""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if accepted & CONTENT_TYPES["html"] and (head.startswith(b"<!doctype html") or b"<html" in head):
        return True
    return bool(accepted & CONTENT_TYPES["feed"]) and head.startswith((b"<?xml", b"<rss", b"<feed"))


def _accepted_types(accept: Iterable[str]) -> frozenset[str]:
    kinds = list(accept)
    unknown = [kind for kind in kinds if kind not in CONTENT_TYPES]
    if unknown or not kinds:
        raise ValueError(f"accept must name some of {sorted(CONTENT_TYPES)}, got {kinds}")
    return frozenset().union(*(CONTENT_TYPES[kind] for kind in kinds))


def _accept_header(accept: Iterable[str]) -> str:
    kinds = list(accept)
    types = [t for kind in kinds for t in sorted(CONTENT_TYPES[kind])]
    return ", ".join([*types, "*/*;q=0.1"])


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port

"""Typed fetch and extraction errors, each with a message for the user who sent the link.

`user_message` is what a newsroom user sees (short, no jargon, no internal detail);
`detail` is for the logs (which address, which header); `code` is a stable machine name
that batch output and metrics use.
"""

from __future__ import annotations


class FetchError(Exception):
    code = "fetch_failed"
    message = "the page could not be read"

    def __init__(self, user_message: str | None = None, *, detail: str | None = None):
        self.user_message = user_message or self.message
        self.detail = detail
        super().__init__(detail or self.user_message)


class InvalidURL(FetchError):
    code = "invalid_url"
    message = "that is not a valid web address"


class UnsupportedScheme(FetchError):
    code = "unsupported_scheme"
    message = "only http and https links can be read"


class AddressNotPublic(FetchError):
    """The host is (or resolves to, or redirects to) a loopback, private, metadata... address."""

    code = "address_not_public"
    message = "that address is not public"


class TooManyRedirects(FetchError):
    code = "too_many_redirects"
    message = "the link redirects too many times"


class PageTooLarge(FetchError):
    code = "page_too_large"
    message = "the page is too large"


class FetchTimeout(FetchError):
    code = "timeout"
    message = "the site took too long to answer"


class SiteUnreachable(FetchError):
    code = "unreachable"
    message = "the site could not be reached"


class NotAWebPage(FetchError):
    code = "not_a_web_page"

    def __init__(self, content_type: str | None, *, detail: str | None = None):
        self.content_type = content_type or "no content type"
        super().__init__(f"that is not a web page (got {self.content_type})", detail=detail)


class HTTPStatusError(FetchError):
    code = "http_status"

    def __init__(self, status: int, *, detail: str | None = None):
        self.status = status
        super().__init__(f"the site answered {status}", detail=detail)


class NoArticleText(FetchError):
    code = "no_article_text"
    message = "the page had no article text: paste the text instead"

"""The only code that touches the network for articles and feeds.

Callers pass a FetchPolicy built from their Settings (`FetchPolicy.from_settings`); nothing here
reads settings or the environment.
"""

from __future__ import annotations

from bot.fetch.errors import FetchError, NoArticleText
from bot.fetch.extract import ExtractedArticle, extract_article
from bot.fetch.policy import FetchPolicy
from bot.fetch.safe_http import fetch_page


def fetch_article(url: str, policy: FetchPolicy | None = None, *, allow_private: bool | None = None) -> ExtractedArticle:
    """Fetch `url` through the SSRF-guarded client and extract its article.

    `policy` defaults to FetchPolicy() (public addresses only); `allow_private` overrides its field.
    """
    page = fetch_page(url, policy, allow_private=allow_private)
    return extract_article(page.body, url=page.url, encoding=page.encoding)


__all__ = ["ExtractedArticle", "FetchError", "FetchPolicy", "NoArticleText", "extract_article", "fetch_article"]

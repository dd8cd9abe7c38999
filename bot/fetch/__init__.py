"""The only code that touches the network for articles and feeds."""

from __future__ import annotations

from bot.fetch.errors import FetchError, NoArticleText
from bot.fetch.extract import ExtractedArticle, extract_article


def fetch_article(url: str, *, allow_private: bool | None = None) -> ExtractedArticle:
    """Fetch `url` through the SSRF-guarded client and extract its article.

    `allow_private=None` takes COPYDESK_FETCH_ALLOW_PRIVATE from the settings.
    """
    from bot.fetch.safe_http import fetch_page

    page = fetch_page(url, allow_private=allow_private)
    return extract_article(page.body, url=page.url, encoding=page.encoding)


__all__ = ["ExtractedArticle", "FetchError", "NoArticleText", "extract_article", "fetch_article"]

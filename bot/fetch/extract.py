"""HTML to article text and metadata, with trafilatura. Pure: no network.

STUB-ish: minimal version; to be completed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import trafilatura

from bot.fetch.errors import NoArticleText


@dataclass
class ExtractedArticle:
    text: str
    url: str | None = None
    title: str | None = None
    site: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)


def extract_article(html: str | bytes, url: str | None = None) -> ExtractedArticle:
    text = trafilatura.extract(html, url=url, include_comments=False, include_tables=False)
    if not text or not text.strip():
        raise NoArticleText("The page had no article text: paste the text instead.")
    meta = trafilatura.extract_metadata(html, default_url=url)
    return ExtractedArticle(
        text=text,
        url=url,
        title=getattr(meta, "title", None),
        site=getattr(meta, "sitename", None),
        published=getattr(meta, "date", None),
        authors=[a.strip() for a in (getattr(meta, "author", None) or "").split(";") if a.strip()],
    )

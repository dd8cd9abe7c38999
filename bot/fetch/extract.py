"""HTML to article text and metadata, with trafilatura. Pure: no network.

The text keeps one paragraph (or heading, or list item) a line, because the analysis
treats each line as a paragraph. Reader comments are left out: they are not the article,
and their claims are not the publication's; so are the site's notices inside the article body
(sign-up boxes, paywall and copyright lines: bot/fetch/boilerplate.py).

The options below were picked on `extraction_dev/` (README, "Links: safety and extraction"):
trafilatura's favor_precision, favor_recall, no_fallback, deduplicate and dropping tables each
scored lower than these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import trafilatura

from bot.fetch.boilerplate import drop_boilerplate
from bot.fetch.charset import decode_html
from bot.fetch.errors import NoArticleText
from bot.fetch.nesting import flatten_deep_nesting

# Below this many words what trafilatura found is a teaser, a paywall notice or a cookie
# banner, not an article: better to ask for the text than to analyse that.
MIN_ARTICLE_WORDS = 12

# The options behind `copydesk eval extraction`'s "copydesk" row.
EXTRACT_OPTIONS = {
    "include_comments": False,
    "include_tables": True,
    "favor_precision": False,
    "favor_recall": False,
    "deduplicate": False,
}

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_WORD = re.compile(r"\w+")


@dataclass
class ExtractedArticle:
    text: str
    url: str | None = None
    title: str | None = None
    site: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD, when the page states one
    authors: list[str] = field(default_factory=list)


def extract_article(html: str | bytes, url: str | None = None, *, encoding: str | None = None) -> ExtractedArticle:
    """The article in `html`; raises NoArticleText when there is no article body to read.

    `encoding` is the charset the server declared, used when the bytes agree with it.
    """
    markup = decode_html(html, encoding) if isinstance(html, bytes) else html
    if not markup or not markup.strip():
        raise NoArticleText(detail="empty page")
    markup = flatten_deep_nesting(markup)
    document = trafilatura.bare_extraction(markup, url=url, with_metadata=True, **EXTRACT_OPTIONS)
    text = drop_boilerplate(clean_text(getattr(document, "text", None) or ""))
    if len(_WORD.findall(text)) < MIN_ARTICLE_WORDS:
        raise NoArticleText(detail=f"{url or 'page'}: {len(text)} characters of body text")
    return ExtractedArticle(
        text=text,
        url=url,
        title=_tidy(getattr(document, "title", None)),
        site=_tidy(getattr(document, "sitename", None)),
        published=_tidy(getattr(document, "date", None)),
        authors=split_authors(getattr(document, "author", None)),
    )


def clean_text(text: str) -> str:
    """One paragraph a line: spaces collapsed inside lines, blank lines dropped."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def split_authors(value: str | None) -> list[str]:
    authors: list[str] = []
    for name in re.split(r"\s*[;|]\s*|\s+and\s+", value or ""):
        name = _tidy(name)
        if name and name not in authors:
            authors.append(name)
    return authors


def _tidy(value: str | None) -> str | None:
    value = _SPACES.sub(" ", value or "").strip()
    return value or None

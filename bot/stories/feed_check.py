"""Use case: look at a feed before a channel follows it, so the person adding it hears at once
what is wrong (a web page, a broken feed, an unreachable site), not days later from the poller.

A news site's page usually names its feed (`<link rel="alternate" type="application/rss+xml">`):
when the address given is such a page, the feed it names is checked and used instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin

import feedparser

from bot.config import Settings
from bot.fetch.errors import FetchError
from bot.fetch.policy import FetchPolicy
from bot.fetch.safe_http import CONTENT_TYPES, FetchedPage, fetch_page
from bot.stories.tracking import StoryError

FEED_LINK_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})

PageFetcher = Callable[..., FetchedPage]


@dataclass(frozen=True)
class CheckedFeed:
    url: str  # the feed's own address (the linked feed when a page was given)
    title: str | None
    items: int
    found_on: str | None = None  # the page that linked the feed, when the address given was a page


class _FeedLinks(HTMLParser):
    """Collects the hrefs of `<link rel="alternate">` tags that name an RSS or Atom feed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        rels = values.get("rel", "").lower().split()
        if "alternate" in rels and values.get("type", "").lower() in FEED_LINK_TYPES and values.get("href"):
            self.hrefs.append(values["href"])


def linked_feeds(page: FetchedPage) -> list[str]:
    """The absolute addresses of the feeds an HTML page names, in page order."""
    parser = _FeedLinks()
    parser.feed(page.text)
    return [urljoin(page.url, href) for href in parser.hrefs]


def check_feed(url: str, settings: Settings, fetcher: PageFetcher = fetch_page) -> CheckedFeed:
    """Fetch and parse `url` as a feed, or as a page naming one; StoryError says what is wrong."""
    page = _fetch(url, settings, fetcher, ("feed", "html"))
    if page.content_type in CONTENT_TYPES["html"]:
        feeds = linked_feeds(page)
        if not feeds:
            raise StoryError(
                f"{url} is a web page, not a feed, and it names no RSS or Atom feed. "
                "Look for an RSS link on the site and add that address."
            )
        checked = _parsed(feeds[0], _fetch(feeds[0], settings, fetcher, ("feed",)))
        return CheckedFeed(checked.url, checked.title, checked.items, found_on=url)
    return _parsed(url, page)


def _fetch(url: str, settings: Settings, fetcher: PageFetcher, accept: tuple[str, ...]) -> FetchedPage:
    try:
        return fetcher(url, FetchPolicy.from_settings(settings), accept=accept)
    except FetchError as exc:
        raise StoryError(f"Copydesk can't read the feed at {url}: {exc.user_message}.") from None


def _parsed(url: str, page: FetchedPage) -> CheckedFeed:
    parsed = feedparser.parse(page.body, response_headers={"content-type": page.content_type or "application/xml"})
    if (parsed.get("bozo") and not parsed.entries) or not parsed.get("version"):
        reason = type(parsed.get("bozo_exception")).__name__ if parsed.get("bozo") else "not RSS or Atom"
        raise StoryError(f"{url} is not a valid RSS or Atom feed ({reason}).")
    title = " ".join((parsed.feed.get("title") or "").split()) or None if parsed.get("feed") else None
    return CheckedFeed(page.url or url, title, len(parsed.entries))

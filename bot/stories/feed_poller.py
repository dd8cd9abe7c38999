"""Poll the channels' RSS/Atom feeds: new items are fetched, analysed, stored and matched.

- Conditional GET (ETag / Last-Modified): an unchanged feed costs one 304 and nothing else.
- One article per item: an item is keyed by its canonical link (else its id), so the same
  item twice in a feed, or in two feeds of the channel, is stored and attached once; an
  article already analysed elsewhere is re-used, not fetched again.
- A malformed feed (feedparser's `bozo`) is read for whatever entries it has; with none, it
  counts as a failure. A feed failing repeatedly is polled less often (exponential backoff,
  capped at a day) and the channel is told once, not on every poll; and again when it recovers.
Nothing here raises to the scheduler: every failure is logged and recorded on the feed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import feedparser
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot import metrics
from bot.analysis import ENGINE_VERSION, Report, analyze
from bot.config import Settings
from bot.fetch.errors import FetchError
from bot.fetch.extract import ExtractedArticle, clean_text
from bot.logging_setup import log_context
from bot.reports import repository as reports_repo
from bot.store.articles import ReportRow
from bot.store.base import utcnow
from bot.store.db import session_scope
from bot.store.stories_models import Feed, FeedItem
from bot.stories.attach import match_report
from bot.stories.tracking import channel_stories

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(days=1)
MIN_SUMMARY_WORDS = 40  # an entry's own text, used when its page cannot be read, must be an article
_TAGS = re.compile(r"<[^>]+>")

Notify = Callable[[str, str, str], None]  # (team_id, channel_id, text)
Analyzer = Callable[..., Report]
PageFetcher = Callable[..., object]  # bot.fetch.safe_http.fetch_page's signature


@dataclass
class PollResult:
    feed_id: int
    ok: bool
    not_modified: bool = False
    new_items: int = 0
    attached: list[str] = field(default_factory=list)  # story names
    error: str | None = None


class FeedPoller:
    def __init__(
        self,
        settings: Settings,
        session_factory: sessionmaker[Session],
        *,
        notify: Notify | None = None,
        analyzer: Analyzer = analyze,
        fetch_page: PageFetcher | None = None,
        fetch_article: Callable[[str], ExtractedArticle] | None = None,
        clock: Callable[[], datetime] = utcnow,
    ):
        from bot import fetch as fetch_package
        from bot.fetch import safe_http

        self.settings = settings
        self.session_factory = session_factory
        self.notify = notify or (lambda team, channel, text: log.warning("feed notice for %s: %s", channel, text))
        self.analyzer = analyzer
        self.fetch_page = fetch_page or safe_http.fetch_page
        self.fetch_article = fetch_article or (
            lambda url: fetch_package.fetch_article(url, allow_private=settings.fetch_allow_private)
        )
        self.clock = clock

    # --- the sweep ------------------------------------------------------------------------

    def poll_due(self) -> list[PollResult]:
        """Poll every feed whose next poll time has come."""
        with session_scope(self.session_factory) as session:
            due = session.scalars(select(Feed.id).where(Feed.next_poll_at <= self.clock()).order_by(Feed.next_poll_at))
            feed_ids = list(due)
        return [self.poll(feed_id) for feed_id in feed_ids]

    def poll(self, feed_id: int) -> PollResult:
        with session_scope(self.session_factory) as session:
            feed = session.get(Feed, feed_id)
            if feed is None:
                return PollResult(feed_id, ok=False, error="removed")
            url, etag, modified = feed.url, feed.etag, feed.last_modified
            team_id, channel_id = feed.team_id, feed.channel_id
        with log_context(workspace_id=team_id or None, channel_id=channel_id, feed_id=feed_id):
            result = self._fetch_and_read(feed_id, url, etag, modified)
        metrics.FEED_POLLS.labels("not_modified" if result.not_modified else "ok" if result.ok else "failed").inc()
        return result

    def _fetch_and_read(self, feed_id: int, url: str, etag: str | None, modified: str | None) -> PollResult:
        try:
            page = self.fetch_page(
                url,
                allow_private=self.settings.fetch_allow_private,
                accept=("feed",),
                headers=_conditional_headers(etag, modified),
                max_bytes=self.settings.fetch_max_bytes,
                connect_timeout=self.settings.fetch_connect_timeout,
                total_timeout=self.settings.fetch_total_timeout,
            )
        except FetchError as exc:
            return self._failed(feed_id, exc.user_message)
        except Exception as exc:
            log.exception("feed %s: unexpected fetch failure", url)
            return self._failed(feed_id, f"unexpected error ({type(exc).__name__})")
        if page.not_modified:
            return self._succeeded(feed_id, PollResult(feed_id, ok=True, not_modified=True), page)
        parsed = feedparser.parse(page.body, response_headers={"content-type": page.content_type or "application/xml"})
        if parsed.bozo and not parsed.entries:
            return self._failed(feed_id, f"the feed is not valid RSS or Atom ({_bozo_reason(parsed)})")
        if parsed.bozo:
            log.info(
                "feed %s is malformed (%s); reading its %d entries", url, _bozo_reason(parsed), len(parsed.entries)
            )
        result = PollResult(feed_id, ok=True)
        feed_title = _clean(parsed.feed.get("title")) if parsed.get("feed") else None
        self._read_entries(feed_id, parsed.entries, feed_title, result)
        return self._succeeded(feed_id, result, page, feed_title)

    # --- items ----------------------------------------------------------------------------

    def _read_entries(self, feed_id: int, entries: list, feed_title: str | None, result: PollResult) -> None:
        seen_now: set[str] = set()
        for entry in entries:
            key = _item_key(entry)
            if key is None or key in seen_now:
                continue  # no link and no id, or the same item twice in this feed
            seen_now.add(key)
            if self._already_seen(feed_id, key):
                continue
            if result.new_items >= self.settings.feed_max_items:
                break  # the rest next poll: one busy feed must not starve the others
            result.new_items += 1
            try:
                result.attached += self._read_item(feed_id, key, entry, feed_title)
            except Exception:
                log.exception("feed %s: item %s failed", feed_id, key)

    def _already_seen(self, feed_id: int, key: str) -> bool:
        with session_scope(self.session_factory) as session:
            return (
                session.scalar(select(FeedItem.id).where(FeedItem.feed_id == feed_id, FeedItem.item_key == key))
                is not None
            )

    def _read_item(self, feed_id: int, key: str, entry, feed_title: str | None) -> list[str]:
        link = entry.get("link")
        with session_scope(self.session_factory) as session:
            feed = session.get(Feed, feed_id)
            team_id, channel_id, story_id = feed.team_id, feed.channel_id, feed.story_id
            report_row, report = _existing_report(session, team_id, channel_id, link)
        if report is None:
            report = self._analyse(entry, link, feed_title)
        with session_scope(self.session_factory) as session:
            feed = session.get(Feed, feed_id)
            if feed is None:
                return []
            if report is None:
                session.add(FeedItem(feed_id=feed_id, item_key=key, article_id=None))
                return []
            if report_row is None:
                report_row = reports_repo.save_report(
                    session, report, team_id=team_id, channel_id=channel_id, user_id=None,
                    engine_version=ENGINE_VERSION, requested_url=link,
                )  # fmt: skip
            attached = match_report(
                session, stories=channel_stories(session, team_id, channel_id), report_row=report_row,
                report=report, url=link, via="feed", threshold=self.settings.story_match_threshold,
                pinned_story_id=story_id, now=self.clock(),
            )  # fmt: skip
            session.add(FeedItem(feed_id=feed_id, item_key=key, article_id=report_row.article_id))
            return [item.story_name for item in attached]

    def _analyse(self, entry, link: str | None, feed_title: str | None) -> Report | None:
        fallback = _entry_article(entry, link, feed_title)

        def fetcher(url: str):
            try:
                return self.fetch_article(url)
            except FetchError as exc:
                if fallback is None:
                    raise
                log.info("item %s unreadable (%s); using the feed's own text", url, exc.user_message)
                return fallback

        try:
            if link:
                return self.analyzer(url=link, max_chars=self.settings.max_chars, fetcher=fetcher)
            if fallback is not None:
                report = self.analyzer(text=fallback.text, max_chars=self.settings.max_chars)
                report.article.title = fallback.title
                return report
        except FetchError as exc:
            log.info("feed item %s skipped: %s", link, exc.user_message)
        except Exception:
            log.exception("feed item %s could not be analysed", link)
        return None

    # --- feed state -----------------------------------------------------------------------

    def _succeeded(self, feed_id: int, result: PollResult, page, title: str | None = None) -> PollResult:
        notice = None
        with session_scope(self.session_factory) as session:
            feed = session.get(Feed, feed_id)
            if feed is None:
                return result
            if feed.failure_notified:
                notice = (feed.team_id, feed.channel_id, f"The feed {feed.url} works again.")
            feed.failures, feed.failure_notified, feed.last_error = 0, False, None
            feed.etag = page.headers.get("etag") or feed.etag
            feed.last_modified = page.headers.get("last-modified") or feed.last_modified
            feed.title = title or feed.title
            now = self.clock()
            feed.last_polled_at = now
            feed.next_poll_at = now + timedelta(minutes=self.settings.feed_poll_minutes)
        if notice:
            self.notify(*notice)
        return result

    def _failed(self, feed_id: int, reason: str) -> PollResult:
        notice = None
        with session_scope(self.session_factory) as session:
            feed = session.get(Feed, feed_id)
            if feed is None:
                return PollResult(feed_id, ok=False, error=reason)
            feed.failures += 1
            feed.last_error = reason[:1000]
            now = self.clock()
            feed.last_polled_at = now
            feed.next_poll_at = now + backoff(self.settings.feed_poll_minutes, feed.failures)
            log.info("feed %s failed (%d in a row): %s", feed.url, feed.failures, reason)
            if feed.failures >= self.settings.feed_failure_notice_after and not feed.failure_notified:
                feed.failure_notified = True
                notice = (
                    feed.team_id,
                    feed.channel_id,
                    (
                        f":warning: The feed {feed.url} has failed {feed.failures} times in a row ({reason}). "
                        "Copydesk keeps trying, less often, and will say when it works again. "
                        "Remove it with `/copydesk feed remove` if it has moved."
                    ),
                )
        if notice:
            self.notify(*notice)
        return PollResult(feed_id, ok=False, error=reason)


def backoff(poll_minutes: int, failures: int) -> timedelta:
    """1, 2, 4, 8... poll intervals after 1, 2, 3, 4... failures in a row, at most a day."""
    return min(timedelta(minutes=poll_minutes) * (2 ** max(failures - 1, 0)), MAX_BACKOFF)


def _conditional_headers(etag: str | None, modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    return headers


def _item_key(entry) -> str | None:
    link = entry.get("link")
    if link and link.lower().startswith(("http://", "https://")):
        return reports_repo.canonical_url(link)[:2048]
    ident = entry.get("id")
    return f"id:{ident}"[:2048] if ident else None


def _existing_report(session: Session, team_id: str, channel_id: str, link: str | None):
    """(report row in this channel, report) when the article was analysed before; (None, report) from elsewhere."""
    if not link:
        return None, None
    article = reports_repo.find_article(session, url=link)
    if article is None:
        return None, None
    rows = session.scalars(
        select(ReportRow)
        .where(
            ReportRow.article_id == article.id,
            ReportRow.engine_version == ENGINE_VERSION,
            ReportRow.report.is_not(None),
        )
        .order_by(ReportRow.id.desc())
    ).all()
    for row in rows:
        if row.team_id == (team_id or "") and row.channel_id == channel_id:
            return row, Report.from_dict(row.report)
    # Analysed in another channel: the same engine gives the same report, so copy, don't re-fetch.
    return (None, Report.from_dict(rows[0].report)) if rows else (None, None)


def _entry_article(entry, link: str | None, feed_title: str | None) -> ExtractedArticle | None:
    contents = [c.get("value", "") for c in entry.get("content", []) or []]
    text = clean_text(_TAGS.sub("\n", max([*contents, entry.get("summary", "") or ""], key=len)))
    if len(text.split()) < MIN_SUMMARY_WORDS:
        return None
    return ExtractedArticle(text=text, url=link, title=_clean(entry.get("title")), site=feed_title)


def _clean(value: str | None) -> str | None:
    return " ".join(_TAGS.sub(" ", value).split()) or None if value else None


def _bozo_reason(parsed) -> str:
    exc = parsed.get("bozo_exception")
    return type(exc).__name__ if exc is not None else "malformed"

"""Poll one channel feed: fetch it, record its new items, and hand each pending item to `enqueue_item`.

A poll never analyses: each item is its own task (bot/stories/feed_items.py), so one slow or
broken article never holds up its feed, and analyses spread over workers.

- Conditional GET (ETag / Last-Modified): an unchanged feed costs one 304 and nothing else.
- One article per item: an item is keyed by its canonical link (else its id); the same item twice in
  a feed is recorded once (unique feed and key), and an item in two feeds of the channel is one
  article (feed_items.py re-uses an article already analysed).
- Every poll hands over all of the feed's still-pending items, not only the new ones, so an item
  recorded by a poll that died before enqueueing is picked up by the next; enqueueing is idempotent.
- A malformed feed (feedparser's `bozo`) is read for whatever entries it has; with none, it
  counts as a failure. A feed failing repeatedly is polled less often (exponential backoff,
  capped at a day) and the channel is told once, not on every poll; and again when it recovers.
Nothing here raises to the caller: every failure is logged and recorded on the feed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import feedparser
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot import metrics
from bot.config import Settings
from bot.fetch import safe_http
from bot.fetch.errors import FetchError
from bot.fetch.extract import clean_text
from bot.logging_setup import log_context
from bot.reports import repository as reports_repo
from bot.store.base import utcnow
from bot.store.db import session_scope
from bot.store.stories_models import Feed, FeedItem

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(days=1)
_TAGS = re.compile(r"<[^>]+>")

Notify = Callable[[str, str, str], None]  # (team_id, channel_id, text)
PageFetcher = Callable[..., object]  # bot.fetch.safe_http.fetch_page's signature
EnqueueItem = Callable[[int, str], bool]  # (feed_id, item_key) -> queued now (False: already queued)


@dataclass
class PollResult:
    feed_id: int
    ok: bool
    not_modified: bool = False
    new_items: int = 0  # recorded by this poll
    queued: int = 0  # pending items handed to enqueue_item (new or left over) and accepted
    error: str | None = None


class FeedPoller:
    def __init__(
        self,
        settings: Settings,
        session_factory: sessionmaker[Session],
        *,
        enqueue_item: EnqueueItem,
        notify: Notify | None = None,
        fetch_page: PageFetcher = safe_http.fetch_page,
        clock: Callable[[], datetime] = utcnow,
    ):
        self.settings = settings
        self.session_factory = session_factory
        self.enqueue_item = enqueue_item
        self.notify = notify or (lambda team, channel, text: log.warning("feed notice for %s: %s", channel, text))
        self.fetch_page = fetch_page
        self.clock = clock

    def poll(self, feed_id: int, *, only_if_due: bool = False) -> PollResult:
        """Poll the feed now; `only_if_due` (the scheduled task) skips a feed another poll just did."""
        with session_scope(self.session_factory) as session:
            feed = session.get(Feed, feed_id)
            if feed is None:
                return PollResult(feed_id, ok=False, error="removed")
            if only_if_due and feed.next_poll_at > self.clock():
                return PollResult(feed_id, ok=True, error="not due")
            url, etag, modified = feed.url, feed.etag, feed.last_modified
            team_id, channel_id = feed.team_id, feed.channel_id
        with log_context(workspace_id=team_id or None, channel_id=channel_id, feed_id=feed_id):
            result = self._fetch_and_read(feed_id, url, etag, modified)
            if result.ok:
                result.queued = self._enqueue_pending(feed_id)
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
                max_redirects=self.settings.fetch_max_redirects,
                connect_timeout=self.settings.fetch_connect_timeout,
                total_timeout=self.settings.fetch_total_timeout,
                user_agent=self.settings.fetch_user_agent,
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
        result.new_items = self._record_entries(feed_id, parsed.entries, feed_title)
        return self._succeeded(feed_id, result, page, feed_title)

    # --- items ----------------------------------------------------------------------------

    def _record_entries(self, feed_id: int, entries: list, feed_title: str | None) -> int:
        """Record the entries not seen before (at most feed_max_items a poll); how many were new."""
        recorded = 0
        seen_now: set[str] = set()
        for entry in entries:
            key = item_key(entry)
            if key is None or key in seen_now:
                continue  # no link and no id, or the same item twice in this feed
            seen_now.add(key)
            if recorded >= self.settings.feed_max_items:
                break  # the rest next poll: one busy feed must not flood the queue
            if self._record(feed_id, key, _entry_fields(entry, feed_title)):
                recorded += 1
        return recorded

    def _record(self, feed_id: int, key: str, entry: dict) -> bool:
        with session_scope(self.session_factory) as session:
            known = select(FeedItem.id).where(FeedItem.feed_id == feed_id, FeedItem.item_key == key)
            if session.scalar(known) is not None:
                return False
            try:
                with session.begin_nested():  # a racing poll of the same feed recorded it first
                    session.add(FeedItem(feed_id=feed_id, item_key=key, status="pending", entry=entry))
            except IntegrityError:
                return False
            return True

    def _enqueue_pending(self, feed_id: int) -> int:
        with session_scope(self.session_factory) as session:
            keys = session.scalars(
                select(FeedItem.item_key)
                .where(FeedItem.feed_id == feed_id, FeedItem.status == "pending")
                .order_by(FeedItem.id)
            ).all()
        return sum(1 for key in keys if self.enqueue_item(feed_id, key))

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


def due_feed_ids(session: Session, now: datetime) -> list[int]:
    """The feeds whose next poll time has come, most overdue first."""
    return list(session.scalars(select(Feed.id).where(Feed.next_poll_at <= now).order_by(Feed.next_poll_at)))


def backoff(poll_minutes: int, failures: int) -> timedelta:
    """1, 2, 4, 8... poll intervals after 1, 2, 3, 4... failures in a row, at most a day."""
    return min(timedelta(minutes=poll_minutes) * (2 ** max(failures - 1, 0)), MAX_BACKOFF)


def item_key(entry) -> str | None:
    """An entry's identity in its feed: its canonical link, else its id."""
    link = entry.get("link")
    if link and link.lower().startswith(("http://", "https://")):
        return reports_repo.canonical_url(link)[:2048]
    ident = entry.get("id")
    return f"id:{ident}"[:2048] if ident else None


def _conditional_headers(etag: str | None, modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    return headers


def _entry_fields(entry, feed_title: str | None) -> dict:
    """What the item's analysis needs, JSON-ready: its link, and the feed's own text of it as a fallback."""
    contents = [c.get("value", "") for c in entry.get("content", []) or []]
    text = clean_text(_TAGS.sub("\n", max([*contents, entry.get("summary", "") or ""], key=len)))
    return {"link": entry.get("link"), "title": _clean(entry.get("title")), "text": text, "site": feed_title}


def _clean(value: str | None) -> str | None:
    return " ".join(_TAGS.sub(" ", value).split()) or None if value else None


def _bozo_reason(parsed) -> str:
    exc = parsed.get("bozo_exception")
    return type(exc).__name__ if exc is not None else "malformed"

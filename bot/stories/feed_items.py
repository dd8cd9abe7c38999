"""Analyse one recorded feed item: fetch its page, analyse it, store the article once, match it to
the channel's stories, and mark the item done. One task per item (bot/tasks runs it).

Idempotent, so a queue that delivers at least once is safe:
- an item already final (`done`, `failed`) or gone (its feed removed) is a no-op;
- the result is stored in one transaction that first claims the item (`pending` -> `done`); a second
  worker analysing the same item at the same moment finds the claim taken and stores nothing; the
  article row itself is unique by canonical URL (bot/reports/repository.upsert_article);
- an article already analysed (in this channel, or another: the same engine gives the same report)
  is re-used, not fetched again.

Failures: a page that cannot be read falls back to the feed's own text of the item when that is an
article (MIN_SUMMARY_WORDS). Without one, a refusal that would recur (address not public, not a web
page, no article text, not English) makes the item done with its reason in `error`; anything else
(a timeout, a 5xx, an analysis that crashes) counts an attempt and raises
ItemRetry so the queue tries again; after FEED_ITEM_MAX_ATTEMPTS the item is recorded `failed`
with its last error and never picked up again: a poison item never blocks its feed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from bot import fetch
from bot.analysis import ENGINE_VERSION, Report, analyze
from bot.analysis.errors import InputError
from bot.config import Settings
from bot.fetch.errors import FetchError, FetchTimeout, HTTPStatusError, SiteUnreachable
from bot.fetch.extract import ExtractedArticle
from bot.logging_setup import log_context
from bot.reports import repository as reports_repo
from bot.store.articles import ReportRow
from bot.store.base import utcnow
from bot.store.db import session_scope
from bot.store.stories_models import Feed, FeedItem
from bot.stories.attach import match_report
from bot.stories.tracking import channel_stories

log = logging.getLogger(__name__)

FEED_ITEM_MAX_ATTEMPTS = 3
MIN_SUMMARY_WORDS = 40  # an entry's own text, used when its page cannot be read, must be an article

Analyzer = Callable[..., Report]
ArticleFetcher = Callable[[str], ExtractedArticle]


class ItemRetry(Exception):
    """The analysis failed in a way that may pass (attempt `attempt` of FEED_ITEM_MAX_ATTEMPTS): try again."""

    def __init__(self, feed_id: int, item_key: str, attempt: int, reason: str):
        super().__init__(f"feed {feed_id} item {item_key}: attempt {attempt} failed ({reason})")
        self.attempt = attempt


@dataclass
class ItemOutcome:
    status: str  # analysed | unreadable | failed | already | gone
    attached: list[str]  # story names
    error: str | None = None


class FeedItemAnalyser:
    def __init__(
        self,
        settings: Settings,
        session_factory: sessionmaker[Session],
        *,
        analyzer: Analyzer = analyze,
        fetch_article: ArticleFetcher | None = None,
        clock: Callable[[], datetime] = utcnow,
    ):
        self.settings = settings
        self.session_factory = session_factory
        self.analyzer = analyzer
        self.fetch_article = fetch_article or (
            lambda url: fetch.fetch_article(url, allow_private=settings.fetch_allow_private)
        )
        self.clock = clock

    def analyse(self, feed_id: int, item_key: str) -> ItemOutcome:
        with session_scope(self.session_factory) as session:
            found = session.execute(
                select(FeedItem.status, FeedItem.entry, Feed.team_id, Feed.channel_id)
                .join(Feed, Feed.id == FeedItem.feed_id)
                .where(FeedItem.feed_id == feed_id, FeedItem.item_key == item_key)
            ).first()
            if found is None:
                return ItemOutcome("gone", [])
            status, entry, team_id, channel_id = found
            if status != "pending":
                return ItemOutcome("already", [])
            entry = entry or {}
            report_row, report = _existing_report(session, team_id, channel_id, entry.get("link"))
        with log_context(workspace_id=team_id or None, channel_id=channel_id, feed_id=feed_id):
            if report is None:
                try:
                    report = self._analyse(entry)
                except _Unreadable as exc:
                    return self._finish(feed_id, item_key, "done", str(exc), "unreadable")
                except Exception as exc:
                    return self._attempt_failed(feed_id, item_key, _reason(exc))
            return self._store(feed_id, item_key, entry.get("link"), report_row, report)

    def _analyse(self, entry: dict) -> Report:
        link, fallback = entry.get("link"), _fallback_article(entry)

        def fetcher(url: str) -> ExtractedArticle:
            try:
                return self.fetch_article(url)
            except FetchError as exc:
                if fallback is None:
                    raise
                log.info("item %s unreadable (%s); using the feed's own text", url, exc.user_message)
                return fallback

        limits = {"max_chars": self.settings.max_chars, "model": self.settings.spacy_model}
        try:
            if link:
                return self.analyzer(url=link, fetcher=fetcher, **limits)
            if fallback is not None:
                report = self.analyzer(text=fallback.text, **limits)
                report.article.title = fallback.title
                return report
        except FetchError as exc:
            if _transient(exc):
                raise
            raise _Unreadable(exc.user_message) from exc
        except InputError as exc:  # not English, no text: refused, and it would be again
            raise _Unreadable(exc.user_message) from exc
        raise _Unreadable("the item has no link and too little text of its own")

    def _store(self, feed_id: int, item_key: str, link, report_row: ReportRow | None, report: Report) -> ItemOutcome:
        with session_scope(self.session_factory) as session:
            feed = session.get(Feed, feed_id)
            if feed is None or not _claim(session, feed_id, item_key, "done"):
                return ItemOutcome("already" if feed else "gone", [])
            if report_row is None:
                report_row = reports_repo.save_report(
                    session, report, team_id=feed.team_id, channel_id=feed.channel_id, user_id=None,
                    engine_version=ENGINE_VERSION, requested_url=link,
                )  # fmt: skip
            attached = match_report(
                session, stories=channel_stories(session, feed.team_id, feed.channel_id), report_row=report_row,
                report=report, url=link, via="feed", threshold=self.settings.story_match_threshold,
                pinned_story_id=feed.story_id, now=self.clock(),
            )  # fmt: skip
            session.execute(
                update(FeedItem)
                .where(FeedItem.feed_id == feed_id, FeedItem.item_key == item_key)
                .values(article_id=report_row.article_id, entry=None, error=None)
            )
            return ItemOutcome("analysed", [item.story_name for item in attached])

    def _attempt_failed(self, feed_id: int, item_key: str, reason: str) -> ItemOutcome:
        with session_scope(self.session_factory) as session:
            item = session.scalar(
                select(FeedItem).where(FeedItem.feed_id == feed_id, FeedItem.item_key == item_key).with_for_update()
            )
            if item is None or item.status != "pending":
                return ItemOutcome("already" if item else "gone", [])
            item.attempts += 1
            item.error = reason[:1000]
            attempt = item.attempts
        if attempt < FEED_ITEM_MAX_ATTEMPTS:
            log.info("feed item %s: attempt %d failed (%s); retrying", item_key, attempt, reason)
            raise ItemRetry(feed_id, item_key, attempt, reason)
        log.warning("feed item %s failed %d times (%s); giving up on it", item_key, attempt, reason)
        return self._finish(feed_id, item_key, "failed", reason, "failed")

    def _finish(self, feed_id: int, item_key: str, status: str, error: str, outcome: str) -> ItemOutcome:
        with session_scope(self.session_factory) as session:
            if _claim(session, feed_id, item_key, status, error=error[:1000]):
                return ItemOutcome(outcome, [], error)
        return ItemOutcome("already", [])


class _Unreadable(Exception):
    """Nothing to analyse however often we try (a refused page, no article text): final."""


def _claim(session: Session, feed_id: int, item_key: str, status: str, **values) -> bool:
    """Move the item from pending to a final status; False when another worker already did."""
    changed = session.execute(
        update(FeedItem)
        .where(FeedItem.feed_id == feed_id, FeedItem.item_key == item_key, FeedItem.status == "pending")
        .values(status=status, entry=None, **values)
    )
    return changed.rowcount == 1


def _transient(exc: FetchError) -> bool:
    """Fetch failures worth another attempt: the site was slow, down or erring, not refusing."""
    if isinstance(exc, HTTPStatusError):
        return exc.status >= 500 or exc.status == 429
    return isinstance(exc, FetchTimeout | SiteUnreachable)


def _reason(exc: Exception) -> str:
    return exc.user_message if isinstance(exc, FetchError) else f"{type(exc).__name__}: {exc}"[:300]


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


def _fallback_article(entry: dict) -> ExtractedArticle | None:
    text = entry.get("text") or ""
    if len(text.split()) < MIN_SUMMARY_WORDS:
        return None
    return ExtractedArticle(text=text, url=entry.get("link"), title=entry.get("title"), site=entry.get("site"))

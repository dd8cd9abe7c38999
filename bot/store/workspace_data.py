"""Stopping and forgetting a workspace's data when Slack says it revoked Copydesk or uninstalled it.

Two levels, because Slack announces an uninstall as two events in no promised order:
- `stop_workspace` (its bot token was revoked): nothing can be posted there any more, so its
  digest schedules, pending digests and feeds go, and the scheduler finds nothing of it to run;
- `forget_workspace` (the app was uninstalled): everything it left is deleted as well: stories
  and their articles, digest history, channel settings, reply claims and checks, reports, and the
  articles no other workspace's report or story still uses. Copydesk keeps nothing a workspace
  did not ask it to keep, and an uninstall is the workspace asking for nothing.

Rows are deleted child first: SQLite only cascades with foreign keys on, and explicit deletes
say what goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, exists, select, update
from sqlalchemy.orm import Session

from bot.store.articles import ArticleRow, ReportRow
from bot.store.slack_state import ChannelSetting, ClaimCheck, MessageClaim, ProcessedEvent
from bot.store.stories_models import Digest, DigestSchedule, Feed, FeedItem, Story, StoryArticle


@dataclass
class Removed:
    rows: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, count: int | None) -> None:
        self.rows[table] = self.rows.get(table, 0) + (count or 0)

    def __str__(self) -> str:
        return ", ".join(f"{count} {table}" for table, count in self.rows.items() if count) or "nothing"


def stop_workspace(session: Session, team_id: str) -> Removed:
    """Delete what would make the scheduler act for `team_id`: schedules, pending digests, feeds."""
    removed = Removed()
    feeds = select(Feed.id).where(Feed.team_id == team_id)
    removed.add("feed_items", session.execute(delete(FeedItem).where(FeedItem.feed_id.in_(feeds))).rowcount)
    removed.add("feeds", session.execute(delete(Feed).where(Feed.team_id == team_id)).rowcount)
    removed.add(
        "digest_schedules", session.execute(delete(DigestSchedule).where(DigestSchedule.team_id == team_id)).rowcount
    )
    pending = delete(Digest).where(Digest.team_id == team_id, Digest.status == "pending")
    removed.add("digests", session.execute(pending).rowcount)
    return removed


def forget_workspace(session: Session, team_id: str) -> Removed:
    """Delete everything Copydesk holds for `team_id` (see the module docstring)."""
    removed = stop_workspace(session, team_id)
    stories = select(Story.id).where(Story.team_id == team_id)
    reports = select(ReportRow.id).where(ReportRow.team_id == team_id)
    article_ids = set(session.scalars(select(ReportRow.article_id).where(ReportRow.team_id == team_id)))
    article_ids |= set(session.scalars(select(StoryArticle.article_id).where(StoryArticle.story_id.in_(stories))))
    for table, statement in (
        ("story_articles", delete(StoryArticle).where(StoryArticle.story_id.in_(stories))),
        ("stories", delete(Story).where(Story.team_id == team_id)),
        ("digests", delete(Digest).where(Digest.team_id == team_id)),
        ("slack_claim_checks", delete(ClaimCheck).where(ClaimCheck.report_id.in_(reports))),
        ("reports", delete(ReportRow).where(ReportRow.team_id == team_id)),
        ("slack_channel_settings", delete(ChannelSetting).where(ChannelSetting.team_id == team_id)),
        ("slack_message_claims", delete(MessageClaim).where(MessageClaim.team_id == team_id)),
        ("slack_processed_events", delete(ProcessedEvent).where(ProcessedEvent.team_id == team_id)),
    ):
        removed.add(table, session.execute(statement.execution_options(synchronize_session=False)).rowcount)
    removed.add("articles", _delete_unused_articles(session, article_ids))
    return removed


def _delete_unused_articles(session: Session, article_ids: set[int]) -> int:
    """Articles only this workspace used; one another workspace reported on or follows stays."""
    if not article_ids:
        return 0
    still_used = exists().where(ReportRow.article_id == ArticleRow.id) | exists().where(
        StoryArticle.article_id == ArticleRow.id
    )
    unused = select(ArticleRow.id).where(ArticleRow.id.in_(article_ids), ~still_used)
    ids = list(session.scalars(unused))
    if not ids:
        return 0
    # Another workspace's feed may have seen the same entry: it stays seen, without the article.
    session.execute(update(FeedItem).where(FeedItem.article_id.in_(ids)).values(article_id=None))
    return session.execute(delete(ArticleRow).where(ArticleRow.id.in_(ids))).rowcount or 0

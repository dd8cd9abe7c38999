"""Every table, imported in one place so Alembic and tests see the whole schema."""

from __future__ import annotations

from bot.store.articles import ArticleRow, ReportRow
from bot.store.base import Base
from bot.store.slack_state import ChannelSetting, ClaimCheck, MessageClaim, ProcessedEvent
from bot.store.stories_models import Digest, DigestSchedule, Feed, FeedItem, Story, StoryArticle

metadata = Base.metadata

__all__ = [
    "ArticleRow",
    "Base",
    "ChannelSetting",
    "Digest",
    "DigestSchedule",
    "Feed",
    "FeedItem",
    "ClaimCheck",
    "MessageClaim",
    "ProcessedEvent",
    "ReportRow",
    "Story",
    "StoryArticle",
    "metadata",
]

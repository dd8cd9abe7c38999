"""Every table, imported in one place so Alembic and tests see the whole schema."""

from __future__ import annotations

from bot.store.articles import ArticleRow, ReportRow
from bot.store.base import Base
from bot.store.slack_state import ChannelSetting, ClaimCheck, MessageClaim, ProcessedEvent

metadata = Base.metadata

__all__ = [
    "ArticleRow",
    "Base",
    "ChannelSetting",
    "ClaimCheck",
    "MessageClaim",
    "ProcessedEvent",
    "ReportRow",
    "metadata",
]

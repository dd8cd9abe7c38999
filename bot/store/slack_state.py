"""Slack-side state: delivered events, replied-to messages, channel settings, claim checks.

Slack delivers at least once, and several workers may receive the same delivery; the unique
constraints here are what make "one message in, at most one reply out" hold across processes.
Everything is keyed by workspace (team_id) and channel so nothing leaks between them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.base import Base, UTCDateTime, utcnow


class ProcessedEvent(Base):
    """An Events API / Socket Mode delivery seen once; a redelivery with the same id is dropped."""

    __tablename__ = "slack_processed_events"
    __table_args__ = (UniqueConstraint("team_id", "event_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), default="")
    event_id: Mapped[str] = mapped_column(String(64))
    event_type: Mapped[str | None] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class MessageClaim(Base):
    """The one reply Copydesk owes a Slack message, claimed before any work starts."""

    __tablename__ = "slack_message_claims"
    __table_args__ = (UniqueConstraint("team_id", "channel_id", "message_ts"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), default="")
    channel_id: Mapped[str] = mapped_column(String(32))
    message_ts: Mapped[str] = mapped_column(String(32))
    surface: Mapped[str] = mapped_column(String(16))  # mention | shortcut | auto
    user_id: Mapped[str | None] = mapped_column(String(32))
    reply_ts: Mapped[str | None] = mapped_column(String(32))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class ChannelSetting(Base):
    __tablename__ = "slack_channel_settings"
    __table_args__ = (UniqueConstraint("team_id", "channel_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), default="")
    channel_id: Mapped[str] = mapped_column(String(32))
    auto_mode: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_by: Mapped[str | None] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ClaimCheck(Base):
    """A flagged claim a person has checked: who and when, shown on the report message."""

    __tablename__ = "slack_claim_checks"
    __table_args__ = (UniqueConstraint("report_id", "sentence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    sentence: Mapped[int] = mapped_column(Integer)  # index into the report's sentences
    checked_by: Mapped[str] = mapped_column(String(32))
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

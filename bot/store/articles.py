"""Articles (stored once per canonical URL or text hash) and the reports made of them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.base import Base, UTCDateTime, utcnow


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    canonical_url: Mapped[str | None] = mapped_column(String(2048), unique=True)
    text_hash: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str | None] = mapped_column(String(1000))
    site: Mapped[str | None] = mapped_column(String(300))
    published: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str | None] = mapped_column(Text)  # None once purged by retention
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class ReportRow(Base):
    __tablename__ = "reports"
    __table_args__ = (Index("ix_reports_scope_article", "team_id", "channel_id", "article_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[str] = mapped_column(String(32), default="")
    channel_id: Mapped[str] = mapped_column(String(32), default="")
    user_id: Mapped[str | None] = mapped_column(String(32))
    engine_version: Mapped[str] = mapped_column(String(32))
    report: Mapped[dict | None] = mapped_column(JSON)  # Report.to_dict(); None once purged
    message_ts: Mapped[str | None] = mapped_column(String(32))
    thread_ts: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

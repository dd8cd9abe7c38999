"""Tracked stories, the articles matched to them, channel feeds, digest schedules and digests.

Everything is scoped by workspace (team_id) and channel: two channels can track stories with
the same name and never see each other's articles. Story and digest history outlives the
article text and reports that retention purges: a story article keeps the short summary the
digest needs (title, site, link, top facts, actors, flagged claims) in `summary`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.base import Base, UTCDateTime, utcnow


class Story(Base):
    __tablename__ = "stories"
    __table_args__ = (UniqueConstraint("team_id", "channel_id", "name_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), default="")
    channel_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))  # case-folded name: "Harbor Bridge" == "harbor bridge"
    terms: Mapped[list] = mapped_column(JSON, default=list)  # keywords and quoted phrases
    actors: Mapped[list] = mapped_column(JSON, default=list)  # [{"name", "aliases": [...]}]
    created_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class StoryArticle(Base):
    """An article attached to a story, with why it matched and what a digest shows of it."""

    __tablename__ = "story_articles"
    __table_args__ = (
        UniqueConstraint("story_id", "article_id"),
        Index("ix_story_articles_story_matched", "story_id", "matched_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id", ondelete="SET NULL"), index=True)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    why: Mapped[list] = mapped_column(JSON, default=list)  # ["actor Maria Lopez (as 'Lopez')", ...]
    via: Mapped[str] = mapped_column(String(16), default="channel")  # channel | feed | report
    summary: Mapped[dict] = mapped_column(JSON, default=dict)
    matched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Feed(Base):
    __tablename__ = "feeds"
    __table_args__ = (UniqueConstraint("team_id", "channel_id", "url_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), default="")
    channel_id: Mapped[str] = mapped_column(String(32))
    url: Mapped[str] = mapped_column(String(2048))
    url_key: Mapped[str] = mapped_column(String(2048))  # canonical URL
    story_id: Mapped[int | None] = mapped_column(ForeignKey("stories.id", ondelete="SET NULL"))
    title: Mapped[str | None] = mapped_column(String(500))
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    failures: Mapped[int] = mapped_column(Integer, default=0)  # consecutive
    failure_notified: Mapped[bool] = mapped_column(Boolean, default=False)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_polled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_poll_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    created_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FeedItem(Base):
    """A feed entry: recorded by the poll that first saw it (`pending`), then analysed once by its own
    task. The unique (feed, key) keeps a second poll from recording it again; the status keeps a
    second analysis from storing it again. `done` (analysed and matched, or nothing readable: see
    `error`) and `failed` (gave up after FEED_ITEM_MAX_ATTEMPTS) are final."""

    __tablename__ = "feed_items"
    __table_args__ = (UniqueConstraint("feed_id", "item_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"))
    item_key: Mapped[str] = mapped_column(String(2048))  # canonical link, else the entry id
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending | done | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # analyses that failed so far
    error: Mapped[str | None] = mapped_column(Text)  # why it was not analysed (the last failure)
    # What the analysis needs from the feed: {"link", "title", "text", "site"}; cleared once final.
    entry: Mapped[dict | None] = mapped_column(JSON)


class DigestSchedule(Base):
    __tablename__ = "digest_schedules"
    __table_args__ = (UniqueConstraint("team_id", "channel_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), default="")
    channel_id: Mapped[str] = mapped_column(String(32))
    time: Mapped[str] = mapped_column(String(5), default="09:00")  # HH:MM, local to `timezone`
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    days: Mapped[str] = mapped_column(String(32), default="mon,tue,wed,thu,fri,sat,sun")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    # The channel's reports up to this id have been matched against its stories.
    matched_through_report_id: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Digest(Base):
    """One digest of one channel for one period, recorded BEFORE it is posted (exactly once)."""

    __tablename__ = "digests"
    __table_args__ = (UniqueConstraint("team_id", "channel_id", "period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), default="")
    channel_id: Mapped[str] = mapped_column(String(32))
    period: Mapped[str] = mapped_column(String(64))  # local date "2026-11-24", or "now:<utc time>"
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending | posted | skipped | empty
    since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    until: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # a poster's lease
    message_ts: Mapped[str | None] = mapped_column(String(32))
    stories: Mapped[list] = mapped_column(JSON, default=list)  # [{"story_id", "name", "articles"}]
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

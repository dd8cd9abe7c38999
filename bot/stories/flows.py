"""Story use cases that span several steps, written once for every caller (slash command, button, CLI).

- start tracking: track (or update) a story, give its channel a digest schedule, attach the
  coverage that already matches;
- track from a report: the same, seeded from a report, which is attached whatever its score;
- preview a digest: attach the channel's newest reports, then compose what a digest would hold now.

Each takes the session factory and plain values; none sees a Slack payload.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from bot.analysis.report import Report
from bot.reports import repository as reports_repo
from bot.store.articles import ArticleRow
from bot.store.db import session_scope
from bot.stories import attach, tracking
from bot.stories.digest import DigestContent, compose_digest, window_start
from bot.stories.matching import StoryActor


@dataclass(frozen=True)
class Tracked:
    created: bool
    channel_id: str
    name: str
    terms: list[str]
    actor_names: list[str]
    found: int  # earlier articles attached by the backfill


def _track(
    session: Session, *, team_id: str, channel_id: str, name: str, terms: list[str],
    actors: list[StoryActor] | None, user_id: str, timezone: str, digest_time: str,
) -> tracking.TrackResult:  # fmt: skip
    result = tracking.track(
        session, team_id=team_id, channel_id=channel_id, name=name, terms=terms, actors=actors, user_id=user_id
    )
    tracking.ensure_schedule(session, team_id, result.story.channel_id, timezone=timezone, time=digest_time)
    return result


def _tracked(result: tracking.TrackResult, found: int) -> Tracked:
    """What the story follows now, as stored."""
    story = result.story
    return Tracked(
        result.created, story.channel_id, story.name, list(story.terms), [a["name"] for a in story.actors], found
    )


def start_tracking(
    session_factory: sessionmaker, *, team_id: str, channel_id: str, name: str, terms: list[str],
    user_id: str, timezone: str, digest_time: str, threshold: float,
) -> Tracked:  # fmt: skip
    """`/copydesk track`: a new story is backfilled with the past week's matching coverage."""
    with session_scope(session_factory) as session:
        result = _track(
            session, team_id=team_id, channel_id=channel_id, name=name, terms=terms, actors=None,
            user_id=user_id, timezone=timezone, digest_time=digest_time,
        )  # fmt: skip
        found = attach.backfill_story(session, result.story, threshold) if result.created else 0
        return _tracked(result, found)


def track_from_report(
    session_factory: sessionmaker, *, team_id: str, channel_id: str, report_id: int | None,
    user_id: str, timezone: str, digest_time: str, threshold: float,
) -> Tracked | None:  # fmt: skip
    """"Track this story" on a report: None when the report is unknown here (or gone)."""
    with session_scope(session_factory) as session:
        row = reports_repo.get_report(session, report_id, team_id=team_id) if report_id is not None else None
        if row is None or row.report is None:
            return None
        report = Report.from_dict(row.report)
        name, terms, actors = tracking.seed_from_report(report)
        result = _track(
            session, team_id=team_id, channel_id=channel_id or row.channel_id, name=name, terms=terms,
            actors=actors, user_id=user_id, timezone=timezone, digest_time=digest_time,
        )  # fmt: skip
        attach.match_report(
            session, stories=[result.story], report_row=row, report=report,
            url=session.get(ArticleRow, row.article_id).canonical_url, via="report",
            threshold=0.0, pinned_story_id=result.story.id, pinned_reason="tracked from this report",
        )  # fmt: skip
        found = attach.backfill_story(session, result.story, threshold)
        # Told as seeded from the report (for a story already tracked, what this click asked for).
        return Tracked(result.created, result.story.channel_id, name, terms, [a.name for a in actors], found)


def preview_digest(
    session_factory: sessionmaker, team_id: str, channel_id: str, threshold: float, now: datetime
) -> DigestContent:
    """What the channel's digest would hold now: its newest reports attached first."""
    with session_scope(session_factory) as session:
        attach.match_new_channel_reports(session, team_id, channel_id, threshold, now=now)
    with session_scope(session_factory) as session:
        since = window_start(session, team_id, channel_id, now)
        return compose_digest(session, team_id, channel_id, since=since, until=now)

"""Attach analysed articles to the channel's stories they match, and remember why.

Every report made in a channel is matched: reports from feeds as they arrive, reports from
Slack by `match_new_channel_reports`, a sweep over the channel's reports since the last one it
saw (the scheduler runs it, and every digest runs it first), so no listener has to remember to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.analysis.report import Report
from bot.store.articles import ArticleRow, ReportRow
from bot.store.base import utcnow
from bot.store.stories_models import DigestSchedule, Story, StoryArticle
from bot.stories.matching import Match, best_matches
from bot.stories.summary import article_summary
from bot.stories.tracking import channel_stories, profile_of

BACKFILL = timedelta(days=7)  # a new story picks up the channel's articles from the past week
BACKFILL_LIMIT = 500
SWEEP_LIMIT = 500  # reports matched per channel per sweep; the rest on the next one


@dataclass
class Attached:
    story_id: int
    story_name: str
    why: list[str]


def attach(
    session: Session,
    story: Story,
    *,
    article_id: int,
    report_id: int | None,
    summary: dict,
    match: Match,
    via: str,
    now: datetime | None = None,
) -> bool:
    """Attach once: False when the article is already on the story (another feed, another report)."""
    exists = session.scalar(
        select(StoryArticle.id).where(StoryArticle.story_id == story.id, StoryArticle.article_id == article_id)
    )
    if exists:
        return False
    row = StoryArticle(
        story_id=story.id,
        article_id=article_id,
        report_id=report_id,
        score=match.score,
        why=list(match.why),
        via=via,
        summary=summary,
        matched_at=now or utcnow(),
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:  # a concurrent matcher attached it first
        return False
    return True


def match_report(
    session: Session,
    *,
    stories: list[Story],
    report_row: ReportRow,
    report: Report,
    url: str | None,
    via: str,
    threshold: float,
    pinned_story_id: int | None = None,
    pinned_reason: str = "from the story's feed",
    now: datetime | None = None,
) -> list[Attached]:
    """Attach one report to each story it matches; `pinned_story_id` (a story's own feed) always attaches."""
    profiles = [(story.id, profile_of(story)) for story in stories]
    matches = dict(best_matches(profiles, report, threshold))
    if pinned_story_id is not None and pinned_story_id not in matches:
        matches[pinned_story_id] = Match(0.0, [pinned_reason])
    summary = article_summary(report, url=url)
    attached = []
    for story in stories:
        match = matches.get(story.id)
        if match is None:
            continue
        if attach(
            session, story, article_id=report_row.article_id, report_id=report_row.id,
            summary=summary, match=match, via=via, now=now,
        ):  # fmt: skip
            attached.append(Attached(story.id, story.name, match.why))
    return attached


def _reports_with_urls(session: Session, query) -> list[tuple[ReportRow, str | None]]:
    rows = session.execute(
        query.join(ArticleRow, ArticleRow.id == ReportRow.article_id).add_columns(ArticleRow.canonical_url)
    )
    return [(row, url) for row, url in rows]


def match_new_channel_reports(
    session: Session, team_id: str, channel_id: str, threshold: float, *, now: datetime | None = None
) -> int:
    """Match the channel's reports made since the last sweep; returns how many attachments were made."""
    schedule = session.scalar(
        select(DigestSchedule).where(DigestSchedule.team_id == (team_id or ""), DigestSchedule.channel_id == channel_id)
    )
    if schedule is None:  # no story was ever tracked here
        return 0
    stories = channel_stories(session, team_id, channel_id)
    query = (
        select(ReportRow)
        .where(
            ReportRow.team_id == (team_id or ""),
            ReportRow.channel_id == channel_id,
            ReportRow.id > schedule.matched_through_report_id,
        )
        .order_by(ReportRow.id)
        .limit(SWEEP_LIMIT)
    )
    count = 0
    for row, url in _reports_with_urls(session, query):
        schedule.matched_through_report_id = row.id
        if row.report is None or not stories:
            continue
        # Feed reports were matched when they arrived; attaching is idempotent, so they are skipped.
        count += len(
            match_report(
                session, stories=stories, report_row=row, report=Report.from_dict(row.report),
                url=url, via="channel", threshold=threshold, now=now,
            )
        )  # fmt: skip
    session.flush()
    return count


def backfill_story(session: Session, story: Story, threshold: float, *, now: datetime | None = None) -> int:
    """Match a newly tracked story against the channel's reports of the past week."""
    since = (now or utcnow()) - BACKFILL
    query = (
        select(ReportRow)
        .where(
            ReportRow.team_id == story.team_id,
            ReportRow.channel_id == story.channel_id,
            ReportRow.created_at >= since,
            ReportRow.report.is_not(None),
        )
        .order_by(ReportRow.id.desc())
        .limit(BACKFILL_LIMIT)
    )
    count = 0
    for row, url in _reports_with_urls(session, query):
        count += len(
            match_report(
                session, stories=[story], report_row=row, report=Report.from_dict(row.report),
                url=url, via="channel", threshold=threshold, now=now,
            )
        )  # fmt: skip
    return count

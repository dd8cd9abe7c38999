"""Use cases: track, list, untrack and edit a channel's stories. Scoped by workspace and channel."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.analysis.report import Report
from bot.store.base import utcnow
from bot.store.stories_models import DigestSchedule, Story, StoryArticle
from bot.stories.matching import StoryActor, StoryProfile, dedupe, headline, normalise

MAX_NAME = 200
SEED_ACTORS = 3
SEED_TERMS = 3
SEED_TYPES = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW", "PRODUCT")
# Words that make poor story terms even when frequent in key facts.
STOPWORDS = frozenset(
    [
        "about",
        "after",
        "again",
        "against",
        "also",
        "among",
        "because",
        "been",
        "before",
        "being",
        "between",
        "both",
        "could",
        "during",
        "every",
        "from",
        "have",
        "having",
        "here",
        "into",
        "just",
        "like",
        "more",
        "most",
        "much",
        "must",
        "other",
        "over",
        "said",
        "says",
        "same",
        "some",
        "such",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "under",
        "until",
        "upon",
        "very",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "will",
        "with",
        "would",
        "year",
        "years",
        "week",
        "weeks",
        "today",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "percent",
        "million",
        "billion",
        "people",
        "time",
        "first",
        "last",
        "next",
        "new",
    ]
)


class StoryError(ValueError):
    """A request the user can fix; the message says how."""


def story_key(name: str) -> str:
    return normalise(name)[:MAX_NAME]


def profile_of(story: Story) -> StoryProfile:
    return StoryProfile(
        name=story.name,
        terms=tuple(story.terms or ()),
        actors=tuple(StoryActor.from_dict(actor) for actor in story.actors or ()),
    )


def find_story(session: Session, team_id: str, channel_id: str, name: str) -> Story | None:
    return session.scalar(
        select(Story).where(
            Story.team_id == (team_id or ""), Story.channel_id == channel_id, Story.name_key == story_key(name)
        )
    )


def channel_stories(session: Session, team_id: str, channel_id: str) -> list[Story]:
    return list(
        session.scalars(
            select(Story).where(Story.team_id == (team_id or ""), Story.channel_id == channel_id).order_by(Story.id)
        )
    )


def ensure_schedule(session: Session, team_id: str, channel_id: str, *, timezone: str, time: str) -> DigestSchedule:
    """The channel's digest schedule, created with the defaults the first time a story is tracked."""
    schedule = session.scalar(
        select(DigestSchedule).where(DigestSchedule.team_id == (team_id or ""), DigestSchedule.channel_id == channel_id)
    )
    if schedule is None:
        schedule = DigestSchedule(team_id=team_id or "", channel_id=channel_id, time=time, timezone=timezone)
        # Reports made before the first story are matched by the backfill in `track`, not the sweep.
        schedule.matched_through_report_id = _latest_report_id(session, team_id, channel_id)
        session.add(schedule)
        session.flush()
    return schedule


@dataclass
class TrackResult:
    story: Story
    created: bool


def track(
    session: Session,
    *,
    team_id: str,
    channel_id: str,
    name: str,
    terms: list[str],
    actors: list[StoryActor] | None = None,
    user_id: str | None,
) -> TrackResult:
    """Create a story, or replace the terms (and actors, when given) of an existing one."""
    name = " ".join(name.split())[:MAX_NAME]
    if not story_key(name):
        raise StoryError("Give the story a name: `/copydesk track <name> [terms...]`.")
    terms = dedupe(terms) or [name]
    story = find_story(session, team_id, channel_id, name)
    created = story is None
    if story is None:
        story = Story(
            team_id=team_id or "", channel_id=channel_id, name=name, name_key=story_key(name), created_by=user_id
        )
        story.actors = []
        session.add(story)
    story.terms = terms
    if actors is not None:
        story.actors = [actor.to_dict() for actor in actors]
    session.flush()
    return TrackResult(story, created)


def untrack(session: Session, team_id: str, channel_id: str, name: str) -> bool:
    story = find_story(session, team_id, channel_id, name)
    if story is None:
        return False
    session.delete(story)
    session.flush()
    return True


@dataclass
class StoryListing:
    name: str
    terms: list[str]
    actors: list[str]
    articles: int
    last_article_at: datetime | None


def list_stories(session: Session, team_id: str, channel_id: str) -> list[StoryListing]:
    stories = channel_stories(session, team_id, channel_id)
    counts = {
        story_id: (count, last)
        for story_id, count, last in session.execute(
            select(StoryArticle.story_id, func.count(), func.max(StoryArticle.matched_at))
            .where(StoryArticle.story_id.in_([s.id for s in stories]))
            .group_by(StoryArticle.story_id)
        )
    }
    return [
        StoryListing(
            name=story.name,
            terms=list(story.terms or ()),
            actors=[actor["name"] for actor in story.actors or ()],
            articles=counts.get(story.id, (0, None))[0],
            last_article_at=counts.get(story.id, (0, None))[1],
        )
        for story in stories
    ]


def stories_followed_by(session: Session, team_id: str, user_id: str, limit: int = 10) -> list[Story]:
    """The stories a person started in this workspace, newest first (for their App Home)."""
    return list(
        session.scalars(
            select(Story)
            .where(Story.team_id == (team_id or ""), Story.created_by == user_id)
            .order_by(Story.created_at.desc(), Story.id.desc())
            .limit(limit)
        )
    )


def seed_from_report(report: Report) -> tuple[str, list[str], list[StoryActor]]:
    """A story to follow from a report: its top actors (with aliases) and its key terms.

    The name is the headline, shortened; the user edits terms with `/copydesk track <name> ...`.
    """
    actors = [StoryActor(actor.name, tuple(actor.aliases)) for actor in report.actors if actor.type in SEED_TYPES][
        :SEED_ACTORS
    ]
    actor_words = {word for actor in actors for name in actor.names for word in normalise(name).split()}
    words = Counter(
        word
        for fact in report.key_facts
        for word in normalise(fact.text).split()
        if len(word) > 3 and word not in STOPWORDS and word not in actor_words and not word.isdigit()
    )
    terms = [word for word, count in words.most_common(SEED_TERMS * 2) if count >= 1][:SEED_TERMS]
    title = (report.article.title or headline(report.article.text)).strip()
    name = _short_name(title) if title else (actors[0].name if actors else (terms[0] if terms else "story"))
    return name, terms, actors


def _short_name(title: str, words: int = 6) -> str:
    parts = title.split()
    return " ".join(parts[:words]).rstrip(",.:;-–—")


def _latest_report_id(session: Session, team_id: str, channel_id: str) -> int:
    from bot.store.articles import ReportRow

    value = session.scalar(
        select(func.max(ReportRow.id)).where(ReportRow.team_id == (team_id or ""), ReportRow.channel_id == channel_id)
    )
    return int(value or 0)


def touch(schedule: DigestSchedule) -> None:
    schedule.updated_at = utcnow()

"""Use cases: track, list, untrack and edit a channel's stories. Scoped by workspace and channel."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from spacy.lang.en.stop_words import STOP_WORDS
from sqlalchemy.orm import Session

from bot.analysis.report import Report
from bot.store.articles import ReportRow
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


# Verbs of saying, in the forms that survive the past-tense rule in _is_term.
REPORTING_VERBS = frozenset(
    ["says", "said", "state", "states", "tell", "tells", "told", "note", "notes", "adds", "claim", "claims",
     "report", "reports", "according", "argue", "argues", "warn", "warns", "confirm", "confirms", "deny",
     "denies", "believe", "believes", "announce", "announces", "explain", "explains", "quoted", "quoting"]
)  # fmt: skip


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


def channel_schedules(session: Session, team_id: str, channel_ids: set[str]) -> dict[str, DigestSchedule]:
    """The digest schedules of these channels (for the App Home), by channel id."""
    if not channel_ids:
        return {}
    rows = session.scalars(
        select(DigestSchedule).where(
            DigestSchedule.team_id == (team_id or ""), DigestSchedule.channel_id.in_(sorted(channel_ids))
        )
    )
    return {row.channel_id: row for row in rows}


def seed_from_report(report: Report) -> tuple[str, list[str], list[StoryActor]]:
    """A story to follow from a report: its main actors (with aliases) and its key terms.

    The name is made of the same things ("Elena Ruiz, Harbor Bridge: tolls"), never a headline
    cut mid-phrase; the user edits terms with `/copydesk track <name> ...`.
    """
    actors = [actor for actor in map(_story_actor, (a for a in report.actors if a.type in SEED_TYPES)) if actor]
    actors = actors[:SEED_ACTORS]
    actor_words = {word for actor in actors for name in actor.names for word in normalise(name).split()}
    # The headline's words count twice: they say what the article is about.
    title = report.article.title or headline(report.article.text)
    texts = [title, title, *(fact.text for fact in report.key_facts)]
    words = Counter(word for text in texts for word in normalise(text or "").split() if _is_term(word, actor_words))
    terms = [word for word, _count in words.most_common(SEED_TERMS)]
    lead = ", ".join(actor.name for actor in actors[:2])
    name = f"{lead}: {terms[0]}" if lead and terms else (lead or (terms[0] if terms else "story"))
    return name, terms, actors


def _story_actor(actor) -> StoryActor | None:  # noqa: ANN001 - a report Actor
    """The actor by the names that can identify it: "US" would match the word "us" in any text."""
    names = [name for name in dedupe([actor.name, *actor.aliases]) if _identifying(name)]
    if not names:
        return None
    main = max(names, key=len) if not _identifying(actor.name) else actor.name
    return StoryActor(main, tuple(name for name in names if name != main))


def _identifying(name: str) -> bool:
    key = normalise(name)
    return len(key) > 2 and key not in STOP_WORDS


def _is_term(word: str, actor_words: set[str]) -> bool:
    """A content word worth following: not a function word, a reporting verb, a number or an actor's name."""
    if len(word) <= 3 or word.isdigit() or word in actor_words or word in STOPWORDS or word in STOP_WORDS:
        return False
    if word in REPORTING_VERBS:
        return False
    # Past tenses and adverbs ("stated", "reportedly") describe, they do not name what a story is about.
    return not (word.endswith("ly") or (word.endswith("ed") and not word.endswith("eed")))


def _latest_report_id(session: Session, team_id: str, channel_id: str) -> int:
    value = session.scalar(
        select(func.max(ReportRow.id)).where(ReportRow.team_id == (team_id or ""), ReportRow.channel_id == channel_id)
    )
    return int(value or 0)


def touch(schedule: DigestSchedule) -> None:
    schedule.updated_at = utcnow()

"""Compose a channel's digest: what is new on each tracked story since the last digest.

A fixed number of queries whatever the number of articles (stories, new story articles, earlier
actors, checked claims, last activity): the summaries needed were stored when articles matched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import groupby

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.store.slack_state import ClaimCheck
from bot.store.stories_models import Digest, Story, StoryArticle
from bot.stories.matching import normalise
from bot.stories.tracking import channel_stories

FIRST_WINDOW = timedelta(days=1)  # a channel's first digest looks back one day
SIMILAR_FACTS = 0.7  # word-overlap (Jaccard) above which two facts say the same thing
ARTICLES_SHOWN = 8  # per story; a digest names how many more there are
FACTS_SHOWN = 5
ACTORS_SHOWN = 6
CLAIMS_SHOWN = 3
STREAM_ROWS = 500  # story articles fetched at a time while composing


@dataclass
class ArticleLine:
    title: str
    site: str | None
    url: str | None
    why: list[str]


@dataclass
class ClaimLine:
    text: str
    status: str
    reason: str
    article_title: str
    url: str | None


@dataclass
class StoryNews:
    story_id: int
    name: str
    # Each list holds what a digest shows (the first ones); the counts say how many there were.
    articles: list[ArticleLine] = field(default_factory=list)
    article_count: int = 0
    facts: list[str] = field(default_factory=list)
    new_actors: list[str] = field(default_factory=list)
    more_actors: int = 0
    open_claims: list[ClaimLine] = field(default_factory=list)
    more_claims: int = 0


@dataclass
class QuietStory:
    name: str
    last_article_at: datetime | None


@dataclass
class DigestContent:
    team_id: str
    channel_id: str
    since: datetime | None
    until: datetime
    news: list[StoryNews] = field(default_factory=list)
    quiet: list[QuietStory] = field(default_factory=list)

    @property
    def has_stories(self) -> bool:
        return bool(self.news or self.quiet)

    def story_counts(self) -> list[dict]:
        return [{"story_id": n.story_id, "name": n.name, "articles": n.article_count} for n in self.news]


def window_start(session: Session, team_id: str, channel_id: str, until: datetime) -> datetime:
    """Where the next digest starts: the end of the channel's last digest, else a day back."""
    last = session.scalar(
        select(func.max(Digest.until)).where(
            Digest.team_id == (team_id or ""),
            Digest.channel_id == channel_id,
            Digest.status.in_(("posted", "pending")),
            Digest.until <= until,
        )
    )
    return last if last is not None else until - FIRST_WINDOW


def compose_digest(
    session: Session, team_id: str, channel_id: str, *, since: datetime | None, until: datetime
) -> DigestContent:
    stories = channel_stories(session, team_id, channel_id)
    content = DigestContent(team_id or "", channel_id, since, until)
    if not stories:
        return content
    ids = [story.id for story in stories]
    by_id = {story.id: story for story in stories}
    in_window = [StoryArticle.story_id.in_(ids), StoryArticle.matched_at <= until]
    if since is not None:
        in_window.append(StoryArticle.matched_at > since)
    checked = _checked_claims(session, in_window)
    known_actors = _earlier_actors(session, ids, since)
    last_seen = dict(
        session.execute(
            select(StoryArticle.story_id, func.max(StoryArticle.matched_at))
            .where(StoryArticle.story_id.in_(ids))
            .group_by(StoryArticle.story_id)
        ).all()
    )
    # Streamed story by story: each story's rows are folded into its news and dropped, so memory
    # (and the garbage collector's work) follows the digest's size, not the number of articles.
    new_rows = session.execute(
        select(StoryArticle.story_id, StoryArticle.report_id, StoryArticle.why, StoryArticle.summary)
        .where(*in_window)
        .order_by(StoryArticle.story_id, StoryArticle.matched_at, StoryArticle.id)
        .execution_options(yield_per=STREAM_ROWS)
    )
    news_by_story = {
        story_id: _story_news(by_id[story_id], rows, checked, known_actors.get(story_id, set()))
        for story_id, rows in groupby(new_rows, key=lambda row: row.story_id)
    }
    for story in stories:
        if story.id in news_by_story:
            content.news.append(news_by_story[story.id])
        else:
            content.quiet.append(QuietStory(story.name, last_seen.get(story.id)))
    return content


def _story_news(story: Story, rows: Iterable, checked: set[tuple[int, int]], known: set[str]) -> StoryNews:
    news = StoryNews(story.id, story.name)
    followed = {normalise(term) for term in story.terms or ()}
    followed |= {normalise(name) for actor in story.actors or () for name in (actor["name"], *actor.get("aliases", ()))}
    actor_counts: Counter[str] = Counter()
    actor_shown: dict[str, str] = {}
    fact_words: list[set[str]] = []
    seen_claims: set[str] = set()
    for row in rows:
        summary = row.summary or {}
        title = summary.get("title") or "(untitled)"
        news.article_count += 1
        if len(news.articles) < ARTICLES_SHOWN:
            news.articles.append(ArticleLine(title, summary.get("site"), summary.get("url"), list(row.why or ())))
        for fact in summary.get("facts", ()):
            if len(news.facts) >= FACTS_SHOWN:
                break
            words = set(normalise(fact).split())
            if words and all(_jaccard(words, other) < SIMILAR_FACTS for other in fact_words):
                fact_words.append(words)
                news.facts.append(fact)
        for actor in summary.get("actors", ()):
            key = normalise(actor["name"])
            if key and key not in known and not _is_followed(key, followed):
                actor_counts[key] += 1
                actor_shown.setdefault(key, actor["name"])
        for claim in summary.get("claims", ()):
            key = normalise(claim["text"])
            if (row.report_id, claim["sentence"]) in checked or key in seen_claims:
                continue
            seen_claims.add(key)
            if len(news.open_claims) < CLAIMS_SHOWN:
                news.open_claims.append(
                    ClaimLine(claim["text"], claim["status"], claim["reason"], title, summary.get("url"))
                )
            else:
                news.more_claims += 1
    ranked = [actor_shown[key] for key, _count in actor_counts.most_common()]
    news.new_actors, news.more_actors = ranked[:ACTORS_SHOWN], max(len(ranked) - ACTORS_SHOWN, 0)
    return news


def _checked_claims(session: Session, in_window: list) -> set[tuple[int, int]]:
    rows = session.execute(
        select(ClaimCheck.report_id, ClaimCheck.sentence)
        .join(StoryArticle, StoryArticle.report_id == ClaimCheck.report_id)
        .where(*in_window)
    ).all()
    return {(report_id, sentence) for report_id, sentence in rows}


def _earlier_actors(session: Session, story_ids: list[int], since: datetime | None) -> dict[int, set[str]]:
    """Actors each story already had before the window: only the others are 'new'."""
    if since is None:
        return {}
    known: dict[int, set[str]] = {}
    # Only the actors of each earlier summary leave the database: history can be long.
    rows = session.execute(
        select(StoryArticle.story_id, StoryArticle.summary["actors"]).where(
            StoryArticle.story_id.in_(story_ids), StoryArticle.matched_at <= since
        )
    )
    for story_id, actors in rows:
        names = known.setdefault(story_id, set())
        names.update(normalise(actor["name"]) for actor in actors or ())
    return known


def _is_followed(name: str, followed: set[str]) -> bool:
    """'elena ruiz' is followed when the story follows 'ruiz' or 'elena ruiz'."""
    padded = f" {name} "
    return any(f" {term} " in padded for term in followed)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b)

"""`/copydesk story <name>`: a story's recent articles (and why they matched), actors, open claims."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.slack_state import ClaimCheck
from bot.store.stories_models import Story, StoryArticle
from bot.stories.digest import ArticleLine, ClaimLine

RECENT_ARTICLES = 10
ACTORS_LISTED = 10
CLAIMS_LISTED = 5


@dataclass
class StoryOverview:
    name: str
    terms: list[str]
    followed_actors: list[str]
    total_articles: int
    recent: list[tuple[datetime, ArticleLine]] = field(default_factory=list)
    actors: list[tuple[str, int]] = field(default_factory=list)  # (name, articles naming them)
    open_claims: list[ClaimLine] = field(default_factory=list)


def story_overview(session: Session, story: Story) -> StoryOverview:
    rows = session.execute(
        select(StoryArticle.matched_at, StoryArticle.report_id, StoryArticle.why, StoryArticle.summary)
        .where(StoryArticle.story_id == story.id)
        .order_by(StoryArticle.matched_at.desc(), StoryArticle.id.desc())
    ).all()
    checked = {
        (report_id, sentence)
        for report_id, sentence in session.execute(
            select(ClaimCheck.report_id, ClaimCheck.sentence)
            .join(StoryArticle, StoryArticle.report_id == ClaimCheck.report_id)
            .where(StoryArticle.story_id == story.id)
        )
    }
    overview = StoryOverview(
        story.name, list(story.terms or ()), [actor["name"] for actor in story.actors or ()], total_articles=len(rows)
    )
    actors: Counter[str] = Counter()
    for matched_at, report_id, why, summary in rows:
        summary = summary or {}
        title = summary.get("title") or "(untitled)"
        if len(overview.recent) < RECENT_ARTICLES:
            overview.recent.append(
                (matched_at, ArticleLine(title, summary.get("site"), summary.get("url"), list(why or ())))
            )
        actors.update({actor["name"] for actor in summary.get("actors", ())})
        for claim in summary.get("claims", ()):
            if (report_id, claim["sentence"]) not in checked and len(overview.open_claims) < CLAIMS_LISTED:
                overview.open_claims.append(
                    ClaimLine(claim["text"], claim["status"], claim["reason"], title, summary.get("url"))
                )
    overview.actors = actors.most_common(ACTORS_LISTED)
    return overview

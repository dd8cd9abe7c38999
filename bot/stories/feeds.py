"""Use cases: a channel's feeds (add, list, remove). Polling lives in feed_poller.py."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.fetch.addresses import AddressPolicy
from bot.fetch.errors import FetchError
from bot.fetch.safe_http import check_url
from bot.reports.repository import canonical_url
from bot.store.base import utcnow
from bot.store.stories_models import Feed, Story
from bot.stories.tracking import StoryError, find_story


def feed_address(url: str, allow_private: bool) -> str:
    """The address as typed or as Slack sent it (`<url>`, `<url|label>`), refused at once when it is
    not http(s) or names a private address; StoryError says why."""
    return _check_url(url, allow_private)


def _check_url(url: str, allow_private: bool) -> str:
    url = url.strip().strip("<>").split("|", 1)[0]
    if not url.lower().startswith(("http://", "https://")):
        raise StoryError("A feed is an http(s) address: `/copydesk feed add https://example.com/rss.xml [story]`.")
    try:  # refuse what the poller would refuse anyway (a literal private address), at once
        return check_url(url, AddressPolicy(allow_private))
    except FetchError as exc:
        raise StoryError(f"Copydesk can't read that feed: {exc.user_message}.") from None


def add_feed(
    session: Session,
    *,
    team_id: str,
    channel_id: str,
    url: str,
    story_name: str | None,
    user_id: str | None,
    allow_private: bool = False,
) -> tuple[Feed, bool]:
    """The channel's feed for `url` (created, or re-pointed at `story_name`), and whether it is new."""
    url = _check_url(url, allow_private)
    story: Story | None = None
    if story_name:
        story = find_story(session, team_id, channel_id, story_name)
        if story is None:
            raise StoryError(
                f"No story called “{story_name}” in this channel. Track it first: `/copydesk track {story_name}`."
            )
    feed = find_feed(session, team_id, channel_id, url)
    created = feed is None
    if feed is None:
        feed = Feed(
            team_id=team_id or "", channel_id=channel_id, url=url, url_key=canonical_url(url), created_by=user_id
        )
        feed.next_poll_at = utcnow()  # polled on the scheduler's next sweep
        feed.failures = 0
        feed.failure_notified = False
        session.add(feed)
    feed.story_id = story.id if story else feed.story_id
    session.flush()
    return feed, created


def find_feed(session: Session, team_id: str, channel_id: str, url_or_number: str) -> Feed | None:
    feeds = channel_feeds(session, team_id, channel_id)
    value = url_or_number.strip().strip("<>").split("|", 1)[0]
    if value.isdigit() and 1 <= int(value) <= len(feeds):  # `feed remove 2`: the number `feed list` shows
        return feeds[int(value) - 1]
    if not value.lower().startswith(("http://", "https://")):
        return None
    key = canonical_url(value)
    return next((feed for feed in feeds if feed.url_key == key), None)


def channel_feeds(session: Session, team_id: str, channel_id: str) -> list[Feed]:
    return list(
        session.scalars(
            select(Feed).where(Feed.team_id == (team_id or ""), Feed.channel_id == channel_id).order_by(Feed.id)
        )
    )


def remove_feed(session: Session, team_id: str, channel_id: str, url_or_number: str) -> Feed | None:
    feed = find_feed(session, team_id, channel_id, url_or_number)
    if feed is not None:
        session.delete(feed)
        session.flush()
    return feed


def story_names(session: Session, story_ids: set[int]) -> dict[int, str]:
    if not story_ids:
        return {}
    return dict(session.execute(select(Story.id, Story.name).where(Story.id.in_(story_ids))).all())

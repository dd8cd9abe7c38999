"""`copydesk digest CHANNEL [--post]`: compose a channel's digest now; print it, or post it once."""

from __future__ import annotations

import sys

from sqlalchemy import select

from bot.config import get_settings
from bot.slack.digest_blocks import SlackDigestPublisher
from bot.store.base import utcnow
from bot.store.db import session_factory, session_scope
from bot.store.migrate import upgrade_embedded
from bot.store.stories_models import DigestSchedule, Story
from bot.stories.digest_delivery import DigestDelivery
from bot.stories.flows import preview_digest
from bot.stories.digest_text import digest_text
from bot.stories.schedule import manual_period


def channel_team(session, channel_id: str) -> str | None:
    """The workspace a channel id belongs to, from its schedule or its stories."""
    for model in (DigestSchedule, Story):
        team = session.scalar(select(model.team_id).where(model.channel_id == channel_id).limit(1))
        if team is not None:
            return team
    return None


def run_digest(channel: str, post: bool = False) -> int:
    settings = get_settings()
    upgrade_embedded(settings.resolved_database_url)
    factory = session_factory(settings.resolved_database_url)
    now = utcnow()
    with session_scope(factory) as session:
        team = channel_team(session, channel)
        if team is None:
            print(f"copydesk digest: no stories are tracked in channel {channel}", file=sys.stderr)
            return 1
    # Both paths attach the channel's newest reports first (preview_digest, DigestDelivery.deliver).
    if not post:
        content = preview_digest(factory, team, channel, settings.story_match_threshold, now)
        sys.stdout.write(digest_text(content))
        return 0
    delivery = DigestDelivery.from_settings(factory, SlackDigestPublisher(settings), settings)
    result = delivery.deliver(team, channel, manual_period(now))
    print(f"digest {result.period}: {result.status}" + (f" (ts {result.message_ts})" if result.message_ts else ""))
    return 0 if result.status in ("posted", "already", "empty") else 1

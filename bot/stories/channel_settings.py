"""Use cases: a channel's digest settings (time, timezone, days, on/off)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.stories_models import DigestSchedule
from bot.stories.schedule import parse_days, parse_time, parse_timezone
from bot.stories.tracking import ensure_schedule, touch


def get_schedule(session: Session, team_id: str, channel_id: str) -> DigestSchedule | None:
    return session.scalar(
        select(DigestSchedule).where(DigestSchedule.team_id == (team_id or ""), DigestSchedule.channel_id == channel_id)
    )


def change_schedule(
    session: Session, team_id: str, channel_id: str, what: str, value: str, *, default_timezone: str, default_time: str
) -> DigestSchedule:
    """Apply `digest time|tz|days|off VALUE`; raises ScheduleError with the right form on bad input."""
    schedule = ensure_schedule(session, team_id, channel_id, timezone=default_timezone, time=default_time)
    if what == "time":
        schedule.time = parse_time(value)
        schedule.enabled = True
    elif what in ("tz", "timezone"):
        schedule.timezone = parse_timezone(value)
    elif what == "days":
        schedule.days = parse_days(value)
        schedule.enabled = True
    elif what == "off":
        schedule.enabled = False
    elif what == "on":
        schedule.enabled = True
    touch(schedule)
    session.flush()
    return schedule

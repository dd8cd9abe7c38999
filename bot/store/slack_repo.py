"""Reads and writes of the Slack-side tables (bot.store.slack_state).

"First one wins" operations insert under a unique constraint in their own transaction: the
database, not process memory, decides which delivery of a Slack event does the work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.store.base import utcnow
from bot.store.db import session_scope
from bot.store.slack_state import ChannelSetting, ClaimCheck, MessageClaim, ProcessedEvent


def _insert_first(factory: sessionmaker[Session], row: object) -> bool:
    try:
        with session_scope(factory) as session:
            session.add(row)
        return True
    except IntegrityError:
        return False


def record_event(factory: sessionmaker[Session], team_id: str, event_id: str, event_type: str | None) -> bool:
    """True the first time this event id is seen for this workspace; False for a redelivery."""
    return _insert_first(factory, ProcessedEvent(team_id=team_id or "", event_id=event_id, event_type=event_type))


def purge_events(factory: sessionmaker[Session], older_than: timedelta = timedelta(days=2)) -> int:
    # Slack stops retrying after about an hour; two days of ids is plenty of margin.
    with session_scope(factory) as session:
        result = session.execute(delete(ProcessedEvent).where(ProcessedEvent.received_at < utcnow() - older_than))
        return result.rowcount or 0


def purge_message_claims(session: Session, retention_days: int, *, now: datetime | None = None) -> int:
    """Delete reply claims older than the retention window; the nightly retention job calls it.

    A claim only stops a redelivery or a repeated click from answering twice, and Slack stops
    redelivering within the hour; past retention the report it points at is purged anyway, so a
    click on a message that old simply gets a fresh reply. 0 keeps everything, like retention.
    """
    if retention_days <= 0:
        return 0
    cutoff = (now or utcnow()) - timedelta(days=retention_days)
    return session.execute(delete(MessageClaim).where(MessageClaim.claimed_at < cutoff)).rowcount or 0


def claim_message(
    factory: sessionmaker[Session], team_id: str, channel_id: str, message_ts: str, surface: str, user_id: str | None
) -> bool:
    """True if this call owns the reply to the message; False if another delivery or click already does."""
    claim = MessageClaim(
        team_id=team_id or "", channel_id=channel_id, message_ts=message_ts, surface=surface, user_id=user_id
    )
    return _insert_first(factory, claim)


def existing_claim(
    factory: sessionmaker[Session], team_id: str, channel_id: str, message_ts: str
) -> MessageClaim | None:
    with session_scope(factory) as session:
        return session.scalar(
            select(MessageClaim).where(
                MessageClaim.team_id == (team_id or ""),
                MessageClaim.channel_id == channel_id,
                MessageClaim.message_ts == message_ts,
            )
        )


def release_claim(factory: sessionmaker[Session], team_id: str, channel_id: str, message_ts: str) -> None:
    """Give a claim back when the reply could not be posted at all, so a later try can answer."""
    with session_scope(factory) as session:
        session.execute(
            delete(MessageClaim).where(
                MessageClaim.team_id == (team_id or ""),
                MessageClaim.channel_id == channel_id,
                MessageClaim.message_ts == message_ts,
            )
        )


def auto_mode(factory: sessionmaker[Session], team_id: str, channel_id: str) -> bool:
    with session_scope(factory) as session:
        value = session.scalar(
            select(ChannelSetting.auto_mode).where(
                ChannelSetting.team_id == (team_id or ""), ChannelSetting.channel_id == channel_id
            )
        )
        return bool(value)


def set_auto_mode(factory: sessionmaker[Session], team_id: str, channel_id: str, on: bool, user_id: str) -> None:
    for _attempt in range(2):  # a concurrent first insert loses the race once, then updates
        try:
            with session_scope(factory) as session:
                row = session.scalar(
                    select(ChannelSetting).where(
                        ChannelSetting.team_id == (team_id or ""), ChannelSetting.channel_id == channel_id
                    )
                )
                if row is None:
                    row = ChannelSetting(team_id=team_id or "", channel_id=channel_id)
                    session.add(row)
                row.auto_mode = on
                row.updated_by = user_id
                row.updated_at = utcnow()
            return
        except IntegrityError:
            continue


@dataclass(frozen=True)
class Check:
    sentence: int
    checked_by: str
    checked_at: datetime


def record_check(factory: sessionmaker[Session], report_id: int, sentence: int, user_id: str) -> Check:
    """Mark a flagged claim checked; the first person to check it stays on record."""
    _insert_first(factory, ClaimCheck(report_id=report_id, sentence=sentence, checked_by=user_id))
    return checks_for_report(factory, report_id)[sentence]


def checks_for_report(factory: sessionmaker[Session], report_id: int) -> dict[int, Check]:
    with session_scope(factory) as session:
        rows = session.scalars(select(ClaimCheck).where(ClaimCheck.report_id == report_id)).all()
        return {row.sentence: Check(row.sentence, row.checked_by, row.checked_at) for row in rows}

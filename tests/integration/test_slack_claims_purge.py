"""slack_message_claims is purged with the rest of retention: old claims go, recent ones still
stop a second reply, and retention 0 keeps everything."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from bot.store import slack_repo
from bot.store.db import session_factory, session_scope
from bot.store.slack_state import MessageClaim


def claim_aged(factory, message_ts: str, age: timedelta) -> None:  # noqa: ANN001
    assert slack_repo.claim_message(factory, "T1", "C1", message_ts, "shortcut", "U1")
    with session_scope(factory) as session:
        claim = session.scalar(sa.select(MessageClaim).where(MessageClaim.message_ts == message_ts))
        claim.claimed_at = datetime.now(UTC) - age


def test_claims_older_than_retention_are_purged_and_recent_ones_still_block_a_second_reply(database_url):
    factory = session_factory(database_url)
    claim_aged(factory, "100.1", timedelta(days=91))
    claim_aged(factory, "100.2", timedelta(days=89))

    with session_scope(factory) as session:
        assert slack_repo.purge_message_claims(session, retention_days=90) == 1

    assert slack_repo.existing_claim(factory, "T1", "C1", "100.1") is None
    assert slack_repo.claim_message(factory, "T1", "C1", "100.1", "shortcut", "U2")  # can be answered afresh
    assert not slack_repo.claim_message(factory, "T1", "C1", "100.2", "shortcut", "U2")  # still answered once


def test_retention_zero_keeps_every_claim(database_url):
    factory = session_factory(database_url)
    claim_aged(factory, "100.3", timedelta(days=4000))

    with session_scope(factory) as session:
        assert slack_repo.purge_message_claims(session, retention_days=0) == 0

    assert slack_repo.existing_claim(factory, "T1", "C1", "100.3") is not None

"""Post a channel's digest exactly once per period.

1. Record: insert the digest row (unique per channel and period) and take its lease, in one
   committed transaction, BEFORE anything is posted.
2. Post: the message carries Slack message metadata (event_type "copydesk_digest", payload with
   channel, period and digest id) and a marker block_id, so the post itself says which digest it
   is. The lease is renewed while the post is in flight (bot/stories/digest_lease.py): a slow,
   rate-limited Slack never makes a live poster look dead.
3. Mark: store the message ts on the row.

A crash between 1 and 2 leaves a pending row: whoever takes it up next (after the lease,
Settings.digest_lease_seconds) looks in the channel's history for a message with that metadata,
or with that marker when the workspace strips metadata, before posting, so a crash between 2 and 3
does not post twice either; if history cannot be read, it waits and tries again. A second
scheduler or a restart finds the row and does nothing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot import metrics
from bot.config import Settings
from bot.store.base import utcnow
from bot.store.db import session_scope
from bot.store.stories_models import Digest
from bot.stories.attach import match_new_channel_reports
from bot.stories.digest import DigestContent, compose_digest, window_start
from bot.stories.digest_lease import LeaseKeeper, in_flight

log = logging.getLogger(__name__)

EVENT_TYPE = "copydesk_digest"
# Delivery.status -> the copydesk_digests_total outcome; "busy" is counted by the process that owns it.
OUTCOMES = {"posted": "posted", "already": "already_posted", "empty": "empty"}
HISTORY_SLACK = timedelta(minutes=5)  # look this far before the row's creation for an earlier post


class DigestPublisher(Protocol):
    """The Slack side (bot/slack/digest_blocks.py): posts a digest and finds one already posted."""

    def publish(self, team_id: str, channel_id: str, content: DigestContent, metadata: dict) -> str: ...

    def find_posted(self, team_id: str, channel_id: str, metadata: dict, oldest: datetime) -> str | None: ...


@dataclass
class Delivery:
    digest_id: int
    period: str
    status: str  # posted | already | busy | empty | nothing_new | skipped
    message_ts: str | None = None
    content: DigestContent | None = None
    retry_at: datetime | None = None  # busy: when its poster's lease runs out, if another process posts it


@dataclass
class Claim:
    digest_id: int
    state: str  # new (recorded by us) | taken (its poster's lease ran out) | finished | busy
    message_ts: str | None = None  # finished
    lease_ends: datetime | None = None  # busy elsewhere: when it may be taken over


def digest_marker(digest_id: int) -> str:
    """The block_id of a digest's first block: recognises our post when history drops its metadata."""
    return f"copydesk-digest-{digest_id}"


def digest_metadata(channel_id: str, period: str, digest_id: int) -> dict:
    return {
        "event_type": EVENT_TYPE,
        "event_payload": {"channel": channel_id, "period": period, "digest_id": digest_id},
    }


class DigestDelivery:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        publisher: DigestPublisher,
        *,
        threshold: float,
        lease: timedelta,
        clock: Callable[[], datetime] = utcnow,
    ):
        self.session_factory = session_factory
        self.lease = lease
        self.publisher = publisher
        self.threshold = threshold
        self.clock = clock

    @classmethod
    def from_settings(
        cls, session_factory: sessionmaker[Session], publisher: DigestPublisher, settings: Settings, **kwargs
    ) -> DigestDelivery:
        return cls(
            session_factory, publisher, threshold=settings.story_match_threshold,
            lease=timedelta(seconds=settings.digest_lease_seconds), **kwargs,
        )  # fmt: skip

    def deliver(self, team_id: str, channel_id: str, period: str, *, require_news: bool = False) -> Delivery:
        """Post the period's digest once. With `require_news` (`digest now`), a digest with no new article
        on any story is not posted: status "nothing_new", recorded like an empty one."""
        try:
            delivery = self._deliver(team_id, channel_id, period, require_news)
        except Exception:
            metrics.DIGESTS.labels("failed").inc()
            raise
        if delivery.status in OUTCOMES:
            metrics.DIGESTS.labels(OUTCOMES[delivery.status]).inc()
        return delivery

    def _deliver(self, team_id: str, channel_id: str, period: str, require_news: bool) -> Delivery:
        now = self.clock()
        with session_scope(self.session_factory) as session:
            match_new_channel_reports(session, team_id, channel_id, self.threshold, now=now)
        claim = self._record_or_claim(team_id, channel_id, period, now)
        if claim.state == "finished":
            return Delivery(claim.digest_id, period, "already", claim.message_ts)
        if claim.state == "busy":
            return Delivery(claim.digest_id, period, "busy", retry_at=claim.lease_ends)
        with LeaseKeeper(self.session_factory, claim.digest_id, self.lease, self.clock):
            return self._post(team_id, channel_id, period, claim, require_news)

    def _post(self, team_id: str, channel_id: str, period: str, claim: Claim, require_news: bool) -> Delivery:
        digest_id = claim.digest_id
        with session_scope(self.session_factory) as session:
            row = session.get(Digest, digest_id)
            since, until, created_at = row.since, row.until, row.created_at
            content = compose_digest(session, team_id, channel_id, since=since, until=until)
        metadata = digest_metadata(channel_id, period, digest_id)
        if claim.state == "taken":
            # Its poster died (or lost its lease): it may have posted before dying. A history call
            # that fails raises here, and the digest waits for the next sweep rather than risk a repeat.
            ts = self.publisher.find_posted(team_id, channel_id, metadata, oldest=created_at - HISTORY_SLACK)
            if ts:
                log.info("digest %s for %s was already posted (ts %s): marking it", period, channel_id, ts)
                self._finish(digest_id, "posted", ts, content)
                return Delivery(digest_id, period, "already", ts, content)
        if not content.has_stories or (require_news and not content.news):
            self._finish(digest_id, "empty", None, content)  # not posted: the next digest still covers its window
            return Delivery(digest_id, period, "empty" if not content.has_stories else "nothing_new", None, content)
        ts = self.publisher.publish(team_id, channel_id, content, metadata)
        self._finish(digest_id, "posted", ts, content)
        log.info("digest %s posted in %s (ts %s)", period, channel_id, ts)
        return Delivery(digest_id, period, "posted", ts, content)

    def skip(self, team_id: str, channel_id: str, period: str, reason: str) -> bool:
        """Record a missed digest as skipped (once); False if the period already had a digest."""
        now = self.clock()
        try:
            with session_scope(self.session_factory) as session:
                session.add(
                    Digest(
                        team_id=team_id or "", channel_id=channel_id, period=period, status="skipped",
                        since=None, until=now, note=reason, stories=[],
                    )
                )  # fmt: skip
        except IntegrityError:
            return False
        metrics.DIGESTS.labels("skipped").inc()
        log.warning("digest %s for %s skipped: %s", period, channel_id, reason)
        return True

    def _record_or_claim(self, team_id: str, channel_id: str, period: str, now: datetime) -> Claim:
        try:
            with session_scope(self.session_factory) as session:
                since = window_start(session, team_id, channel_id, now)
                row = Digest(
                    team_id=team_id or "", channel_id=channel_id, period=period, status="pending",
                    since=since, until=now, claimed_at=now, stories=[],
                )  # fmt: skip
                session.add(row)
                session.flush()
                return Claim(row.id, "new")
        except IntegrityError:
            pass
        with session_scope(self.session_factory) as session:
            row = session.scalar(
                select(Digest).where(
                    Digest.team_id == (team_id or ""), Digest.channel_id == channel_id, Digest.period == period
                )
            )
            if row.status != "pending":
                return Claim(row.id, "finished", message_ts=row.message_ts)
            if in_flight(row.id):
                return Claim(row.id, "busy")  # this process is posting it: its lease is being renewed
            # Take over a pending digest only when its poster's lease ran out: it crashed.
            taken = session.execute(
                update(Digest)
                .where(Digest.id == row.id, Digest.status == "pending", Digest.claimed_at < now - self.lease)
                .values(claimed_at=now)
            ).rowcount
            if taken:
                return Claim(row.id, "taken")
            return Claim(row.id, "busy", lease_ends=(row.claimed_at or now) + self.lease)

    def _finish(self, digest_id: int, status: str, ts: str | None, content: DigestContent) -> None:
        with session_scope(self.session_factory) as session:
            row = session.get(Digest, digest_id)
            row.status = status
            row.message_ts = ts
            row.stories = content.story_counts()
            row.posted_at = self.clock() if ts else None

"""Which digests are due now (`owed`, which the scheduler enqueues as digest tasks), and posting them
in this process (`run_due`), with the clock injected.

For each enabled channel schedule, the latest scheduled time at or before `now` is the period
due. It is posted once (see digest_delivery.py). A period missed while nothing ran is posted
late if `now` is still within Settings.digest_grace_minutes of its time, otherwise recorded as
skipped and logged. Times before the schedule was last changed never count as missed.

A digest another process is posting is left alone; when its lease runs out (that process died
mid-post), `retake(team, channel, when)` is told, so the scheduler looks again then instead of at
its next sweep: the handover of an in-flight digest takes the lease, not the lease plus a sweep.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.logging_setup import log_context
from bot.store.base import utcnow
from bot.store.db import session_scope
from bot.store.stories_models import Digest, DigestSchedule
from bot.stories.attach import match_new_channel_reports
from bot.stories.digest_delivery import Delivery, DigestDelivery
from bot.stories.schedule import latest_occurrence, period_of

log = logging.getLogger(__name__)


class DigestRunner:
    def __init__(
        self,
        settings: Settings,
        session_factory: sessionmaker[Session],
        delivery: DigestDelivery,
        clock: Callable[[], datetime] = utcnow,
        retake: Callable[[str, str, datetime], None] | None = None,
    ):
        self.settings = settings
        self.session_factory = session_factory
        self.delivery = delivery
        self.clock = clock
        self.retake = retake

    def run_due(self, *, team_id: str | None = None, channel_id: str | None = None) -> list[Delivery]:
        """Post every digest owed now, here (`copydesk digest`, tests); the scheduler enqueues them instead."""
        delivered = []
        for team, channel, period in self.owed(team_id=team_id, channel_id=channel_id):
            with log_context(workspace_id=team or None, channel_id=channel):
                try:
                    delivery = self.delivery.deliver(team, channel, period)
                except Exception:
                    log.exception("digest %s for %s failed; it is retried on the next sweep", period, channel)
                    continue
                delivered.append(delivery)
                if delivery.retry_at is not None and self.retake is not None:
                    self.retake(team, channel, delivery.retry_at)
        return delivered

    def owed(self, *, team_id: str | None = None, channel_id: str | None = None) -> list[tuple[str, str, str]]:
        """(team, channel, period) of every digest to post now; a period missed beyond the grace window is
        recorded as skipped here, and not returned."""
        now = self.clock()
        grace = timedelta(minutes=self.settings.digest_grace_minutes)
        owed = []
        for team, channel, period, occurrence in self.due_periods(now, team_id=team_id, channel_id=channel_id):
            if now - occurrence > grace:
                with log_context(workspace_id=team or None, channel_id=channel):
                    late = now - occurrence
                    self.delivery.skip(team, channel, period, f"missed by {late}, beyond the {grace} grace window")
                continue
            owed.append((team, channel, period))
        return owed

    def due_periods(self, now: datetime, *, team_id: str | None = None, channel_id: str | None = None):
        """(team, channel, period, occurrence) for every schedule whose latest period has no finished digest."""
        with session_scope(self.session_factory) as session:
            query = select(DigestSchedule).where(DigestSchedule.enabled.is_(True))
            if channel_id is not None:
                query = query.where(DigestSchedule.channel_id == channel_id, DigestSchedule.team_id == (team_id or ""))
            schedules = [
                (s.team_id, s.channel_id, s.time, s.timezone, s.days, s.updated_at) for s in session.scalars(query)
            ]
            candidates = []
            for team, channel, at, tz, days, updated_at in schedules:
                occurrence = latest_occurrence(at, tz, days, now)
                if occurrence is None or occurrence < updated_at:
                    continue
                candidates.append((team, channel, period_of(occurrence), occurrence))
            finished = self._finished(session, candidates)
        return [c for c in candidates if (c[0], c[1], c[2]) not in finished]

    @staticmethod
    def _finished(session: Session, candidates: list) -> set[tuple[str, str, str]]:
        periods = {period for _team, _channel, period, _occ in candidates}
        if not periods:
            return set()
        rows = session.execute(
            select(Digest.team_id, Digest.channel_id, Digest.period).where(
                Digest.period.in_(periods), Digest.status != "pending"
            )
        )
        return {tuple(row) for row in rows}

    def match_all_channels(self) -> int:
        """Attach the reports made in every channel since the last sweep to their stories."""
        with session_scope(self.session_factory) as session:
            channels = session.execute(select(DigestSchedule.team_id, DigestSchedule.channel_id)).all()
        count = 0
        for team, channel in channels:
            with log_context(workspace_id=team or None, channel_id=channel):
                with session_scope(self.session_factory) as session:
                    count += match_new_channel_reports(
                        session, team, channel, self.settings.story_match_threshold, now=self.clock()
                    )
        return count

"""Digests posted exactly once: per-timezone schedules with time travel, a crash between record
and post, a crash between post and mark, restarts, and the grace window for missed digests."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from bot.logging_setup import ContextFilter
from bot.scheduler import CopydeskScheduler
from bot.slack.digest_blocks import SlackDigestPublisher
from bot.store.db import session_scope
from bot.store.stories_models import Digest, DigestSchedule
from bot.stories import channel_settings
from bot.stories.digest_delivery import DigestDelivery
from bot.stories.digest_runner import DigestRunner
from tests.integration.stories.conftest import Clock, metric, tracked_channel

MONDAY = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)


class ProcessDied(BaseException):
    """Stands for the process being killed: nothing after it runs."""


class CrashBeforePost(SlackDigestPublisher):
    def publish(self, *args, **kwargs):
        raise ProcessDied


class CrashAfterPost(SlackDigestPublisher):
    def publish(self, *args, **kwargs):
        super().publish(*args, **kwargs)
        raise ProcessDied


class SlackDown(SlackDigestPublisher):
    def publish(self, *args, **kwargs):
        raise ConnectionError("Slack is unreachable")


def digests(outcome: str) -> float:
    return metric("copydesk_digests_total", outcome=outcome)


def setup_channel(factory, clock, channel="C1", tz="UTC", at="09:00"):
    tracked_channel(factory, channel, timezone=tz, time=at, schedule_set_at=clock(), now=clock())


def runner(settings, factory, clock, publisher_class=SlackDigestPublisher):
    delivery = DigestDelivery.from_settings(factory, publisher_class(settings), settings, clock=clock)
    return DigestRunner(settings, factory, delivery, clock=clock)


def test_each_channel_gets_its_digest_at_its_own_local_time_once_a_day(story_settings, factory, history_stub):
    clock = Clock(MONDAY + timedelta(minutes=1))
    setup_channel(factory, clock, "CTOKYO", tz="Asia/Tokyo")  # 09:00 Tokyo = 00:00 UTC
    setup_channel(factory, clock, "CLONDON", tz="Europe/London")  # 09:00 UTC in November
    setup_channel(factory, clock, "CNY", tz="America/New_York", at="08:30")  # 13:30 UTC
    run = runner(story_settings, factory, clock)
    clock.advance(minutes=5)
    def posted():
        return sorted(p["channel"] for p in history_stub.digests_posted())
    run.run_due()
    assert posted() == []  # Tokyo's 09:00 Monday was before the channel's schedule existed
    for hour, expected in [(8, []), (9, ["CLONDON"]), (13, ["CLONDON"]), (14, ["CLONDON", "CNY"]),
                           (23, ["CLONDON", "CNY"]), (24, ["CLONDON", "CNY", "CTOKYO"])]:  # fmt: skip
        clock.now = MONDAY + timedelta(hours=hour, minutes=1)
        run.run_due()
        run.run_due()  # a second sweep in the same minute changes nothing
        assert posted() == expected, hour
    metadata = history_stub.digests_posted("CNY")[0]["metadata"]
    assert metadata["event_payload"]["channel"] == "CNY" and metadata["event_payload"]["period"] == "2026-11-23"


def test_a_crash_between_record_and_post_posts_once_after_restart(story_settings, factory, history_stub):
    clock = Clock(MONDAY)
    setup_channel(factory, clock)
    clock.now = MONDAY + timedelta(hours=9, minutes=1)
    with pytest.raises(ProcessDied):
        runner(story_settings, factory, clock, CrashBeforePost).run_due()
    with session_scope(factory) as session:
        assert session.scalars(sa.select(Digest.status)).all() == ["pending"]
    # Restart at once: the dead poster's lease still holds, so nobody posts yet.
    restarted = runner(story_settings, factory, clock)
    assert [d.status for d in restarted.run_due()] == ["busy"]
    assert history_stub.digests_posted() == []
    clock.advance(minutes=3)
    assert [d.status for d in restarted.run_due()] == ["posted"]
    restarted.run_due()
    assert len(history_stub.digests_posted()) == 1


def test_a_crash_between_post_and_mark_is_recognised_by_the_message_metadata(story_settings, factory, history_stub):
    clock = Clock(MONDAY)
    setup_channel(factory, clock)
    clock.now = MONDAY + timedelta(hours=9, minutes=1)
    with pytest.raises(ProcessDied):
        runner(story_settings, factory, clock, CrashAfterPost).run_due()
    assert len(history_stub.digests_posted()) == 1
    clock.advance(minutes=5)
    already = digests("already_posted")
    (delivery,) = runner(story_settings, factory, clock).run_due()
    assert delivery.status == "already"
    assert digests("already_posted") - already == 1
    assert len(history_stub.digests_posted()) == 1
    with session_scope(factory) as session:
        row = session.scalars(sa.select(Digest)).one()
        assert row.status == "posted" and row.message_ts == history_stub.digests_posted()[0]["_ts"]


def test_without_metadata_in_history_a_posted_digest_is_recognised_by_its_marker(story_settings, factory, history_stub):
    history_stub.strip_history_metadata = True  # a workspace whose history comes back without metadata
    clock = Clock(MONDAY)
    setup_channel(factory, clock)
    clock.now = MONDAY + timedelta(hours=9, minutes=1)
    with pytest.raises(ProcessDied):
        runner(story_settings, factory, clock, CrashAfterPost).run_due()
    clock.advance(minutes=5)
    (delivery,) = runner(story_settings, factory, clock).run_due()
    assert delivery.status == "already"
    assert len(history_stub.digests_posted()) == 1


def test_a_retake_waits_while_history_cannot_be_read(story_settings, factory, history_stub):
    clock = Clock(MONDAY)
    setup_channel(factory, clock)
    clock.now = MONDAY + timedelta(hours=9, minutes=1)
    with pytest.raises(ProcessDied):
        runner(story_settings, factory, clock, CrashAfterPost).run_due()
    history_stub.fail("conversations.history", "internal_error")
    clock.advance(minutes=5)
    assert runner(story_settings, factory, clock).run_due() == []  # unknown whether it was posted: not posted
    assert len(history_stub.digests_posted()) == 1
    clock.advance(minutes=5)
    assert [d.status for d in runner(story_settings, factory, clock).run_due()] == ["already"]
    assert len(history_stub.digests_posted()) == 1


def test_missed_digests_are_posted_within_the_grace_window_else_skipped_and_logged(
    story_settings, factory, history_stub, caplog
):
    caplog.handler.addFilter(ContextFilter())  # what configure_logging puts on Copydesk's handler
    clock = Clock(MONDAY)
    setup_channel(factory, clock)
    posted, skipped = digests("posted"), digests("skipped")
    clock.now = MONDAY + timedelta(hours=9 + 1)  # down at 09:00, back at 10:00: within 120 minutes
    assert [d.status for d in runner(story_settings, factory, clock).run_due()] == ["posted"]
    clock.now = MONDAY + timedelta(days=1, hours=9 + 3)  # Tuesday, back three hours late
    assert runner(story_settings, factory, clock).run_due() == []
    runner(story_settings, factory, clock).run_due()  # a later sweep does not skip it again
    assert len(history_stub.digests_posted()) == 1
    assert (digests("posted") - posted, digests("skipped") - skipped) == (1, 1)
    (skipped_line,) = [r for r in caplog.records if "skipped" in r.getMessage()]
    assert (skipped_line.workspace_id, skipped_line.channel_id) == ("T1", "C1")  # the job's ids, on every line
    with session_scope(factory) as session:
        assert sorted(session.scalars(sa.select(Digest.status)).all()) == ["posted", "skipped"]


def test_the_scheduler_builds_cron_jobs_from_the_tables_and_follows_changes(story_settings, factory):
    clock = Clock(MONDAY)
    setup_channel(factory, clock, "C1", tz="Europe/Paris", at="07:45")
    scheduler = CopydeskScheduler(story_settings, publisher=SlackDigestPublisher(story_settings), clock=clock)
    scheduler.aps.start(paused=True)
    try:
        (trigger,) = scheduler.sync_digest_jobs().values()
        assert trigger.get_next_fire_time(None, MONDAY).astimezone(UTC) == MONDAY + timedelta(hours=6, minutes=45)
        with session_scope(factory) as session:  # what `/copydesk digest time 18:00` and `digest off` do
            channel_settings.change_schedule(
                session, "T1", "C1", "time", "18:00", default_timezone="UTC", default_time="09:00"
            )
        (trigger,) = scheduler.sync_digest_jobs().values()
        assert trigger.get_next_fire_time(None, MONDAY).astimezone(UTC) == MONDAY + timedelta(hours=17)
        with session_scope(factory) as session:
            channel_settings.change_schedule(
                session, "T1", "C1", "off", "", default_timezone="UTC", default_time="09:00"
            )
        assert scheduler.sync_digest_jobs() == {}
        assert scheduler.aps.get_job("digest:T1:C1") is None
    finally:
        scheduler.aps.shutdown(wait=False)


def test_digest_now_is_its_own_period_and_the_next_digest_starts_after_it(story_settings, factory, history_stub):
    clock = Clock(MONDAY + timedelta(hours=8))
    setup_channel(factory, clock)
    delivery = DigestDelivery.from_settings(factory, SlackDigestPublisher(story_settings), story_settings, clock=clock)
    manual = delivery.deliver("T1", "C1", "now:2026-11-23T08:00:00")
    assert manual.status == "posted" and manual.content.news
    clock.now = MONDAY + timedelta(hours=9, minutes=1)
    (scheduled,) = runner(story_settings, factory, clock).run_due()
    assert scheduled.status == "posted"
    assert scheduled.content.news == [] and [q.name for q in scheduled.content.quiet] == ["Bridge"]
    with session_scope(factory) as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(DigestSchedule)) == 1


def test_a_failed_post_is_counted_and_retried_on_the_next_sweep(story_settings, factory, history_stub):
    clock = Clock(MONDAY)
    setup_channel(factory, clock)
    clock.now = MONDAY + timedelta(hours=9, minutes=1)
    failed, posted = digests("failed"), digests("posted")
    assert runner(story_settings, factory, clock, SlackDown).run_due() == []  # logged, not raised to the scheduler
    assert digests("failed") - failed == 1 and history_stub.digests_posted() == []
    clock.advance(minutes=3)  # the failed poster's lease has run out
    assert [d.status for d in runner(story_settings, factory, clock).run_due()] == ["posted"]
    assert digests("posted") - posted == 1 and len(history_stub.digests_posted()) == 1

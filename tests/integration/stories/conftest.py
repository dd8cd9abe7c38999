from __future__ import annotations

import pytest

from bot.reports import repository as reports_repo
from bot.store.db import session_scope
from bot.stories import attach, tracking
from bot.tasks.procrastinate_app import build_app
from bot.tasks.procrastinate_queue import apply_schema
from tests.integration.stories.feed_server import FeedServer
from tests.integration.stories.reports import BRIDGE
from tests.integration.stories.slack_history import HistorySlackStub


@pytest.fixture
def history_stub():
    stub = HistorySlackStub().start()
    yield stub
    stub.stop()


@pytest.fixture
def story_settings(database_url, history_stub):
    from bot.config import Settings

    return Settings(
        _env_file=None, database_url=database_url, slack_bot_token="xoxb-stories", slack_api_url=history_stub.api_url,
        slack_client_id=None, fetch_allow_private=True, default_timezone="UTC", digest_grace_minutes=120,
        fetch_total_timeout=2.0, feed_failure_notice_after=3,
    )  # fmt: skip


@pytest.fixture
def factory(database_url):
    from bot.store.db import session_factory

    return session_factory(database_url)


class Clock:
    """Time travel: the scheduler's notion of now, moved by the test."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, **delta) -> None:
        from datetime import timedelta

        self.now += timedelta(**delta)


def metric(name: str, **labels) -> float:
    """A Prometheus sample of this process (0 when never set), to compare before and after."""
    from prometheus_client import REGISTRY

    return REGISTRY.get_sample_value(name, labels) or 0.0


def tracked_channel(factory, channel: str, *, timezone: str = "UTC", time: str = "09:00", schedule_set_at, now=None):
    """A channel with one report and a "Bridge" story matching it, its digest schedule set at
    `schedule_set_at` (digests due before that moment are not owed)."""
    with session_scope(factory) as session:
        reports_repo.save_report(
            session, BRIDGE, team_id="T1", channel_id=channel, user_id="U1", engine_version="1.0.0"
        )
    with session_scope(factory) as session:
        story = tracking.track(
            session, team_id="T1", channel_id=channel, name="Bridge", terms=["Harbor Bridge", "toll"], user_id="U1"
        ).story
        schedule = tracking.ensure_schedule(session, "T1", channel, timezone=timezone, time=time)
        schedule.updated_at = schedule_set_at
        attach.backfill_story(session, story, 3.0, now=now)


@pytest.fixture
def queue_url(postgres_url):
    """A PostgreSQL schema with Copydesk's tables and procrastinate's (COPYDESK_TASK_QUEUE=procrastinate)."""
    apply_schema(build_app(postgres_url), postgres_url)  # what `copydesk db upgrade` adds for this queue
    return postgres_url


@pytest.fixture
def feed_server():
    server = FeedServer()
    yield server
    server.stop()

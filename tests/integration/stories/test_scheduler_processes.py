"""Two `copydesk scheduler` processes on one PostgreSQL database: one leads, each digest is posted
once, and the standby takes over when the leader is killed. Always PostgreSQL (advisory lock)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from bot.store.db import session_factory, session_scope
from bot.store.stories_models import DigestSchedule
from tests.integration.stories.conftest import tracked_channel



def due_channel(factory, channel: str) -> None:
    """A channel with a story, whose digest time passed a minute ago (a schedule set an hour before)."""
    now = datetime.now(UTC)
    tracked_channel(
        factory, channel, time=f"{now - timedelta(minutes=1):%H:%M}", schedule_set_at=now - timedelta(hours=1)
    )


def start_scheduler(url: str, stub, tmp_path, name: str, **settings: str) -> tuple[subprocess.Popen, object]:
    """A `copydesk scheduler` process; `settings` (e.g. DIGEST_LEASE_SECONDS="3") override COPYDESK_ ones."""
    env = {
        **os.environ, "COPYDESK_DATABASE_URL": url, "SLACK_BOT_TOKEN": "xoxb-two",
        "COPYDESK_SLACK_API_URL": stub.api_url,
        "COPYDESK_SCHEDULER_STANDBY_SECONDS": "0.5", "COPYDESK_SCHEDULER_SWEEP_SECONDS": "1",
        "COPYDESK_DIGEST_GRACE_MINUTES": "120", "COPYDESK_LOG_LEVEL": "INFO",
        **{f"COPYDESK_{key}": value for key, value in settings.items()},
    }  # fmt: skip
    env.pop("SLACK_CLIENT_ID", None)
    env.pop("COPYDESK_SLACK_CLIENT_ID", None)
    log = (tmp_path / f"{name}.log").open("w")
    code = "from bot.cli.scheduler import run_scheduler; raise SystemExit(run_scheduler())"
    process = subprocess.Popen(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT
    )
    return process, log


def stop_schedulers(processes: dict) -> None:
    for process, log in processes.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()


def wait_for(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.postgres
def test_two_scheduler_processes_post_each_digest_once_and_the_standby_takes_over(postgres_url, history_stub, tmp_path):
    factory = session_factory(postgres_url)
    due_channel(factory, "C1")
    processes = {name: start_scheduler(postgres_url, history_stub, tmp_path, name) for name in ("a", "b")}
    try:
        def leader_log(name):
            return "scheduler lock acquired" in (tmp_path / f"{name}.log").read_text()
        assert wait_for(lambda: len(history_stub.digests_posted("C1")) == 1), "no digest was posted"
        assert wait_for(lambda: leader_log("a") or leader_log("b"))
        time.sleep(3)  # several sweeps of the leader, several lock attempts of the standby
        assert len(history_stub.digests_posted("C1")) == 1
        leaders = [name for name in processes if leader_log(name)]
        assert len(leaders) == 1, "exactly one process holds the lock"
        leader, standby = leaders[0], next(name for name in processes if name not in leaders)
        processes[leader][0].send_signal(signal.SIGKILL)  # dies without releasing anything itself
        processes[leader][0].wait(10)
        due_channel(factory, "C2")
        assert wait_for(lambda: len(history_stub.digests_posted("C2")) == 1), "the standby did not take over"
        assert leader_log(standby)
        time.sleep(2)
        assert len(history_stub.digests_posted("C1")) == 1 and len(history_stub.digests_posted("C2")) == 1
        with session_scope(factory) as session:
            assert session.scalar(sa.select(sa.func.count()).select_from(DigestSchedule)) == 2
    finally:
        stop_schedulers(processes)

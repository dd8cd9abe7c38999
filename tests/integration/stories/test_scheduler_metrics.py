"""What an operator sees of the scheduler: the leadership gauge, and `copydesk scheduler` serving
/metrics and /healthz on COPYDESK_SCHEDULER_METRICS_PORT with its logs in Copydesk's format."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request

from prometheus_client import REGISTRY

from bot.scheduler import CopydeskScheduler, LeaderElection, leader_lock
from bot.slack.digest_blocks import SlackDigestPublisher
from tests.integration.stories.test_scheduler_processes import wait_for


def leader_gauge() -> float:
    return REGISTRY.get_sample_value("copydesk_scheduler_leader")


def test_the_leader_gauge_is_1_only_while_this_process_holds_the_lock(story_settings):
    settings = story_settings.model_copy(update={"scheduler_standby_seconds": 0.2, "scheduler_sweep_seconds": 60})
    held_elsewhere = leader_lock(settings.resolved_database_url)
    assert held_elsewhere.acquire()
    made: list[CopydeskScheduler] = []

    def make_scheduler() -> CopydeskScheduler:
        made.append(CopydeskScheduler(settings, publisher=SlackDigestPublisher(settings)))
        return made[-1]

    election = LeaderElection(settings, make_scheduler)
    thread = threading.Thread(target=election.run, daemon=True)
    thread.start()
    try:
        assert not election.is_leader.wait(1.0)  # standing by while another process leads
        assert leader_gauge() == 0
        held_elsewhere.release()
        assert election.is_leader.wait(30)
        assert wait_for(lambda: leader_gauge() == 1, timeout=5)
        # Let the start-up catch-up sweep finish: APScheduler 3 trips over a one-off job that is
        # mid-run when it shuts down (a thread exception, no harm done, but noise in a test).
        assert wait_for(lambda: made[-1].aps.get_job("catch-up") is None, timeout=30)
    finally:
        election.stop()
        thread.join(30)
        held_elsewhere.release()
    assert not thread.is_alive()
    assert leader_gauge() == 0  # stopped: it leads no more


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    """(status, body); (0, "") while nothing listens yet."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return 0, ""


def test_copydesk_scheduler_serves_metrics_and_health_and_logs_json(tmp_path):
    port = free_port()
    env = {
        **os.environ, "COPYDESK_DATABASE_URL": f"sqlite:///{tmp_path / 'copydesk.sqlite3'}",
        "COPYDESK_SCHEDULER_METRICS_PORT": str(port), "COPYDESK_LOG_FORMAT": "json", "COPYDESK_LOG_LEVEL": "INFO",
        "SLACK_BOT_TOKEN": "xoxb-metrics", "COPYDESK_SLACK_API_URL": "http://127.0.0.1:9/api/",
        "COPYDESK_SCHEDULER_STANDBY_SECONDS": "0.5",
    }  # fmt: skip
    env.pop("SLACK_CLIENT_ID", None)
    env.pop("COPYDESK_SLACK_CLIENT_ID", None)
    log_path = tmp_path / "scheduler.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "scheduler"], env=env, cwd=tmp_path, stdout=log, stderr=log
        )
    try:
        base = f"http://127.0.0.1:{port}"
        assert wait_for(lambda: "copydesk_scheduler_leader 1.0" in get(f"{base}/metrics")[1]), log_path.read_text()
        status, body = get(f"{base}/metrics")
        assert status == 200
        assert 'copydesk_digests_total{outcome="posted"} 0.0' in body
        assert 'copydesk_feed_polls_total{outcome="not_modified"} 0.0' in body
        assert get(f"{base}/healthz") == (200, "ok\n")
        assert get(f"{base}/elsewhere")[0] == 404
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    lines = [line for line in log_path.read_text().splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]  # every line is one JSON object: configure_logging ran
    assert any(r["message"].startswith("scheduler lock acquired") for r in records)
    assert process.returncode == 0

"""Scaling on one PostgreSQL database, as deploy/k8s runs it: two `copydesk serve --http` web
workers and two `copydesk scheduler` processes, all real processes started from the installed
console script, talking to the Slack Web API stub on loopback.

- A burst of signed requests spread over both workers (slash commands, mentions, and Slack's
  retries of a mention landing on the *other* worker): every request is answered exactly once.
- Every channel's digest is posted exactly once, by whichever scheduler holds the lock.
- Killing the active scheduler (SIGKILL: a crash, no clean-up) hands over to the standby, which
  then posts new digests, and re-posts none of the old ones.

The handover time is printed (run with -s); it is bounded by COPYDESK_SCHEDULER_STANDBY_SECONDS
(the standby's retry interval), set short here. The bound asserted is generous: it checks that
a handover happens, not how fast.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from copydesk_tools.stub_server import BOT_USER_ID, SlackStub
from tests.support.slack_app import ARTICLE, SIGNING_SECRET, RunningApp

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

CHANNELS = [f"CSCALE{i}" for i in range(6)]
STANDBY_SECONDS = 1.0  # the standby's lock retry interval (production default: 15 s)
SWEEP_SECONDS = 2.0  # the leader re-reads schedules and due digests this often
START_TIMEOUT_S = 240  # two spaCy loads at once on a busy 2-core machine
WORK_TIMEOUT_S = 180
LEADER_LOG = "scheduler lock acquired"
STANDBY_LOG = "another scheduler is active; standing by"


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(predicate, timeout: float, what: str, processes=()) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        for process in processes:
            if process.popen.poll() is not None:
                pytest.fail(f"{process.name} exited with {process.popen.returncode}:\n{process.output()[-3000:]}")
        time.sleep(0.25)
    pytest.fail(f"timed out waiting for {what}")


def ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/readyz", timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


class Cluster:
    def __init__(self, env: dict[str, str], workdir: Path):
        self.env, self.workdir = env, workdir
        self.processes: list[Process] = []
        self.script = str(Path(sys.executable).parent / "copydesk")

    def start(self, name: str, *args: str) -> Process:
        log = self.workdir / f"{name}.log"
        with log.open("w") as handle:
            popen = subprocess.Popen([self.script, *args], env=self.env, cwd=self.workdir, stdout=handle,
                                     stderr=subprocess.STDOUT)  # fmt: skip
        process = Process(name, popen, log)
        self.processes.append(process)
        return process

    def stop(self) -> None:
        for process in self.processes:
            process.stop()


@pytest.fixture
def cluster(postgres_url, slack_stub, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COPYDESK_", "SLACK_"))}
    env.update(
        COPYDESK_DATABASE_URL=postgres_url, COPYDESK_DATA_DIR=str(tmp_path / "data"),
        COPYDESK_SLACK_API_URL=slack_stub.api_url, SLACK_BOT_TOKEN="xoxb-scaling",
        SLACK_SIGNING_SECRET=SIGNING_SECRET, COPYDESK_LOG_LEVEL="INFO", PYTHONUNBUFFERED="1",
        COPYDESK_SCHEDULER_STANDBY_SECONDS=str(STANDBY_SECONDS), COPYDESK_SCHEDULER_SWEEP_SECONDS=str(SWEEP_SECONDS),
        COPYDESK_WEB_WORKERS="1", COPYDESK_SLACK_ANALYSIS_WORKERS="1",
    )  # fmt: skip
    running = Cluster(env, tmp_path)
    yield running
    running.stop()


def digest_posts(stub: SlackStub, channel: str) -> list:
    return [
        call for call in stub.calls_to("chat.postMessage")
        if call.params.get("channel") == channel
        and (call.params.get("metadata") or {}).get("event_type") == "copydesk_digest"
    ]  # fmt: skip


def replies(stub: SlackStub, channel: str, thread_ts: str | None) -> list:
    """The bot's top-level (command) or threaded (mention) replies in a channel, digests aside."""
    return [
        call for call in stub.calls_to("chat.postMessage")
        if call.params.get("channel") == channel and call.params.get("thread_ts") == thread_ts
        and not call.params.get("metadata")
    ]  # fmt: skip


def reports(stub: SlackStub, channel: str) -> list:
    return [c for c in stub.calls_to("chat.update") if c.params.get("channel") == channel and c.params.get("blocks")]


def schedule_digests_due(database_url: str, channels: list[str]) -> None:
    """Time travel for the test: the channels' digest schedules (set through Slack) were set
    yesterday, so today's digest, whose time passed ten minutes ago, is due now."""
    import sqlalchemy as sa

    from bot.store.db import get_engine

    with get_engine(database_url).begin() as connection:
        connection.execute(
            sa.text("UPDATE digest_schedules SET updated_at = updated_at - :day WHERE channel_id = ANY(:channels)"),
            {"day": timedelta(days=1), "channels": channels},
        )


def ten_minutes_ago_utc() -> str:
    return time.strftime("%H:%M", time.gmtime(time.time() - 600))


def mention(channel: str, ts: str) -> dict:
    return {"type": "app_mention", "user": "U1", "text": f"<@{BOT_USER_ID}> {ARTICLE}", "ts": ts, "channel": channel,
            "event_ts": ts}  # fmt: skip


def test_two_workers_and_two_schedulers_share_one_database(cluster, slack_stub, postgres_url):
    web = []
    for index in range(2):
        port = free_port()
        process = cluster.start(f"web{index}", "serve", "--http", "--host", "127.0.0.1", "--port", str(port),
                                "--no-scheduler")  # fmt: skip
        web.append((process, RunningApp(f"http://127.0.0.1:{port}", slack_stub, None, None)))
    schedulers = [cluster.start(f"scheduler{index}", "scheduler") for index in range(2)]
    everyone = [process for process, _ in web] + schedulers
    wait_until(lambda: all(ready(client.url) for _, client in web), START_TIMEOUT_S, "both workers ready", everyone)
    wait_until(lambda: sum(LEADER_LOG in s.output() for s in schedulers) == 1
               and sum(STANDBY_LOG in s.output() for s in schedulers) == 1,
               START_TIMEOUT_S, "one active scheduler and one standby", everyone)  # fmt: skip
    clients = [client for _, client in web]

    # --- a burst of signed requests, spread over both workers -----------------------------
    digest_time = ten_minutes_ago_utc()
    tracks = [(clients[i % 2].command, ('track budget "city council" Porter',), {"channel": channel})
              for i, channel in enumerate(CHANNELS)]  # fmt: skip
    digest_times = [(clients[(i + 1) % 2].command, (f"digest time {digest_time}",), {"channel": channel})
                    for i, channel in enumerate(CHANNELS)]  # fmt: skip
    burst = []
    for index, channel in enumerate(CHANNELS):
        first, other = clients[index % 2], clients[(index + 1) % 2]
        ts = f"1700000000.{index:06d}"
        burst += [
            (first.command, (f"analyze {ARTICLE}",), {"channel": channel, "user": f"U{index}"}),
            (first.event, (mention(channel, ts),), {"event_id": f"EvScale{index}"}),
            # Slack retries the same delivery; the retry lands on the other worker.
            (other.event, (mention(channel, ts),), {"event_id": f"EvScale{index}", "retry_num": 1}),
        ]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for batch in (tracks, digest_times, burst):
            statuses = list(pool.map(lambda call: call[0](*call[1], **call[2]).status_code, batch))
            assert statuses == [200] * len(batch)  # every request acknowledged
            if batch is tracks:  # each answered (ephemerally) before the schedules change
                wait_until(lambda: len(slack_stub.calls_to("response_url")) >= len(CHANNELS), WORK_TIMEOUT_S,
                           "the track answers", everyone)  # fmt: skip
            if batch is digest_times:
                wait_until(lambda: all(_schedule_time(postgres_url, c) == digest_time for c in CHANNELS),
                           WORK_TIMEOUT_S, "the digest schedules", everyone)  # fmt: skip

    def all_answered() -> bool:
        return all(len(reports(slack_stub, channel)) >= 2 for channel in CHANNELS)

    wait_until(all_answered, WORK_TIMEOUT_S, "a report for every command and mention", everyone)
    for index, channel in enumerate(CHANNELS):
        assert len(replies(slack_stub, channel, None)) == 1, channel  # the command's report
        assert len(replies(slack_stub, channel, f"1700000000.{index:06d}")) == 1, channel  # one reply to 2 deliveries
        assert len(reports(slack_stub, channel)) == 2, channel
    assert len(slack_stub.calls_to("response_url")) == len(tracks) + len(digest_times)  # one answer per command

    # --- digests: posted once each, by the active scheduler -------------------------------
    schedule_digests_due(postgres_url, CHANNELS)
    wait_until(lambda: all(digest_posts(slack_stub, c) for c in CHANNELS), WORK_TIMEOUT_S, "every digest", everyone)
    (leader,) = [s for s in schedulers if LEADER_LOG in s.output()]
    (standby,) = [s for s in schedulers if s is not leader]

    # --- the active scheduler dies; the standby takes over --------------------------------
    leader.popen.send_signal(signal.SIGKILL)
    killed_at = time.monotonic()
    leader.popen.wait(timeout=30)
    wait_until(lambda: LEADER_LOG in standby.output(), STANDBY_SECONDS + 60, "the standby to take over", [standby])
    handover = time.monotonic() - killed_at
    print(f"\nscheduler handover after SIGKILL: {handover:.2f} s (standby retry interval {STANDBY_SECONDS:.0f} s)")

    late = "CSCALELATE"
    answered = len(slack_stub.calls_to("response_url"))
    clients[0].command('track budget "city council" Porter', channel=late)
    wait_until(lambda: len(slack_stub.calls_to("response_url")) > answered, WORK_TIMEOUT_S, "the late track answer")
    clients[1].command(f"digest time {digest_time}", channel=late)
    wait_until(lambda: _schedule_time(postgres_url, late) == digest_time, WORK_TIMEOUT_S, "the late schedule")
    schedule_digests_due(postgres_url, [late])
    wait_until(lambda: digest_posts(slack_stub, late), WORK_TIMEOUT_S, "the new leader's digest", [standby])
    time.sleep(3 * SWEEP_SECONDS)  # let the new leader's sweeps run: a re-post would show up here
    for channel in [*CHANNELS, late]:
        assert len(digest_posts(slack_stub, channel)) == 1, f"{channel}: {len(digest_posts(slack_stub, channel))} digests"


def _schedule_time(database_url: str, channel: str) -> str | None:
    import sqlalchemy as sa

    from bot.store.db import get_engine

    with get_engine(database_url).connect() as connection:
        query = sa.text("SELECT time FROM digest_schedules WHERE channel_id = :channel AND enabled")
        return connection.execute(query, {"channel": channel}).scalar()

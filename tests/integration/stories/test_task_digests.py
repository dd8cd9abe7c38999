"""Digests through the procrastinate queue stay exactly once: two `copydesk scheduler` processes
enqueue (one leads), two `copydesk worker` processes post, and Slack rate-limits the post for longer
than the digest's lease. Always PostgreSQL."""

from __future__ import annotations

import time

import pytest

from bot.store.db import session_factory
from tests.integration.stories.task_processes import start_queue_scheduler, start_worker, stop_processes, wait_for
from tests.integration.stories.test_digest_slow_slack import LEASE_SECONDS, rate_limited
from tests.integration.stories.test_scheduler_processes import due_channel

pytestmark = pytest.mark.postgres


def test_digests_through_the_queue_are_posted_once_by_two_schedulers_and_two_workers(
    queue_url, history_stub, tmp_path
):
    factory = session_factory(queue_url)
    due_channel(factory, "C1")
    due_channel(factory, "C2")
    # Three 429s with Retry-After: 2 keep C1's post waiting about 7 s, more than two 3 s leases, while
    # every sweep (1 s apart) of the leader enqueues the digest again as long as it is unfinished.
    history_stub.rate_limit("chat.postMessage", retry_after=2, times=3)
    lease = {"DIGEST_LEASE_SECONDS": str(LEASE_SECONDS)}
    processes = {}
    try:
        for name in ("w1", "w2"):
            processes[name] = start_worker(queue_url, history_stub, tmp_path, name, "--queue", "digest", **lease)
        for name in ("s1", "s2"):
            processes[name] = start_queue_scheduler(queue_url, history_stub, tmp_path, name, **lease)
        assert wait_for(lambda: all(len(history_stub.digests_posted(c)) >= 1 for c in ("C1", "C2")), 90)
        time.sleep(2 * LEASE_SECONDS)  # several sweeps and a lease after the posts
        assert len(rate_limited(history_stub)) == 3, "Slack's 429s were not all met"
        assert [len(history_stub.digests_posted(c)) for c in ("C1", "C2")] == [1, 1]
        worker_logs = "".join((tmp_path / f"{name}.log").read_text() for name in ("w1", "w2"))
        assert "Starting job digest" in worker_logs  # posted by the workers, not by a scheduler
    finally:
        stop_processes(processes)

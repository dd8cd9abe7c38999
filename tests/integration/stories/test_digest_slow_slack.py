"""A digest is posted once when Slack is slow: real `copydesk scheduler` processes on PostgreSQL
against the loopback Slack stub, with the lease and Slack's Retry-After scaled down to seconds.

- One live leader whose digest post is rate-limited for longer than the lease must not take its
  own digest over and post it a second time.
- A digest in flight when its leader is SIGKILLed is taken over when the lease runs out, not at
  the standby's next sweep.
"""

from __future__ import annotations

import signal
import time

import pytest

from bot.store.db import session_factory
from tests.integration.stories.test_scheduler_processes import due_channel, start_scheduler, stop_schedulers, wait_for

pytestmark = pytest.mark.postgres

LEASE_SECONDS = 3
HANDOVER_LEASE_SECONDS = 10


def rate_limited(stub) -> list:
    return [call for call in stub.attempts("chat.postMessage") if call.status == 429]


def test_a_live_leader_rate_limited_past_its_lease_posts_its_digest_once(postgres_url, history_stub, tmp_path):
    due_channel(session_factory(postgres_url), "C1")
    # Three 429s with Retry-After: 2 keep the post waiting about 7 s: more than two 3 s leases.
    history_stub.rate_limit("chat.postMessage", retry_after=2, times=3)
    lease = {"DIGEST_LEASE_SECONDS": str(LEASE_SECONDS)}
    processes = {"a": start_scheduler(postgres_url, history_stub, tmp_path, "a", **lease)}
    try:
        assert wait_for(lambda: len(history_stub.digests_posted("C1")) >= 1), "no digest was posted"
        time.sleep(2 * LEASE_SECONDS)  # several sweeps (1 s apart) after the post, and a lease
        assert len(rate_limited(history_stub)) == 3, "Slack's 429s were not all met"
        assert len(history_stub.digests_posted("C1")) == 1
    finally:
        stop_schedulers(processes)


def test_a_digest_in_flight_when_its_leader_dies_is_taken_over_when_the_lease_ends(
    postgres_url, history_stub, tmp_path
):
    due_channel(session_factory(postgres_url), "C1")
    history_stub.rate_limit("chat.postMessage", retry_after=60, times=1)  # the leader's post waits a minute
    # Sweeps two minutes apart: only a retake at the lease's end can post the digest within the minute
    # the test waits. The lease is long enough for the standby's first sweep to find it still held.
    settings = {"DIGEST_LEASE_SECONDS": str(HANDOVER_LEASE_SECONDS), "SCHEDULER_SWEEP_SECONDS": "120"}
    processes = {"a": start_scheduler(postgres_url, history_stub, tmp_path, "a", **settings)}
    try:
        assert wait_for(lambda: len(rate_limited(history_stub)) == 1), "the leader never tried to post"
        processes["b"] = start_scheduler(postgres_url, history_stub, tmp_path, "b", **settings)
        assert wait_for(lambda: "standing by" in (tmp_path / "b.log").read_text()), "b is not standing by"
        time.sleep(HANDOVER_LEASE_SECONDS)  # the leader renews its claim while its post waits
        processes["a"][0].send_signal(signal.SIGKILL)
        processes["a"][0].wait(10)
        killed = time.monotonic()
        taken_over = wait_for(lambda: len(history_stub.digests_posted("C1")) == 1, 60)
        assert taken_over, "the digest waits for the standby's next sweep, not for the end of the lease"
        print(f"in-flight digest handed over {time.monotonic() - killed:.1f} s after the SIGKILL")
        time.sleep(2)
        assert len(history_stub.digests_posted("C1")) == 1
    finally:
        stop_schedulers(processes)

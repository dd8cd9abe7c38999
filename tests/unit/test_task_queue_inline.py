"""The inline executor: idempotent enqueue per key, one job per key at a time, bounded retries."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from prometheus_client import REGISTRY

from bot.store.base import utcnow
from bot.tasks import InlineTaskQueue
from bot.tasks.attempts import MAX_ATTEMPTS


class FakeWork:
    """Task bodies that record their calls; polls wait for `release` so a test can hold them running."""

    def __init__(self, queue, *, fail_polls: bool = False):
        self.queue = queue
        self.release = threading.Event()
        self.release.set()
        self.calls: list[tuple] = []
        self.running = 0
        self.most_at_once = 0
        self.fail_polls = fail_polls
        self._lock = threading.Lock()

    def poll(self, feed_id):
        with self._lock:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
            self.calls.append(("poll", feed_id, time.monotonic()))
        try:
            self.release.wait(10)
            if self.fail_polls:
                raise RuntimeError("the feed's database row is locked")
        finally:
            with self._lock:
                self.running -= 1

    def analysis(self, feed_id, item_key):
        self.calls.append(("analysis", feed_id, item_key))

    def digest(self, team_id, channel_id, period):
        self.calls.append(("digest", channel_id, period, time.monotonic()))


def make_queue(**work_options) -> InlineTaskQueue:
    return InlineTaskQueue(lambda queue: FakeWork(queue, **work_options), threads=3)


def test_a_key_already_waiting_is_not_queued_twice():
    queue = make_queue()
    queue.work.release.clear()
    try:
        assert queue.enqueue_poll(1)  # starts at once, and waits for `release`
        assert queue.enqueue_poll(2) and queue.enqueue_poll(3)  # the pool's other threads take them
        assert queue.enqueue_poll(4) is True  # all threads busy: 4 waits
        assert queue.enqueue_poll(4) is False
        assert queue.enqueue_item(1, "https://a.example/1") and not queue.enqueue_item(1, "https://a.example/1")
        assert queue.enqueue_item(2, "https://a.example/1")  # the same link in another feed is another item
        assert queue.depth() == {"poll": 1, "analysis": 2, "digest": 0}
        assert REGISTRY.get_sample_value("copydesk_task_queue_depth", {"kind": "analysis"}) == 2
        queue.work.release.set()
        assert queue.join(10)
        assert sorted(c[1] for c in queue.work.calls if c[0] == "poll") == [1, 2, 3, 4]
        assert queue.depth() == {"poll": 0, "analysis": 0, "digest": 0}
    finally:
        queue.close()


def test_a_key_enqueued_while_its_job_runs_runs_once_more_after_it_never_alongside():
    queue = make_queue()
    queue.work.release.clear()
    try:
        assert queue.enqueue_poll(7)
        assert _wait(lambda: queue.work.running == 1)
        assert queue.enqueue_poll(7) is True  # queued behind the running one
        assert queue.enqueue_poll(7) is False  # and only once
        time.sleep(0.2)
        assert queue.work.running == 1  # a free thread did not start it alongside
        queue.work.release.set()
        assert queue.join(10)
        assert [c[1] for c in queue.work.calls] == [7, 7] and queue.work.most_at_once == 1
    finally:
        queue.close()


def test_a_failing_job_is_retried_a_bounded_number_of_times_then_given_up(monkeypatch):
    monkeypatch.setattr("bot.tasks.attempts.RETRY_DELAYS", (0.05,))
    failures = REGISTRY.get_sample_value("copydesk_task_failures_total", {"kind": "poll"}) or 0
    retries = REGISTRY.get_sample_value("copydesk_task_retries_total", {"kind": "poll"}) or 0
    queue = make_queue(fail_polls=True)
    try:
        assert queue.enqueue_poll(9)
        assert _wait(lambda: len(queue.work.calls) == MAX_ATTEMPTS and queue.join(0.1))
        time.sleep(0.3)
        assert len(queue.work.calls) == MAX_ATTEMPTS  # given up: not tried again
        assert REGISTRY.get_sample_value("copydesk_task_failures_total", {"kind": "poll"}) == failures + 1
        assert REGISTRY.get_sample_value("copydesk_task_retries_total", {"kind": "poll"}) == retries + MAX_ATTEMPTS - 1
    finally:
        queue.close()


def test_a_digest_not_before_a_time_waits_for_it():
    queue = make_queue()
    try:
        asked = time.monotonic()
        assert queue.enqueue_digest("T1", "C1", "2026-12-02", not_before=utcnow() + timedelta(seconds=0.5))
        assert queue.depth()["digest"] == 1
        assert queue.join(5)
        (call,) = queue.work.calls
        assert call[:3] == ("digest", "C1", "2026-12-02") and call[3] - asked >= 0.45
    finally:
        queue.close()


def _wait(predicate, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False

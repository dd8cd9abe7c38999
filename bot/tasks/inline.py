"""The inline executor: the same task bodies in a small thread pool of this process, no broker.

The default (COPYDESK_TASK_QUEUE=inline): `copydesk serve` on SQLite needs nothing else. The
scheduler enqueues into it exactly as into procrastinate, and the pool runs a few jobs at once, so
one slow feed does not hold up the others. Same guarantees per key as the procrastinate queue:
enqueueing a key already waiting answers False, and two jobs of one key never run at once (a key
enqueued while its job runs runs once more after it). Jobs live in memory: a restart forgets the
queue, and the next sweep enqueues what is still due (feeds stay due, items stay pending, digests
stay owed until recorded).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from bot import metrics
from bot.store.base import utcnow
from bot.tasks.attempts import run_attempt
from bot.tasks.queue import ANALYSIS, DIGEST, KINDS, POLL, digest_key, item_key_lock, poll_key
from bot.tasks.work import TaskWork

log = logging.getLogger(__name__)
DEFAULT_THREADS = 3


@dataclass
class _Job:
    kind: str
    key: str
    run: Callable[[TaskWork], object]
    attempt: int = 0
    enqueued_at: float = 0.0  # time.time(), for copydesk_task_wait_seconds
    not_before: float = 0.0  # time.monotonic()


class InlineTaskQueue:
    """`make_work` builds the task bodies around this queue (they enqueue follow-up jobs into it)."""

    def __init__(self, make_work: Callable[[InlineTaskQueue], TaskWork], *, threads: int = DEFAULT_THREADS):
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="copydesk-task")
        self._lock = threading.Lock()
        self._waiting: dict[str, _Job] = {}  # by key: queued, not started (or waiting for its key to be free)
        self._running: set[str] = set()
        self._timers: set[threading.Timer] = set()
        self._idle = threading.Condition(self._lock)
        self._closed = False
        self.work = make_work(self)

    # --- TaskQueue ------------------------------------------------------------------------

    def enqueue_poll(self, feed_id: int) -> bool:
        return self._enqueue(_Job(POLL, poll_key(feed_id), lambda work: work.poll(feed_id)))

    def enqueue_item(self, feed_id: int, item_key: str) -> bool:
        return self._enqueue(_Job(ANALYSIS, item_key_lock(feed_id, item_key), lambda w: w.analysis(feed_id, item_key)))

    def enqueue_digest(self, team_id: str, channel_id: str, period: str, *, not_before: datetime | None = None) -> bool:
        job = _Job(DIGEST, digest_key(team_id, channel_id, period), lambda w: w.digest(team_id, channel_id, period))
        delay = (not_before - utcnow()).total_seconds() if not_before else 0.0
        return self._enqueue(job, delay=delay)

    def depth(self) -> dict[str, int]:
        with self._lock:
            counts = {kind: 0 for kind in KINDS}
            for job in self._waiting.values():
                counts[job.kind] += 1
            return counts

    def retry_stalled(self) -> int:
        return 0  # jobs die with this process; nothing of a dead worker to hand back

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for timer in self._timers:
                timer.cancel()
            self._waiting.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def join(self, timeout: float = 60.0) -> bool:
        """Wait until nothing is queued or running (retries waiting on a timer count as queued)."""
        with self._idle:
            return self._idle.wait_for(lambda: not self._waiting and not self._running, timeout)

    # --- the pool -------------------------------------------------------------------------

    def _enqueue(self, job: _Job, *, delay: float = 0.0) -> bool:
        with self._lock:
            if self._closed or job.key in self._waiting:
                return False
            job.enqueued_at = job.enqueued_at or time.time()
            job.not_before = time.monotonic() + delay
            self._waiting[job.key] = job
            self._gauge()
            if job.key in self._running:
                return True  # started when the running job of this key ends
        self._start_later(job, delay) if delay > 0 else self._pool.submit(self._run, job)
        return True

    def _start_later(self, job: _Job, delay: float) -> None:
        def start() -> None:
            with self._lock:
                self._timers.discard(timer)
                if self._closed or job.key in self._running:
                    return
            self._pool.submit(self._run, job)

        timer = threading.Timer(delay, start)
        timer.daemon = True
        with self._lock:
            self._timers.add(timer)
        timer.start()

    def _run(self, job: _Job) -> None:
        early = job.not_before - time.monotonic()
        if early > 0:  # queued with a delay while its key was running
            self._start_later(job, early)
            return
        with self._lock:
            if self._waiting.get(job.key) is not job or job.key in self._running:
                return
            del self._waiting[job.key]
            self._running.add(job.key)
            self._gauge()
        try:
            run_attempt(
                job.kind, lambda: job.run(self.work), attempt=job.attempt, enqueued_at=job.enqueued_at,
                retry=lambda attempt, delay: self._retry(job, attempt, delay),
            )  # fmt: skip
        except Exception:
            log.exception("%s job %s gave up", job.kind, job.key)
        finally:
            with self._lock:
                self._running.discard(job.key)
                queued_meanwhile = self._waiting.get(job.key)
                self._idle.notify_all()
            if queued_meanwhile is not None and not self._closed:
                self._pool.submit(self._run, queued_meanwhile)

    def _retry(self, job: _Job, attempt: int, delay: float) -> bool:
        again = _Job(job.kind, job.key, job.run, attempt=attempt, enqueued_at=job.enqueued_at)
        return self._enqueue(again, delay=delay)

    def _gauge(self) -> None:  # under self._lock
        counts = {kind: 0 for kind in KINDS}
        for job in self._waiting.values():
            counts[job.kind] += 1
        for kind, count in counts.items():
            metrics.TASK_QUEUE_DEPTH.labels(kind).set(count)

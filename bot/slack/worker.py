"""Thread pools that count their unfinished jobs, and the pool that runs Slack work after the ack.

Listeners acknowledge on Bolt's listener threads and hand the slow part (fetching, analysing,
posting) to the work pool, so a burst of analyses never delays the next acknowledgement. Both
pools count unfinished jobs so a shutdown (or a test) can wait until every reply is out.

A job runs in a copy of the submitter's context variables, so the log ids a listener set with
bot.logging_setup.log_context (workspace, channel, request) follow its work into the pool.
"""

from __future__ import annotations

import contextvars
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

log = logging.getLogger(__name__)


class CountingExecutor(ThreadPoolExecutor):
    def __init__(self, max_workers: int, thread_name_prefix: str):
        super().__init__(max_workers=max(1, max_workers), thread_name_prefix=thread_name_prefix)
        self._unfinished = 0
        self._idle = threading.Condition()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        def run() -> Any:
            try:
                return fn(*args, **kwargs)
            finally:
                with self._idle:
                    self._unfinished -= 1
                    self._idle.notify_all()

        with self._idle:
            self._unfinished += 1
        try:
            return super().submit(contextvars.copy_context().run, run)
        except BaseException:
            with self._idle:
                self._unfinished -= 1
            raise

    @property
    def unfinished(self) -> int:
        return self._unfinished

    def wait_idle(self, timeout: float | None = None) -> bool:
        with self._idle:
            return self._idle.wait_for(lambda: self._unfinished == 0, timeout=timeout)


class Worker:
    def __init__(self, threads: int):
        self.pool = CountingExecutor(threads, "copydesk-work")

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        def logged() -> Any:
            try:
                return fn(*args, **kwargs)
            except Exception:  # noqa: BLE001 - a failed job is logged, never lost silently
                log.exception("background Slack job %s failed", getattr(fn, "__qualname__", fn))
                raise

        return self.pool.submit(logged)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no job is queued or running; False if `timeout` seconds pass first."""
        return self.pool.wait_idle(timeout)

    def shutdown(self, wait: bool = True) -> None:
        self.pool.shutdown(wait=wait)

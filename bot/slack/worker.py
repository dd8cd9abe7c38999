"""The pool that runs Slack work after the ack.

Listeners acknowledge on Bolt's listener threads and hand the slow part (fetching, analysing,
posting) to this pool, so a burst of analyses never delays the next acknowledgement.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

log = logging.getLogger(__name__)


class Worker:
    def __init__(self, threads: int):
        self._pool = ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="copydesk-work")

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        def run() -> Any:
            try:
                return fn(*args, **kwargs)
            except Exception:  # noqa: BLE001 - a failed job is logged, never lost silently
                log.exception("background Slack job %s failed", getattr(fn, "__qualname__", fn))
                raise

        return self._pool.submit(run)

    def shutdown(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait)

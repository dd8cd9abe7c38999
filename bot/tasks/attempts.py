"""One attempt of one job, the same under both executors: metrics, and what a failure leads to.

A job that fails is enqueued again as a new job (attempt + 1, after RETRY_DELAYS), up to
MAX_ATTEMPTS; then it is given up (copydesk_task_failures_total) and the error raised to the
executor, which logs it. Retrying by enqueueing, rather than with procrastinate's RetryStrategy,
keeps the queueing lock sound: procrastinate's retry puts the same row back to `todo`, which
collides with a job of the same key queued while this one ran (the next poll re-enqueueing a
pending item), and would leave the job stuck in `doing`. Re-enqueueing answers False instead,
and the job already waiting does the work.

Feed items count their attempts in the database too (FeedItem.attempts): a poison item is given
up after FEED_ITEM_MAX_ATTEMPTS analyses whichever worker ran them, and recorded on its item.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from bot import metrics
from bot.stories.feed_items import ItemRetry
from bot.tasks.queue import ANALYSIS

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5  # of one job, whatever the error (a database restart, a Slack outage)
RETRY_DELAYS = (2.0, 5.0, 15.0, 60.0)  # seconds before attempt 2, 3, 4, 5

Retry = Callable[[int, float], bool]  # (next attempt, delay in seconds) -> enqueued


def run_attempt(
    kind: str, body: Callable[[], Any], *, attempt: int, enqueued_at: float | None, retry: Retry
) -> Any:
    """Run `body` once, observed; on failure enqueue the next attempt through `retry`, or give up."""
    if attempt == 0 and enqueued_at is not None:
        metrics.TASK_WAIT_SECONDS.labels(kind).observe(max(time.time() - enqueued_at, 0.0))
    started = time.perf_counter()
    try:
        result = body()
    except Exception as exc:
        if attempt + 1 < MAX_ATTEMPTS:
            delay = RETRY_DELAYS[min(attempt, len(RETRY_DELAYS) - 1)]
            metrics.TASK_RETRIES.labels(kind).inc()
            log.info("%s job failed (attempt %d: %s); trying again in %.0f s", kind, attempt + 1, _why(exc), delay)
            retry(attempt + 1, delay)
            return None
        metrics.TASK_FAILURES.labels(kind).inc()
        log.error("%s job failed %d times; giving up", kind, attempt + 1)
        raise
    finally:
        metrics.TASK_RUN_SECONDS.labels(kind).observe(time.perf_counter() - started)
    if kind == ANALYSIS and getattr(result, "status", None) == "failed":  # a poison item, recorded on its item
        metrics.TASK_FAILURES.labels(kind).inc()
    return result


def _why(exc: Exception) -> str:
    return str(exc) if isinstance(exc, ItemRetry) else f"{type(exc).__name__}: {exc}"[:300]

"""The queue interface both executors implement, and the keys that make enqueueing idempotent.

A key names one unit of work. While a job with a key waits, enqueueing the same key again is a
no-op that answers False (procrastinate's `queueing_lock`; the inline executor keeps a set). Two poll
or digest jobs with the same key never run at once (procrastinate's `lock`); analysis jobs need no
lock, since their item is claimed where the report is stored (bot/tasks/procrastinate_queue.py says
why they go without). Item keys hash the item's
link, which can be 2,048 characters, into a short stable name.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Protocol

POLL, ANALYSIS, DIGEST = "poll", "analysis", "digest"
KINDS = (POLL, ANALYSIS, DIGEST)  # also the queue names and the metrics' `kind` label


class TaskQueue(Protocol):
    """Where the scheduler and the tasks put work. Every method answers at once; False = already queued."""

    def enqueue_poll(self, feed_id: int) -> bool: ...

    def enqueue_item(self, feed_id: int, item_key: str) -> bool: ...

    def enqueue_digest(self, team_id: str, channel_id: str, period: str, *, not_before: datetime | None = None) -> bool:
        """`not_before`: run it no sooner (a digest another poster holds, looked at again when its lease ends)."""
        ...

    def depth(self) -> dict[str, int]:
        """Jobs waiting to start, per kind (every kind present)."""
        ...

    def close(self) -> None: ...


def poll_key(feed_id: int) -> str:
    return f"poll:{feed_id}"


def item_key_lock(feed_id: int, item_key: str) -> str:
    return f"item:{feed_id}:{hashlib.sha256(item_key.encode()).hexdigest()[:32]}"


def digest_key(team_id: str, channel_id: str, period: str) -> str:
    return f"digest:{team_id}:{channel_id}:{period}"

"""The task queue: feed polls, feed-item analyses and digest sends as jobs (issue 12).

The scheduler (bot/scheduler, APScheduler, one active per database) stays the clock: each sweep it
enqueues the polls of due feeds and the digests owed, and nothing else. A poll job enqueues one
analysis job per pending item of its feed. Task kinds (the metric label `kind`, and the queue
names): `poll`, `analysis`, `digest`.

Two executors behind one interface (queue.TaskQueue), chosen by COPYDESK_TASK_QUEUE:
- `inline` (default, inline.py): a small thread pool in the scheduler's process; the embedded set-up
  (SQLite, `make demo`, one `copydesk serve`) needs no broker and no extra process.
- `procrastinate` (procrastinate_app.py, procrastinate_queue.py, worker.py): jobs are rows in the
  PostgreSQL database of COPYDESK_DATABASE_URL, run by `copydesk worker` processes that scale out.

Both run the same bodies (work.py: thin calls into bot/stories use cases) through the same attempt
logic (attempts.py). Enqueueing is idempotent per key (queue.py), and every task is idempotent
itself: a feed polled already is not polled again, an item analysed already is a no-op, its
article is stored once (unique keys in the database), a digest is posted once (its lease).

Interactive analyses (slash command, mentions) never go through this queue: they stay on the web
tier's process pool (bot/reports/analysis_runner.py), where a reply is waited for.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.config import Settings
from bot.store.base import utcnow
from bot.tasks.inline import InlineTaskQueue
from bot.tasks.procrastinate_app import NotPostgres, build_app
from bot.tasks.procrastinate_queue import ProcrastinateTaskQueue
from bot.tasks.queue import KINDS, TaskQueue
from bot.tasks.work import TaskWork


def open_task_queue(
    settings: Settings, *, publisher=None, clock: Callable[[], datetime] = utcnow
) -> InlineTaskQueue | ProcrastinateTaskQueue:
    """The queue the scheduler enqueues into. Inline, it runs the jobs too (with `publisher` and `clock`)."""
    if settings.task_queue == "procrastinate":
        app = build_app(settings.resolved_database_url).open()
        return ProcrastinateTaskQueue(app, stalled_seconds=settings.worker_stalled_seconds)
    return InlineTaskQueue(lambda queue: TaskWork(settings, queue, publisher=publisher, clock=clock))


__all__ = [
    "KINDS", "InlineTaskQueue", "NotPostgres", "ProcrastinateTaskQueue", "TaskQueue", "TaskWork", "open_task_queue",
]

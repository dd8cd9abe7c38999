"""TaskQueue on procrastinate: jobs are rows in Copydesk's own PostgreSQL database.

Every job carries its key (bot/tasks/queue.py) as its `queueing_lock` (one waiting job per key:
a second enqueue raises AlreadyEnqueued, answered False). Poll and digest jobs also carry it as their
`lock` (jobs of one key run one at a time). Analysis jobs do not: procrastinate's fetch query checks
every waiting job's lock against the others, which cost 0.8 s per fetch with 2,000 analyses waiting
(`copydesk bench ingest`), and an analysis needs no lock: its item is claimed in the transaction that
stores the report (bot/stories/feed_items.py), so two runs of one item store it once. `retry_stalled()` hands the running jobs of workers without a heartbeat for
Settings.worker_stalled_seconds (SIGKILLed, OOM-killed, cut off) back to the queue; the active
scheduler calls it every sweep. procrastinate's own schema is applied by `copydesk db upgrade`
(`apply_schema`, idempotent, under the migration lock).
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta

from procrastinate import App, exceptions, sql
from sqlalchemy import text

from bot.store.migrate import migration_connection
from bot.tasks.queue import ANALYSIS, DIGEST, KINDS, POLL, digest_key, item_key_lock, poll_key

log = logging.getLogger(__name__)

_DEPTH = "SELECT queue_name, count(*) AS waiting FROM procrastinate_jobs WHERE status = 'todo' GROUP BY queue_name"


class ProcrastinateTaskQueue:
    """Enqueue into an opened app: `app.open()` in a plain process, `open_async` in a worker."""

    def __init__(self, app: App, *, stalled_seconds: float = 30.0):
        self.app = app
        self.stalled_seconds = stalled_seconds

    def enqueue_poll(self, feed_id: int, *, attempt: int = 0, delay: float = 0.0) -> bool:
        return self._defer(POLL, poll_key(feed_id), _at(delay), feed_id=feed_id, attempt=attempt)

    def enqueue_item(self, feed_id: int, item_key: str, *, attempt: int = 0, delay: float = 0.0) -> bool:
        key = item_key_lock(feed_id, item_key)
        return self._defer(ANALYSIS, key, _at(delay), feed_id=feed_id, item_key=item_key, attempt=attempt)

    def enqueue_digest(
        self, team_id: str, channel_id: str, period: str, *, not_before: datetime | None = None,
        attempt: int = 0, delay: float = 0.0,
    ) -> bool:  # fmt: skip
        key = digest_key(team_id, channel_id, period)
        at = not_before or _at(delay)
        return self._defer(DIGEST, key, at, team_id=team_id, channel_id=channel_id, period=period, attempt=attempt)

    def depth(self) -> dict[str, int]:
        rows = self.app.connector.get_sync_connector().execute_query_all(query=_DEPTH)
        waiting = {row["queue_name"]: row["waiting"] for row in rows}
        return {kind: waiting.get(kind, 0) for kind in KINDS}

    def retry_stalled(self) -> int:
        """Put the running jobs of dead workers back in the queue; how many."""
        connector = self.app.connector.get_sync_connector()
        stalled = connector.execute_query_all(
            query=sql.queries["select_stalled_jobs_by_heartbeat"],
            queue=None, task_name=None, seconds_since_heartbeat=self.stalled_seconds,
        )  # fmt: skip
        handed_back = 0
        for row in stalled:
            try:
                self.app.job_manager.retry_job_by_id(job_id=row["id"], retry_at=datetime.now(UTC))
                handed_back += 1
            except exceptions.ConnectorException:
                # Finished meanwhile, or another job of its key is already waiting: that one does the work.
                self._close_stalled(row)
        if handed_back:
            log.warning("handed %d jobs of dead workers back to the queue", handed_back)
        return handed_back

    def _close_stalled(self, row: dict) -> None:
        try:
            self.app.connector.get_sync_connector().execute_query(
                query=sql.queries["finish_job"], job_id=row["id"], status="failed", delete_job=False
            )
            log.info("stalled %s job %s closed: a job of its key is already waiting", row["task_name"], row["id"])
        except exceptions.ConnectorException:
            log.debug("stalled job %s finished meanwhile", row["id"])

    def close(self) -> None:
        self.app.close()

    def _defer(self, kind: str, key: str, at: datetime | None, **kwargs) -> bool:
        try:
            lock = None if kind == ANALYSIS else key  # see the module docstring
            self.app.configure_task(kind, queue=kind, lock=lock, queueing_lock=key, schedule_at=at).defer(
                enqueued_at=time.time(), **kwargs
            )
        except exceptions.AlreadyEnqueued:
            return False
        return True


def _at(delay: float) -> datetime | None:
    return datetime.now(UTC) + timedelta(seconds=delay) if delay > 0 else None


def apply_schema(app: App, database_url: str) -> bool:
    """Create procrastinate's tables and functions unless present; True when created now."""
    with migration_connection(database_url) as connection:  # one process at a time, like the migrations
        if connection.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar() is not None:
            return False
        connection.exec_driver_sql(app.schema_manager.get_schema().replace("%", "%%"))
        connection.commit()
    return True

"""The scheduler: the clock of digests, feed polling, matching sweeps and retention.

Exactly one scheduler is active per database. It holds a leader lock for its whole life: a
PostgreSQL session advisory lock on a dedicated connection (released by the server if the
process dies), or on SQLite a file lock beside the database file. Other processes stand by,
retrying the lock every Settings.scheduler_standby_seconds, and take over when it is free.

It only enqueues (bot/tasks): the polls of due feeds, and the digests owed (at each channel's
time, and on every sweep, so one missed or still in flight is enqueued again; a digest waiting
in the queue is never queued twice). The jobs run in `copydesk worker` processes
(COPYDESK_TASK_QUEUE=procrastinate), or in this process's small inline pool (the default). Each
sweep also hands the jobs of dead workers back to the queue and refreshes
copydesk_task_queue_depth.

Schedules come from our own tables, never from a shared APScheduler job store (which would
duplicate or lose jobs across processes): each sweep re-reads `digest_schedules` and adds,
replaces or removes one cron job per channel, so a change made in Slack needs no restart
(in the web process, the election's `schedules_changed()` applies it at once).

Every job runs inside `log_context` (its job name, a run id, and the workspace and channel it
concerns), and copydesk_scheduler_leader says which process leads; `copydesk scheduler` serves
/metrics and /healthz on COPYDESK_SCHEDULER_METRICS_PORT when set.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from filelock import FileLock, Timeout
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from bot import metrics
from bot.config import Settings
from bot.logging_setup import log_context, new_request_id
from bot.slack.digest_blocks import SlackDigestPublisher
from bot.store.base import utcnow
from bot.store.db import normalise_url, session_factory, session_scope
from bot.store.retention import purge_expired
from bot.store.stories_models import DigestSchedule
from bot.stories.digest_delivery import DigestDelivery
from bot.stories.digest_runner import DigestRunner
from bot.stories.feed_poller import due_feed_ids
from bot.tasks import open_task_queue

log = logging.getLogger(__name__)
LOCK_NAME = "copydesk.scheduler"
RETENTION_HOUR_UTC = 3


# --- leader lock ----------------------------------------------------------------------------


class PostgresLeaderLock:
    """A session-level advisory lock, keyed by database schema, on a connection kept open."""

    def __init__(self, url: str):
        self._engine = create_engine(normalise_url(url), poolclass=NullPool)
        self._connection = None

    def acquire(self) -> bool:
        connection = self._engine.connect()
        try:
            schema = connection.execute(text("SELECT current_schema()")).scalar() or "public"
            digest = hashlib.sha256(f"{LOCK_NAME}:{schema}".encode()).digest()
            key = int.from_bytes(digest[:8], "big", signed=True)
            held = connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar()
            connection.commit()  # the lock is the session's, not the transaction's: do not sit idle in one
        except Exception:
            connection.close()
            raise
        if not held:
            connection.close()
            return False
        self._connection = connection
        return True

    def healthy(self) -> bool:
        """False once the lock connection is gone: the server has released the lock."""
        try:
            self._connection.execute(text("SELECT 1"))
            self._connection.commit()
            return True
        except Exception:
            log.warning("lost the scheduler lock connection", exc_info=True)
            return False

    def release(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()  # closing the session releases its advisory locks
            finally:
                self._connection = None


class FileLeaderLock:
    """SQLite: a file lock beside the database file, released by the OS if the process dies."""

    def __init__(self, path: Path):
        self._lock = FileLock(str(path))

    def acquire(self) -> bool:
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return False
        return True

    def healthy(self) -> bool:
        return self._lock.is_locked

    def release(self) -> None:
        self._lock.release(force=True)


def leader_lock(database_url: str):
    url = make_url(normalise_url(database_url))
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if not database or database == ":memory:":
            raise ValueError("the scheduler needs a SQLite file, not an in-memory database")
        return FileLeaderLock(Path(database).with_name(Path(database).name + ".scheduler.lock"))
    return PostgresLeaderLock(database_url)


# --- the active scheduler -------------------------------------------------------------------


class CopydeskScheduler:
    """The jobs of the leader: the clock that enqueues. `clock`, `publisher` and `queue` are injected in tests."""

    def __init__(self, settings: Settings, *, publisher=None, clock: Callable[[], datetime] = utcnow, queue=None):
        if publisher is None:
            publisher = SlackDigestPublisher(settings)
        self.settings = settings
        self.factory = session_factory(settings.resolved_database_url)
        self.queue = queue if queue is not None else open_task_queue(settings, publisher=publisher, clock=clock)
        delivery = DigestDelivery.from_settings(self.factory, publisher, settings, clock=clock)  # records skips
        self.runner = DigestRunner(settings, self.factory, delivery, clock=clock)
        self.clock = clock
        self.aps = BackgroundScheduler(timezone=ZoneInfo("UTC"), job_defaults={"coalesce": True, "max_instances": 1})
        self._signatures: dict[str, tuple] = {}
        self._sync_lock = threading.Lock()

    def start(self) -> None:
        every = self.settings.scheduler_sweep_seconds
        self.aps.add_job(self.sweep, IntervalTrigger(seconds=every), id="sweep", misfire_grace_time=None)
        self.aps.add_job(self.poll_feeds, IntervalTrigger(seconds=max(every, 30)), id="feeds", misfire_grace_time=None)
        self.aps.add_job(
            self.purge, CronTrigger(hour=RETENTION_HOUR_UTC, minute=17, timezone=ZoneInfo("UTC")), id="retention"
        )
        self.aps.start()
        # On start: catch up digests missed while no scheduler ran (within the grace window), and poll.
        self.aps.add_job(self.sweep, id="catch-up", misfire_grace_time=None)
        self.aps.add_job(self.poll_feeds, id="first-poll", misfire_grace_time=None)

    def shutdown(self) -> None:
        if self.aps.running:
            self.aps.shutdown(wait=True)
        self.queue.close()

    def sweep(self) -> None:
        with log_context(job="sweep", request_id=new_request_id()):
            self._sweep()

    def _sweep(self) -> None:
        self.sync_digest_jobs()
        try:
            self.runner.match_all_channels()
        except Exception:
            log.exception("story matching sweep failed")
        self.enqueue_digests()
        try:
            self.queue.retry_stalled()
            for kind, waiting in self.queue.depth().items():
                metrics.TASK_QUEUE_DEPTH.labels(kind).set(waiting)
        except Exception:
            log.exception("task queue upkeep failed; the next sweep retries")

    def poll_feeds(self) -> None:
        """Enqueue a poll of every due feed (one waiting poll per feed, however often this runs)."""
        with log_context(job="feeds", request_id=new_request_id()), session_scope(self.factory) as session:
            due = due_feed_ids(session, self.clock())
        queued = sum(1 for feed_id in due if self.queue.enqueue_poll(feed_id))
        if queued:
            log.debug("%d of %d due feeds queued for polling", queued, len(due))

    def enqueue_digests(self, *, team_id: str | None = None, channel_id: str | None = None) -> None:
        for team, channel, period in self.runner.owed(team_id=team_id, channel_id=channel_id):
            self.queue.enqueue_digest(team, channel, period)

    def purge(self) -> None:
        with log_context(job="retention", request_id=new_request_id()), session_scope(self.factory) as session:
            purge_expired(session, self.settings.retention_days, now=self.clock())

    def run_channel(self, team_id: str, channel_id: str) -> None:
        ids = {"workspace_id": team_id or None, "channel_id": channel_id}
        with log_context(job="digest", request_id=new_request_id(), **ids):
            self.enqueue_digests(team_id=team_id, channel_id=channel_id)

    def sync_digest_jobs(self) -> dict[str, CronTrigger]:
        """One cron job per enabled channel schedule, rebuilt only where the schedule changed."""
        with self._sync_lock:
            with session_scope(self.factory) as session:
                rows = session.execute(
                    select(DigestSchedule.team_id, DigestSchedule.channel_id, DigestSchedule.time,
                           DigestSchedule.timezone, DigestSchedule.days)
                    .where(DigestSchedule.enabled.is_(True))
                ).all()  # fmt: skip
            wanted = {f"digest:{team}:{channel}": (team, channel, at, tz, days) for team, channel, at, tz, days in rows}
            for job_id in set(self._signatures) - set(wanted):
                if self.aps.get_job(job_id):
                    self.aps.remove_job(job_id)
                del self._signatures[job_id]
            for job_id, signature in wanted.items():
                if self._signatures.get(job_id) == signature:
                    continue
                team, channel, at, tz, days = signature
                self.aps.add_job(
                    self.run_channel, digest_trigger(at, tz, days), id=job_id, replace_existing=True,
                    kwargs={"team_id": team, "channel_id": channel}, misfire_grace_time=None,
                )  # fmt: skip
                self._signatures[job_id] = signature
            return {job_id: self.aps.get_job(job_id).trigger for job_id in wanted}


def digest_trigger(at: str, tz: str, days: str) -> CronTrigger:
    hour, minute = (int(part) for part in at.split(":"))
    return CronTrigger(day_of_week=days, hour=hour, minute=minute, timezone=ZoneInfo(tz))


# --- leader election loop -------------------------------------------------------------------


class LeaderElection:
    """Stand by until the lock is ours, then run the scheduler until we stop or lose the lock."""

    def __init__(self, settings: Settings, make_scheduler: Callable[[], CopydeskScheduler] | None = None):
        self.settings = settings
        self.make_scheduler = make_scheduler or (lambda: CopydeskScheduler(settings))
        self.stopped = threading.Event()
        self.is_leader = threading.Event()
        self._scheduler: CopydeskScheduler | None = None  # while this process leads

    def run(self) -> None:
        lock = leader_lock(self.settings.resolved_database_url)
        wait = self.settings.scheduler_standby_seconds
        announced_standby = False
        while not self.stopped.is_set():
            try:
                acquired = lock.acquire()
            except Exception:
                log.warning("scheduler lock unavailable; retrying in %ss", wait, exc_info=True)
                acquired = False
            if not acquired:
                if not announced_standby:
                    log.info("another scheduler is active; standing by")
                    announced_standby = True
                self.stopped.wait(wait)
                continue
            log.info("scheduler lock acquired: this process runs digests and feeds")
            self._lead(lock, wait)
            announced_standby = False

    def _lead(self, lock, wait: float) -> None:
        try:
            scheduler = self.make_scheduler()  # opens the task queue: the database may be restarting
        except Exception:
            log.exception("the scheduler could not start; releasing the lock and retrying in %ss", wait)
            lock.release()
            self.stopped.wait(wait)
            return
        self._scheduler = scheduler
        try:
            scheduler.start()
            self.is_leader.set()
            metrics.SCHEDULER_LEADER.set(1)
            while not self.stopped.wait(wait):
                if not lock.healthy():
                    break
        finally:
            metrics.SCHEDULER_LEADER.set(0)
            self.is_leader.clear()
            self._scheduler = None
            scheduler.shutdown()
            lock.release()

    def stop(self) -> None:
        self.stopped.set()

    def schedules_changed(self) -> None:
        """Apply a schedule change at once when this process runs the active scheduler (else: next sweep)."""
        scheduler = self._scheduler
        if scheduler is not None and scheduler.aps.running:
            try:
                scheduler.sync_digest_jobs()
            except Exception:
                log.exception("re-reading digest schedules failed; the next sweep retries")


def start_in_process(settings: Settings) -> LeaderElection:
    """Run the scheduler in a daemon thread of this process (`copydesk serve`'s default).

    The returned election is the web process's handle on it: `schedules_changed()` applies a
    schedule edited in Slack at once when this process leads (else the leader's next sweep does).
    """
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    election = LeaderElection(settings)
    thread = threading.Thread(target=election.run, name="copydesk-scheduler", daemon=True)
    thread.start()
    return election

"""Enqueueing into procrastinate is idempotent per key, and the stalled jobs of dead workers go back
to the queue, on the real PostgreSQL schema (no worker runs here: the jobs table is read directly)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from prometheus_client import REGISTRY

from bot.config import Settings
from bot.scheduler import CopydeskScheduler
from bot.slack.digest_blocks import SlackDigestPublisher
from bot.store.db import get_engine
from bot.tasks import KINDS
from tests.integration.stories.task_processes import queue_for

pytestmark = pytest.mark.postgres


def jobs(url) -> list[tuple]:
    with get_engine(url).connect() as connection:
        return connection.execute(
            sa.text("SELECT task_name, status::text, queueing_lock FROM procrastinate_jobs ORDER BY id")
        ).all()


def start(url, job_name: str, worker: str = "NULL") -> None:
    """What a worker's fetch does to a job: `doing` (worker NULL: its worker is gone)."""
    with get_engine(url).begin() as connection:
        connection.execute(
            sa.text(f"UPDATE procrastinate_jobs SET status = 'doing', worker_id = {worker} "
                    "WHERE task_name = :name AND status = 'todo'"), {"name": job_name},
        )  # fmt: skip


@pytest.fixture
def queue(queue_url):
    queue = queue_for(queue_url)
    yield queue
    queue.close()


def test_one_waiting_job_per_key(queue, queue_url):
    assert queue.enqueue_poll(1) is True
    assert queue.enqueue_poll(1) is False
    assert queue.enqueue_poll(2) is True
    link = "https://news.example.org/city/" + "x" * 2000  # a long link still makes a short key
    assert queue.enqueue_item(1, link) is True and queue.enqueue_item(1, link) is False
    assert queue.enqueue_item(2, link) is True  # the same link in another feed
    assert queue.enqueue_digest("T1", "C1", "2026-12-02") is True
    assert queue.enqueue_digest("T1", "C1", "2026-12-02") is False
    assert queue.enqueue_digest("T1", "C1", "2026-12-03") is True
    assert queue.depth() == {"poll": 2, "analysis": 2, "digest": 2}
    assert len(jobs(queue_url)) == 6
    assert all(len(lock) < 80 for _name, _status, lock in jobs(queue_url))


def test_a_key_whose_job_runs_can_be_queued_once_more(queue, queue_url):
    assert queue.enqueue_poll(1)
    start(queue_url, "poll")
    assert queue.enqueue_poll(1) is True  # runs after the running one (same lock)
    assert queue.enqueue_poll(1) is False
    assert [status for _name, status, _lock in jobs(queue_url)] == ["doing", "todo"]


def test_the_running_jobs_of_dead_workers_go_back_to_the_queue(queue, queue_url):
    assert queue.enqueue_item(1, "https://news.example.org/a") and queue.enqueue_item(1, "https://news.example.org/b")
    start(queue_url, "analysis")  # both taken by a worker that has since died
    assert queue.enqueue_item(1, "https://news.example.org/b")  # b queued again meanwhile (the next poll)
    assert queue.retry_stalled() == 1  # a goes back; b's waiting job does its work, so b's dead one is closed
    assert sorted(status for _name, status, _lock in jobs(queue_url)) == ["failed", "todo", "todo"]
    assert queue.depth()["analysis"] == 2
    assert queue.retry_stalled() == 0


def test_the_scheduler_sweep_publishes_the_queue_depth(queue, queue_url, history_stub):
    settings = Settings(
        _env_file=None, database_url=queue_url, task_queue="procrastinate", slack_bot_token="xoxb-depth",
        slack_api_url=history_stub.api_url, slack_client_id=None,
    )  # fmt: skip
    assert queue.enqueue_poll(1) and queue.enqueue_poll(2) and queue.enqueue_item(1, "https://news.example.org/a")
    scheduler = CopydeskScheduler(settings, publisher=SlackDigestPublisher(settings))
    try:
        scheduler.sweep()
    finally:
        scheduler.shutdown()
    depth = {kind: REGISTRY.get_sample_value("copydesk_task_queue_depth", {"kind": kind}) for kind in KINDS}
    assert depth == {"poll": 2, "analysis": 1, "digest": 0}

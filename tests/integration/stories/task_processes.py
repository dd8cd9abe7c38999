"""Real `copydesk scheduler` and `copydesk worker` processes on the procrastinate queue, and what the
tests read back from the database."""

from __future__ import annotations

import os
import subprocess
import sys

import sqlalchemy as sa

from bot.store.articles import ArticleRow, ReportRow
from bot.store.db import session_scope
from bot.store.stories_models import FeedItem
from bot.tasks.procrastinate_app import build_app
from bot.tasks.procrastinate_queue import ProcrastinateTaskQueue
from tests.integration.stories.test_scheduler_processes import start_scheduler, stop_schedulers, wait_for

__all__ = ["queue_for", "start_queue_scheduler", "start_worker", "stop_processes", "wait_for"]

STALLED_SECONDS = "3"  # a SIGKILLed worker's jobs are handed back within seconds, not half a minute
QUEUE_SETTINGS = {"TASK_QUEUE": "procrastinate", "WORKER_STALLED_SECONDS": STALLED_SECONDS,
                  "FETCH_ALLOW_PRIVATE": "true", "FETCH_TOTAL_TIMEOUT": "20"}  # fmt: skip


def queue_for(url: str) -> ProcrastinateTaskQueue:
    return ProcrastinateTaskQueue(build_app(url).open())


def start_queue_scheduler(url: str, stub, tmp_path, name: str, **settings: str):
    return start_scheduler(url, stub, tmp_path, name, **QUEUE_SETTINGS, **settings)


def start_worker(url: str, stub, tmp_path, name: str, *args: str, **settings: str):
    """A `copydesk worker` process (args: e.g. "--queue", "poll"); its log is tmp_path/NAME.log."""
    env = {
        **os.environ, "COPYDESK_DATABASE_URL": url, "SLACK_BOT_TOKEN": "xoxb-two",
        "COPYDESK_SLACK_API_URL": stub.api_url, "COPYDESK_LOG_LEVEL": "INFO",
        **{f"COPYDESK_{key}": value for key, value in {**QUEUE_SETTINGS, **settings}.items()},
    }  # fmt: skip
    env.pop("SLACK_CLIENT_ID", None)
    env.pop("COPYDESK_SLACK_CLIENT_ID", None)
    log = (tmp_path / f"{name}.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "worker", *args], env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT
    )
    return process, log


def worker_ready(tmp_path, name: str) -> bool:
    return "worker ready" in (tmp_path / f"{name}.log").read_text()


def stop_processes(processes: dict) -> None:
    stop_schedulers(processes)  # SIGTERM, then SIGKILL after 15 s


def item_states(factory) -> list[tuple[str, str, int]]:
    with session_scope(factory) as session:
        return session.execute(sa.select(FeedItem.item_key, FeedItem.status, FeedItem.attempts)).all()


def all_final(factory, expected: int) -> bool:
    states = item_states(factory)
    return len(states) == expected and all(status != "pending" for _key, status, _attempts in states)


def reports_per_article(factory) -> dict[str, int]:
    with session_scope(factory) as session:
        rows = session.execute(
            sa.select(ArticleRow.canonical_url, sa.func.count(ReportRow.id))
            .join(ReportRow, ReportRow.article_id == ArticleRow.id)
            .group_by(ArticleRow.canonical_url)
        ).all()
    return dict(rows)

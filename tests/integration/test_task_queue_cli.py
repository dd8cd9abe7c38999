"""The task queue's commands: `copydesk db upgrade` adds procrastinate's schema once, and
`copydesk worker` refuses, with a clear message, a set-up that has no procrastinate queue."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from bot.cli import app
from bot.config import get_settings
from bot.store.db import get_engine


@pytest.fixture
def run(monkeypatch):
    def invoke(*args: str, **env: str):
        for key, value in env.items():
            monkeypatch.setenv(f"COPYDESK_{key}", value)
        get_settings.cache_clear()
        try:
            return CliRunner().invoke(app, list(args))
        finally:
            get_settings.cache_clear()

    return invoke


@pytest.mark.postgres
def test_db_upgrade_adds_the_queue_schema_once(run, empty_postgres_url):
    first = run("db", "upgrade", DATABASE_URL=empty_postgres_url, TASK_QUEUE="procrastinate")
    again = run("db", "upgrade", DATABASE_URL=empty_postgres_url, TASK_QUEUE="procrastinate")
    assert first.exit_code == again.exit_code == 0, first.output + again.output
    assert "task queue schema created" in first.output and "task queue schema already present" in again.output
    tables = set(sa.inspect(get_engine(empty_postgres_url)).get_table_names())
    assert {"procrastinate_jobs", "procrastinate_workers", "feed_items"} <= tables


def test_the_worker_refuses_the_inline_queue(run, tmp_path):
    result = run("worker", DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}", TASK_QUEUE="inline")
    assert result.exit_code == 2
    assert "COPYDESK_TASK_QUEUE=procrastinate" in result.output


def test_the_procrastinate_queue_refuses_sqlite(run, tmp_path):
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    worker = run("worker", DATABASE_URL=url, TASK_QUEUE="procrastinate")
    upgrade = run("db", "upgrade", DATABASE_URL=url, TASK_QUEUE="procrastinate")
    assert worker.exit_code == upgrade.exit_code == 2
    assert "keeps its jobs in PostgreSQL" in worker.output and "keeps its jobs in PostgreSQL" in upgrade.output


def test_an_unknown_queue_is_a_usage_error(run, tmp_path):
    result = run("worker", "--queue", "mail", DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
                 TASK_QUEUE="procrastinate")  # fmt: skip
    assert result.exit_code == 2 and "unknown queue mail" in result.output

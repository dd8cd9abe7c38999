"""The procrastinate app: its connection to Copydesk's PostgreSQL database and the three tasks.

Each task is a thin wrapper: it takes the process's TaskWork from the job context (a worker
passes it as `additional_context["work"]`, built once with the spaCy model loaded) and runs one
attempt through bot/tasks/attempts.py. Arguments are JSON: ids, keys, the attempt number and the
enqueue time (for copydesk_task_wait_seconds).
"""

from __future__ import annotations

from procrastinate import App, JobContext, PsycopgConnector
from sqlalchemy.engine import make_url

from bot.store.db import normalise_url
from bot.tasks.attempts import run_attempt
from bot.tasks.queue import ANALYSIS, DIGEST, POLL
from bot.tasks.work import TaskWork

WORK = "work"  # the additional_context key holding the process's TaskWork


class NotPostgres(ValueError):
    """COPYDESK_TASK_QUEUE=procrastinate with a database that is not PostgreSQL."""


def conninfo(database_url: str) -> str:
    """libpq's form of Copydesk's (SQLAlchemy) database URL; search_path options and all kept."""
    url = make_url(normalise_url(database_url))
    if url.get_backend_name() != "postgresql":
        raise NotPostgres(
            "COPYDESK_TASK_QUEUE=procrastinate keeps its jobs in PostgreSQL, but COPYDESK_DATABASE_URL is "
            f"{url.get_backend_name()}. Set COPYDESK_DATABASE_URL=postgresql://..., or use "
            "COPYDESK_TASK_QUEUE=inline (the default: jobs run inside `copydesk serve`/`copydesk scheduler`)."
        )
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def build_app(database_url: str, *, max_connections: int = 10) -> App:
    app = App(connector=PsycopgConnector(conninfo=conninfo(database_url), min_size=1, max_size=max_connections))
    app.task(name=POLL, queue=POLL, pass_context=True)(poll)
    app.task(name=ANALYSIS, queue=ANALYSIS, pass_context=True)(analysis)
    app.task(name=DIGEST, queue=DIGEST, pass_context=True)(digest)
    return app


def _work(context: JobContext) -> TaskWork:
    return context.additional_context[WORK]


def poll(context: JobContext, feed_id: int, attempt: int = 0, enqueued_at: float | None = None) -> None:
    work = _work(context)
    run_attempt(
        POLL, lambda: work.poll(feed_id), attempt=attempt, enqueued_at=enqueued_at,
        retry=lambda n, delay: work.queue.enqueue_poll(feed_id, attempt=n, delay=delay),
    )  # fmt: skip


def analysis(
    context: JobContext, feed_id: int, item_key: str, attempt: int = 0, enqueued_at: float | None = None
) -> None:
    work = _work(context)
    run_attempt(
        ANALYSIS, lambda: work.analysis(feed_id, item_key), attempt=attempt, enqueued_at=enqueued_at,
        retry=lambda n, delay: work.queue.enqueue_item(feed_id, item_key, attempt=n, delay=delay),
    )  # fmt: skip


def digest(
    context: JobContext, team_id: str, channel_id: str, period: str, attempt: int = 0, enqueued_at: float | None = None
) -> None:
    work = _work(context)
    run_attempt(
        DIGEST, lambda: work.digest(team_id, channel_id, period), attempt=attempt, enqueued_at=enqueued_at,
        retry=lambda n, delay: work.queue.enqueue_digest(team_id, channel_id, period, attempt=n, delay=delay),
    )  # fmt: skip

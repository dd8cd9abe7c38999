"""`copydesk worker`: run the poll, analysis and digest jobs of the procrastinate queue (bot/tasks/worker.py).

Loads the spaCy model (and the language identifier) once, before taking any job, so the first
analysis does not pay for it; then serves /metrics and /healthz on COPYDESK_WORKER_METRICS_PORT
(so /healthz answers only once the worker is ready) and logs "worker ready"; on
SIGTERM or SIGINT stops taking jobs, lets the running ones finish, and exits 0.
"""

from __future__ import annotations

import asyncio
import logging
import signal

import typer

from bot.analysis import analyze, load_nlp
from bot.config import Settings, get_settings
from bot.logging_setup import configure_logging
from bot.metrics_server import start_metrics_server
from bot.tasks import KINDS, NotPostgres, ProcrastinateTaskQueue
from bot.tasks.procrastinate_app import build_app
from bot.tasks.work import TaskWork
from bot.tasks.worker import run_workers, worker_plan

log = logging.getLogger("bot.tasks.worker")
WARM_UP_TEXT = "The council said on Monday that the bridge would reopen in March after repairs."


def run_worker(concurrency: int | None, queues: list[str]) -> int:
    settings = get_settings()
    configure_logging(settings)
    if settings.task_queue != "procrastinate":
        typer.echo(
            "copydesk worker runs jobs of the procrastinate queue, but COPYDESK_TASK_QUEUE is "
            f"{settings.task_queue!r}: with the inline queue, `copydesk serve` or `copydesk scheduler` runs "
            "the jobs itself. Set COPYDESK_TASK_QUEUE=procrastinate (PostgreSQL) to run workers.",
            err=True,
        )
        return 2
    unknown = sorted(set(queues) - set(KINDS))
    if unknown:
        typer.echo(f"unknown queue {', '.join(unknown)}: choose among {', '.join(KINDS)}", err=True)
        return 2
    try:
        connections = (concurrency or settings.worker_concurrency) + 6  # jobs, listeners, heartbeats
        app = build_app(settings.resolved_database_url, max_connections=connections)
    except NotPostgres as exc:
        typer.echo(str(exc), err=True)
        return 2
    plan = worker_plan(queues or list(KINDS), concurrency or settings.worker_concurrency)
    if any("analysis" in worker["queues"] for worker in plan):
        load_nlp(settings.spacy_model)
        analyze(WARM_UP_TEXT, model=settings.spacy_model)  # the language identifier too
    if settings.worker_metrics_port:  # after the warm-up: /healthz answering means ready to take jobs
        start_metrics_server(settings.worker_metrics_port)
    log.info("worker ready: %s", ", ".join(f"{w['name']} {w['queues']} x{w['concurrency']}" for w in plan))
    asyncio.run(_serve(app, settings, plan))
    log.info("worker stopped")
    return 0


async def _serve(app, settings: Settings, plan: list[dict]) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    work = TaskWork(settings, ProcrastinateTaskQueue(app, stalled_seconds=settings.worker_stalled_seconds))
    await run_workers(app, work, settings, plan, stop)

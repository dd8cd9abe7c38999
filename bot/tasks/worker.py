"""One `copydesk worker` process: procrastinate workers for the poll, analysis and digest queues.

How the work is split inside the process. An analysis is CPU-bound: spaCy holds the GIL for most of
a parse (not all of it), so analyses beside each other in one process compete for one interpreter;
polls and digests spend their time waiting on the network. The process runs two procrastinate
workers on one event loop:
- `analysis`: concurrency 1, so one worker process keeps about one core busy, and scaling is by
  processes (replicas), each loading the model once, with a CPU request of one core.
- `io` (poll, digest): Settings.worker_concurrency jobs at once. They release the GIL while they
  wait, so a running analysis slows them but never starves them, and a slow feed does not hold up
  the others.
Measured with a scratch script (12 seed articles analysed in one process, in 1 then 2 threads;
a feed fetch+parse against a loopback server that answers in 0.1 s, alone and beside analysis
threads), on the shared 2-core machine, 2026-12-02:
- quieter machine (load ~3), four runs: 1 thread 2.80 / 2.78 / 3.04 / 2.60 s, 2 threads
  2.47 / 3.12 / 4.37 / 2.71 s: a second analysis thread buys nothing (the GIL); feed poll median
  0.21 / 0.17 s alone, 0.23 / 0.25 s beside one analysis thread, 0.31 / 0.21 s beside two;
- loaded machine (load ~5.5, other test suites running), two runs: 1 thread 16.2 / 11.5 s,
  2 threads 8.9 / 7.4 s; poll median 0.30 s alone, 0.59 s beside one analysis, 0.65 s beside two.
So one analysis per process: one process keeps about one core busy (what a pod requests), with
predictable memory, and polls slowed by a quarter to a half, never starved; more cores are used by
more worker processes.
`--queue` picks the queues (e.g. a replica that only analyses). Sync task bodies run in the loop's
thread pool, sized for both workers.

A PostgreSQL restart: the connection pools reconnect by themselves, and a job whose database work
was cut off fails and is enqueued again (attempts.py). Should a procrastinate worker loop stop on a
lost database all the same (a side task such as the heartbeat failing), it is started again every
RECONNECT_SECONDS; the jobs it held go back to the queue through the scheduler's stalled-job sweep
once that worker's heartbeat is older than Settings.worker_stalled_seconds.

SIGTERM/SIGINT: stop taking jobs, let the running ones finish, unregister, exit.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

from procrastinate import App

from bot.config import Settings
from bot.tasks.procrastinate_app import WORK
from bot.tasks.queue import ANALYSIS, KINDS
from bot.tasks.work import TaskWork

log = logging.getLogger(__name__)
RECONNECT_SECONDS = 2.0


def worker_plan(queues: list[str], concurrency: int) -> list[dict]:
    """The procrastinate workers this process runs: analysis alone at concurrency 1, the rest together."""
    plan = []
    if ANALYSIS in queues:
        plan.append({"name": "analysis", "queues": [ANALYSIS], "concurrency": 1})
    io_queues = [kind for kind in KINDS if kind in queues and kind != ANALYSIS]
    if io_queues:
        plan.append({"name": "io", "queues": io_queues, "concurrency": concurrency})
    return plan


async def run_workers(app: App, work: TaskWork, settings: Settings, plan: list[dict], stop: asyncio.Event) -> None:
    """Run every worker of `plan` until `stop` is set; a worker that dies on a lost database is restarted."""
    loop = asyncio.get_running_loop()
    loop.set_default_executor(
        ThreadPoolExecutor(max_workers=sum(w["concurrency"] for w in plan) + 2, thread_name_prefix="copydesk-job")
    )
    options = {
        "install_signal_handlers": False,  # the command owns SIGTERM and stops every worker
        "additional_context": {WORK: work},
        "update_heartbeat_interval": settings.worker_stalled_seconds / 3,
        "stalled_worker_timeout": settings.worker_stalled_seconds,
        "delete_jobs": "successful",
    }
    async with app.open_async():
        runs = [asyncio.create_task(_keep_running(app, stop, **options, **worker)) for worker in plan]
        await stop.wait()
        for run in runs:
            run.cancel()  # procrastinate stops taking jobs and waits for the running ones
        await asyncio.gather(*runs, return_exceptions=True)


async def _keep_running(app: App, stop: asyncio.Event, **options) -> None:
    name = options["name"]
    while not stop.is_set():
        try:
            await app.run_worker_async(**options)
            problem = "stopped"
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - the database went away: try again, never die
            problem = f"failed ({type(exc).__name__}: {exc})"
        if stop.is_set():
            return
        log.warning("worker %s %s; starting it again in %.0f s", name, problem, RECONNECT_SECONDS)
        try:
            await asyncio.wait_for(stop.wait(), RECONNECT_SECONDS)
        except TimeoutError:
            pass

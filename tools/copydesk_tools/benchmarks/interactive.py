"""`copydesk bench interactive`: an interactive analysis on the web tier's process pool, or through the task queue?

Issue 12 asks to measure the time from a command to its report both ways and keep the better.
The same articles (pages of the feed farm on loopback, about 350 words each) are read one at a
time, alternating between the two ways so both see the same machine load:

- pool: `bot.reports.analysis_runner.run_analysis`, what the slash command, mentions and the
  shortcut call: fetch and analyse in one of COPYDESK_SLACK_ANALYSIS_WORKERS spawned processes
  that hold the model (warmed first, as `copydesk serve` does);
- queue: the article as a pending feed item, enqueued as an `analysis` job into procrastinate
  (fresh PostgreSQL schema) for one idle, ready `copydesk worker`; done when the item leaves
  `pending`, i.e. the report is stored. The queue's way also stores the report and matches it to
  stories, which the pool's way leaves to its caller: a few milliseconds of the difference.

Printed: p50 and p95 per way, and which is faster. Neither includes posting to Slack, which is
the same both ways. Both ways are warmed first (the pool's processes each analyse an article
untimed; the worker warms itself before its /healthz answers).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from bot.config import Settings
from bot.reports import analysis_runner
from bot.reports.repository import canonical_url
from bot.store.db import session_factory, session_scope
from bot.store.stories_models import Feed, FeedItem
from bot.tasks import ProcrastinateTaskQueue
from bot.tasks.procrastinate_app import build_app
from copydesk_tools.benchmarks.ingest_processes import Fleet, ProcessFailed, process_env
from copydesk_tools.benchmarks.pg_schemas import PostgresSchemas, bench_postgres_url
from copydesk_tools.feed_farm.process import FarmProcess

ITEM_DONE_POLL_S = 0.01
WARM_UP_ARTICLES = 4  # through the pool, untimed: enough for each of its processes to see one


def run(quick: bool = False) -> int:
    count = 6 if quick else 20
    print(f"copydesk bench interactive: {count} articles each way, one at a time, alternating")
    try:
        schemas = PostgresSchemas(bench_postgres_url())
    except Exception as exc:  # noqa: BLE001 - say what is missing, do not print a traceback
        print(f"  PostgreSQL unavailable ({exc.__class__.__name__}: {exc}); this benchmark needs it")
        return 1
    url, drop = schemas.create("bench_interactive")
    log_dir = Path(tempfile.mkdtemp(prefix="copydesk-bench-interactive-"))
    fleet = Fleet(process_env(url, log_dir, {"COPYDESK_TASK_QUEUE": "procrastinate"}), log_dir)
    settings = Settings(_env_file=None, fetch_allow_private=True, database_url=url)
    try:
        with FarmProcess(feeds=10, items=2 * count + 10) as farm:
            fleet.run_to_completion("migrate", "db", "upgrade")
            feed_id = _register_feed(url, farm)
            fleet.start_workers(1)
            for future in analysis_runner.warm_up(settings):
                future.result()
            app = build_app(url).open()
            queue = ProcrastinateTaskQueue(app)
            # Untimed first: each pool process's first analysis loads the language identifier
            # (the worker warms its own before it answers /healthz).
            spare = range(2 * count, 2 * count + WARM_UP_ARTICLES)
            for n in spare:
                analysis_runner.run_analysis(settings, f"{farm.base}/a/{n}.html", None)
            pool, queued = [], []
            for n in range(count):
                pool.append(_through_pool(settings, f"{farm.base}/a/{2 * n}.html"))
                queued.append(_through_queue(url, queue, feed_id, f"{farm.base}/a/{2 * n + 1}.html"))
            app.close()
    except ProcessFailed as exc:
        print(f"  FAILED: {exc}")
        return 1
    finally:
        fleet.stop()
        analysis_runner.shutdown()
        drop()
        schemas.close()
        shutil.rmtree(log_dir, ignore_errors=True)
    for name, samples in (("web tier's process pool", pool), ("task queue (1 idle worker)", queued)):
        print(f"  {name:<28} p50 {_ms(samples, 50):>6.0f} ms   p95 {_ms(samples, 95):>6.0f} ms")
    faster = "process pool" if statistics.median(pool) <= statistics.median(queued) else "task queue"
    print(f"  faster at the median: the {faster}")
    return 0


def _register_feed(url: str, farm: FarmProcess) -> int:
    link = farm.feed_url(0)
    with session_scope(session_factory(url)) as session:
        feed = Feed(team_id="TBENCH", channel_id="CBENCH", url=link, url_key=canonical_url(link))
        session.add(feed)
        session.flush()
        return feed.id


def _through_pool(settings: Settings, link: str) -> float:
    started = time.perf_counter()
    analysis_runner.run_analysis(settings, link, None)
    return time.perf_counter() - started


def _through_queue(url: str, queue: ProcrastinateTaskQueue, feed_id: int, link: str) -> float:
    key = canonical_url(link)
    with session_scope(session_factory(url)) as session:
        session.add(FeedItem(feed_id=feed_id, item_key=key, status="pending", entry={"link": link}))
    started = time.perf_counter()
    queue.enqueue_item(feed_id, key)
    item = sa.select(FeedItem.status, FeedItem.error).where(FeedItem.feed_id == feed_id, FeedItem.item_key == key)
    while True:
        with session_scope(session_factory(url)) as session:
            status, error = session.execute(item).one()
        if status != "pending":
            if status != "done" or error:
                raise ProcessFailed(f"the queued analysis of {link} ended {status}: {error}")
            return time.perf_counter() - started
        time.sleep(ITEM_DONE_POLL_S)


def _ms(samples: list[float], q: int) -> float:
    ordered = sorted(samples)
    return 1000 * ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]

"""`copydesk bench ingest`: feeds polled and articles analysed per second, one process against workers.

A feed farm (copydesk_tools.feed_farm: a real HTTP server process on loopback, by default 2,000
feeds and 20,000 items; 10 % of the feeds slow, 2 % dead, 5 % malformed) and, on a fresh
PostgreSQL schema per run, every feed registered (five to a channel, each channel tracking one
story) and made due at one instant, t0. Then, each run from a fresh schema and a fresh farm:

- baseline: one `copydesk scheduler` with COPYDESK_TASK_QUEUE=inline, which polls and analyses
  in its own process (the single-process install);
- 1, 2 and 4 `copydesk worker` processes with COPYDESK_TASK_QUEUE=procrastinate, and one
  `copydesk scheduler` that only enqueues.

Printed per run: articles analysed per second over a fixed window after a warm-up (reports
stored, counted in the database), and the lag from t0 to each feed's first request at the farm
(p50, p99) for healthy feeds, slow feeds and dead/malformed ones apart, with how many were polled
at all before the run ended. Then, for the worker runs, the same number of fresh workers on
`--queue analysis` alone for --analysis-seconds (the run left thousands of items waiting): the
articles/s without the first poll burst competing for the CPU. Last, the 2-vs-1 and 4-vs-1 worker
speed-ups, both ways. Targets (issue 12): two
workers at least 1.8x the articles per second of one; healthy feeds' p99 lag under one poll
interval, slow and dead feeds adding nothing to it. Beside each run: the machine's load average,
the cores the analysing processes actually got in the window and the CPU-seconds per article (on a
shared machine a slower run may simply have had less CPU), the workers' peak RSS, and the rows
written to PostgreSQL and bytes stored per article (for the README's capacity model).

The feeds fall due once the workers are ready and just before `copydesk scheduler` starts: its
first tick, at start, enqueues them all, so each lag includes the scheduler's start (a few
seconds) but not the wait for a later tick (up to a minute with the default
COPYDESK_SCHEDULER_SWEEP_SECONDS; the bench sets 15 s). Polling 2,000 feeds can outlast a run:
the feeds not polled by its end are counted as "more than the run", and the time to poll them all
is projected from the poll rate measured during the run (printed as a projection, never as a
measurement). Processes, logs and the schema are thrown away after each run (`--keep-logs`
keeps the logs).
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from bot.reports.repository import canonical_url
from bot.store.articles import ReportRow
from bot.store.db import session_factory, session_scope
from bot.store.stories_models import Feed, FeedItem, Story
from copydesk_tools.benchmarks.ingest_figures import (
    LAG_GROUPS,
    RunFigures,
    cores_used,
    lag_text,
    lags_by_group,
    percentile,
    poll_projection,
    polled_count,
    polled_text,
    throughput,
)
from copydesk_tools.benchmarks.ingest_processes import Fleet, ProcessFailed, process_env
from copydesk_tools.benchmarks.pg_schemas import PostgresSchemas, bench_postgres_url
from copydesk_tools.feed_farm.newstext import TOPICS
from copydesk_tools.feed_farm.process import FarmProcess

TEAM = "TBENCH"
FEEDS_PER_CHANNEL = 5
SWEEP_SECONDS = "15"
NOT_YET = datetime(2100, 1, 1, tzinfo=UTC)  # registered feeds wait here until the fleet is ready
POLL_INTERVAL_S = 15 * 60  # the default COPYDESK_FEED_POLL_MINUTES: the lag target
ANALYSIS_SETTLE_S = 5.0  # after the analysis-only workers answer /healthz, before counting


@dataclass(frozen=True)
class IngestOptions:
    feeds: int = 2000
    items: int = 20000
    seconds: float = 60.0  # the throughput window
    warmup: float = 20.0  # from the first stored report to the window's start
    max_run: float = 120.0  # from t0: how long unpolled feeds are waited for once the window is over
    analysis_seconds: float = 30.0  # then the same workers on analysis jobs alone, this long (0: skip)
    workers: tuple[int, ...] = (1, 2, 4)
    baseline: bool = True
    database_url: str | None = None
    keep_logs: bool = False

    @classmethod
    def quick(cls) -> IngestOptions:
        return cls(
            feeds=200, items=2000, seconds=20.0, warmup=10.0, max_run=60.0, workers=(1, 2), analysis_seconds=15.0
        )


@dataclass(frozen=True)
class Configuration:
    label: str
    workers: int  # 0: the inline baseline, no worker process

    @property
    def task_queue(self) -> str:
        return "procrastinate" if self.workers else "inline"


def run(quick: bool = False, **overrides) -> int:
    options = IngestOptions.quick() if quick else IngestOptions()
    options = IngestOptions(**{**options.__dict__, **{k: v for k, v in overrides.items() if v is not None}})
    configurations = ([Configuration("baseline: inline, 1 process", 0)] if options.baseline else []) + [
        Configuration(f"{n} worker{'s' if n > 1 else ''}", n) for n in options.workers if n > 0
    ]
    print(
        f"copydesk bench ingest: {options.feeds:,} feeds, {options.items:,} items; throughput window "
        f"{options.seconds:.0f} s after a {options.warmup:.0f} s warm-up; {os.cpu_count()} CPUs"
    )
    try:
        schemas = PostgresSchemas(bench_postgres_url(options.database_url))
    except Exception as exc:  # noqa: BLE001 - say what is missing, do not print a traceback
        print(f"  PostgreSQL unavailable ({exc.__class__.__name__}: {exc}); this benchmark needs it")
        return 1
    results = []
    try:
        for configuration in configurations:
            results.append(measure(configuration, options, schemas))
            _print_run(results[-1])
    finally:
        schemas.close()
    _print_summary(results)
    return 0 if all(result.error is None for result in results) else 1


def measure(configuration: Configuration, options: IngestOptions, schemas: PostgresSchemas) -> RunFigures:
    figures = RunFigures(configuration.label, configuration.workers, load_before=os.getloadavg()[0])
    log_dir = Path(tempfile.mkdtemp(prefix="copydesk-bench-ingest-"))
    url, drop = schemas.create("bench_ingest")
    fleet = Fleet(process_env(url, log_dir, _settings(configuration)), log_dir)
    try:
        with FarmProcess(options.feeds, options.items) as farm:
            try:
                fleet.run_to_completion("migrate", "db", "upgrade")
                plan = farm.plan()
                register(url, farm, len(plan))
                if configuration.workers:
                    fleet.start_workers(configuration.workers)
                # Due before the clock starts: its first tick, at start, finds them all (a tick
                # later on would add up to max(sweep, 30 s) of waiting to every feed's lag).
                due = make_due(url)
                fleet.start_scheduler()
                cpu_samples: list[tuple[float, float]] = []
                report_times = _run_until_done(url, farm, fleet, options, due, cpu_samples)
                figures.run_seconds = time.time() - due
                figures.worker_rss_mb = fleet.peak_rss_mb("worker-")
                figures.rows_written, figures.items_recorded, figures.stored_bytes = _database_writes(url)
                if configuration.workers and options.analysis_seconds > 0:
                    figures.analysis_only, figures.analysis_cores = _analysis_only(url, fleet, configuration, options)
            finally:
                fleet.stop()  # before the farm: a job cut off mid-fetch would only log noise
            figures.articles_per_s, figures.window = throughput(report_times, options.warmup, options.seconds)
            figures.reports = len(report_times)
            figures.cores = cores_used(cpu_samples, figures.window)
            stamps = farm.stamps()["first_request"]
            figures.lags = lags_by_group(plan, stamps, due)
            figures.poll_rate, figures.projected_p99 = poll_projection(list(stamps.values()), due, len(plan))
            figures.censored = len(stamps) < len(plan)
    except ProcessFailed as exc:
        figures.error = str(exc)
    except sa.exc.OperationalError as exc:  # a PostgreSQL restart mid-run: these figures mean nothing
        figures.error = f"the database connection failed during the run ({exc.orig or exc})"
    finally:
        drop()
        if options.keep_logs or figures.error:
            print(f"  logs: {log_dir}")
        else:
            shutil.rmtree(log_dir, ignore_errors=True)
    return figures


def _analysis_only(url: str, fleet: Fleet, configuration: Configuration, options: IngestOptions) -> tuple[float, float]:
    """(articles/s, cores) of the same number of workers taking analysis jobs only.

    The run's polls have left thousands of items waiting; with the clock and the pollers stopped,
    fresh workers on `--queue analysis` measure what the issue's 2-vs-1 target is about, without
    the first poll burst (every feed's ten new items recorded at once) competing for the CPU.
    """
    fleet.stop()
    fleet.start_workers(configuration.workers, ("--queue", "analysis"), prefix="analyser-")
    time.sleep(ANALYSIS_SETTLE_S)
    count, cpu, started = len(_report_times(url)), fleet.cpu_seconds("analyser-"), time.time()
    time.sleep(options.analysis_seconds)
    elapsed = time.time() - started
    done = len(_report_times(url)) - count
    return done / elapsed, (fleet.cpu_seconds("analyser-") - cpu) / elapsed


def _settings(configuration: Configuration) -> dict[str, str]:
    return {"COPYDESK_TASK_QUEUE": configuration.task_queue, "COPYDESK_SCHEDULER_SWEEP_SECONDS": SWEEP_SECONDS}


def register(url: str, farm: FarmProcess, feeds: int) -> None:
    """Every farm feed, five to a channel, not due yet; each channel tracks one story of the farm's topics."""
    channels = -(-feeds // FEEDS_PER_CHANNEL)
    stories = []
    for channel in range(channels):
        topic = TOPICS[channel % len(TOPICS)]
        name = topic.subject.removeprefix("the ").capitalize()
        stories.append({
            "team_id": TEAM, "channel_id": f"C{channel:05d}", "name": name, "name_key": name.lower(),
            "terms": topic.subject.removeprefix("the ").split(), "actors": [],
        })  # fmt: skip
    rows = []
    for number in range(feeds):
        link = farm.feed_url(number)
        rows.append({
            "team_id": TEAM, "channel_id": f"C{number // FEEDS_PER_CHANNEL:05d}", "url": link,
            "url_key": canonical_url(link), "next_poll_at": NOT_YET,
        })  # fmt: skip
    with session_scope(session_factory(url)) as session:
        session.execute(sa.insert(Story), stories)
        session.execute(sa.insert(Feed), rows)


def make_due(url: str) -> float:
    """Every feed falls due now (the workers are up, the scheduler not yet); returns that instant."""
    now = datetime.now(UTC)
    with session_scope(session_factory(url)) as session:
        session.execute(sa.update(Feed).values(next_poll_at=now))
    return now.timestamp()


def _run_until_done(
    url: str, farm: FarmProcess, fleet: Fleet, options: IngestOptions, due: float, cpu: list[tuple[float, float]]
) -> list[float]:
    """Wait until the throughput window is over and every feed was requested, or max_run has passed.

    The window may run past max_run when it started before; a window that has not started by
    max_run (no report yet, or the warm-up not over) ends the run there.
    """
    give_up = due + options.max_run
    prefix = "worker-" if any(name.startswith("worker-") for name in fleet.processes) else "scheduler"
    while True:
        time.sleep(2)
        now = time.time()
        cpu.append((now, fleet.cpu_seconds(prefix)))  # (when, CPU seconds the analysing processes used so far)
        first = _first_report(url)
        window_start = first + options.warmup if first is not None else math.inf
        all_polled = len(farm.stamps()["first_request"]) >= options.feeds
        if now >= window_start + options.seconds and (all_polled or now >= give_up):
            break
        if now >= give_up and window_start >= give_up:
            break
        if len(fleet.alive()) < len(fleet.processes):
            raise ProcessFailed(f"a process died during the run: alive {fleet.alive()} of {list(fleet.processes)}")
    return _report_times(url)


def _database_writes(url: str) -> tuple[int, int, float]:
    """(rows inserted, updated or deleted in the run's schema, procrastinate's tables included;
    feed items recorded; average bytes stored per report: its article row plus its report row)."""
    with session_scope(session_factory(url)) as session:
        rows = session.scalar(sa.text(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables"
            " WHERE schemaname = current_schema()"
        ))  # fmt: skip
        items = session.scalar(sa.select(sa.func.count()).select_from(FeedItem))
        stored = session.scalar(sa.text(
            "SELECT avg(pg_column_size(r.*) + pg_column_size(a.*))"
            " FROM reports r JOIN articles a ON a.id = r.article_id"
        ))  # fmt: skip
    return int(rows or 0), int(items or 0), float(stored or 0.0)


def _first_report(url: str) -> float | None:
    with session_scope(session_factory(url)) as session:
        first = session.scalar(sa.select(sa.func.min(ReportRow.created_at)))
    return first.timestamp() if first else None


def _report_times(url: str) -> list[float]:
    with session_scope(session_factory(url)) as session:
        return [created.timestamp() for created in session.scalars(sa.select(ReportRow.created_at))]


# --- printing ----------------------------------------------------------------------------------


def _print_run(result: RunFigures) -> None:
    if result.error:
        print(f"  {result.label}: FAILED: {result.error.splitlines()[0]}")
        return
    rate = (
        f"{result.articles_per_s:.2f} articles/s"
        if result.articles_per_s is not None
        else "no throughput figure: the window had not started when the run ended"
    )
    memory = f"; worker peak RSS {result.worker_rss_mb:.0f} MB" if result.worker_rss_mb else ""
    print(f"  {result.label}: {rate} ({result.reports:,} reports in {result.run_seconds:.0f} s; "
          f"load average {result.load_before:.1f} at the start{memory})")  # fmt: skip
    if result.rows_written:
        polled = sum(polled_count(values) for values in result.lags.values())
        rate = result.rows_written / result.run_seconds
        size = f"; {result.stored_bytes / 1024:.1f} KB stored per article" if result.reports else ""
        print(f"      database: {result.rows_written:,} rows written ({rate:.0f}/s, queue tables included) for "
              f"{polled:,} polls, {result.items_recorded:,} items recorded and {result.reports:,} articles "
              f"stored{size}")  # fmt: skip
    if result.cores and result.articles_per_s:
        print(f"      in the window the {'workers' if result.workers else 'scheduler'} used {result.cores:.2f} cores: "
              f"{result.cores / result.articles_per_s:.2f} CPU-seconds per article")  # fmt: skip
    if result.analysis_only:
        print(f"      then analysis jobs alone (no polls): {result.analysis_only:.2f} articles/s on "
              f"{result.analysis_cores:.2f} cores")  # fmt: skip
    for group, _kinds in LAG_GROUPS:
        values = result.lags[group]
        print(f"      lag {group:<15} p50 {lag_text(values, 50, result.run_seconds):>9}   "
              f"p99 {lag_text(values, 99, result.run_seconds):>9}   polled {polled_text(values)}")  # fmt: skip
    if result.poll_rate:
        print(f"      polls {result.poll_rate:.2f} feeds/s; at that rate 99 % of the feeds are polled "
              f"{result.projected_p99:.0f} s after they fall due" + (" (projected)" if result.censored else ""))


def _print_summary(results: list[RunFigures]) -> None:
    rates = {r.workers: r.articles_per_s for r in results if r.error is None and r.articles_per_s}
    alone = {r.workers: r.analysis_only for r in results if r.error is None and r.analysis_only}
    print("summary")
    for workers, rate in alone.items():
        if workers > 1 and 1 in alone:
            ratio = rate / alone[1]
            target = " (target >= 1.80) " + ("ok" if ratio >= 1.8 else "MISS") if workers == 2 else ""
            print(f"  analysis jobs alone, {workers} workers vs 1: x{ratio:.2f}{target}")
    for result in results:
        if result.workers in rates and 1 in rates and result.workers > 1:
            ratio = rates[result.workers] / rates[1]
            target = " (target >= 1.80) " + ("ok" if ratio >= 1.8 else "MISS") if result.workers == 2 else ""
            print(f"  during the poll burst, {result.workers} workers vs 1: x{ratio:.2f} articles/s{target}")
        if result.workers and result.workers in rates and 0 in rates:
            print(f"  {result.workers} worker(s) vs the inline baseline: x{rates[result.workers] / rates[0]:.2f}")
        if result.error is None and result.lags:
            print(f"  {result.label}: healthy feeds' p99 lag {_lag_verdict(result)}")


def _lag_verdict(result: RunFigures) -> str:
    p99 = percentile(result.lags[LAG_GROUPS[0][0]], 99)
    if not math.isinf(p99):
        return f"{p99:.1f} s (target < {POLL_INTERVAL_S} s) {'ok' if p99 < POLL_INTERVAL_S else 'MISS'}"
    if result.run_seconds >= POLL_INTERVAL_S:
        return f"> {result.run_seconds:.0f} s (target < {POLL_INTERVAL_S} s) MISS"
    if result.poll_rate:  # censored before the target: say what the measured rate projects
        verdict = "ok" if result.projected_p99 < POLL_INTERVAL_S else "MISS"
        return (
            f"> {result.run_seconds:.0f} s measured, about {result.projected_p99:.0f} s projected from the poll rate "
            f"(target < {POLL_INTERVAL_S} s) {verdict} (projected)"
        )
    return f"> {result.run_seconds:.0f} s: too few polls to project (target < {POLL_INTERVAL_S} s) UNDECIDED"

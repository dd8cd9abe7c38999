"""The figures of one `copydesk bench ingest` run, from the farm's stamps and the stored reports.

- Throughput: reports stored per second over a fixed window that starts `warmup` seconds after
  the first report (model loads and the first burst of polls are behind us by then).
- Lag of a feed: the farm's clock when the feed was first requested, minus the time it fell due.
  A feed never requested within the run is censored: its lag is "more than the run", counted as
  infinite, so a percentile that reaches it prints as "> N s" instead of flattering the figure.
- Poll rate and projection: feeds first requested per second; at that rate, when 99 % of the
  feeds would be polled (measured when they were, projected when the run ended first).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from copydesk_tools.feed_farm.plan import DEAD, HEALTHY, MALFORMED, SLOW

LAG_GROUPS = ((HEALTHY, (HEALTHY,)), ("slow", (SLOW,)), ("dead/malformed", (DEAD, MALFORMED)))


@dataclass
class RunFigures:
    label: str
    workers: int
    articles_per_s: float | None = None  # None: the window never filled (too few reports)
    window: tuple[float, float] | None = None
    reports: int = 0
    lags: dict[str, list[float]] = field(default_factory=dict)  # group -> lags in seconds (inf: never polled)
    run_seconds: float = 0.0  # from due time to the end of the run: the censoring bound
    load_before: float = 0.0  # the machine's 1-minute load average when the run started
    worker_rss_mb: float = 0.0  # the largest peak resident memory of a worker process (VmHWM)
    poll_rate: float = 0.0  # feeds first requested per second, from the first such request to the last
    projected_p99: float = math.inf  # seconds from due until 99 % of all feeds are polled, at poll_rate
    censored: bool = False  # some feeds were never polled: projected_p99 is a projection
    cores: float = 0.0  # CPU the analysing processes used in the window, in cores (1.0 = one core busy)
    rows_written: int = 0  # inserts, updates and deletes in the run's schema (pg_stat_user_tables)
    items_recorded: int = 0  # feed items the polls recorded (each one analysis job)
    analysis_only: float = 0.0  # articles/s of the same workers on analysis jobs alone, afterwards
    analysis_cores: float = 0.0  # the cores they used meanwhile
    stored_bytes: float = 0.0  # average size of an article row plus its report row
    error: str | None = None


def throughput(report_times: list[float], warmup: float, seconds: float) -> tuple[float | None, tuple[float, float]]:
    """(reports per second in [first + warmup, first + warmup + seconds], that window)."""
    if not report_times:
        return None, (math.nan, math.nan)
    start = min(report_times) + warmup
    end = start + seconds
    if max(report_times) < start:
        return None, (start, end)
    inside = sum(1 for t in report_times if start <= t < end)
    return inside / seconds, (start, end)


def cores_used(samples: list[tuple[float, float]], window: tuple[float, float] | None) -> float:
    """Average cores busy over `window`, from (time, cumulative CPU seconds) samples; 0 when unknown.

    On a shared machine this says whether a slower run did less with the same CPU or got less CPU.
    """
    if not window or len(samples) < 2:
        return 0.0
    inside = [sample for sample in samples if window[0] <= sample[0] <= window[1]]
    if len(inside) < 2:
        return 0.0
    (start, cpu_start), (end, cpu_end) = inside[0], inside[-1]
    return (cpu_end - cpu_start) / (end - start)


def lags_by_group(plan: list[dict], first_request: dict[str, float], due: float) -> dict[str, list[float]]:
    groups: dict[str, list[float]] = {name: [] for name, _ in LAG_GROUPS}
    for feed in plan:
        stamp = first_request.get(str(feed["number"]))
        lag = stamp - due if stamp is not None else math.inf
        for name, kinds in LAG_GROUPS:
            if feed["kind"] in kinds:
                groups[name].append(max(lag, 0.0))
    return groups


def poll_projection(first_requests: list[float], due: float, feeds: int) -> tuple[float, float]:
    """(polls per second, seconds from `due` until 99 % of `feeds` are polled at that rate).

    Feeds fall due together and are polled in no particular order of kind, so the time until 99 %
    of all feeds are polled is also about the p99 lag of each kind. Too few polls to say: (0, inf).
    """
    if len(first_requests) < 10:
        return 0.0, math.inf
    ordered = sorted(first_requests)
    rate = (len(ordered) - 1) / max(ordered[-1] - ordered[0], 1e-6)
    target = math.ceil(0.99 * feeds)
    if len(ordered) >= target:
        return rate, ordered[target - 1] - due
    return rate, ordered[0] - due + (target - 1) / rate


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile; inf when it falls on a censored (never polled) feed."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))]


def lag_text(values: list[float], q: float, bound: float) -> str:
    value = percentile(values, q)
    if math.isnan(value):
        return "-"
    return f"> {bound:.0f} s" if math.isinf(value) else f"{value:.1f} s"


def polled_count(values: list[float]) -> int:
    return sum(1 for v in values if not math.isinf(v))


def polled_text(values: list[float]) -> str:
    return f"{polled_count(values)}/{len(values)}"

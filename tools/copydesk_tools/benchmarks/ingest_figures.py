"""The figures of one `copydesk bench ingest` run, from the farm's stamps and the stored reports.

- Throughput: reports stored per second over a fixed window that starts `warmup` seconds after
  the first report (model loads and the first burst of polls are behind us by then).
- Lag of a feed: the farm's clock when the feed was first requested, minus the time it fell due.
  A feed never requested within the run is censored: its lag is "more than the run", counted as
  infinite, so a percentile that reaches it prints as "> N s" instead of flattering the figure.
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


def lags_by_group(plan: list[dict], first_request: dict[str, float], due: float) -> dict[str, list[float]]:
    groups: dict[str, list[float]] = {name: [] for name, _ in LAG_GROUPS}
    for feed in plan:
        stamp = first_request.get(str(feed["number"]))
        lag = stamp - due if stamp is not None else math.inf
        for name, kinds in LAG_GROUPS:
            if feed["kind"] in kinds:
                groups[name].append(max(lag, 0.0))
    return groups


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


def polled_text(values: list[float]) -> str:
    return f"{sum(1 for v in values if not math.isinf(v))}/{len(values)}"

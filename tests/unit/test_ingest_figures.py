"""The ingest benchmark's arithmetic: a feed never polled counts against the lag figures, never for
them, and a projected poll time is derived from the rate the run measured."""

from __future__ import annotations

import math

from copydesk_tools.benchmarks.ingest_figures import (
    cores_used,
    lag_text,
    lags_by_group,
    percentile,
    poll_projection,
    throughput,
)

PLAN = [{"number": n, "kind": kind} for n, kind in enumerate(["healthy"] * 8 + ["slow", "dead"])]


def test_a_feed_never_polled_is_more_than_the_run_not_left_out():
    stamps = {str(n): 100.0 + n for n in range(7)}  # healthy feed 7, the slow and the dead one: never polled
    lags = lags_by_group(PLAN, stamps, due=100.0)
    assert lags["healthy"][:7] == [float(n) for n in range(7)] and math.isinf(lags["healthy"][7])
    assert percentile(lags["healthy"], 50) == 3.0
    assert lag_text(lags["healthy"], 99, bound=60) == "> 60 s"
    assert lag_text(lags["slow"], 50, bound=60) == "> 60 s"
    assert lags["dead/malformed"] == [math.inf]


def test_the_poll_projection_extends_the_measured_rate_to_every_feed():
    stamps = [10.0 + n for n in range(50)]  # one feed a second, the first 10 s after due
    rate, p99 = poll_projection(stamps, due=0.0, feeds=200)
    assert rate == 1.0
    assert p99 == 10.0 + 197  # the 198th feed (99 % of 200), at one a second
    measured_rate, measured = poll_projection(stamps, due=0.0, feeds=50)
    assert measured == 59.0  # all polled: the 50th stamp itself, no projection
    assert poll_projection(stamps[:5], due=0.0, feeds=200) == (0.0, math.inf)


def test_throughput_counts_only_the_window_after_the_warm_up():
    reports = [0.0] + [20.0 + 0.5 * n for n in range(200)]  # one early report, then two a second
    rate, (start, end) = throughput(reports, warmup=20.0, seconds=60.0)
    assert (start, end) == (20.0, 80.0)
    assert rate == 2.0
    assert throughput([0.0, 1.0], warmup=20.0, seconds=60.0)[0] is None  # the window never began


def test_cores_used_is_the_cpu_spent_inside_the_window_over_its_length():
    samples = [(float(t), 0.5 * t) for t in range(0, 100, 2)]  # half a core throughout
    assert cores_used(samples, (20.0, 80.0)) == 0.5
    assert cores_used(samples, None) == 0.0
    assert cores_used(samples[:1], (0.0, 10.0)) == 0.0

"""Prometheus metrics: /metrics in HTTP mode, and on COPYDESK_SCHEDULER_METRICS_PORT for `copydesk scheduler`
and COPYDESK_WORKER_METRICS_PORT for `copydesk worker`."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

ANALYSES = Counter("copydesk_analyses_total", "Article analyses requested, by outcome.", ["outcome", "surface"])
ANALYSIS_SECONDS = Histogram(
    "copydesk_analysis_seconds",
    "Time to fetch and analyse one article.",
    buckets=(0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32),
)
REPLY_SECONDS = Histogram(
    "copydesk_reply_seconds",
    "Time from a Slack request to its final report message.",
    ["surface"],
    buckets=(0.25, 0.5, 1, 1.5, 2, 4, 8, 16, 32),
)
SLACK_API_ERRORS = Counter(
    "copydesk_slack_api_errors_total", "Slack Web API errors, by method and error.", ["method", "error"]
)
DUPLICATES = Counter("copydesk_slack_duplicates_total", "Slack deliveries dropped as duplicates, by kind.", ["kind"])

# The scheduler (issue 5): who leads, how feeds fare, what became of each due digest.
SCHEDULER_LEADER = Gauge(
    "copydesk_scheduler_leader", "1 while this process holds the scheduler lock and runs the jobs, else 0."
)
FEED_POLLS = Counter(
    "copydesk_feed_polls_total", "Feed polls, by outcome: ok, not_modified (304) or failed.", ["outcome"]
)
DIGESTS = Counter(
    "copydesk_digests_total",
    "Due digests, by outcome: posted, already_posted (found done, not posted again), skipped (missed "
    "beyond the grace window), empty (the channel tracks no stories) or failed (retried next sweep).",
    ["outcome"],
)
# Every outcome shows from the start (at 0), so a rate() over it needs no first event.
for _outcome in ("ok", "not_modified", "failed"):
    FEED_POLLS.labels(_outcome)
for _outcome in ("posted", "already_posted", "skipped", "empty", "failed"):
    DIGESTS.labels(_outcome)

# The task queue (issue 12): label `kind` is poll, analysis or digest (bot/tasks/queue.py KINDS).
TASK_KINDS = ("poll", "analysis", "digest")
TASK_QUEUE_DEPTH = Gauge(
    "copydesk_task_queue_depth",
    "Jobs waiting to start, by kind (refreshed by the active scheduler each sweep; live with the inline queue).",
    ["kind"],
)
TASK_WAIT_SECONDS = Histogram(
    "copydesk_task_wait_seconds",
    "Time from enqueueing a job to its first start, by kind.",
    ["kind"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900),
)
TASK_RUN_SECONDS = Histogram(
    "copydesk_task_run_seconds",
    "Time one attempt of a job ran, by kind.",
    ["kind"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64),
)
TASK_RETRIES = Counter(
    "copydesk_task_retries_total", "Job attempts that failed and will be tried again, by kind.", ["kind"]
)
TASK_FAILURES = Counter(
    "copydesk_task_failures_total", "Jobs given up after their last attempt, by kind.", ["kind"]
)
for _kind in TASK_KINDS:
    for _metric in (TASK_QUEUE_DEPTH, TASK_WAIT_SECONDS, TASK_RUN_SECONDS, TASK_RETRIES, TASK_FAILURES):
        _metric.labels(_kind)

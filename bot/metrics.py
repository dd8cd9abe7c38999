"""Prometheus metrics, served at /metrics in HTTP mode."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

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

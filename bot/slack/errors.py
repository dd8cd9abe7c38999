"""Slack Web API errors: which ones the user can fix, and what to tell them.

The client retries 429s itself (RateLimitErrorRetryHandler, honouring Retry-After, in the worker
thread that made the call, so other work goes on). Nothing else is retried automatically: a
chat.postMessage that failed with a 500 may still have been posted, and posting twice is worse.
"""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot import metrics

log = logging.getLogger(__name__)

USER_FIXABLE = {
    "not_in_channel": "I'm not a member of this channel. Invite me with `/invite @Copydesk` and try again.",
    "channel_not_found": "I can't see this conversation. Invite me to the channel (or use me in a channel I'm in).",
    "is_archived": "This channel is archived, so I can't post in it.",
    "msg_too_long": "The report was too long for a Slack message. Try `copydesk analyze` for the full report.",
    "restricted_action": "A workspace setting stops me from posting here. Ask an admin to allow the Copydesk app.",
    "thread_not_found": "The thread is gone (maybe deleted), so I can't reply in it.",
    "message_not_found": "That message is gone (maybe deleted), so I can't reply to it.",
    "missing_scope": "Copydesk is missing a permission for this. Ask an admin to reinstall it from the manifest.",
    "ratelimited": "Slack is rate-limiting me right now. Please try again in a minute.",
}


def retry_handlers() -> list:
    # Only 429s: Slack did not act on a rate-limited call, so repeating it cannot double post.
    return [RateLimitErrorRetryHandler(max_retry_count=3)]


def error_code(exc: BaseException) -> str:
    if isinstance(exc, SlackApiError):
        data = getattr(exc.response, "data", None)
        if isinstance(data, dict) and data.get("error"):
            return str(data["error"])
        return f"http_{getattr(exc.response, 'status_code', 'error')}"
    return type(exc).__name__


def explain(exc: BaseException) -> str | None:
    """The message for the user when they can fix the cause; None when it is our problem."""
    return USER_FIXABLE.get(error_code(exc))


def log_api_error(method: str, exc: BaseException, **context: object) -> None:
    code = error_code(exc)
    metrics.SLACK_API_ERRORS.labels(method, code).inc()
    where = " ".join(f"{key}={value}" for key, value in context.items())
    if code in USER_FIXABLE:
        log.warning("slack %s failed: %s (%s)", method, code, where)
    else:
        log.error("slack %s failed: %s (%s)", method, code, where, exc_info=exc)

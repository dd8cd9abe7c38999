"""Wrap a Bolt listener so that it, and the work it submits, logs the ids of its Slack request."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from slack_bolt.util.utils import get_arg_names_of_callable

from bot.logging_setup import ids_from_slack_payload, log_context


def with_log_ids(listener: Callable[..., Any]) -> Callable[..., Any]:
    """Run a Bolt listener inside log_context(workspace, channel and request ids of its request).

    Bolt's global middleware cannot wrap a listener (listeners run after the chain returns, on
    another thread), so each listener is wrapped where it is registered. The work it submits to
    the pool inherits the ids (bot.slack.worker copies the context). Bolt passes arguments by
    name, read through functools.wraps from the listener itself, which must therefore take `body`.
    """
    if "body" not in get_arg_names_of_callable(listener):
        raise TypeError(f"{listener.__qualname__} must take a `body` argument to be logged with its ids")

    @functools.wraps(listener)
    def run(**kwargs: Any) -> Any:
        with log_context(**ids_from_slack_payload(kwargs["body"])):
            return listener(**kwargs)

    return run

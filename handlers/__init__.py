"""Slack listeners, one module per surface; `register_all(app)` wires them all.

Order matters where two modules answer the same action: Bolt runs the first matching listener,
so feature modules (handlers.stories, written for story tracking) are registered before
handlers.actions, whose "Track this story" answer is only the fallback when tracking is absent.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
from collections.abc import Callable
from typing import Any

from slack_bolt import App
from slack_bolt.util.utils import get_arg_names_of_callable

from bot.logging_setup import ids_from_slack_payload, log_context

CORE_MODULES = ("commands", "mentions", "shortcuts", "messages", "home", "views", "installs")
OPTIONAL_MODULES = ("stories",)  # present once the story-tracking feature lands
FALLBACK_MODULES = ("actions",)


def register_all(app: App) -> list[str]:
    registered = []
    for name in (*CORE_MODULES, *OPTIONAL_MODULES, *FALLBACK_MODULES):
        qualified = f"{__name__}.{name}"
        if name in OPTIONAL_MODULES and importlib.util.find_spec(qualified) is None:
            continue  # absent is fine; a module that exists but fails to import is a real error
        importlib.import_module(qualified).register(app)
        registered.append(name)
    return registered


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

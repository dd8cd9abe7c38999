"""The one context object of the Slack side: built once per app, handed to listeners in Bolt's context.

Listeners pass it on to the reply helpers (bot/slack/replies.py); the per-request envelopes
(router.CommandContext, home.HomeContext) carry it beside who asked and where, never copies of it.

A listener reads `context["copydesk"]` (a Services) to reach settings, the database, the work pool
and the app's own registries: the `/copydesk` subcommands and the Home tab sections, which
handlers.register_all fills when the app is built (no module-level registry outlives an app).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

from bot.config import Settings
from bot.slack.home import HomeSections
from bot.slack.router import Subcommands
from bot.slack.worker import CountingExecutor, Worker

CONTEXT_KEY = "copydesk"


@dataclass
class Services:
    settings: Settings
    session_factory: Any  # sqlalchemy.orm.sessionmaker
    worker: Worker
    listener_pool: CountingExecutor | None = None  # Bolt's listener threads (acks run here)
    # Set by `copydesk serve` to its in-process scheduler's handle; without one, the leader's next sweep applies it.
    schedules_changed: Callable[[], None] = lambda: None
    subcommands: Subcommands = field(default_factory=Subcommands)
    home_sections: HomeSections = field(default_factory=HomeSections)

    def wait_idle(self, timeout: float = 60.0) -> bool:
        """True once no listener and no background job is running (tests, graceful shutdown)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pools = [p for p in (self.listener_pool, self.worker.pool) if p is not None]
            for pool in pools:
                if not pool.wait_idle(max(0.0, deadline - time.monotonic())):
                    return False
            if all(pool.unfinished == 0 for pool in pools):  # a listener may have queued work meanwhile
                return True
        return False


def services_of(context: Any) -> Services:
    return context[CONTEXT_KEY]


def inject_services(services: Services):  # noqa: ANN201
    """A global middleware putting `services` into every request's context."""

    def middleware(req: BoltRequest, resp: BoltResponse, next) -> BoltResponse:  # noqa: ANN001, A002
        req.context[CONTEXT_KEY] = services
        return next()

    return middleware

"""What every Slack listener needs, built once per app and handed to listeners in Bolt's context.

Handler modules keep the plain `register(app)` signature; a listener reads
`context["copydesk"]` (a Services) to reach settings, the database and the work pool.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

from bot.config import Settings
from bot.slack.worker import Worker

CONTEXT_KEY = "copydesk"


@dataclass
class Services:
    settings: Settings
    session_factory: Any  # sqlalchemy.orm.sessionmaker
    worker: Worker


def services_of(context: Any) -> Services:
    return context[CONTEXT_KEY]


def inject_services(services: Services):  # noqa: ANN201
    """A global middleware putting `services` into every request's context."""

    def middleware(req: BoltRequest, resp: BoltResponse, next) -> BoltResponse:  # noqa: ANN001, A002
        req.context[CONTEXT_KEY] = services
        return next()

    return middleware

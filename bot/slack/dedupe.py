"""Bolt middleware that drops redelivered events, using the database as the single source of truth.

Slack retries an event it thinks we missed (X-Slack-Retry-Num), Socket Mode may redeliver an
envelope, and several app processes may be running: the first process to insert the event id
handles it, every other delivery is acknowledged and dropped. The per-message "one reply" rule
(the message + app_mention double, repeated shortcut clicks) is the message claim in
bot.store.slack_repo, taken by the listeners.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt.middleware import Middleware
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

from bot import metrics
from bot.store import slack_repo

log = logging.getLogger(__name__)


class EventDeduplication(Middleware):
    def __init__(self, session_factory):  # noqa: ANN001
        self.session_factory = session_factory

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:  # noqa: A002
        body = req.body if isinstance(req.body, dict) else {}
        event_id = body.get("event_id")
        if body.get("type") != "event_callback" or not isinstance(event_id, str):
            return next()
        team_id = str(body.get("team_id") or "")
        event_type = (body.get("event") or {}).get("type") if isinstance(body.get("event"), dict) else None
        if slack_repo.record_event(self.session_factory, team_id, event_id[:64], event_type):
            return next()
        metrics.DUPLICATES.labels("event").inc()
        retry = req.headers.get("x-slack-retry-num", [None])[0] if req.headers else None
        log.info("dropped duplicate event %s (team=%s type=%s retry=%s)", event_id, team_id, event_type, retry)
        return BoltResponse(status=200, body="")

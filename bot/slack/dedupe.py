"""Bolt middleware that drops redelivered events, using the database as the single source of truth.

Slack retries an event it thinks we missed (X-Slack-Retry-Num), Socket Mode may redeliver an
envelope, and several app processes may be running: the first process to insert the event id
handles it, every other delivery is acknowledged and dropped. The per-message "one reply" rule
(the message + app_mention double, repeated shortcut clicks) is the message claim in
bot.store.slack_repo, taken by the listeners.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from slack_bolt.middleware import Middleware
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

from bot import metrics
from bot.slack import payload
from bot.store import slack_repo

log = logging.getLogger(__name__)
PURGE_EVERY_SECONDS = 3600


class EventDeduplication(Middleware):
    def __init__(self, session_factory):  # noqa: ANN001
        self.session_factory = session_factory
        self._next_purge = 0.0

    def _purge_now_and_then(self) -> None:
        # Old ids are useless after Slack's retry window; dropping them hourly keeps the table small.
        now = time.monotonic()
        if now >= self._next_purge:
            self._next_purge = now + PURGE_EVERY_SECONDS
            try:
                slack_repo.purge_events(self.session_factory)
            except Exception:  # noqa: BLE001 - housekeeping must never block an event
                log.exception("purging old event ids failed")

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:  # noqa: A002
        body = req.body if isinstance(req.body, dict) else {}
        event_id = body.get("event_id")
        if body.get("type") != "event_callback" or not isinstance(event_id, str):
            return next()
        team_id = payload.workspace_of(req.context, body)  # as the listeners scope it
        event_type = payload.string(payload.mapping(body.get("event")).get("type"))
        if slack_repo.record_event(self.session_factory, team_id, event_id[:64], event_type):
            self._purge_now_and_then()
            return next()
        metrics.DUPLICATES.labels("event").inc()
        retry = req.headers.get("x-slack-retry-num", [None])[0] if req.headers else None
        log.info("dropped duplicate event %s (team=%s type=%s retry=%s)", event_id, team_id, event_type, retry)
        return BoltResponse(status=200, body="")

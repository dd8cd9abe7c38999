"""The three task bodies, shared by both executors: each is a thin call into a use case of bot/stories.

- poll(feed_id): FeedPoller.poll, only if the feed is still due (a second poll job queued while the
  first ran finds it polled and does nothing); it enqueues one analysis per pending item.
- analysis(feed_id, item_key): FeedItemAnalyser.analyse (idempotent; raises ItemRetry to be tried again).
- digest(team_id, channel_id, period): DigestDelivery.deliver, exactly once per period through its
  record-then-post lease; a digest another process is still posting is enqueued again for when
  its lease runs out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.config import Settings
from bot.logging_setup import log_context, new_request_id
from bot.slack.digest_blocks import SlackDigestPublisher
from bot.store.base import utcnow
from bot.store.db import session_factory
from bot.stories.digest_delivery import Delivery, DigestDelivery
from bot.stories.feed_items import FeedItemAnalyser, ItemOutcome
from bot.stories.feed_poller import FeedPoller, PollResult
from bot.tasks.queue import TaskQueue

log = logging.getLogger(__name__)
RETAKE_MARGIN = timedelta(seconds=1)  # after a lease runs out, so the expired claim compares as expired


class TaskWork:
    """The use cases wired once per process (`publisher` and `clock` are injected in tests)."""

    def __init__(
        self,
        settings: Settings,
        queue: TaskQueue,
        *,
        publisher=None,
        clock: Callable[[], datetime] = utcnow,
        analyser: FeedItemAnalyser | None = None,
    ):
        if publisher is None:
            publisher = SlackDigestPublisher(settings)
        factory = session_factory(settings.resolved_database_url)
        self.queue = queue
        self.poller = FeedPoller(
            settings, factory, enqueue_item=queue.enqueue_item, notify=getattr(publisher, "notify", None), clock=clock
        )
        self.items = analyser or FeedItemAnalyser(settings, factory, clock=clock)
        self.delivery = DigestDelivery.from_settings(factory, publisher, settings, clock=clock)

    def poll(self, feed_id: int) -> PollResult:
        with log_context(job="poll", request_id=new_request_id(), feed_id=feed_id):
            result = self.poller.poll(feed_id, only_if_due=True)
            log.debug("feed %s polled: %s", feed_id, result)
            return result

    def analysis(self, feed_id: int, item_key: str) -> ItemOutcome:
        with log_context(job="analysis", request_id=new_request_id(), feed_id=feed_id):
            return self.items.analyse(feed_id, item_key)

    def digest(self, team_id: str, channel_id: str, period: str) -> Delivery:
        ids = {"workspace_id": team_id or None, "channel_id": channel_id}
        with log_context(job="digest", request_id=new_request_id(), **ids):
            delivery = self.delivery.deliver(team_id, channel_id, period)
            if delivery.retry_at is not None:  # busy: its poster may have died; look again when its lease ends
                self.queue.enqueue_digest(team_id, channel_id, period, not_before=delivery.retry_at + RETAKE_MARGIN)
            return delivery

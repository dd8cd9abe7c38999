"""Ways to tell the requesting user something privately, per surface. Never raise."""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_sdk.errors import SlackApiError

from bot.slack.errors import log_api_error

log = logging.getLogger(__name__)


def by_ephemeral(client, channel_id: str, user_id: str | None, thread_ts: str | None = None) -> Callable[[str], None]:  # noqa: ANN001
    def notify(text: str) -> None:
        if not user_id:
            log.info("nobody to tell in %s: %s", channel_id, text)
            return
        try:
            client.chat_postEphemeral(channel=channel_id, user=user_id, text=text, thread_ts=thread_ts)
        except SlackApiError as exc:  # e.g. not_in_channel: the log line is all we can do
            log_api_error("chat.postEphemeral", exc, channel=channel_id, user=user_id)

    return notify


def by_response_url(respond) -> Callable[[str], None]:  # noqa: ANN001
    def notify(text: str) -> None:
        try:
            respond(text=text, response_type="ephemeral", replace_original=False)
        except Exception:  # noqa: BLE001 - an expired response_url must not crash the worker
            log.exception("could not answer through response_url")

    return notify

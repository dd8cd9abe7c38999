"""The one place a Slack WebClient is built: Settings.slack_api_url (a local stub in tests), rate-limit retries."""

from __future__ import annotations

from slack_sdk.web import WebClient

from bot.config import Settings
from bot.slack.errors import retry_handlers


def web_client(settings: Settings, token: str | None = None) -> WebClient:
    base_url = settings.slack_api_url if settings.slack_api_url.endswith("/") else settings.slack_api_url + "/"
    return WebClient(token=token, base_url=base_url, timeout=30, retry_handlers=retry_handlers())

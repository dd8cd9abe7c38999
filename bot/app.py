"""Build the Bolt App from Settings: one workspace (bot token) or many (OAuth), listeners registered.

This is the composition root of the Slack side: it sits above handlers/ (whose listeners it
registers) and bot/slack/ (whose middleware it installs); nothing below imports it.

The Web API client points at Settings.slack_api_url (a local stub in tests) and retries only
rate-limited calls. Every request first passes the event de-duplication middleware and gets the
app's Services (settings, database, work pool) in its context; the app's own /copydesk subcommands and
Home tab sections live in that Services too, filled here by handlers.register_all.
"""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_bolt.oauth.oauth_settings import OAuthSettings

from bot.config import Settings
from bot.slack.client import web_client
from bot.slack.dedupe import EventDeduplication
from bot.slack.payload import reject_malformed
from bot.slack.services import Services, inject_services
from bot.slack.worker import CountingExecutor, Worker
from bot.store.db import get_engine, session_factory
from bot.store.slack_install import EncryptedInstallationStore, oauth_state_store
from handlers import register_all

log = logging.getLogger(__name__)

# The fewest bot scopes that work; deploy/slack-manifest*.yaml declares the same list.
BOT_SCOPES = [
    "app_mentions:read",
    "channels:history",
    "groups:history",
    "chat:write",
    "commands",
    "users:read",
]
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"


class ConfigurationError(RuntimeError):
    pass


def uses_oauth(settings: Settings) -> bool:
    return bool(settings.slack_client_id)


def build_app(settings: Settings, *, socket_mode: bool = False) -> tuple[App, Services]:
    factory = session_factory(settings.resolved_database_url)
    listener_pool = CountingExecutor(settings.slack_listener_threads, "bolt")
    services = Services(settings, factory, Worker(settings.slack_listener_threads), listener_pool)
    common = dict(
        signing_secret=settings.slack_signing_secret or ("socket-mode" if socket_mode else None),
        client=web_client(settings, None if uses_oauth(settings) else settings.slack_bot_token),
        listener_executor=listener_pool,
        # Our own Bolt "unhandled request" warnings would log every message event we ignore.
        raise_error_for_unhandled_request=False,
    )
    if not socket_mode and not settings.slack_signing_secret:
        raise ConfigurationError("SLACK_SIGNING_SECRET is required in HTTP mode.")
    if uses_oauth(settings):
        app = App(**common, oauth_settings=_oauth_settings(settings))
    else:
        if not settings.slack_bot_token:
            raise ConfigurationError("Set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID/SECRET (OAuth installs).")
        app = App(**common)  # the client carries the bot token
    app.use(reject_malformed)
    app.use(inject_services(services))
    app.use(EventDeduplication(factory))

    registered = register_all(app, services.subcommands, services.home_sections)
    log.info("Slack listeners registered: %s", ", ".join(registered))
    return app, services


def _oauth_settings(settings: Settings) -> OAuthSettings:
    if not settings.slack_client_secret:
        raise ConfigurationError("SLACK_CLIENT_SECRET is required with SLACK_CLIENT_ID.")
    engine = get_engine(settings.resolved_database_url)
    return OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=BOT_SCOPES,
        installation_store=EncryptedInstallationStore(settings.slack_client_id, engine, settings.encryption_key),
        state_store=oauth_state_store(engine),
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
    )

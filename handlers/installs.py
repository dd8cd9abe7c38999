"""`tokens_revoked` and `app_uninstalled`: forget a workspace's tokens, stop its digests and feeds.

Slack sends both when a workspace removes Copydesk, in no promised order, and Bolt dispatches them
without authorizing (the token is already dead). A revoked bot token stops everything the
scheduler would do for the workspace; the uninstall deletes the rest of its data
(bot.store.workspace_data). With OAuth installs the stored tokens are deleted from slack_sdk's
installation store in our database; with a configured SLACK_BOT_TOKEN there is nothing stored,
and the log says the token should be removed from the configuration.
"""

from __future__ import annotations

import logging

from slack_bolt import App

from bot.slack import payload
from bot.slack.services import services_of
from bot.store.db import session_scope
from bot.store.slack_install import drop_user_tokens
from bot.store.workspace_data import forget_workspace, stop_workspace
from handlers.log_ids import with_log_ids

log = logging.getLogger(__name__)


def register(app: App) -> None:
    store = app.installation_store  # None with a single configured bot token

    def on_tokens_revoked(body, event, context) -> None:  # noqa: ANN001
        tokens = payload.mapping(event.get("tokens"))
        team_id, enterprise_id = payload.workspace_of(context, body), context.enterprise_id
        users = [u for u in tokens.get("oauth") or [] if payload.string(u, 32)]
        if users and store is not None:
            drop_user_tokens(store, enterprise_id, team_id, users)
        if not tokens.get("bot"):
            return
        _delete_tokens(store, context, team_id)
        _remove(context, team_id, stop_workspace, "bot token revoked")

    def on_app_uninstalled(body, context) -> None:  # noqa: ANN001
        team_id = payload.workspace_of(context, body)
        _delete_tokens(store, context, team_id)
        _remove(context, team_id, forget_workspace, "app uninstalled")

    app.event("tokens_revoked")(with_log_ids(on_tokens_revoked))
    app.event("app_uninstalled")(with_log_ids(on_app_uninstalled))


def _delete_tokens(store, context, team_id: str) -> None:  # noqa: ANN001
    if store is not None:  # an org-wide install is stored without a workspace
        store.delete_all(
            enterprise_id=context.enterprise_id, team_id=None if context.is_enterprise_install else team_id
        )


def _remove(context, team_id: str, remove, why: str) -> None:  # noqa: ANN001
    if not team_id:
        log.warning("%s for an org-wide install: its workspaces' data is kept until each is uninstalled", why)
        return
    services = services_of(context)
    with session_scope(services.session_factory) as session:
        removed = remove(session, team_id)
    log.info("%s for workspace %s: deleted %s", why, team_id, removed)
    if services.settings.slack_bot_token and not services.settings.slack_client_id:
        log.warning("%s: remove SLACK_BOT_TOKEN from the configuration; Slack no longer accepts it", why)

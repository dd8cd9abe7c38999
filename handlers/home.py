"""App Home: publish the user's Home tab when they open it."""

from __future__ import annotations

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from bot.slack import payload
from bot.slack.errors import log_api_error
from bot.slack.home import HomeContext, home_view
from bot.slack.services import services_of
from handlers.log_ids import with_log_ids


def register(app: App) -> None:
    app.event("app_home_opened")(with_log_ids(on_home_opened))


def on_home_opened(body, event, client, context) -> None:  # noqa: ANN001
    user_id = payload.string(event.get("user"), 32)
    if event.get("tab", "home") != "home" or not user_id:
        return
    services = services_of(context)
    ctx = HomeContext(services, payload.workspace_of(context, body), user_id)
    services.worker.submit(_publish, client, ctx)


def _publish(client, ctx: HomeContext) -> None:  # noqa: ANN001
    try:
        client.views_publish(user_id=ctx.user_id, view=home_view(ctx).to_dict())
    except SlackApiError as exc:
        log_api_error("views.publish", exc, team=ctx.team_id, user=ctx.user_id)

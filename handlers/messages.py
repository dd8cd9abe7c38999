"""Channel messages: in auto mode, article links posted in the channel get a report in their thread."""

from __future__ import annotations

from slack_bolt import App

from bot import metrics
from bot.slack import payload
from bot.slack.replies import Target, reply_to_message
from bot.slack.services import services_of
from bot.slack.text import parse_message
from bot.store import slack_repo
from handlers.log_ids import with_log_ids
from handlers.notify import by_ephemeral

# Edits, deletions, joins and bot posts are not someone sharing an article.
IGNORED_SUBTYPES_EXCEPT = {None, "file_share", "thread_broadcast"}


def register(app: App) -> None:
    app.event("message")(with_log_ids(on_message))


def on_message(body, event, client, context) -> None:  # noqa: ANN001 - events are acked by Bolt
    if event.get("subtype") not in IGNORED_SUBTYPES_EXCEPT or event.get("bot_id"):
        return
    text = payload.text(event.get("text"))
    bot_user_id = context.bot_user_id
    if bot_user_id and f"<@{bot_user_id}" in text:
        return  # the app_mention event for this message answers it
    parsed = parse_message(text, bot_user_id=bot_user_id)
    if not parsed.links:
        return
    services = services_of(context)
    team_id = payload.workspace_of(context, body)  # the authorized workspace, also in Slack Connect
    channel_id, ts = payload.string(event.get("channel"), 32), payload.string(event.get("ts"), 32)
    user_id = payload.string(event.get("user"), 32)
    if not channel_id or not ts or not slack_repo.auto_mode(services.session_factory, team_id, channel_id):
        return
    if not slack_repo.claim_message(services.session_factory, team_id, channel_id, ts, "auto", user_id):
        metrics.DUPLICATES.labels("message").inc()
        return
    parsed.text = ""  # auto mode reads links, never the words around them
    target = Target(
        team_id, channel_id, user_id, thread_ts=payload.string(event.get("thread_ts"), 32) or ts, surface="auto"
    )
    notify = by_ephemeral(client, channel_id, user_id, target.thread_ts)
    services.worker.submit(reply_to_message, client, services, target, parsed, notify)

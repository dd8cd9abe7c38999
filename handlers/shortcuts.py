"""Message shortcut "Analyze with Copydesk": a report in that message's thread, once per message."""

from __future__ import annotations

from slack_bolt import App

from bot import metrics
from bot.slack import payload
from bot.slack.replies import Target, reply_to_message
from bot.slack.services import services_of
from bot.slack.text import parse_message
from bot.store import slack_repo
from handlers.log_ids import with_log_ids
from handlers.notify import by_response_url

CALLBACK_ID = "analyze_message"


def register(app: App) -> None:
    app.shortcut(CALLBACK_ID)(with_log_ids(on_analyze_message))


def on_analyze_message(ack, body, respond, client, context) -> None:  # noqa: ANN001
    ack()
    services = services_of(context)
    team_id = payload.workspace_of(context, body)  # "team" is null on Enterprise Grid org installs
    channel_id = payload.nested_id(body, "channel")
    user_id = payload.nested_id(body, "user")
    message = payload.mapping(body.get("message"))
    ts = payload.string(message.get("ts"), 32) or payload.string(body.get("message_ts"), 32)
    notify = by_response_url(respond)
    if not channel_id or not ts:
        services.worker.submit(notify, "I can't tell which message that was. Please try again.")
        return
    if not slack_repo.claim_message(services.session_factory, team_id, channel_id, ts, "shortcut", user_id):
        metrics.DUPLICATES.labels("message").inc()
        services.worker.submit(notify, "I've already replied to that message: see its thread.")
        return
    parsed = parse_message(payload.text(message.get("text")), bot_user_id=context.bot_user_id)
    thread_ts = payload.string(message.get("thread_ts"), 32) or ts
    target = Target(team_id, channel_id, user_id, thread_ts=thread_ts, surface="shortcut")
    services.worker.submit(_answer, client, services, target, parsed, notify, ts)


def _answer(client, services, target: Target, parsed, notify, ts: str) -> None:  # noqa: ANN001
    if reply_to_message(client, services, target, parsed, notify) == 0 and (parsed.links or parsed.text):
        slack_repo.release_claim(services.session_factory, target.team_id, target.channel_id, ts)

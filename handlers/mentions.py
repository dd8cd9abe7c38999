"""@Copydesk mentions: read what the mention carries, else (in a thread) the thread's parent."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from bot import metrics
from bot.reports.reading import report_in_message
from bot.slack import payload
from bot.slack.blocks import report_title
from bot.slack.errors import explain, log_api_error
from bot.slack.replies import Target, reply_to_message
from bot.slack.services import services_of
from bot.slack.text import PASTE_MIN_WORDS, escape, parse_message
from bot.store import slack_repo
from handlers.log_ids import with_log_ids
from handlers.notify import by_ephemeral

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.event("app_mention")(with_log_ids(on_mention))


def on_mention(body, event, client, context) -> None:  # noqa: ANN001 - events are acked by Bolt
    services = services_of(context)
    team_id = payload.workspace_of(context, body)  # the authorized workspace, also in Slack Connect
    channel_id, ts = payload.string(event.get("channel"), 32), payload.string(event.get("ts"), 32)
    if not channel_id or not ts:
        return
    event = {
        **event,
        "user": payload.string(event.get("user"), 32),
        "text": payload.text(event.get("text")),
        "thread_ts": payload.string(event.get("thread_ts"), 32),
    }
    if not slack_repo.claim_message(services.session_factory, team_id, channel_id, ts, "mention", event["user"]):
        metrics.DUPLICATES.labels("message").inc()
        return
    own = (context.bot_user_id, context.bot_id)
    services.worker.submit(answer_mention, client, services, team_id, dict(event), context.bot_user_id, own)


def answer_mention(client, services, team_id: str, event: dict, bot_user_id: str | None, own=()) -> None:  # noqa: ANN001
    channel_id, ts, user_id = event["channel"], event["ts"], event.get("user")
    thread_ts = event.get("thread_ts")
    notify = by_ephemeral(client, channel_id, user_id, thread_ts or ts)
    parsed = parse_message(event.get("text"), bot_user_id=bot_user_id)
    carries_article = bool(parsed.links) or parsed.prose_words >= PASTE_MIN_WORDS
    if thread_ts and thread_ts != ts and not carries_article:
        parent = _thread_parent(client, channel_id, thread_ts, notify)
        if parent is None:
            slack_repo.release_claim(services.session_factory, team_id, channel_id, ts)
            return
        if _posted_by(parent, own):  # our own report (or digest): reading it would report on Copydesk
            return notify(_own_thread_text(services, team_id, channel_id, thread_ts))
        parsed = parse_message(parent.get("text"), bot_user_id=bot_user_id)
    target = Target(team_id, channel_id, user_id, thread_ts=thread_ts or ts, surface="mention")
    if reply_to_message(client, services, target, parsed, notify) == 0 and (parsed.links or parsed.text):
        # Nothing could be posted (e.g. a Slack error): let a later mention try again.
        slack_repo.release_claim(services.session_factory, team_id, channel_id, ts)


def _posted_by(message: dict, own: tuple) -> bool:
    ids = {value for value in own if value}
    return bool(ids) and (message.get("user") in ids or message.get("bot_id") in ids)


def _own_thread_text(services, team_id: str, channel_id: str, thread_ts: str) -> str:  # noqa: ANN001
    report = report_in_message(services.session_factory, team_id, channel_id, thread_ts)
    about = f"my report on *{escape(report_title(report))}*" if report else "my own message"
    return (
        f"This thread is under {about}, so there is no article of its own to read: use the report's buttons "
        "(*All sentences*, *Re-analyze*), or mention me with a link or pasted text to read something else."
    )


def _thread_parent(client, channel_id: str, thread_ts: str, notify) -> dict | None:  # noqa: ANN001
    try:
        response = client.conversations_replies(channel=channel_id, ts=thread_ts, limit=1, inclusive=True)
    except SlackApiError as exc:
        log_api_error("conversations.replies", exc, channel=channel_id, ts=thread_ts)
        notify(explain(exc) or "I couldn't read the message this thread is under. Please try again later.")
        return None
    messages = response.get("messages") or []
    if not messages:
        notify("I couldn't find the message this thread is under (maybe it was deleted).")
        return None
    return messages[0]

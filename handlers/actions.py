"""Report buttons: All sentences, Mark checked, Re-analyze, and the fallback for Track this story."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from bot import metrics
from bot.reports.reading import load_report
from bot.slack import blocks as report_ui
from bot.slack import buttons
from bot.slack import payload
from bot.slack.errors import explain, log_api_error
from bot.slack.replies import reanalyze, refresh_report_message
from bot.slack.services import services_of
from bot.store import slack_repo
from handlers.log_ids import with_log_ids
from handlers.notify import by_response_url

log = logging.getLogger(__name__)
UNKNOWN_REPORT = "I can't find that report any more; ask me again with the link or text."


def register(app: App) -> None:
    app.action(report_ui.ALL_SENTENCES)(with_log_ids(on_all_sentences))
    app.action(report_ui.MARK_CHECKED)(with_log_ids(on_mark_checked))
    app.action(report_ui.REANALYZE)(with_log_ids(on_reanalyze))


def _where(body: dict, context) -> tuple[str, str | None, str | None, str | None]:  # noqa: ANN001
    container = payload.mapping(body.get("container"))
    team_id = payload.workspace_of(context, body)  # "team" is null on Enterprise Grid org installs
    channel_id = payload.nested_id(body, "channel") or payload.string(container.get("channel_id"))
    user_id = payload.nested_id(body, "user")
    ts = payload.string(payload.mapping(body.get("message")).get("ts"), 32) or payload.string(
        container.get("message_ts"), 32
    )
    return team_id, channel_id, user_id, ts


def on_all_sentences(ack, body, client, respond, context) -> None:  # noqa: ANN001
    ack()
    services = services_of(context)
    team_id, _channel, _user, _ts = _where(body, context)
    report_id = buttons.report_id_of(buttons.clicked_value(body))
    loaded = load_report(services.session_factory, report_id, team_id) if report_id is not None else None
    notify = by_response_url(respond)
    if loaded is None:
        services.worker.submit(notify, UNKNOWN_REPORT)
        return
    try:  # trigger_id expires 3 s after the click: open the modal now, not on the work pool
        client.views_open(trigger_id=body.get("trigger_id"), view=report_ui.sentences_modal(loaded[0]).to_dict())
    except SlackApiError as exc:
        log_api_error("views.open", exc, team=team_id, report=report_id)
        services.worker.submit(notify, explain(exc) or "I couldn't open the sentence list; please click again.")


def on_mark_checked(ack, body, client, respond, context) -> None:  # noqa: ANN001
    ack()
    services = services_of(context)
    team_id, channel_id, user_id, ts = _where(body, context)
    value = buttons.clicked_value(body)
    report_id, sentence = buttons.report_id_of(value), buttons.sentence_of(value)
    notify = by_response_url(respond)
    if report_id is None or sentence is None or not (channel_id and ts and user_id):
        services.worker.submit(notify, UNKNOWN_REPORT)
        return
    services.worker.submit(
        _mark_checked, client, services, team_id, channel_id, user_id, ts, report_id, sentence, notify
    )


def _mark_checked(client, services, team_id, channel_id, user_id, ts, report_id, sentence, notify) -> None:  # noqa: ANN001
    loaded = load_report(services.session_factory, report_id, team_id)
    if loaded is None or loaded[1]["channel_id"] != channel_id or sentence >= len(loaded[0].sentences):
        notify(UNKNOWN_REPORT)  # unknown, another channel's, or a forged value: nothing is recorded
        return
    slack_repo.record_check(services.session_factory, report_id, sentence, user_id)
    refresh_report_message(client, services, team_id, report_id, channel_id, ts, notify)


def on_reanalyze(ack, body, client, respond, context) -> None:  # noqa: ANN001
    ack()
    services = services_of(context)
    team_id, channel_id, user_id, ts = _where(body, context)
    report_id = buttons.report_id_of(buttons.clicked_value(body))
    notify = by_response_url(respond)
    if report_id is None or not (channel_id and ts and user_id):
        services.worker.submit(notify, UNKNOWN_REPORT)
        return
    # One re-analysis per report: a double click (or a redelivered click) does nothing more.
    if not slack_repo.claim_message(
        services.session_factory, team_id, channel_id, f"re{report_id}", "reanalyze", user_id
    ):
        metrics.DUPLICATES.labels("click").inc()
        return
    services.worker.submit(reanalyze, client, services, team_id, user_id, report_id, channel_id, ts, notify)


"""Posting reports in Slack: a "Reading…" placeholder, then the report in its place.

Handlers call these after the ack, on the work pool. Everything Slack-side that can fail here
is caught: the user is told what they can fix (ephemeral where possible), the rest is logged
with context and apologised for once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from slack_sdk.errors import SlackApiError
from slack_sdk.web import WebClient

from bot import metrics
from bot.analysis.report import Report
from bot.reports.reading import ReadOutcome, ReadRequest, carry_checks, load_report, read_article, remember_message
from bot.slack import blocks as report_ui
from bot.slack.errors import explain, log_api_error
from bot.slack.services import Services
from bot.slack.text import ParsedMessage, escape, link
from bot.store import slack_repo

log = logging.getLogger(__name__)

APOLOGY = (
    ":x: Sorry, something went wrong on our side while reading {what}. It is logged; please try again in a few minutes."
)
NOTHING_TO_READ = "Nothing to analyse here: give me a link to an article (or several), or paste the article's text."
# A paste shorter than this is a remark ("Anyone up for lunch?"), not an article: no public report on it.
MIN_ARTICLE_WORDS = 20

Notify = Callable[[str], None]  # tells the requesting user something, ephemerally where possible


@dataclass(frozen=True)
class Target:
    """Where a reply goes and on whose behalf."""

    team_id: str
    channel_id: str
    user_id: str | None
    thread_ts: str | None  # None: a new top-level message (the slash command)
    surface: str

    @property
    def refusals_private(self) -> bool:
        """A slash command's report is public, but a refusal concerns only the person who asked."""
        return self.surface == "command"


def plan_reads(parsed: ParsedMessage, max_links: int) -> tuple[list[tuple[str | None, str | None]], str | None]:
    """(url, text) pairs to read, one report each, and a notice when links were left out."""
    if parsed.is_paste:
        return ([(None, parsed.text)] if parsed.prose_words >= MIN_ARTICLE_WORDS else []), None
    if not parsed.links:
        return [], None
    notice = None
    if len(parsed.links) > max_links:
        notice = (
            f":information_source: I read the first {max_links} of the {len(parsed.links)} links in that message; "
            "ask me again with the others."
        )
    return [(url, None) for url in parsed.links[:max_links]], notice


def reply_to_message(client: WebClient, services: Services, target: Target, parsed: ParsedMessage, notify: Notify) -> int:
    """One report per link (capped) or one for the pasted text. Returns the number of reports posted."""
    reads, notice = plan_reads(parsed, services.settings.slack_max_links)
    if not reads:
        notify(NOTHING_TO_READ)
        return 0
    posted = 0
    for position, (url, text) in enumerate(reads):
        request = ReadRequest(
            target.team_id, target.channel_id, target.user_id, url=url, text=text, surface=target.surface
        )
        if post_report(client, services, target, request, notify, notice=notice if position == 0 else None):
            posted += 1
        elif position == 0:
            break  # the first placeholder could not be posted: the others would fail the same way
    return posted


def post_report(
    client: WebClient,
    services: Services,
    target: Target,
    request: ReadRequest,
    notify: Notify,
    *,
    notice: str | None = None,
) -> bool:
    started = time.perf_counter()
    try:
        placeholder = client.chat_postMessage(
            channel=target.channel_id, thread_ts=target.thread_ts, text=report_ui.reading_text(request.url)
        )
    except SlackApiError as exc:
        log_api_error("chat.postMessage", exc, team=target.team_id, channel=target.channel_id, surface=target.surface)
        notify(explain(exc) or APOLOGY.format(what=_what(request)))
        return False
    ts = placeholder["ts"]
    try:
        outcome = read_article(request, settings=services.settings, session_factory=services.session_factory)
    except Exception:  # noqa: BLE001 - never leave a "Reading…" placeholder behind
        log.exception("reading failed (team=%s channel=%s)", target.team_id, target.channel_id)
        outcome = ReadOutcome(failed=True)
    _show_outcome(client, services, target, request, outcome, ts, notify, notice)
    metrics.REPLY_SECONDS.labels(target.surface).observe(time.perf_counter() - started)
    return True


def _what(request: ReadRequest) -> str:
    return link(request.url) if request.url else "the pasted text"


def _show_outcome(
    client: WebClient,
    services: Services,
    target: Target,
    request: ReadRequest,
    outcome: ReadOutcome,
    ts: str,
    notify: Notify,
    notice: str | None,
) -> None:
    if outcome.ok:
        assert outcome.report is not None and outcome.report_id is not None
        show_report(
            client,
            services,
            target.channel_id,
            ts,
            outcome.report,
            outcome.report_id,
            requested_by=target.user_id,
            reused_from=outcome.reused_from,
            notice=notice,
            notify=notify,
            thread_ts=target.thread_ts,
        )
        return
    if outcome.user_error:
        text = f":warning: I couldn't read {_what(request)}: {escape(outcome.user_error)}"
    else:
        text = APOLOGY.format(what=_what(request))
    if target.refusals_private and _delete(client, target.channel_id, ts):
        notify(text)
        return
    update_text(client, target.channel_id, ts, text, notify)


def _delete(client: WebClient, channel_id: str, ts: str) -> bool:
    """Take back a public "Reading…" message; False (logged) when Slack refuses."""
    try:
        client.chat_delete(channel=channel_id, ts=ts)
        return True
    except SlackApiError as exc:
        log_api_error("chat.delete", exc, channel=channel_id, ts=ts)
        return False


def update_text(client: WebClient, channel_id: str, ts: str, text: str, notify: Notify) -> bool:
    try:
        client.chat_update(channel=channel_id, ts=ts, text=text, blocks=[])
        return True
    except SlackApiError as exc:
        log_api_error("chat.update", exc, channel=channel_id, ts=ts)
        notify(explain(exc) or text)
        return False


def show_report(
    client: WebClient,
    services: Services,
    channel_id: str,
    ts: str,
    report: Report,
    report_id: int,
    *,
    requested_by: str | None,
    notify: Notify,
    reused_from: datetime | None = None,
    notice: str | None = None,
    thread_ts: str | None = None,
) -> bool:
    """Put the report into message `ts` (the placeholder or an earlier report) and remember it."""
    checks = slack_repo.checks_for_report(services.session_factory, report_id)
    blocks = report_ui.report_blocks(
        report, report_id=report_id, checks=checks, requested_by=requested_by, reused_from=reused_from, notice=notice
    )
    try:
        client.chat_update(
            channel=channel_id,
            ts=ts,
            text=report_ui.report_fallback_text(report, checks),
            blocks=[b.to_dict() for b in blocks],
        )
    except SlackApiError as exc:
        log_api_error("chat.update", exc, channel=channel_id, ts=ts, report=report_id)
        if explain(exc) is None or exc.response.get("error") not in ("msg_too_long", "invalid_blocks"):
            notify(explain(exc) or APOLOGY.format(what="the article"))
            return False
        # Too long for Slack even trimmed: say so in the message and point at the full list.
        short = f"{report_ui.report_fallback_text(report, checks)}. The full report is too long for Slack."
        if not update_text(client, channel_id, ts, short, notify):
            return False
    remember_message(services.session_factory, report_id, ts, thread_ts)
    return True


def refresh_report_message(
    client: WebClient, services: Services, team_id: str, report_id: int, channel_id: str, ts: str, notify: Notify
) -> bool:
    """Re-render a stored report (e.g. after a claim was marked checked) in its message."""
    loaded = load_report(services.session_factory, report_id, team_id)
    if loaded is None:
        notify("That report is no longer stored, so I can't update it.")
        return False
    report, facts = loaded
    return show_report(
        client,
        services,
        channel_id,
        ts,
        report,
        report_id,
        requested_by=facts["user_id"],
        notify=notify,
        thread_ts=facts["thread_ts"],
    )


def reanalyze(
    client: WebClient,
    services: Services,
    team_id: str,
    user_id: str,
    report_id: int,
    channel_id: str,
    ts: str,
    notify: Notify,
) -> bool:
    """Analyse a report's article afresh and replace the report message with the new report."""
    loaded = load_report(services.session_factory, report_id, team_id)
    if loaded is None or loaded[1]["channel_id"] != channel_id:
        notify("That report is no longer stored; ask me again with the link or text.")
        return False
    report, facts = loaded
    url = facts["url"]
    request = ReadRequest(
        team_id, channel_id, user_id, url=url, text=None if url else report.article.text, surface="reanalyze"
    )
    if not update_text(client, channel_id, ts, report_ui.reading_text(url), notify):
        return False
    outcome = read_article(request, settings=services.settings, session_factory=services.session_factory, force=True)
    if outcome.ok:
        assert outcome.report_id is not None
        carry_checks(services.session_factory, report_id, outcome.report_id)
    target = Target(team_id, channel_id, user_id, facts["thread_ts"], "reanalyze")
    _show_outcome(client, services, target, request, outcome, ts, notify, None)
    return outcome.ok

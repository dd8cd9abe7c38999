"""`/copydesk`: ack at once, then run the subcommand from bot.slack.router's registry on the work pool."""

from __future__ import annotations

import logging

from slack_bolt import App

from bot.slack.replies import Target, reply_to_message
from bot.slack.router import (
    CommandContext,
    Subcommands,
    UserFacingError,
    split_command_text,
)
from bot.slack.services import services_of
from bot.slack.text import parse_message
from bot.store import slack_repo
from handlers.log_ids import with_log_ids

log = logging.getLogger(__name__)
APOLOGY = ":x: Sorry, that command failed on our side. It is logged; please try again in a few minutes."


def register(app: App, subcommands: Subcommands) -> None:
    subcommands.add(
        "analyze",
        analyze,
        "`/copydesk analyze <link(s) or pasted text>`: report on an article",
        aliases=("analyse", "read"),
    )
    subcommands.add("auto", auto, "`/copydesk auto on|off`: read every article link posted in this channel")
    subcommands.add("help", show_help, "`/copydesk help`: this list")
    app.command("/copydesk")(with_log_ids(on_command))


def on_command(ack, body, command, respond, say, client, context, logger) -> None:  # noqa: ANN001
    ack()  # nothing else before this: Slack gives us 3 seconds
    services = services_of(context)
    name, args = split_command_text(command.get("text") or "")
    ctx = CommandContext(
        services=services,
        team_id=command.get("team_id") or "",
        channel_id=command.get("channel_id") or "",
        user_id=command.get("user_id") or "",
        args=args,
        respond=respond,
        say=say,
        client=client,
        logger=logger,
        command=dict(command),
    )
    subcommand = services.subcommands.find(name) if name else None
    if subcommand is None:
        prefix = f"I don't know `{name}`.\n" if name else ""
        services.worker.submit(respond, text=prefix + services.subcommands.help_text(), response_type="ephemeral")
        return
    services.worker.submit(_run, subcommand.handler, ctx)


def _run(handler, ctx: CommandContext) -> None:  # noqa: ANN001
    # Ids come from the log context (handlers.log_ids.with_log_ids); what the user typed only at DEBUG.
    log.info("/copydesk %s from user %s (%d characters)", handler.__name__, ctx.user_id, len(ctx.args))
    log.debug("/copydesk %s arguments: %s", handler.__name__, ctx.args)
    try:
        handler(ctx)
    except UserFacingError as exc:
        ctx.respond(text=exc.user_message, response_type="ephemeral")
    except Exception:  # noqa: BLE001 - logged with context, apologised for once
        log.exception(
            "/copydesk %s failed (team=%s channel=%s user=%s)",
            handler.__name__,
            ctx.team_id,
            ctx.channel_id,
            ctx.user_id,
        )
        try:
            ctx.respond(text=APOLOGY, response_type="ephemeral")
        except Exception:  # noqa: BLE001
            log.exception("could not send the apology either")


def analyze(ctx: CommandContext) -> None:
    parsed = parse_message(ctx.args)
    target = Target(ctx.team_id, ctx.channel_id, ctx.user_id, thread_ts=None, surface="command")
    reply_to_message(
        ctx.client, ctx.services, target, parsed, notify=lambda text: ctx.respond(text=text, response_type="ephemeral")
    )


def auto(ctx: CommandContext) -> None:
    choice = ctx.args.strip().lower()
    if choice not in ("on", "off"):
        state = "on" if slack_repo.auto_mode(ctx.services.session_factory, ctx.team_id, ctx.channel_id) else "off"
        raise UserFacingError(f"Auto mode is {state} in this channel. Use `/copydesk auto on` or `/copydesk auto off`.")
    slack_repo.set_auto_mode(ctx.services.session_factory, ctx.team_id, ctx.channel_id, choice == "on", ctx.user_id)
    if choice == "on":
        text = (
            f"<@{ctx.user_id}> turned auto mode on: "
            "I'll reply with a report in the thread of every article link posted here."
        )
    else:
        text = f"<@{ctx.user_id}> turned auto mode off: I'll only read articles when asked."
    ctx.respond(text=text, response_type="in_channel")


def show_help(ctx: CommandContext) -> None:
    ctx.respond(text=ctx.services.subcommands.help_text(), response_type="ephemeral")

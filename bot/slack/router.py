"""The `/copydesk` subcommand registry: one name -> one handler, plus a help line.

Each app build makes its own Subcommands (it lives in the app's Services), and the listener modules
add to it explicitly when handlers.register_all wires them:

    from bot.slack.router import CommandContext, Subcommands

    def track(ctx: CommandContext) -> None:
        ctx.respond(text=f"Tracking {ctx.args!r}", response_type="ephemeral")

    def register(app: App, subcommands: Subcommands) -> None:
        subcommands.add("track", track, "`/copydesk track <story>`: follow a story in this channel")

How a handler is called:
- `/copydesk NAME ARGS...` runs `handler(ctx)` AFTER Slack has been acknowledged (in a worker
  thread), so a handler may take seconds, call the database or the Web API.
- `ctx.args` is the text after the subcommand name, stripped; Slack markup (`<url|label>`,
  `&amp;`) is still in it: use bot.slack.text.parse_message(ctx.args) to read links and text.
- `ctx.respond(text=..., blocks=..., response_type="ephemeral"|"in_channel", replace_original=...)`
  answers through the command's response_url (works even where the bot is not a member);
  `ctx.say(...)` posts to the channel with the bot token; `ctx.client` is the workspace's WebClient.
- `ctx.services` is the app's Services (bot/slack/services.py), the one context object every
  listener and reply helper receives: `.settings`, `.session_factory` (use
  bot.store.db.session_scope(ctx.services.session_factory) for a unit of work), `.schedules_changed()`.
- An exception in a handler is logged with its context and the user gets one apology; raise
  bot.slack.router.UserFacingError(message) to show `message` to the user instead.

Adding the same function again under the same name changes nothing; a *different* function under a
taken name is a bug and raises ValueError. Names are matched case-insensitively; aliases share the handler.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from logging import Logger, getLogger
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for the annotation only: services.py holds this module's Subcommands
    from bot.slack.services import Services


class UserFacingError(Exception):
    """Raised by a subcommand to show its message to the user (ephemeral) instead of an apology."""

    def __init__(self, user_message: str):
        super().__init__(user_message)
        self.user_message = user_message


@dataclass
class CommandContext:
    """One `/copydesk` invocation: who, where, what was typed and how to answer, beside the app's Services."""

    services: Services
    team_id: str
    channel_id: str
    user_id: str
    args: str
    respond: Callable[..., Any]
    say: Callable[..., Any]
    client: Any  # slack_sdk.WebClient for this workspace
    logger: Logger = field(default_factory=lambda: getLogger("copydesk.command"))
    command: dict[str, Any] = field(default_factory=dict)  # the raw slash-command payload (trigger_id, ...)


SubcommandHandler = Callable[[CommandContext], None]


@dataclass(frozen=True)
class Subcommand:
    name: str
    handler: SubcommandHandler
    help_line: str
    aliases: tuple[str, ...] = ()


class Subcommands:
    """One app's `/copydesk` subcommands, in the order they were added (the order help lists them)."""

    def __init__(self) -> None:
        self._entries: dict[str, Subcommand] = {}  # every name and alias -> its entry
        self._order: list[str] = []  # primary names

    def add(self, name: str, handler: SubcommandHandler, help_line: str, *, aliases: tuple[str, ...] = ()) -> None:
        """Add `/copydesk NAME` (and its aliases). See the module docstring for the handler contract."""
        entry = Subcommand(name.lower(), handler, help_line, tuple(a.lower() for a in aliases))
        for key in (entry.name, *entry.aliases):
            existing = self._entries.get(key)
            if existing is not None and existing.handler is not handler:
                raise ValueError(f"/copydesk {key} is already registered to {existing.handler!r}")
        for key in (entry.name, *entry.aliases):
            self._entries[key] = entry
        if entry.name not in self._order:
            self._order.append(entry.name)

    def find(self, name: str) -> Subcommand | None:
        return self._entries.get(name.lower())

    def __iter__(self) -> Iterator[Subcommand]:
        """The subcommands (primary names only), in the order they were added."""
        return iter([self._entries[name] for name in self._order])

    def help_text(self) -> str:
        lines = ["*Copydesk* reads articles and flags weakly sourced claims. Commands:"]
        lines += [f"• {sub.help_line}" for sub in self]
        lines.append("• Mention @Copydesk in a thread, or use the message shortcut *Analyze with Copydesk*.")
        return "\n".join(lines)


def split_command_text(text: str) -> tuple[str, str]:
    """'analyze  https://x' -> ('analyze', 'https://x'); '' -> ('', '')."""
    parts = (text or "").strip().split(None, 1)
    if not parts:
        return "", ""
    return parts[0].lower(), (parts[1].strip() if len(parts) > 1 else "")


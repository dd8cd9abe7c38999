"""Slack listeners, one module per surface; `register_all(app, subcommands, home_sections)` wires each
of them explicitly, filling the app's own registries (bot.slack.router.Subcommands, bot.slack.home.HomeSections).

Order matters where two modules answer the same action: Bolt runs the first matching listener.
No two modules answer the same action today; keep it that way rather than rely on the order.
"""

from __future__ import annotations

from types import ModuleType

from slack_bolt import App

from bot.slack.home import HomeSections
from bot.slack.router import Subcommands
from handlers import actions, commands, home, installs, mentions, messages, shortcuts, stories, views


def register_all(app: App, subcommands: Subcommands, home_sections: HomeSections) -> list[str]:
    """Register every listener module's listeners on `app`; returns their short names, in order."""
    commands.register(app, subcommands)
    mentions.register(app)
    shortcuts.register(app)
    messages.register(app)
    home.register(app)
    views.register(app)
    installs.register(app)
    stories.register(app, subcommands, home_sections)
    actions.register(app)
    modules: tuple[ModuleType, ...] = (commands, mentions, shortcuts, messages, home, views, installs, stories, actions)
    return [module.__name__.rpartition(".")[2] for module in modules]

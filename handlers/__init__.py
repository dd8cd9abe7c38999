"""Slack listeners, one module per surface; `register_all(app)` wires each of them, explicitly.

Order matters where two modules answer the same action: Bolt runs the first matching listener.
No two modules answer the same action today; keep it that way rather than rely on the order.
"""

from __future__ import annotations

from types import ModuleType

from slack_bolt import App

from handlers import actions, commands, home, installs, mentions, messages, shortcuts, stories, views

LISTENER_MODULES: tuple[ModuleType, ...] = (
    commands, mentions, shortcuts, messages, home, views, installs, stories, actions,
)  # fmt: skip


def register_all(app: App) -> list[str]:
    """Register every listener module's listeners on `app`; returns their short names, in order."""
    for module in LISTENER_MODULES:
        module.register(app)
    return [module.__name__.rpartition(".")[2] for module in LISTENER_MODULES]

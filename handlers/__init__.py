"""Slack listeners, one module per surface; `register_all(app)` wires them all.

Order matters where two modules answer the same action: Bolt runs the first matching listener,
so feature modules (handlers.stories, written for story tracking) are registered before
handlers.actions, whose "Track this story" answer is only the fallback when tracking is absent.
"""

from __future__ import annotations

import importlib
import importlib.util

from slack_bolt import App

CORE_MODULES = ("commands", "mentions", "shortcuts", "messages", "home")
OPTIONAL_MODULES = ("stories",)  # present once the story-tracking feature lands
FALLBACK_MODULES = ("actions",)


def register_all(app: App) -> list[str]:
    registered = []
    for name in (*CORE_MODULES, *OPTIONAL_MODULES, *FALLBACK_MODULES):
        qualified = f"{__name__}.{name}"
        if name in OPTIONAL_MODULES and importlib.util.find_spec(qualified) is None:
            continue  # absent is fine; a module that exists but fails to import is a real error
        importlib.import_module(qualified).register(app)
        registered.append(name)
    return registered

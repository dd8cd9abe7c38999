"""deploy/.env.example documents every setting Copydesk reads, each with a comment, and nothing
that it does not read: an operator can trust it as the complete list."""

from __future__ import annotations

import re

from tests.support.deploy import DEPLOY


ENV_EXAMPLE = DEPLOY / ".env.example"
# Variables compose.yaml itself interpolates; Copydesk never reads them.
COMPOSE_ONLY = {"POSTGRES_PASSWORD", "COPYDESK_IMAGE_TAG", "COPYDESK_HTTP_PORT"}
ASSIGNMENT = re.compile(r"^#?\s?([A-Z][A-Z0-9_]*)=(.*)$")


def documented() -> dict[str, dict]:
    """Every KEY=value line (active or commented out): its value, whether active, its comment."""
    entries: dict[str, dict] = {}
    comment: list[str] = []
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        match = ASSIGNMENT.match(line)
        if match:
            key, value = match.groups()
            assert key not in entries, f"{key} is listed twice"
            entries[key] = {"value": value, "active": not line.startswith("#"), "comment": " ".join(comment)}
            comment = []
        elif line.startswith("#") and not line.startswith("# ==="):
            comment.append(line.lstrip("# ").strip())
        else:
            comment = []
    return entries


def setting_variables() -> dict[str, str]:
    """Environment variable -> Settings field, the Slack ones under their standard names."""
    from bot.config import Settings

    variables = {}
    for name, field in Settings.model_fields.items():
        choices = [c for c in getattr(field.validation_alias, "choices", []) if isinstance(c, str)]
        variables[choices[0] if choices else f"COPYDESK_{name.upper()}"] = name
    return variables


def test_every_setting_is_listed_with_a_comment():
    entries = documented()
    missing = sorted(set(setting_variables()) - entries.keys())
    assert not missing, f"settings missing from deploy/.env.example: {missing}"
    uncommented = [key for key, entry in entries.items() if len(entry["comment"]) < 10]
    assert not uncommented, f"settings without an explaining comment: {uncommented}"


def test_nothing_is_listed_that_copydesk_does_not_read():
    unknown = sorted(documented().keys() - setting_variables().keys() - COMPOSE_ONLY)
    assert not unknown, f"not Copydesk settings: {unknown}"


def test_shown_defaults_are_the_real_defaults():
    from bot.config import Settings

    variables = setting_variables()
    for key, entry in documented().items():
        if entry["active"] or key not in variables or not entry["value"]:
            continue
        default = Settings.model_fields[variables[key]].default
        shown = Settings(_env_file=None, **{variables[key]: entry["value"]})
        assert getattr(shown, variables[key]) == default, f"{key}: the example shows {entry['value']!r}"


def test_the_example_loads_as_settings(tmp_path, monkeypatch):
    from bot.config import Settings

    for key in setting_variables():
        monkeypatch.delenv(key, raising=False)
    settings = Settings(_env_file=ENV_EXAMPLE)
    assert settings.log_format == "json"
    assert not settings.slack_bot_token  # secrets are left for the operator to fill in

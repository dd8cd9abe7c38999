"""The Slack app manifests declare exactly what the listeners need."""

from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

from bot.app import BOT_SCOPES, INSTALL_PATH, REDIRECT_PATH  # noqa: E402
from handlers.shortcuts import CALLBACK_ID  # noqa: E402

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


@pytest.mark.parametrize("name", ["slack-manifest.yaml", "slack-manifest.socket.yaml"])
def test_manifest_matches_the_app(name):
    manifest = yaml.safe_load((DEPLOY / name).read_text())
    features, settings = manifest["features"], manifest["settings"]
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == sorted(BOT_SCOPES)
    assert "users:read" in BOT_SCOPES  # users.info gives a digest its creator's timezone
    assert [c["command"] for c in features["slash_commands"]] == ["/copydesk"]
    assert features["slash_commands"][0]["should_escape"] is True  # links arrive as <url>
    assert [s["callback_id"] for s in features["shortcuts"]] == [CALLBACK_ID]
    assert features["app_home"]["home_tab_enabled"] is True
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "app_home_opened",
        "app_mention",
        "message.channels",
        "message.groups",
        "app_uninstalled",  # handlers/installs.py forgets the workspace
        "tokens_revoked",
    }
    assert settings["interactivity"]["is_enabled"] is True
    socket = name.endswith("socket.yaml")
    assert settings["socket_mode_enabled"] is socket
    urls = [settings["event_subscriptions"].get("request_url"), settings["interactivity"].get("request_url")]
    if socket:
        assert urls == [None, None] and "url" not in features["slash_commands"][0]
    else:
        assert all(u.endswith("/slack/events") for u in urls)
        assert manifest["oauth_config"]["redirect_urls"][0].endswith(REDIRECT_PATH)
        assert INSTALL_PATH == "/slack/install"


@pytest.mark.parametrize("name", ["slack-manifest.yaml", "slack-manifest.socket.yaml"])
def test_the_usage_hint_lists_every_subcommand(name):
    from slack_bolt import App

    import handlers
    from bot.slack.home import HomeSections
    from bot.slack.router import Subcommands

    subcommands = Subcommands()
    app = App(token="xoxb-manifest", signing_secret="s", token_verification_enabled=False)
    handlers.register_all(app, subcommands, HomeSections())
    manifest = yaml.safe_load((DEPLOY / name).read_text())
    hint = manifest["features"]["slash_commands"][0]["usage_hint"]
    words = {part.split()[0] for part in hint.split("|") if part.strip()}
    names = [sub.name for sub in subcommands if getattr(sub.handler, "__module__", "").startswith("handlers.")]
    assert {"analyze", "digest", "feed"} <= set(names)
    assert [n for n in names if n not in words] == []
    assert len(hint) <= 1000  # Slack's manifest schema limit


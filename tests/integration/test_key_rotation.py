"""Rotating COPYDESK_ENCRYPTION_KEY without losing installations, as the README's runbook says:
tokens stored under OLD, the setting becomes NEW,OLD, `copydesk db rotate-key` runs, and a
process that knows only NEW reads every installation. Runs the installed console script."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from cryptography.fernet import Fernet
from slack_sdk.oauth.installation_store import Installation

from bot.store.db import get_engine
from bot.store.slack_install import EncryptedInstallationStore

WORKSPACES = {
    # team: (bot token, user token, bot refresh token)
    "T1": ("xoxb-team-one-bot", "xoxp-team-one-user", None),
    "T2": ("xoxb-team-two-bot", None, "xoxe-1-team-two-refresh"),
    "T3": ("xoxb-team-three-bot", None, None),
}
# a bot row holds the bot token and its refresh token; an installation row those and the user token
STORED_TOKENS = sum(2 * bool(bot) + bool(user) + 2 * bool(refresh) for bot, user, refresh in WORKSPACES.values())


def new_key() -> str:
    return Fernet.generate_key().decode()


def store(database_url: str, key: str | None) -> EncryptedInstallationStore:
    return EncryptedInstallationStore("CLIENT", get_engine(database_url), key)


def install_all(database_url: str, key: str | None) -> None:
    installations = store(database_url, key)
    for team, (bot_token, user_token, refresh) in WORKSPACES.items():
        installations.save(
            Installation(
                app_id="A1", enterprise_id=None, team_id=team, user_id=f"U{team}", bot_token=bot_token,
                bot_id=f"B{team}", bot_user_id=f"UB{team}", bot_scopes="chat:write", user_token=user_token,
                bot_refresh_token=refresh, bot_token_expires_in=43200 if refresh else None,
            )
        )  # fmt: skip


def assert_reads_every_installation(database_url: str, key: str) -> None:
    installations = store(database_url, key)
    for team, (bot_token, user_token, refresh) in WORKSPACES.items():
        bot = installations.find_bot(enterprise_id=None, team_id=team)
        installation = installations.find_installation(enterprise_id=None, team_id=team)
        assert (bot.bot_token, bot.bot_refresh_token) == (bot_token, refresh)
        assert (installation.bot_token, installation.user_token, installation.bot_refresh_token) == (
            bot_token, user_token, refresh,
        )  # fmt: skip


def stored_values(database_url: str) -> list[str]:
    with get_engine(database_url).connect() as connection:
        rows = connection.execute(sa.text("SELECT bot_token, bot_refresh_token FROM slack_bots")).all()
        rows += connection.execute(
            sa.text("SELECT bot_token, bot_refresh_token, user_token, user_refresh_token FROM slack_installations")
        ).all()
    return [value for row in rows for value in row if value is not None]


def rotate_key(database_url: str, key_setting: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COPYDESK_", "SLACK_"))}
    env.update(COPYDESK_DATABASE_URL=database_url, COPYDESK_ENCRYPTION_KEY=key_setting)
    script = Path(sys.executable).parent / "copydesk"
    return subprocess.run(
        [str(script), "db", "rotate-key"], env=env, cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_rotating_to_a_new_key_keeps_every_installation(database_url, tmp_path):
    old, new = new_key(), new_key()
    install_all(database_url, old)
    with pytest.raises(RuntimeError, match="COPYDESK_ENCRYPTION_KEY"):
        assert_reads_every_installation(database_url, new)  # NEW alone cannot read OLD's tokens yet
    assert_reads_every_installation(database_url, f"{new},{old}")  # the rollout's state: both keys

    result = rotate_key(database_url, f"{new}, {old}", tmp_path)

    assert result.returncode == 0, result.stderr
    assert f"rotated {STORED_TOKENS} stored Slack tokens" in result.stdout
    assert_reads_every_installation(database_url, new)  # OLD can now be removed from the setting
    values = stored_values(database_url)
    assert len(values) == STORED_TOKENS and all(v.startswith("enc:") and "xox" not in v for v in values)
    with pytest.raises(RuntimeError):
        assert_reads_every_installation(database_url, old)


def test_rotation_encrypts_tokens_stored_before_encryption_was_turned_on(database_url, tmp_path):
    install_all(database_url, None)
    key = new_key()

    result = rotate_key(database_url, key, tmp_path)

    assert result.returncode == 0, result.stderr
    assert f"encrypted {STORED_TOKENS} that were stored unencrypted" in result.stdout
    assert all(v.startswith("enc:") for v in stored_values(database_url))
    assert_reads_every_installation(database_url, key)


def test_rotation_with_a_key_list_missing_the_old_key_changes_nothing(database_url, tmp_path):
    old = new_key()
    install_all(database_url, old)
    before = stored_values(database_url)

    result = rotate_key(database_url, f"{new_key()},{new_key()}", tmp_path)

    assert result.returncode == 2
    assert "Nothing was changed" in result.stderr and "xox" not in result.stderr
    assert stored_values(database_url) == before
    assert_reads_every_installation(database_url, old)

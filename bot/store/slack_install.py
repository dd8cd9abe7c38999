"""slack_sdk's SQLAlchemy installation and OAuth-state stores, in our database.

Their tables are created by our migration 0002 (never by `create_tables()` at run time). Bot and
user tokens are encrypted with Fernet when COPYDESK_ENCRYPTION_KEY is set: a copied database file
or backup then holds no usable token.

The key setting is a comma-separated list, newest first (MultiFernet): new tokens are encrypted
with the first key and stored ones are read with whichever key matches, so a key can be rotated
without losing installations. `copydesk db rotate-key` (rotate_stored_tokens) then re-encrypts
every stored token with the first key, after which the old key can be dropped.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, MetaData, Table, select, update

INSTALLATIONS_TABLE = "slack_installations"
BOTS_TABLE = "slack_bots"
OAUTH_STATES_TABLE = "slack_oauth_states"
TOKEN_FIELDS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")
ENCRYPTED_PREFIX = "enc:"  # marks a stored value as ciphertext, so nothing is encrypted twice

log = logging.getLogger(__name__)


def parse_keys(setting: str | None) -> list[str]:
    """COPYDESK_ENCRYPTION_KEY: one Fernet key, or several comma-separated, newest first."""
    return [key.strip() for key in (setting or "").split(",") if key.strip()]


class TokenCipher:
    def __init__(self, key: str | None):
        keys = parse_keys(key)
        self._fernet = MultiFernet([Fernet(k.encode()) for k in keys]) if keys else None

    @property
    def enabled(self) -> bool:
        return self._fernet is not None

    def rotate(self, value: str | None) -> str | None:
        """The value encrypted with the first key: ciphertext re-encrypted, plain text encrypted."""
        if value is None or self._fernet is None:
            return value
        if not value.startswith(ENCRYPTED_PREFIX):
            return self.encrypt(value)
        try:
            return ENCRYPTED_PREFIX + self._fernet.rotate(value[len(ENCRYPTED_PREFIX) :].encode()).decode()
        except InvalidToken as exc:
            raise RuntimeError("No key in COPYDESK_ENCRYPTION_KEY decrypts a stored Slack token.") from exc

    def encrypt(self, value: str | None) -> str | None:
        if value is None or self._fernet is None or value.startswith(ENCRYPTED_PREFIX):
            return value
        return ENCRYPTED_PREFIX + self._fernet.encrypt(value.encode()).decode()

    def decrypt(self, value: str | None) -> str | None:
        if value is None or not value.startswith(ENCRYPTED_PREFIX):
            return value
        if self._fernet is None:
            raise RuntimeError("Stored Slack tokens are encrypted: set COPYDESK_ENCRYPTION_KEY to read them.")
        try:
            return self._fernet.decrypt(value[len(ENCRYPTED_PREFIX) :].encode()).decode()
        except InvalidToken as exc:
            raise RuntimeError("COPYDESK_ENCRYPTION_KEY does not decrypt the stored Slack tokens.") from exc


def _with_tokens(entity: Any, transform) -> Any:
    if entity is None:
        return None
    result = copy.copy(entity)
    for field in TOKEN_FIELDS:
        if hasattr(result, field):
            setattr(result, field, transform(getattr(result, field)))
    return result


class EncryptedInstallationStore(SQLAlchemyInstallationStore):
    """The SQLAlchemy installation store, with tokens encrypted at rest when a key is configured."""

    def __init__(self, client_id: str, engine: Engine, encryption_key: str | None):
        super().__init__(
            client_id=client_id, engine=engine, bots_table_name=BOTS_TABLE, installations_table_name=INSTALLATIONS_TABLE
        )
        self._cipher = TokenCipher(encryption_key)

    def save(self, installation):  # noqa: ANN001
        super().save(_with_tokens(installation, self._cipher.encrypt))

    def save_bot(self, bot):  # noqa: ANN001
        super().save_bot(_with_tokens(bot, self._cipher.encrypt))

    def find_bot(self, **kwargs):  # noqa: ANN003
        return _with_tokens(super().find_bot(**kwargs), self._cipher.decrypt)

    def find_installation(self, **kwargs):  # noqa: ANN003
        return _with_tokens(super().find_installation(**kwargs), self._cipher.decrypt)


def drop_user_tokens(
    store: SQLAlchemyInstallationStore, enterprise_id: str | None, team_id: str | None, user_ids: list[str]
) -> int:
    """Clear the user tokens Slack revoked (tokens_revoked `oauth` ids); the workspace's bot token stays.

    Not slack_sdk's delete_installation: its installation rows also carry the bot token, and a
    user revoking their own token must not uninstall Copydesk for the whole workspace.
    """
    table = store.installations
    cleared = {name: None for name in TOKEN_FIELDS if name.startswith("user_") and name in table.c}
    with store.engine.begin() as connection:
        result = connection.execute(
            update(table)
            .where(
                table.c.client_id == store.client_id,
                table.c.enterprise_id == enterprise_id if enterprise_id else table.c.enterprise_id.is_(None),
                table.c.team_id == team_id if team_id else table.c.team_id.is_(None),
                table.c.user_id.in_(user_ids),
            )
            .values(cleared)
        )
    return result.rowcount or 0


def oauth_state_store(engine: Engine, expiration_seconds: int = 600) -> SQLAlchemyOAuthStateStore:
    return SQLAlchemyOAuthStateStore(
        expiration_seconds=expiration_seconds, engine=engine, table_name=OAUTH_STATES_TABLE
    )


@dataclass(frozen=True)
class RotationResult:
    rotated: int  # tokens that were encrypted and are now encrypted with the first key
    encrypted: int  # tokens that were stored in plain text and are now encrypted


def token_tables() -> list[Table]:
    """slack_sdk's bots and installations tables as its own builders define them."""
    metadata = MetaData()
    return [
        SQLAlchemyInstallationStore.build_bots_table(metadata, BOTS_TABLE),
        SQLAlchemyInstallationStore.build_installations_table(metadata, INSTALLATIONS_TABLE),
    ]


def rotate_stored_tokens(engine: Engine, encryption_key: str | None) -> RotationResult:
    """Re-encrypt every stored Slack token with the first key of `encryption_key`, in one transaction.

    A token no key decrypts aborts the whole rotation with nothing changed. Each update is
    conditional on the value read, so an installation saved meanwhile is not overwritten.
    """
    cipher = TokenCipher(encryption_key)
    if not cipher.enabled:
        raise RuntimeError("Set COPYDESK_ENCRYPTION_KEY (new key first) before rotating the stored tokens.")
    rotated = encrypted = 0
    with engine.begin() as connection:
        for table in token_tables():
            fields = [table.c[name] for name in TOKEN_FIELDS if name in table.c]
            for row in connection.execute(select(table.c.id, *fields)).mappings():
                for column in fields:
                    old = row[column.name]
                    if old is None:
                        continue
                    connection.execute(
                        update(table)
                        .where(table.c.id == row["id"], column == old)
                        .values({column.name: cipher.rotate(old)})
                    )
                    if old.startswith(ENCRYPTED_PREFIX):
                        rotated += 1
                    else:
                        encrypted += 1
    log.info(
        "re-encrypted %d stored Slack tokens with the first key (%d were unencrypted)", rotated + encrypted, encrypted
    )
    return RotationResult(rotated, encrypted)

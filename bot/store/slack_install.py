"""slack_sdk's SQLAlchemy installation and OAuth-state stores, in our database.

Their tables are created by our migration 0002 (never by `create_tables()` at run time). Bot and
user tokens are encrypted with Fernet when COPYDESK_ENCRYPTION_KEY is set: a copied database file
or backup then holds no usable token.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine

INSTALLATIONS_TABLE = "slack_installations"
BOTS_TABLE = "slack_bots"
OAUTH_STATES_TABLE = "slack_oauth_states"
TOKEN_FIELDS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")
ENCRYPTED_PREFIX = "enc:"  # marks a stored value as ciphertext, so nothing is encrypted twice

log = logging.getLogger(__name__)


class TokenCipher:
    def __init__(self, key: str | None):
        self._fernet = Fernet(key.encode()) if key else None

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


def oauth_state_store(engine: Engine, expiration_seconds: int = 600) -> SQLAlchemyOAuthStateStore:
    return SQLAlchemyOAuthStateStore(
        expiration_seconds=expiration_seconds, engine=engine, table_name=OAUTH_STATES_TABLE
    )

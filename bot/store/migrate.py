"""Alembic, driven from code: `copydesk db upgrade` and the automatic upgrade on start."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext

from bot.store.db import get_engine, normalise_url

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return config


def _url(url: str | None) -> str:
    if url:
        return url
    from bot.config import get_settings

    return get_settings().resolved_database_url


def upgrade(revision: str = "heads", url: str | None = None) -> None:
    # "heads": each feature area (Slack state, stories) branches from the base revision.
    command.upgrade(alembic_config(_url(url)), revision)


def current(url: str | None = None) -> str | None:
    """The applied revisions, comma-separated (one per branch), or None on an empty database."""
    with get_engine(_url(url)).connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    return ",".join(sorted(heads)) or None

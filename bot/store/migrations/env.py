"""Alembic environment: runs against the URL set by bot.store.migrate, with our metadata."""

from __future__ import annotations

from alembic import context

from bot.store.db import get_engine
from bot.store.models import metadata

config = context.config


def run_migrations_online() -> None:
    engine = get_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=connection.dialect.name == "sqlite",  # SQLite needs batch ALTERs
        )
        context.run_migrations()


run_migrations_online()

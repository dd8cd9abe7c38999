"""Alembic environment: runs against the URL set by bot.store.migrate, with our metadata."""

from __future__ import annotations

from alembic import context

from bot.store.db import get_engine
from bot.store.models import metadata

config = context.config


def run_migrations_online() -> None:
    # bot.store.migrate.upgrade passes the connection that holds the migration lock.
    connection = config.attributes.get("connection")
    if connection is not None:
        with connection.begin():
            _run(connection)
        return
    engine = get_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as connection:
        _run(connection)


def _run(connection) -> None:  # noqa: ANN001
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite needs batch ALTERs
    )
    context.run_migrations()


run_migrations_online()

"""Alembic, driven from code: `copydesk db upgrade` and the automatic upgrade on start.

Every `serve`, `scheduler` and migration Job runs `upgrade()` at start, so a rollout starts
several at once. They take turns: on PostgreSQL a session advisory lock held on the migration
connection itself, on SQLite a file lock beside the database file. Whoever comes second finds
the schema already at heads and has nothing to do.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from filelock import FileLock
from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url

from bot.store.db import get_engine, normalise_url

MIGRATIONS = Path(__file__).parent / "migrations"
# A fixed 64-bit key for pg_advisory_lock, distinct from the scheduler's leader lock.
MIGRATION_LOCK_KEY = 0x436F_7079_4D69_6772  # "CopyMigr"

log = logging.getLogger(__name__)


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return config


def upgrade(revision: str = "heads", *, url: str) -> None:
    # "heads": each feature area (Slack state, stories) branches from the base revision.
    with migration_connection(url) as connection:
        config = alembic_config(url)
        config.attributes["connection"] = connection  # env.py migrates on the locked connection
        command.upgrade(config, revision)


def upgrade_embedded(url: str) -> None:
    """Migrate the embedded default (a SQLite file) on start; a server database is migrated by `copydesk db upgrade`."""
    if make_url(normalise_url(url)).get_backend_name() == "sqlite":
        upgrade("heads", url=url)


def sqlite_lock_path(url: str) -> Path | None:
    """`<database file>.migrate.lock`, or None for an in-memory or non-SQLite database."""
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database).with_name(Path(parsed.database).name + ".migrate.lock")


@contextmanager
def migration_connection(url: str) -> Iterator[Connection]:
    """A connection that holds the migration lock for as long as the block runs."""
    lock_path = sqlite_lock_path(url)
    if lock_path is not None:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(lock_path)) if lock_path else nullcontext(), get_engine(url).connect() as connection:
        if connection.dialect.name != "postgresql":
            yield connection
            return
        _advisory_lock(connection)
        try:
            yield connection
        finally:
            _advisory_unlock(connection)


def _advisory_lock(connection: Connection) -> None:
    key = {"key": MIGRATION_LOCK_KEY}
    if not connection.execute(text("SELECT pg_try_advisory_lock(:key)"), key).scalar():
        log.info("another process is migrating the database; waiting for it to finish")
        connection.execute(text("SELECT pg_advisory_lock(:key)"), key)
    connection.commit()  # the lock belongs to the session; env.py opens its own transaction


def _advisory_unlock(connection: Connection) -> None:
    try:
        connection.rollback()  # a failed migration may leave an aborted transaction behind
        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
        connection.commit()
    except Exception:  # noqa: BLE001 - never return a pooled connection that may still hold the lock
        log.warning("could not release the migration lock; discarding its connection", exc_info=True)
        connection.invalidate()


def current(url: str) -> str | None:
    """The applied revisions, comma-separated (one per branch), or None on an empty database."""
    with get_engine(url).connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    return ",".join(sorted(heads)) or None

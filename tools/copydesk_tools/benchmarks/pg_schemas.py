"""A fresh PostgreSQL schema per benchmark run, dropped afterwards.

The server is the one the tests use unless COPYDESK_BENCH_DATABASE_URL (or the tests'
COPYDESK_TEST_DATABASE_URL, or an explicit URL) says otherwise. A schema's URL carries
`options=-csearch_path=SCHEMA`, so every process started with it (the scheduler, the workers,
`copydesk db upgrade`) creates and finds its tables there and nowhere else.
"""

from __future__ import annotations

import os
import time
import uuid

import sqlalchemy as sa

from bot.store.db import dispose_all, normalise_url

PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/test"
DROP_ATTEMPTS, DROP_RETRY_S = 10, 3.0


def bench_postgres_url(explicit: str | None = None) -> str:
    return (
        explicit
        or os.environ.get("COPYDESK_BENCH_DATABASE_URL")
        or os.environ.get("COPYDESK_TEST_DATABASE_URL")
        or PG_DEFAULT
    )


class PostgresSchemas:
    """Creates throw-away schemas on one server; connecting at construction fails fast when it is down."""

    def __init__(self, base_url: str):
        self.base = base_url
        self._admin = sa.create_engine(normalise_url(base_url), pool_pre_ping=True)  # outlives a server restart
        with self._admin.connect() as connection:
            connection.execute(sa.text("SELECT 1"))

    def create(self, prefix: str = "bench"):
        """(URL of a new empty schema, a function that drops it)."""
        schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
        with self._admin.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))

        def drop() -> None:
            dispose_all()
            for attempt in range(DROP_ATTEMPTS):  # the server may be restarting (the task-queue tests do)
                try:
                    with self._admin.begin() as connection:
                        connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
                    return
                except sa.exc.OperationalError:
                    if attempt == DROP_ATTEMPTS - 1:
                        print(f"  could not drop schema {schema}: the database is unreachable; drop it by hand")
                        return
                    time.sleep(DROP_RETRY_S)

        separator = "&" if "?" in self.base else "?"
        return normalise_url(self.base) + separator + f"options=-csearch_path%3D{schema}", drop

    def close(self) -> None:
        self._admin.dispose()

"""Shared fixtures. The spaCy model is loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_DATA = Path(os.environ.get("COPYDESK_DATA", ROOT.parent / "shared" / "data"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def nlp():
    from bot.analysis import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (SEEDS / "000_80fdf597179271c2.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_report(nlp, seed_text):
    from bot.analysis import analyze

    return analyze(seed_text, id="seed-000")


@pytest.fixture
def slack_stub():
    """A Slack Web API stub on 127.0.0.1 that records every call (tools/copydesk_tools/stub_server.py)."""
    from copydesk_tools.stub_server import SlackStub

    stub = SlackStub().start()
    yield stub
    stub.stop()


def require_shared_data(*parts: str) -> Path:
    """The development corpus at ../shared/data/PARTS; skipped when absent, except in CI."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        message = f"development data not found at {path}"
        if IN_CI:
            pytest.fail(message + " (CI must have ../shared/data)")
        pytest.skip(message)
    return path


# --- Databases -------------------------------------------------------------------------------
# Every test that takes `database_url` gets a fresh, migrated database: a SQLite file by
# default, or (when COPYDESK_TEST_DATABASE_URL is set) its own schema on that PostgreSQL
# server, so parallel runs never see each other's rows. `make test` runs these tests on both.

TEST_DATABASE_URL = os.environ.get("COPYDESK_TEST_DATABASE_URL")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "database_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)


@pytest.fixture
def database_url(tmp_path) -> str:
    from bot.store.db import dispose_all
    from bot.store.migrate import upgrade

    if not TEST_DATABASE_URL:
        url = f"sqlite:///{tmp_path / 'copydesk-test.sqlite3'}"
        upgrade(url=url)
        yield url
        dispose_all()
        return
    yield from _postgres_schema_url(TEST_DATABASE_URL)


DEFAULT_TEST_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


@pytest.fixture
def postgres_url() -> str:
    """A fresh, migrated schema on PostgreSQL whatever the run's database: for tests of several
    processes sharing one database (advisory locks, web workers), which SQLite cannot stand for."""
    yield from _postgres_schema_url(TEST_DATABASE_URL or DEFAULT_TEST_POSTGRES_URL)


@pytest.fixture
def empty_postgres_url() -> str:
    """An empty schema (no tables, no alembic_version) on the test PostgreSQL server."""
    yield from _postgres_schema_url(TEST_DATABASE_URL or DEFAULT_TEST_POSTGRES_URL, migrate=False)


def _postgres_schema_url(base_url: str, *, migrate: bool = True):
    import uuid

    import sqlalchemy as sa

    from bot.store.db import dispose_all, normalise_url
    from bot.store.migrate import upgrade

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(normalise_url(base_url), pool_pre_ping=True)  # survives a server restart in a test
    try:
        with admin.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    except sa.exc.OperationalError as exc:
        pytest.fail(f"PostgreSQL at {base_url} is not reachable: {exc}")
    separator = "&" if "?" in base_url else "?"
    url = normalise_url(base_url) + f"{separator}options=-csearch_path%3D{schema}"
    if migrate:
        upgrade(url=url)
    yield url
    dispose_all()
    with admin.begin() as connection:
        connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()

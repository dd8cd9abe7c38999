"""`copydesk doctor` on real parts: a migrated (or not) database, the loaded model, and auth.test
against the Slack Web API stub on loopback. Each failure must name what is wrong and the fix."""

from __future__ import annotations

import io
import os

import pytest

from bot.cli.doctor import run_doctor


@pytest.fixture
def environment(monkeypatch, tmp_path):
    """A clean environment (no stray COPYDESK_/SLACK_ variables, no .env in the working directory)."""
    for name in list(os.environ):
        if name.startswith(("COPYDESK_", "SLACK_")) and name != "COPYDESK_TEST_DATABASE_URL":
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COPYDESK_DATA_DIR", str(tmp_path / "data"))
    return monkeypatch


@pytest.fixture
def configured(environment, database_url, slack_stub):
    environment.setenv("COPYDESK_DATABASE_URL", database_url)
    environment.setenv("SLACK_BOT_TOKEN", "xoxb-doctor-test")
    environment.setenv("SLACK_SIGNING_SECRET", "doctor-signing-secret")
    environment.setenv("COPYDESK_SLACK_API_URL", slack_stub.api_url)
    return environment


def doctor(*, serve: bool = False) -> tuple[int, str]:
    out = io.StringIO()
    code = run_doctor(out=out, serve=serve)
    return code, out.getvalue()


def test_a_configured_installation_is_healthy(configured, slack_stub, nlp):
    code, output = doctor()
    assert code == 0, output
    assert "spaCy model: en_core_web_sm" in output
    assert "migrations: up to date" in output
    assert "auth.test ok: workspace Stub" in output
    assert "FAIL" not in output
    (call,) = slack_stub.calls_to("auth.test")  # one call, made with the configured token
    assert call.params["_token"] == "xoxb-doctor-test"


def test_without_slack_the_command_line_is_ready_but_not_healthy_and_serve_fails(configured, slack_stub, nlp):
    configured.delenv("SLACK_BOT_TOKEN")
    code, output = doctor()
    assert code == 0, output  # the command line works without Slack
    assert "Healthy." not in output
    assert "Command line (copydesk analyze): ready" in output
    assert "Slack (copydesk serve): not configured" in output
    code, output = doctor(serve=True)
    assert code == 1
    assert "FAIL  Slack: not configured: set SLACK_BOT_TOKEN" in output
    assert not slack_stub.calls_to("auth.test")


def test_a_serving_set_up_says_slack_is_ready(configured, slack_stub, nlp):
    code, output = doctor(serve=True)
    assert code == 0, output
    assert "Slack (copydesk serve): ready (HTTP)" in output and "Healthy." in output


def test_a_revoked_token_is_named_with_the_fix(configured, slack_stub, nlp):
    slack_stub.fail("auth.test", "token_revoked")
    code, output = doctor()
    assert code == 1
    assert "FAIL  SLACK_BOT_TOKEN: auth.test" in output
    assert "'token_revoked'" in output and "reinstall the app" in output


def test_an_unreachable_slack_api_is_reported(configured, nlp):
    configured.setenv("COPYDESK_SLACK_API_URL", "http://127.0.0.1:9/api/")  # the discard port: refused
    code, output = doctor()
    assert code == 1
    assert "cannot reach http://127.0.0.1:9/api/ for auth.test" in output


def test_an_empty_database_asks_for_the_migrations(environment, tmp_path, nlp):
    import sqlite3

    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()
    environment.setenv("COPYDESK_DATABASE_URL", f"sqlite:///{empty}")
    code, output = doctor()
    assert code == 1
    assert "migrations: the database is empty: run `copydesk db upgrade`" in output


def test_pending_migrations_are_named(environment, tmp_path, nlp):
    from bot.store.db import dispose_all
    from bot.store.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    upgrade("0001", url=url)  # as left by the first release
    dispose_all()
    environment.setenv("COPYDESK_DATABASE_URL", url)
    code, output = doctor()
    assert code == 1
    assert "migrations: pending: the database is at 0001, this version needs" in output
    assert "run `copydesk db upgrade`" in output


def test_an_unreachable_postgresql_is_reported_without_its_password(environment, nlp):
    environment.setenv("COPYDESK_DATABASE_URL", "postgresql://copydesk:hunter2@127.0.0.1:9/copydesk")
    code, output = doctor()
    assert code == 1
    assert "FAIL  database: cannot connect to postgresql://copydesk:***@127.0.0.1:9/copydesk" in output
    assert "hunter2" not in output


def test_invalid_settings_are_each_named(configured, nlp):
    configured.setenv("COPYDESK_DEFAULT_TIMEZONE", "Mars/Olympus_Mons")
    configured.setenv("COPYDESK_ENCRYPTION_KEY", "not-a-fernet-key")
    configured.setenv("COPYDESK_DIGEST_TIME", "25:00")
    configured.delenv("SLACK_SIGNING_SECRET")
    code, output = doctor()
    assert code == 1
    assert "FAIL  COPYDESK_DEFAULT_TIMEZONE: 'Mars/Olympus_Mons' is not an IANA zone" in output
    assert "FAIL  COPYDESK_ENCRYPTION_KEY: key 1 is not a Fernet key" in output
    assert "FAIL  COPYDESK_DIGEST_TIME: '25:00' is not a time" in output
    assert "FAIL  SLACK_SIGNING_SECRET: is not set" in output


def test_a_missing_model_is_named(configured):
    configured.setenv("COPYDESK_SPACY_MODEL", "en_core_web_nonexistent")
    code, output = doctor()
    assert code == 1
    assert "FAIL  spaCy model: The spaCy model 'en_core_web_nonexistent'" in output


@pytest.mark.postgres
def test_the_procrastinate_queue_needs_its_tables(environment, postgres_url, slack_stub, nlp):
    from bot.tasks.procrastinate_app import build_app
    from bot.tasks.procrastinate_queue import apply_schema

    environment.setenv("COPYDESK_DATABASE_URL", postgres_url)
    environment.setenv("COPYDESK_TASK_QUEUE", "procrastinate")
    code, output = doctor()
    assert code == 1 and "FAIL  task queue: procrastinate's tables are missing: run `copydesk db upgrade`" in output
    apply_schema(build_app(postgres_url), postgres_url)
    code, output = doctor()
    assert "ok    task queue: procrastinate" in output


def test_the_procrastinate_queue_on_sqlite_is_refused(environment, tmp_path, nlp):
    from bot.store.db import dispose_all
    from bot.store.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'queue.sqlite3'}"
    upgrade(url=url)
    dispose_all()
    environment.setenv("COPYDESK_DATABASE_URL", url)
    environment.setenv("COPYDESK_TASK_QUEUE", "procrastinate")
    code, output = doctor()
    assert code == 1 and "FAIL  task queue: COPYDESK_TASK_QUEUE=procrastinate keeps its jobs in PostgreSQL" in output

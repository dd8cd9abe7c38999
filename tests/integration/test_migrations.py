import sqlalchemy as sa
from alembic.script import ScriptDirectory

from bot.store.db import get_engine
from bot.store.migrate import alembic_config, current, upgrade


def test_migrations_create_the_whole_schema_at_a_single_head(database_url):
    tables = set(sa.inspect(get_engine(database_url)).get_table_names())
    assert {"articles", "reports", "alembic_version", "slack_installations", "stories", "digests"} <= tables
    heads = ScriptDirectory.from_config(alembic_config(database_url)).get_heads()
    assert len(heads) == 1, f"migration branches left unmerged: {heads}"
    assert current(database_url) == heads[0]


def test_upgrading_again_changes_nothing(database_url):
    before = current(database_url)
    upgrade(url=database_url)
    assert current(database_url) == before


def test_slack_tokens_fit_when_encrypted(database_url):
    # An encrypted refresh token is ~290 characters: longer than slack_sdk's VARCHAR(200).
    engine = get_engine(database_url)
    columns = {c["name"]: c["type"] for c in sa.inspect(engine).get_columns("slack_installations")}
    for name in ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token"):
        assert getattr(columns[name], "length", None) is None, f"{name} is still {columns[name]}"
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO slack_installations (client_id, app_id, team_id, user_id, bot_token, is_enterprise_install, installed_at)"
                " VALUES ('c', 'A1', 'T1', 'U1', :token, false, CURRENT_TIMESTAMP)"
            ),
            {"token": "g" * 400},
        )


def test_feed_items_seen_before_the_task_queue_count_as_done(tmp_path):
    # Before 0005 a poll analysed its items itself: the rows it left are final, not work to redo.
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    upgrade("0004", url=url)
    with get_engine(url).begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO feeds (team_id, channel_id, url, url_key, failures, failure_notified, next_poll_at, created_at)"
            " VALUES ('T1', 'C1', 'https://x.example/rss', 'https://x.example/rss', 0, false, '2026-11-24', '2026-11-24')"
        ))  # fmt: skip
        connection.execute(sa.text(
            "INSERT INTO feed_items (feed_id, item_key, seen_at) VALUES (1, 'https://x.example/a', '2026-11-24')"
        ))  # fmt: skip
    upgrade(url=url)
    with get_engine(url).connect() as connection:
        row = connection.execute(sa.text("SELECT status, attempts, error, entry FROM feed_items")).one()
    assert tuple(row) == ("done", 0, None, None)

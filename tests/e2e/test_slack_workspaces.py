"""Workspaces installed through OAuth: Slack Connect channels, and what an uninstall leaves behind.

In a Slack Connect channel the Events API envelope names the workspace the event happened in,
while `authorizations[0]` names the installation it is delivered to: Copydesk must read and
write the authorized workspace's data, with that workspace's token. An uninstalled workspace
leaves no token, no schedule, no feed and none of its data behind.
"""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from bot.scheduler import CopydeskScheduler
from copydesk_tools.stub_server import BOT_USER_ID
from bot.store.db import get_engine
from tests.support import slack_payloads as p
from tests.support.slack_app import ARTICLE, HttpTransport, buttons, install_workspace

ALPHA, BETA = p.Workspace(team_id="TALPHA"), p.Workspace(team_id="TBETA")


def _mention(app, ws: p.Workspace, ts: str, **envelope) -> None:  # noqa: ANN001
    assert HttpTransport(app).send(p.app_mention(f"<@{BOT_USER_ID}> {ARTICLE}", ts=ts, ws=ws, **envelope)) == 200
    app.wait_until_idle()


def _home_of(app, ws: p.Workspace, **envelope):  # noqa: ANN001, ANN202
    before = len(app.stub.calls_to("views.publish"))
    assert HttpTransport(app).send(p.app_home_opened(user="U1", ws=ws, **envelope)) == 200
    app.wait_until_idle()
    (home,) = app.stub.calls_to("views.publish")[before:]
    return home


def _rows(app, table: str, team: str) -> int:  # noqa: ANN001
    with get_engine(app.settings.database_url).connect() as connection:
        return connection.execute(sa.text(f"SELECT count(*) FROM {table} WHERE team_id = :t"), {"t": team}).scalar()


def test_a_mention_in_a_slack_connect_channel_belongs_to_the_authorized_workspace(oauth_app):
    install_workspace(oauth_app, "TALPHA")
    install_workspace(oauth_app, "TBETA")
    # Someone in TBETA mentions Copydesk in a channel shared with TALPHA, where Copydesk is installed.
    _mention(oauth_app, BETA, "1700000500.000100", authorized_team="TALPHA", ext_shared=True)
    (placeholder,) = oauth_app.stub.calls_to("chat.postMessage")
    assert placeholder.params["_token"] == "xoxb-TALPHA"
    assert _rows(oauth_app, "reports", "TALPHA") == 1 and _rows(oauth_app, "reports", "TBETA") == 0
    # TALPHA's desk sees the report in its App Home and can act on its buttons.
    assert "City council" in str(_home_of(oauth_app, ALPHA).params["view"])
    report = [c for c in oauth_app.stub.calls_to("chat.update") if c.params.get("blocks")][-1]
    click = p.block_actions_in_message(
        "mark_checked",
        buttons(report.params["blocks"], "mark_checked")[0]["value"],
        message_ts=report.params["ts"],
        response_url=oauth_app.stub.response_url("mc"),
        user="U5",
        ws=ALPHA,
    )
    assert HttpTransport(oauth_app).send(click) == 200
    oauth_app.wait_until_idle()
    last = oauth_app.stub.calls_to("chat.update")[-1]
    assert last.params["_token"] == "xoxb-TALPHA" and "Checked by <@U5>" in str(last.params["blocks"])


def test_app_home_in_a_slack_connect_context_shows_only_the_authorized_workspaces_data(oauth_app):
    install_workspace(oauth_app, "TALPHA")
    install_workspace(oauth_app, "TBETA")
    _mention(oauth_app, BETA, "1700000600.000100")  # TBETA has a report; TALPHA has none
    home = _home_of(oauth_app, BETA, authorized_team="TALPHA")
    assert home.params["_token"] == "xoxb-TALPHA"
    assert "City council" not in str(home.params["view"])  # TBETA's report, never under TALPHA's token


def test_a_redelivered_slack_connect_event_is_answered_once(oauth_app):
    install_workspace(oauth_app, "TALPHA")
    install_workspace(oauth_app, "TBETA")
    mention = p.app_mention(f"<@{BOT_USER_ID}> {ARTICLE}", ts="1700000700.000100", ws=BETA, authorized_team="TALPHA")
    for _ in range(2):  # Slack's retry of the same event id
        assert HttpTransport(oauth_app).send(mention) == 200
    oauth_app.wait_until_idle()
    assert len(oauth_app.stub.calls_to("chat.postMessage")) == 1


# --- uninstalls --------------------------------------------------------------------------------

DESK_TABLES = ("digest_schedules", "feeds", "stories", "slack_channel_settings", "reports", "slack_message_claims")
TOKEN_TABLES = ("slack_bots", "slack_installations")


@pytest.fixture
def feed_server():
    """An RSS feed on loopback (its one item links nowhere useful: the feed itself is what is stored)."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Council news</title>'
        "<link>http://127.0.0.1/</link><description>d</description>"
        "<item><title>Budget vote</title><link>http://127.0.0.1:9/budget</link><guid>b1</guid></item>"
        "</channel></rss>"
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # noqa: ANN002
            pass

        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(rss)))
            self.end_headers()
            self.wfile.write(rss)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/news.rss"
    server.shutdown()
    server.server_close()


def _command(app, ws: p.Workspace, text: str) -> None:  # noqa: ANN001
    command = p.slash_command(text, response_url=app.stub.response_url("cmd"), ws=ws)
    assert HttpTransport(app).send(command) == 200
    app.wait_until_idle()


def _set_up_a_desk(app, ws: p.Workspace, feed_url: str) -> None:  # noqa: ANN001
    """What a newsroom leaves in Copydesk: a tracked story, a digest schedule, a feed, auto mode, a report."""
    _command(app, ws, 'track budget "city council" Porter')
    _command(app, ws, "digest time 7:15")
    _command(app, ws, f"feed add {feed_url}")
    _command(app, ws, "auto on")
    _mention(app, ws, "1700000800.000100")


def _counts(app, team: str, tables=DESK_TABLES + TOKEN_TABLES) -> dict[str, int]:  # noqa: ANN001
    return {table: _rows(app, table, team) for table in tables}


def test_an_uninstall_forgets_that_workspace_and_nothing_else(oauth_app, feed_server):
    for team in ("TALPHA", "TBETA"):
        install_workspace(oauth_app, team)
    for ws in (ALPHA, BETA):
        _set_up_a_desk(oauth_app, ws, feed_server)
    beta_before = _counts(oauth_app, "TBETA")
    assert all(_counts(oauth_app, "TALPHA").values()) and all(beta_before.values())
    scheduler = CopydeskScheduler(oauth_app.settings)  # the leader's jobs, not started: synced by hand
    assert set(scheduler.sync_digest_jobs()) == {"digest:TALPHA:C1", "digest:TBETA:C1"}

    # Slack does not promise the order: the bot token is revoked first here, then the app uninstalled.
    assert HttpTransport(oauth_app).send(p.tokens_revoked(bot=[BOT_USER_ID], ws=ALPHA)) == 200
    oauth_app.wait_until_idle()
    stopped = _counts(oauth_app, "TALPHA", ("digest_schedules", "feeds", *TOKEN_TABLES))
    assert stopped == dict.fromkeys(stopped, 0), stopped  # no token, and nothing scheduled that would need one

    assert HttpTransport(oauth_app).send(p.app_uninstalled(ws=ALPHA)) == 200
    oauth_app.wait_until_idle()
    gone = _counts(oauth_app, "TALPHA")
    assert gone == dict.fromkeys(gone, 0), gone
    assert _counts(oauth_app, "TBETA") == beta_before
    assert set(scheduler.sync_digest_jobs()) == {"digest:TBETA:C1"}  # TALPHA's digest job is dropped

    # TALPHA is not answered any more; TBETA still is, with its own token.
    posts = len(oauth_app.stub.calls_to("chat.postMessage"))
    HttpTransport(oauth_app).send(p.app_mention(f"<@{BOT_USER_ID}> {ARTICLE}", ts="1700000900.000100", ws=ALPHA))
    oauth_app.wait_until_idle()
    assert len(oauth_app.stub.calls_to("chat.postMessage")) == posts
    _mention(oauth_app, BETA, "1700000900.000200")
    assert oauth_app.stub.calls_to("chat.postMessage")[-1].params["_token"] == "xoxb-TBETA"


def test_revoking_only_user_tokens_keeps_the_workspace_running(oauth_app, feed_server):
    install_workspace(oauth_app, "TALPHA")
    _set_up_a_desk(oauth_app, ALPHA, feed_server)
    before = _counts(oauth_app, "TALPHA")
    assert HttpTransport(oauth_app).send(p.tokens_revoked(oauth=["UINSTALLER"], ws=ALPHA)) == 200
    oauth_app.wait_until_idle()
    assert _counts(oauth_app, "TALPHA") == before  # Copydesk asks for no user token: nothing to drop


def test_an_uninstall_with_a_configured_bot_token_stops_the_workspaces_schedules(running_app, feed_server):
    from copydesk_tools.stub_server import TEAM_ID

    _set_up_a_desk(running_app, p.ORDINARY, feed_server)
    assert _rows(running_app, "digest_schedules", TEAM_ID) == 1
    assert HttpTransport(running_app).send(p.app_uninstalled()) == 200
    running_app.wait_until_idle()
    left = _counts(running_app, TEAM_ID, DESK_TABLES)
    assert left == dict.fromkeys(left, 0), left

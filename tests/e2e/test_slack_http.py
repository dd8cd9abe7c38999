"""The HTTP server's own routes, and OAuth installs for several workspaces kept apart."""

from __future__ import annotations

import re

import requests

from copydesk_tools.stub_server import BOT_USER_ID
from tests.support.slack_app import ARTICLE, make_settings, serve_app
from tests.support.slack_app import install_workspace as _install


def test_healthz_readyz_and_metrics(running_app):
    from bot.cli.serve import warm_up_model

    assert requests.get(f"{running_app.url}/healthz", timeout=10).text == "ok\n"
    warm_up_model(running_app.settings).join()
    ready = requests.get(f"{running_app.url}/readyz", timeout=10)
    assert ready.status_code == 200 and ready.json() == {"ready": True, "model": "ok", "database": "ok"}
    running_app.command(f"analyze {ARTICLE}")
    running_app.wait_until_idle()
    metrics = requests.get(f"{running_app.url}/metrics", timeout=10).text
    assert re.search(r'copydesk_analyses_total\{outcome="analysed",surface="command"\} [1-9]', metrics)
    assert "copydesk_reply_seconds_bucket" in metrics


def test_readyz_reports_a_broken_database(running_app, tmp_path):
    import sqlalchemy as sa

    from bot.cli.serve import make_wsgi_app

    broken = sa.orm.sessionmaker(sa.create_engine(f"sqlite:///{tmp_path}/missing/dir/db.sqlite3"))
    services = type(running_app.services)(running_app.settings, broken, running_app.services.worker)
    wsgi = make_wsgi_app(None, services)
    statuses = []
    body = b"".join(wsgi({"PATH_INFO": "/readyz", "REQUEST_METHOD": "GET"}, lambda s, h: statuses.append(s)))
    assert statuses[0].startswith("503") and b"database" in body


def test_oauth_installs_keep_workspaces_apart_and_tokens_encrypted(oauth_app):
    import sqlalchemy as sa

    from bot.store.db import get_engine

    _install(oauth_app, "TALPHA")
    _install(oauth_app, "TBETA")
    with get_engine(oauth_app.settings.database_url).connect() as connection:
        tokens = connection.execute(sa.text("SELECT bot_token FROM slack_bots")).scalars().all()
    assert len(tokens) == 2 and all(t.startswith("enc:") and "xoxb" not in t for t in tokens)

    for team, channel in (("TALPHA", "C1"), ("TBETA", "C1")):
        event = {
            "type": "app_mention",
            "user": "U1",
            "text": f"<@{BOT_USER_ID}> {ARTICLE}",
            "ts": "1699999999.003000",
            "channel": channel,
        }
        assert oauth_app.event(event, event_id=f"Ev-{team}", team=team).status_code == 200
    oauth_app.wait_until_idle()
    posts = oauth_app.stub.calls_to("chat.postMessage")
    # Same channel id and ts in two workspaces: two replies, each with its own workspace's token.
    assert sorted(p.params["_token"] for p in posts) == ["xoxb-TALPHA", "xoxb-TBETA"]
    oauth_app.event({"type": "app_home_opened", "user": "U1", "tab": "home"}, event_id="EvH", team="TBETA")
    oauth_app.wait_until_idle()
    (home,) = oauth_app.stub.calls_to("views.publish")
    assert home.params["_token"] == "xoxb-TBETA"
    assert str(home.params["view"]).count("City council") == 1  # only TBETA's own report


def test_an_uninstalled_workspace_gets_no_reply(oauth_app):
    event = {"type": "app_mention", "user": "U1", "text": f"<@{BOT_USER_ID}> {ARTICLE}", "ts": "1.1", "channel": "C1"}
    oauth_app.event(event, event_id="EvX", team="TNOBODY")
    oauth_app.wait_until_idle()
    assert not oauth_app.stub.calls_to("chat.postMessage")


def test_analyses_in_worker_processes_give_the_same_reports_and_refusals(database_url, slack_stub):
    from bot.reports import analysis_runner
    from bot.cli.serve import warm_up_model

    settings = make_settings(database_url, slack_stub, slack_analysis_in_processes=True, slack_analysis_workers=1)
    try:
        with serve_app(settings, slack_stub) as running:
            warm_up_model(settings).join()
            running.command(f"analyze {ARTICLE}")
            running.command("analyze " + "\u4f60\u597d\u4e16\u754c " * 30, channel="C2")
            running.wait_until_idle()
            by_channel = {c.params["channel"]: c for c in slack_stub.calls_to("chat.update")}
            assert "City council" in str(by_channel["C1"].params["blocks"])
            refusals = [c.params["text"] for c in slack_stub.calls_to("response_url")]  # private: see test_slack_desk
            assert "C2" not in by_channel and any(t.startswith(":warning: I couldn't read the pasted") for t in refusals)
    finally:
        analysis_runner.shutdown()


def test_url_verification_answers_the_challenge_only_when_signed(running_app):
    import json

    answer = running_app.post(json.dumps({"type": "url_verification", "challenge": "c-123"}), "application/json")
    assert answer.status_code == 200 and answer.json() == {"challenge": "c-123"}
    unsigned = requests.post(f"{running_app.url}/slack/events", json={"type": "url_verification", "challenge": "x"})
    assert unsigned.status_code == 401

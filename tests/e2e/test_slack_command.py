"""`/copydesk` over signed HTTP: analyze, help, unknown subcommands, auto mode, signature checks."""

from __future__ import annotations

import time

from copydesk_tools.stub_server import BOT_USER_ID
from tests.support.slack_app import ARTICLE, make_settings, serve_app


def _report_updates(stub, channel="C1"):  # noqa: ANN001, ANN202
    return [c for c in stub.calls_to("chat.update") if c.params.get("channel") == channel and c.params.get("blocks")]


def test_analyze_posts_a_placeholder_then_the_report_naming_the_user(running_app):
    response = running_app.command(f"analyze {ARTICLE}", user="U42")
    assert response.status_code == 200
    running_app.wait_until_idle()
    stub = running_app.stub
    (placeholder,) = stub.calls_to("chat.postMessage")
    assert placeholder.params["channel"] == "C1"
    assert "Reading the pasted text" in placeholder.params["text"]
    assert not placeholder.params.get("thread_ts")
    (update,) = _report_updates(stub)
    assert update.params["ts"] == placeholder.params["_ts"]  # updated in place, not a second post
    blocks = update.params["blocks"]
    assert blocks[0]["type"] == "header" and "City council" in blocks[0]["text"]["text"]
    assert "requested by <@U42>" in blocks[1]["elements"][0]["text"]
    action_ids = [e["action_id"] for e in blocks[-1]["elements"]]
    assert action_ids == ["track_story", "all_sentences", "reanalyze"]
    assert len(blocks) <= 50


def test_help_and_unknown_subcommands_answer_ephemerally(running_app):
    running_app.command("help")
    running_app.command("frobnicate now")
    running_app.command("")
    running_app.wait_until_idle()
    answers = running_app.stub.calls_to("response_url")
    assert len(answers) == 3
    assert all(a.params["response_type"] == "ephemeral" for a in answers)
    assert all("/copydesk analyze" in a.params["text"] for a in answers)
    assert any("I don't know `frobnicate`" in a.params["text"] for a in answers)
    assert not running_app.stub.calls_to("chat.postMessage")


def test_each_app_build_answers_from_its_own_subcommands(database_url, slack_stub, warm_model):
    """Two apps built in one process (gunicorn workers, tests) never share a subcommand registry."""
    settings = make_settings(database_url, slack_stub)
    with serve_app(settings, slack_stub) as first, serve_app(settings, slack_stub) as second:
        first.services.subcommands.add(
            "zz-first", lambda ctx: ctx.respond(text="first app only", response_type="ephemeral"), "`/copydesk zz-first`"
        )
        second.command("zz-first")
        second.wait_until_idle()
        first.command("zz-first")
        first.wait_until_idle()
    unknown, known = [a.params["text"] for a in slack_stub.calls_to("response_url")]
    assert unknown.startswith("I don't know `zz-first`") and "/copydesk analyze" in unknown
    assert "zz-first`" not in unknown.split("\n", 1)[1]  # the second app's help lists its own commands only
    assert known == "first app only"


def test_the_same_article_in_the_same_channel_reuses_the_earlier_report(running_app):
    running_app.command(f"analyze {ARTICLE}")
    running_app.wait_until_idle()
    running_app.command(f"analyze {ARTICLE}")
    running_app.command(f"analyze {ARTICLE}", channel="C2")  # another channel gets its own analysis
    running_app.wait_until_idle()
    c1 = _report_updates(running_app.stub, "C1")
    assert len(c1) == 2
    assert "Already analysed here" not in c1[0].params["blocks"][1]["elements"][0]["text"]
    assert "Already analysed here" in c1[1].params["blocks"][1]["elements"][0]["text"]
    assert c1[0].params["blocks"][-1]["elements"][0]["value"] == c1[1].params["blocks"][-1]["elements"][0]["value"]
    (c2,) = _report_updates(running_app.stub, "C2")
    assert "Already analysed here" not in c2.params["blocks"][1]["elements"][0]["text"]


def test_not_in_channel_is_explained_to_the_user_only(running_app):
    running_app.stub.fail("chat.postMessage", "not_in_channel")
    running_app.command(f"analyze {ARTICLE}")
    running_app.wait_until_idle()
    (answer,) = running_app.stub.calls_to("response_url")
    assert answer.params["response_type"] == "ephemeral"
    assert "/invite @Copydesk" in answer.params["text"]
    assert not running_app.stub.calls_to("chat.update")


def test_a_user_error_is_explained_only_to_the_requester(running_app):
    running_app.command("analyze \u4f60\u597d\u4e16\u754c " * 30)  # not English
    running_app.wait_until_idle()
    (placeholder,) = running_app.stub.calls_to("chat.postMessage")
    (deleted,) = running_app.stub.calls_to("chat.delete")  # the channel keeps no trace of the refusal
    assert deleted.params["ts"] == placeholder.params["_ts"]
    assert not running_app.stub.calls_to("chat.update")
    (answer,) = running_app.stub.calls_to("response_url")
    assert answer.params["response_type"] == "ephemeral"
    assert answer.params["text"].startswith(":warning: I couldn't read the pasted text")


def test_auto_mode_is_per_channel_and_reads_links_posted_there(running_app):
    running_app.command("auto on", channel="C1")
    running_app.wait_until_idle()
    (answer,) = running_app.stub.calls_to("response_url")
    assert answer.params["response_type"] == "in_channel" and "auto mode on" in answer.params["text"]
    running_app.command("auto", channel="C9")
    running_app.wait_until_idle()
    assert "Auto mode is off" in running_app.stub.calls_to("response_url")[-1].params["text"]


def test_invalid_or_stale_signatures_get_401_and_no_side_effect(running_app):
    bad = running_app.command(f"analyze {ARTICLE}", secret="not-the-secret")
    stale = running_app.command(f"analyze {ARTICLE}", timestamp=int(time.time()) - 600)
    assert bad.status_code == 401 and stale.status_code == 401
    running_app.wait_until_idle()
    methods = {c.method for c in running_app.stub.calls}
    assert methods <= {"auth.test"}, methods
    assert BOT_USER_ID

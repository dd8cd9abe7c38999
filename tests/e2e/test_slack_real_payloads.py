"""Every surface Copydesk answers, fed payloads shaped like Slack's own (tests/support/slack_payloads.py),
over the signed HTTP endpoint and over Socket Mode, in an ordinary workspace and in a workspace of
an Enterprise Grid org install. Each test asserts what a person in Slack would see."""

from __future__ import annotations

import pytest

from copydesk_tools.stub_server import BOT_USER_ID, TEAM_ID
from bot.store import slack_repo
from tests.support import slack_payloads as p
from tests.support.slack_app import ARTICLE, buttons

WORKSPACES = pytest.mark.parametrize("ws", [p.ORDINARY, p.GRID_ORG_INSTALL], ids=["workspace", "grid-org"])


def _posted(transport, thread_ts: str) -> list:  # noqa: ANN001
    return [c for c in transport.stub.calls_to("chat.postMessage") if c.params.get("thread_ts") == thread_ts]


def _final_report_blocks(transport, ts: str) -> str:  # noqa: ANN001
    updates = [c for c in transport.stub.calls_to("chat.update") if c.params.get("ts") == ts and c.params.get("blocks")]
    assert updates, f"the report message {ts} was never filled in"
    return str(updates[-1].params["blocks"])


def _assert_report_in_thread(transport, thread_ts: str) -> None:  # noqa: ANN001
    (placeholder,) = _posted(transport, thread_ts)
    assert "City council" in _final_report_blocks(transport, placeholder.params["_ts"])


def _report(transport, ws, channel: str = "C1") -> tuple[str, list]:  # noqa: ANN001
    """A report posted with the slash command; (its ts, its blocks)."""
    command = p.slash_command(f"analyze {ARTICLE}", response_url=transport.stub.response_url("cmd"), ws=ws)
    assert transport.send(command) == 200
    transport.wait_until_idle()
    update = [c for c in transport.stub.calls_to("chat.update") if c.params.get("blocks")][-1]
    return update.params["ts"], update.params["blocks"]


def _click(transport, ws, action_id: str, *, ts: str, blocks: list, user: str = "U2") -> dict:  # noqa: ANN001
    (button, *_) = buttons(blocks, action_id)
    click = p.block_actions_in_message(
        action_id, button["value"], message_ts=ts, response_url=transport.stub.response_url(action_id), user=user, ws=ws
    )
    assert transport.send(click) == 200
    transport.wait_until_idle()
    return click.body


# --- commands and events ---------------------------------------------------------------------


@WORKSPACES
def test_the_slash_command_fills_in_its_report(transport, ws):
    ts, blocks = _report(transport, ws)
    (placeholder,) = transport.stub.calls_to("chat.postMessage")
    assert placeholder.params["_ts"] == ts and "City council" in str(blocks)


@WORKSPACES
def test_a_mention_is_answered_in_its_thread(transport, ws):
    ts = "1700000100.000100"
    assert transport.send(p.app_mention(f"<@{BOT_USER_ID}> {ARTICLE}", ts=ts, ws=ws)) == 200
    transport.wait_until_idle()
    _assert_report_in_thread(transport, ts)


@WORKSPACES
def test_a_mention_in_a_thread_reads_the_threads_article(transport, ws):
    parent, ts = "1700000200.000100", "1700000200.000900"
    transport.stub.set_thread_parent("C1", parent, ARTICLE)
    assert transport.send(p.app_mention(f"<@{BOT_USER_ID}> check this", ts=ts, thread_ts=parent, ws=ws)) == 200
    transport.wait_until_idle()
    _assert_report_in_thread(transport, parent)


def _link_in(article_server) -> str:  # noqa: ANN001
    return f"Worth a look <{article_server('/budget')}>"


MESSAGE_SHAPES = {
    # name: (payload builder, thread the report goes to, or None when the message is not answered)
    "plain": (lambda text, ws: p.message(text, ts="1700000300.000100", ws=ws), "1700000300.000100"),
    "file_share": (lambda text, ws: p.file_share(text, ts="1700000300.000200", ws=ws), "1700000300.000200"),
    "thread_broadcast": (
        lambda text, ws: p.thread_broadcast(text, ts="1700000300.000301", thread_ts="1700000300.000300", ws=ws),
        "1700000300.000300",
    ),
    "bot_message": (lambda text, ws: p.bot_message(text, ts="1700000300.000400", ws=ws), None),
    "message_changed": (
        lambda text, ws: p.message_changed(text, ts="1700000300.000500", edited_ts="1700000301.000000", ws=ws),
        None,
    ),
}


@WORKSPACES
@pytest.mark.parametrize("shape", MESSAGE_SHAPES)
def test_auto_mode_answers_people_sharing_links_and_ignores_bots_and_edits(transport, article_server, ws, shape):
    build, thread = MESSAGE_SHAPES[shape]
    slack_repo.set_auto_mode(transport.services.session_factory, TEAM_ID, "C1", True, "U1")
    assert transport.send(build(_link_in(article_server), ws)) == 200
    transport.wait_until_idle()
    if thread is None:
        assert not transport.stub.calls_to("chat.postMessage")
    else:
        _assert_report_in_thread(transport, thread)


@WORKSPACES
def test_app_home_shows_the_workspaces_reports(transport, ws):
    _report(transport, ws)
    assert transport.send(p.app_home_opened(user="U1", ws=ws)) == 200
    transport.wait_until_idle()
    (home,) = transport.stub.calls_to("views.publish")
    assert home.params["user_id"] == "U1" and "City council" in str(home.params["view"])


def test_url_verification_gets_its_challenge_back(running_app):
    from tests.support.slack_payloads import http_body

    answer = running_app.post(*http_body(p.url_verification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")))
    assert answer.status_code == 200
    assert answer.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}


# --- the report's buttons and the message shortcut -------------------------------------------


@WORKSPACES
def test_all_sentences_opens_the_modal(transport, ws):
    ts, blocks = _report(transport, ws)
    click = _click(transport, ws, "all_sentences", ts=ts, blocks=blocks)
    (opened,) = transport.stub.calls_to("views.open")
    assert opened.params["trigger_id"] == click["trigger_id"]
    assert "Crime fell by 12 percent last year." in str(opened.params["view"]["blocks"])


@WORKSPACES
def test_mark_checked_updates_the_report_message(transport, ws):
    ts, blocks = _report(transport, ws)
    _click(transport, ws, "mark_checked", ts=ts, blocks=blocks, user="U5")
    assert "Checked by <@U5>" in _final_report_blocks(transport, ts)


@WORKSPACES
def test_reanalyze_replaces_the_report_in_place(transport, ws):
    ts, blocks = _report(transport, ws)
    before = buttons(blocks, "reanalyze")[0]["value"]
    _click(transport, ws, "reanalyze", ts=ts, blocks=blocks)
    update = [c for c in transport.stub.calls_to("chat.update") if c.params["ts"] == ts][-1]
    assert buttons(update.params["blocks"], "reanalyze")[0]["value"] != before
    assert len(transport.stub.calls_to("chat.postMessage")) == 1  # replaced, not posted again


@WORKSPACES
def test_track_this_story_starts_tracking(transport, ws):
    ts, blocks = _report(transport, ws)
    _click(transport, ws, "track_story", ts=ts, blocks=blocks)
    said = [
        c.params.get("text", "")
        for method in ("response_url", "chat.postMessage", "chat.postEphemeral")
        for c in transport.stub.calls_to(method)
    ]
    # The channel is told who started tracking what (not only the person who clicked).
    assert any("is tracking *" in text for text in said), said


@WORKSPACES
def test_the_message_shortcut_reports_in_the_messages_thread(transport, ws):
    ts = "1700000400.000100"
    shortcut = p.message_action(ARTICLE, message_ts=ts, response_url=transport.stub.response_url("sc"), ws=ws)
    assert transport.send(shortcut) == 200
    transport.wait_until_idle()
    _assert_report_in_thread(transport, ts)


# --- views -----------------------------------------------------------------------------------


def _nothing_posted_after(transport, posts: int, updates: int) -> None:  # noqa: ANN001
    transport.wait_until_idle()
    assert len(transport.stub.calls_to("chat.postMessage")) == posts
    assert len(transport.stub.calls_to("chat.update")) == updates


@WORKSPACES
def test_a_click_inside_a_modal_is_acknowledged_and_changes_no_message(transport, ws):
    ts, blocks = _report(transport, ws)
    posts, updates = len(transport.stub.calls_to("chat.postMessage")), len(transport.stub.calls_to("chat.update"))
    value = buttons(blocks, "mark_checked")[0]["value"]
    assert transport.send(p.block_actions_in_view("mark_checked", value, ws=ws)) == 200
    _nothing_posted_after(transport, posts, updates)


@WORKSPACES
@pytest.mark.parametrize("build", [p.view_submission, p.view_closed], ids=["view_submission", "view_closed"])
def test_a_modal_submitted_or_closed_is_acknowledged(transport, ws, build):
    assert transport.send(build(ws=ws)) == 200
    _nothing_posted_after(transport, 0, 0)

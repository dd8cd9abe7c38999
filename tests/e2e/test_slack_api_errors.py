"""Slack Web API failures: rate limits, server errors and the error codes a user can fix."""

from __future__ import annotations


from copydesk_tools.stub_server import BOT_USER_ID
from tests.support.slack_app import ARTICLE


def _mention(ts: str, text: str = ARTICLE, thread_ts: str | None = None) -> dict:
    event = {"type": "app_mention", "user": "U1", "text": f"<@{BOT_USER_ID}> {text}", "ts": ts, "channel": "C1"}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def test_a_429_waits_for_retry_after_and_posts_once(running_app):
    stub = running_app.stub
    stub.rate_limit("chat.update", retry_after=1)
    running_app.command(f"analyze {ARTICLE}")
    running_app.wait_until_idle()
    attempts = stub.attempts("chat.update")
    assert [a.status for a in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 0.9  # Retry-After honoured
    assert len(stub.calls_to("chat.postMessage")) == 1
    assert attempts[1].params.get("blocks")


def test_a_rate_limited_reply_does_not_hold_up_other_work(running_app):
    stub = running_app.stub
    stub.rate_limit("chat.postMessage", retry_after=2)
    running_app.command(f"analyze {ARTICLE}", channel="C1")
    assert stub.wait_for(lambda s: any(a.status == 429 for a in s.attempts("chat.postMessage")))
    running_app.command("help", channel="C2")
    assert stub.wait_for(lambda s: s.calls_to("response_url"))
    # The help answer went out while the rate-limited post was still waiting out Retry-After.
    assert not stub.calls_to("chat.postMessage")
    running_app.wait_until_idle()
    assert len(stub.calls_to("chat.postMessage")) == 1


def test_a_500_on_post_is_not_retried_and_is_apologised_for(running_app):
    stub = running_app.stub
    stub.server_error("chat.postMessage")
    running_app.command(f"analyze {ARTICLE}")
    running_app.wait_until_idle()
    assert len(stub.attempts("chat.postMessage")) == 1  # a retry could post twice
    (answer,) = stub.calls_to("response_url")
    assert "Sorry, something went wrong on our side" in answer.params["text"]


def test_archived_channel_and_missing_channel_are_explained(running_app):
    stub = running_app.stub
    stub.fail("chat.postMessage", "is_archived")
    running_app.command(f"analyze {ARTICLE}")
    running_app.wait_until_idle()
    stub.fail("chat.postMessage", "channel_not_found")
    running_app.command(f"analyze {ARTICLE}", channel="C3")
    running_app.wait_until_idle()
    texts = [c.params["text"] for c in stub.calls_to("response_url")]
    assert "archived" in texts[0] and "Invite me" in texts[1]


def test_msg_too_long_falls_back_to_a_short_message(running_app):
    stub = running_app.stub
    stub.fail("chat.update", "msg_too_long")
    running_app.command(f"analyze {ARTICLE}")
    running_app.wait_until_idle()
    attempts = stub.attempts("chat.update")
    assert len(attempts) == 2 and attempts[0].params.get("blocks")
    assert "too long for Slack" in attempts[1].params["text"]


def test_a_failed_thread_read_is_explained_ephemerally(running_app):
    stub = running_app.stub  # no parent registered: conversations.replies answers thread_not_found
    running_app.event(_mention("1699999999.001100", "this one?", thread_ts="1699999999.001000"), event_id="EvT")
    running_app.wait_until_idle()
    (ephemeral,) = stub.calls_to("chat.postEphemeral")
    assert ephemeral.params["user"] == "U1" and "thread is gone" in ephemeral.params["text"]
    assert not stub.calls_to("chat.postMessage")
    # The claim was given back: once the parent is readable, a new mention is answered.
    stub.set_thread_parent("C1", "1699999999.001000", ARTICLE)
    running_app.event(_mention("1699999999.001100", "this one?", thread_ts="1699999999.001000"), event_id="EvT2")
    running_app.wait_until_idle()
    assert len(stub.calls_to("chat.postMessage")) == 1


def test_a_failure_on_our_side_is_logged_and_apologised_for_once(running_app, caplog):
    import sqlalchemy as sa

    from bot.store.db import get_engine

    with get_engine(running_app.settings.database_url).begin() as connection:  # storage breaks
        connection.execute(sa.text("ALTER TABLE reports RENAME TO reports_gone"))
    running_app.command(f"analyze {ARTICLE}")
    running_app.wait_until_idle()
    assert not running_app.stub.calls_to("chat.update")  # the slash command's failure is told privately
    assert running_app.stub.calls_to("chat.delete")
    (apology,) = running_app.stub.calls_to("response_url")
    assert "Sorry, something went wrong on our side" in apology.params["text"]
    assert any("failed" in r.message and "channel=C1" in r.message for r in caplog.records)

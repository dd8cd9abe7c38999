"""Mentions, auto mode, the App Home and at-least-once delivery, over signed HTTP."""

from __future__ import annotations


from copydesk_tools.stub_server import BOT_USER_ID
from tests.support.slack_app import ARTICLE


def _mention(text: str, ts: str, thread_ts: str | None = None, channel: str = "C1", user: str = "U1") -> dict:
    event = {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def _message(text: str, ts: str, channel: str = "C1", user: str = "U1") -> dict:
    return {
        "type": "message",
        "channel_type": "channel",
        "user": user,
        "text": text,
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
    }


def test_a_mention_in_a_thread_reads_the_thread_parent(running_app):
    stub = running_app.stub
    stub.set_thread_parent("C1", "1699999999.000100", ARTICLE)
    running_app.event(_mention("what about this?", "1699999999.000200", "1699999999.000100"), event_id="Ev1")
    running_app.wait_until_idle()
    (replies,) = stub.calls_to("conversations.replies")
    assert replies.params["ts"] == "1699999999.000100"
    (placeholder,) = stub.calls_to("chat.postMessage")
    assert placeholder.params["thread_ts"] == "1699999999.000100"
    (update,) = [c for c in stub.calls_to("chat.update") if c.params.get("blocks")]
    assert "City council" in update.params["blocks"][0]["text"]["text"]


def test_a_mention_carrying_an_article_reads_it_and_replies_under_it(running_app):
    stub = running_app.stub
    running_app.event(_mention(ARTICLE.replace("\n", " \n"), "1699999999.000300"), event_id="Ev2")
    running_app.wait_until_idle()
    assert not stub.calls_to("conversations.replies")
    (placeholder,) = stub.calls_to("chat.postMessage")
    assert placeholder.params["thread_ts"] == "1699999999.000300"
    assert [c for c in stub.calls_to("chat.update") if c.params.get("blocks")]


def test_event_retries_and_the_message_mention_double_give_one_reply(running_app):
    stub = running_app.stub
    ts = "1699999999.000400"
    text = f"<@{BOT_USER_ID}> {ARTICLE}"
    running_app.event(_message(text, ts), event_id="EvMsg")  # Slack sends both for one mention
    running_app.event(_mention(ARTICLE, ts), event_id="EvMention")
    running_app.event(_mention(ARTICLE, ts), event_id="EvMention", retry_num=1)
    running_app.event(_mention(ARTICLE, ts), event_id="EvMention", retry_num=2)
    running_app.wait_until_idle()
    assert len(stub.calls_to("chat.postMessage")) == 1
    # A different delivery id for the same message (another process, a replay) still gets no reply.
    running_app.event(_mention(ARTICLE, ts), event_id="EvOther")
    running_app.wait_until_idle()
    assert len(stub.calls_to("chat.postMessage")) == 1


def test_auto_mode_replies_to_links_only_where_it_is_on(running_app, article_server):
    stub = running_app.stub
    url = article_server("/story")
    running_app.event(_message(f"look <{url}>", "1699999999.000500", channel="C1"), event_id="EvA1")
    running_app.wait_until_idle()
    assert not stub.calls_to("chat.postMessage")  # off by default
    running_app.command("auto on", channel="C1")
    running_app.wait_until_idle()
    running_app.event(_message(f"look <{url}>", "1699999999.000600", channel="C1"), event_id="EvA2")
    running_app.event(_message("no link here, just chatting", "1699999999.000700", channel="C1"), event_id="EvA3")
    running_app.wait_until_idle()
    (placeholder,) = stub.calls_to("chat.postMessage")
    assert placeholder.params["thread_ts"] == "1699999999.000600"
    assert url in placeholder.params["text"]


def test_several_links_give_one_report_each_capped_with_a_notice(running_app, article_server):
    stub = running_app.stub
    links = " ".join(f"<{article_server(f'/s{i}')}>" for i in range(5))
    running_app.event(_mention(f"please read {links}", "1699999999.000800"), event_id="EvLinks")
    running_app.wait_until_idle()
    posts = stub.calls_to("chat.postMessage")
    assert len(posts) == running_app.settings.slack_max_links == 3
    texts = [str(c.params.get("blocks")) for c in stub.calls_to("chat.update")]
    assert sum("the first 3 of the 5 links" in t for t in texts) == 1


def test_app_home_lists_the_users_recent_analyses(running_app):
    running_app.command(f"analyze {ARTICLE}", user="U7")
    running_app.wait_until_idle()
    running_app.event({"type": "app_home_opened", "user": "U7", "channel": "D1", "tab": "home"}, event_id="EvHome")
    running_app.event({"type": "app_home_opened", "user": "U8", "channel": "D2", "tab": "home"}, event_id="EvHome2")
    running_app.wait_until_idle()
    published = {c.params["user_id"]: str(c.params["view"]) for c in running_app.stub.calls_to("views.publish")}
    assert "City council" in published["U7"]
    assert "City council" not in published["U8"] and "Nothing yet" in published["U8"]

"""The message shortcut and every report button, over signed HTTP."""

from __future__ import annotations

from tests.support.slack_app import ARTICLE
from tests.support.slack_app import buttons as _buttons


def _report_message(running_app, channel="C1"):  # noqa: ANN001, ANN202
    """Post a report with the slash command; return (message ts, final blocks)."""
    running_app.command(f"analyze {ARTICLE}", channel=channel)
    running_app.wait_until_idle()
    update = [c for c in running_app.stub.calls_to("chat.update") if c.params.get("blocks")][-1]
    return update.params["ts"], update.params["blocks"]


def _shortcut(running_app, ts: str, text: str, user: str = "U1"):  # noqa: ANN202
    return running_app.interaction(
        {
            "type": "message_action",
            "callback_id": "analyze_message",
            "trigger_id": "trig-s",
            "user": {"id": user},
            "channel": {"id": "C1"},
            "message_ts": ts,
            "message": {"type": "message", "ts": ts, "text": text, "user": "UA"},
            "response_url": running_app.stub.response_url("shortcut"),
        }
    )


def test_the_shortcut_replies_in_the_messages_thread_once_however_often_clicked(running_app):
    stub = running_app.stub
    for _ in range(3):
        assert _shortcut(running_app, "1699999999.000900", ARTICLE).status_code == 200
    running_app.wait_until_idle()
    (placeholder,) = stub.calls_to("chat.postMessage")
    assert placeholder.params["thread_ts"] == "1699999999.000900"
    repeats = stub.calls_to("response_url")
    assert len(repeats) == 2 and all("already replied" in r.params["text"] for r in repeats)


def test_mark_checked_records_who_and_updates_the_message(running_app):
    ts, blocks = _report_message(running_app)
    (first, *_rest) = _buttons(blocks, "mark_checked")
    running_app.click("mark_checked", first["value"], message_ts=ts, user="U5")
    running_app.wait_until_idle()
    update = running_app.stub.calls_to("chat.update")[-1]
    assert update.params["ts"] == ts
    assert "Checked by <@U5>" in str(update.params["blocks"])
    assert first["value"] not in [b["value"] for b in _buttons(update.params["blocks"], "mark_checked")]
    # A second person clicking a stale button does not overwrite who checked it first.
    running_app.click("mark_checked", first["value"], message_ts=ts, user="U6")
    running_app.wait_until_idle()
    last = str(running_app.stub.calls_to("chat.update")[-1].params["blocks"])
    assert "Checked by <@U5>" in last and "<@U6>" not in last


def test_mark_checked_with_a_forged_or_foreign_report_changes_nothing(running_app):
    ts, blocks = _report_message(running_app, channel="C1")
    value = _buttons(blocks, "mark_checked")[0]["value"]
    updates_before = len(running_app.stub.calls_to("chat.update"))
    running_app.click("mark_checked", value, channel="C2", message_ts=ts)  # another channel's report
    running_app.click("mark_checked", "999999:1", message_ts=ts)
    running_app.click("mark_checked", "not-a-value", message_ts=ts)
    running_app.wait_until_idle()
    assert len(running_app.stub.calls_to("chat.update")) == updates_before
    assert len(running_app.stub.calls_to("response_url")) == 3


def test_all_sentences_opens_a_modal_with_every_sentence(running_app):
    ts, blocks = _report_message(running_app)
    (button,) = _buttons(blocks, "all_sentences")
    running_app.click("all_sentences", button["value"], message_ts=ts)
    running_app.wait_until_idle()
    (opened,) = running_app.stub.calls_to("views.open")
    assert opened.params["trigger_id"] == "trig-2"
    view = opened.params["view"]
    assert view["type"] == "modal" and len(view["blocks"]) <= 100
    text = str(view["blocks"])
    assert "Crime fell by 12 percent last year." in text and "The council will meet again" in text


def test_reanalyze_replaces_the_report_in_place_once_per_click_burst(running_app):
    ts, blocks = _report_message(running_app)
    (button,) = _buttons(blocks, "reanalyze")
    running_app.click("reanalyze", button["value"], message_ts=ts)
    running_app.click("reanalyze", button["value"], message_ts=ts)  # double click
    running_app.wait_until_idle()
    stub = running_app.stub
    assert len(stub.calls_to("chat.postMessage")) == 1  # nothing new posted
    updates = [c for c in stub.calls_to("chat.update") if c.params["ts"] == ts]
    assert "Reading the pasted text" in updates[-2].params["text"]
    new_value = _buttons(updates[-1].params["blocks"], "reanalyze")[0]["value"]
    assert new_value != button["value"]
    assert "Already analysed here" not in str(updates[-1].params["blocks"])


def test_track_story_is_answered_by_the_tracking_feature_when_present(running_app):
    ts, blocks = _report_message(running_app)
    (button,) = _buttons(blocks, "track_story")
    running_app.click("track_story", button["value"], message_ts=ts)
    running_app.wait_until_idle()
    texts = [c.params.get("text", "") for c in running_app.stub.calls_to("response_url")]
    assert not any("not set up" in t for t in texts)

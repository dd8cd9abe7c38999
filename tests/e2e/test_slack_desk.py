"""What the desk sees (issue 8, section 2), each through the real endpoint: signed HTTP to the Bolt
app, the loopback Slack stub, and payloads shaped like the ones Slack sends."""

from __future__ import annotations

import json
import re

import pytest

from bot.reports.reading import load_report
from copydesk_tools.stub_server import BOT_ID, BOT_USER_ID, TEAM_ID
from tests.integration.stories.feed_server import FeedServer
from tests.support.slack_app import ARTICLE, make_settings, serve_app
from tests.support.slack_app import buttons as _buttons

BODY = ARTICLE.split("\n", 1)[1]  # the article without its headline line


def _block_action(running_app, action_id: str, value: str, *, message_ts: str, user: str = "U2", channel: str = "C1"):
    """A block_actions payload from a message, shaped as Slack sends it from an ordinary workspace."""
    return running_app.interaction(
        {
            "type": "block_actions",
            "user": {"id": user, "username": "editor", "name": "editor", "team_id": TEAM_ID},
            "api_app_id": "A1",
            "token": "legacy",
            "container": {"type": "message", "message_ts": message_ts, "channel_id": channel, "is_ephemeral": False},
            "trigger_id": "1234.5678.abcd",
            "team": {"id": TEAM_ID, "domain": "stub"},
            "enterprise": None,
            "is_enterprise_install": False,
            "channel": {"id": channel, "name": "news"},
            "message": {"type": "message", "ts": message_ts, "bot_id": BOT_ID, "user": BOT_USER_ID, "text": "r"},
            "state": {"values": {}},
            "response_url": running_app.stub.response_url(f"act-{action_id}"),
            "actions": [
                {
                    "action_id": action_id,
                    "block_id": "b",
                    "text": {"type": "plain_text", "text": "x", "emoji": True},
                    "value": value,
                    "type": "button",
                    "action_ts": "1700000000.000001",
                }
            ],
        }
    )


def _report(running_app, text: str = ARTICLE, channel: str = "C1"):  # noqa: ANN202
    """Post a report with the slash command; return its final chat.update call."""
    running_app.command(f"analyze {text}", channel=channel)
    running_app.wait_until_idle()
    return [c for c in running_app.stub.calls_to("chat.update") if c.params.get("blocks")][-1]


def _private(stub) -> list[str]:  # noqa: ANN001
    return [c.params.get("text", "") for c in stub.calls_to("response_url")] + [
        c.params.get("text", "") for c in stub.calls_to("chat.postEphemeral")
    ]


def _command(running_app, text: str, **kw) -> str:  # noqa: ANN003
    before = len(running_app.stub.calls_to("response_url"))
    running_app.command(text, **kw)
    running_app.wait_until_idle()
    answers = [c.params.get("text", "") for c in running_app.stub.calls_to("response_url")[before:]]
    assert len(answers) == 1, answers
    return answers[0]


# --- 1. a cut paste says so ----------------------------------------------------------------------


def test_a_cut_paste_says_so_in_the_slack_report(database_url, slack_stub, warm_model):
    with serve_app(make_settings(database_url, slack_stub, max_chars=300), slack_stub) as running:
        update = _report(running)
    shown = json.dumps(update.params["blocks"])
    assert "only the first" in shown and "were analysed" in shown


# --- 2. re-analyze keeps the desk's checks ------------------------------------------------------


def test_reanalyze_keeps_the_claims_the_desk_checked_in_the_report_and_the_story(running_app):
    _command(running_app, 'track budget "city council" Porter')
    update = _report(running_app)
    ts, blocks = update.params["ts"], update.params["blocks"]
    flagged = len(_buttons(blocks, "mark_checked"))
    first = _buttons(blocks, "mark_checked")[0]["value"]
    _block_action(running_app, "mark_checked", first, message_ts=ts, user="U5")
    running_app.wait_until_idle()
    report_id = _buttons(blocks, "reanalyze")[0]["value"]
    _block_action(running_app, "reanalyze", report_id, message_ts=ts, user="U6")
    running_app.wait_until_idle()
    fresh = running_app.stub.calls_to("chat.update")[-1]
    assert _buttons(fresh.params["blocks"], "reanalyze")[0]["value"] != report_id  # a new report
    shown = json.dumps(fresh.params["blocks"])
    assert "Checked by <@U5>" in shown
    assert f"({flagged - 1} flagged)" in shown
    assert len(_buttons(fresh.params["blocks"], "mark_checked")) == flagged - 1
    assert fresh.params["text"].endswith(f"{flagged - 1} claims to check")
    # The story lists only the claims still open, from either report.
    old_id, sentence = (int(part) for part in first.split(":"))
    report, _facts = load_report(running_app.services.session_factory, old_id, TEAM_ID)
    checked = " ".join(report.sentence_text(sentence).split())
    detail = _command(running_app, "story budget")
    assert "Open flagged claims" in detail and checked[:40] not in detail
    before = len(running_app.stub.calls_to("response_url"))
    running_app.command("digest preview")
    running_app.wait_until_idle()
    (preview,) = running_app.stub.calls_to("response_url")[before:]
    # The digest may quote the checked sentence among the article's key facts; its claims list must not.
    claims = " ".join(
        block["text"]["text"]
        for block in preview.params.get("blocks") or []
        if block.get("type") == "section" and "Unchecked claims" in block.get("text", {}).get("text", "")
    )
    assert "Unnamed officials" in claims or "Critics argue" in claims  # open claims are listed...
    assert checked[:40] not in claims  # ...the checked one is not


# --- 3. never analyse Copydesk's own message ----------------------------------------------------


def test_a_mention_under_copydesks_own_report_points_to_it_instead_of_reading_it(running_app):
    update = _report(running_app)
    ts = update.params["ts"]
    running_app.stub.thread_parents[("C1", ts)] = {
        "type": "message", "subtype": "bot_message", "ts": ts, "bot_id": BOT_ID, "user": BOT_USER_ID,
        "app_id": "A1", "text": update.params["text"], "blocks": update.params["blocks"],
    }  # fmt: skip
    posted = len(running_app.stub.calls_to("chat.postMessage"))
    event = {"type": "app_mention", "user": "U3", "text": f"<@{BOT_USER_ID}> what about this?", "ts": "1700000001.1",
             "thread_ts": ts, "channel": "C1", "event_ts": "1700000001.1", "team": TEAM_ID}  # fmt: skip
    running_app.event(event, event_id="EvOwnThread")
    running_app.wait_until_idle()
    assert len(running_app.stub.calls_to("chat.postMessage")) == posted  # no report on the report
    (pointer,) = [t for t in _private(running_app.stub) if "under my report" in t]
    assert "City council approves new budget" in pointer


# --- 4. one sentence, once ----------------------------------------------------------------------


def test_the_header_is_the_title_and_no_sentence_is_shown_twice(running_app):
    update = _report(running_app, text=BODY)  # no headline line: a paste without a title
    blocks = update.params["blocks"]
    header = blocks[0]["text"]["text"]
    assert header == "Pasted text"
    texts = " ".join(b.get("text", {}).get("text", "") for b in blocks if b.get("type") == "section")
    for sentence in [line for line in BODY.split("\n") if line]:
        assert texts.count(sentence[:50]) <= 1, sentence
    assert update.params["text"].startswith("Pasted text: ")


# --- 5. reasons read right ----------------------------------------------------------------------


def test_reasons_quote_the_whole_amount_and_never_repeat_their_label(running_app):
    text = ARTICLE + "\nThe repairs cost $18.4 million last year."
    update = _report(running_app, text=text)
    shown = json.dumps(update.params["blocks"])
    assert "'$18.4 million'" in shown
    assert "'$'" not in shown
    for label in ("Anonymous source", "Vague source"):
        assert f"*{label}*: {label.lower()}" not in shown
    flagged = len(_buttons(update.params["blocks"], "mark_checked"))
    assert update.params["text"] == f"City council approves new budget: {flagged} claims to check"


# --- 6. failures are private --------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Anyone up for lunch?", "<javascript:alert(1)>", "file:///etc/passwd"])
def test_input_that_is_not_an_article_gets_a_private_answer_and_no_report(running_app, text):
    assert running_app.command(f"analyze {text}").status_code == 200
    running_app.wait_until_idle()
    assert not running_app.stub.calls_to("chat.postMessage")
    assert any("Nothing to analyse here" in t for t in _private(running_app.stub))


def test_a_failed_read_from_the_slash_command_is_shown_only_to_the_requester(running_app):
    running_app.command("analyze http://127.0.0.1:9/gone")  # the discard port: refused
    running_app.wait_until_idle()
    (placeholder,) = running_app.stub.calls_to("chat.postMessage")
    (deleted,) = running_app.stub.calls_to("chat.delete")
    assert deleted.params["ts"] == placeholder.params["_ts"]
    assert not [c for c in running_app.stub.calls_to("chat.update") if "couldn't read" in c.params.get("text", "")]
    assert any("couldn't read" in t for t in _private(running_app.stub))


# --- 7. escaping --------------------------------------------------------------------------------


def test_a_paste_cannot_ping_the_channel_through_the_fallback_text(running_app):
    # Slack sends a typed "<!channel>" in a slash command as "&lt;!channel&gt;".
    update = _report(running_app, text="&lt;!channel&gt; Budget vote tonight\n" + BODY)
    for call in running_app.stub.calls_to("chat.update") + running_app.stub.calls_to("chat.postMessage"):
        assert "<!channel>" not in call.params.get("text", "")
        assert "<!channel>" not in json.dumps([b for b in call.params.get("blocks") or [] if b["type"] != "header"])
    assert update.params["text"].startswith("&lt;!channel&gt; Budget vote tonight: ")


def test_app_home_escapes_a_title_once(running_app, article_server):
    running_app.command(f"analyze {article_server('/q&a')}", user="U7")
    running_app.wait_until_idle()
    running_app.event({"type": "app_home_opened", "user": "U7", "channel": "D1", "tab": "home",
                       "event_ts": "1700000002.1"}, event_id="EvHomeQA")  # fmt: skip
    running_app.wait_until_idle()
    view = json.dumps(running_app.stub.calls_to("views.publish")[-1].params["view"])
    assert "q&amp;a" in view and "&amp;amp;" not in view


def test_a_story_name_typed_with_an_ampersand_is_shown_as_typed(running_app):
    # Slack sends a typed "Q&A" in a slash command as "Q&amp;A": stored as typed, escaped once on output.
    assert "*Q&amp;A*" in _command(running_app, 'track "Q&amp;A" water bills')
    listing = _command(running_app, "stories")
    assert "*Q&amp;A*" in listing and "&amp;amp;" not in listing
    assert "*Q&amp;A*" in _command(running_app, "story Q&amp;A")


# --- 8. track this story ------------------------------------------------------------------------


def test_track_this_story_names_it_from_actors_and_terms_and_tells_the_channel(running_app):
    update = _report(running_app)
    value = _buttons(update.params["blocks"], "track_story")[0]["value"]
    _block_action(running_app, "track_story", value, message_ts=update.params["ts"], user="U7")
    running_app.wait_until_idle()
    (told,) = [c for c in running_app.stub.calls_to("chat.postMessage") if "is tracking" in c.params.get("text", "")]
    assert told.params["channel"] == "C1" and not told.params.get("thread_ts")
    name = re.search(r"tracking \*(.+?)\*", told.params["text"]).group(1)
    assert "Jane Porter" in name
    assert "City council approves new" not in name  # not a cut headline
    detail = _command(running_app, f"story {name}")
    assert "why:" in detail


# --- 9. feeds -----------------------------------------------------------------------------------


@pytest.fixture
def feed_server():
    server = FeedServer()
    # A section page that names its feed, as news sites do, and one that names none.
    server.pages["/city/"] = (
        b'<!doctype html><html><head><title>City</title><link rel="alternate" type="application/rss+xml" '
        b'title="City news" href="/rss.xml"></head><body><p>City news</p></body></html>'
    )
    server.pages["/about"] = b"<!doctype html><html><head><title>About</title></head><body>About us</body></html>"
    yield server
    server.stop()


def test_feed_add_checks_the_feed_at_once_and_uses_the_feed_a_page_names(running_app, feed_server):
    answer = _command(running_app, f"feed add {feed_server.url('/city/')}")
    assert "is a web page; it names this feed, so I used that" in answer
    assert feed_server.url("/rss.xml") in answer and "items in it now" in answer
    refused = _command(running_app, f"feed add {feed_server.url('/about')}")
    assert "is a web page, not a feed" in refused
    broken = _command(running_app, f"feed add {feed_server.url('/malformed.xml')}")
    assert "not a valid RSS or Atom feed" in broken
    missing = _command(running_app, f"feed add {feed_server.url('/nowhere.xml')}")
    assert "can't read the feed" in missing
    listing = _command(running_app, "feed list")
    assert listing.count("\n1. ") + listing.startswith("1. ") == 1 and "/rss.xml" in listing
    assert "/about" not in listing and "malformed" not in listing


# --- 10. usage ----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["story", "untrack", "story  ", 'untrack ""'])
def test_story_and_untrack_without_a_name_answer_with_usage(running_app, command):
    answer = _command(running_app, command)
    assert answer.startswith("Usage: `/copydesk")
    assert "No story called" not in answer


# --- 11. App Home shows digest schedules --------------------------------------------------------


def test_app_home_shows_the_digest_schedule_of_each_channel_with_stories(running_app):
    _command(running_app, 'track budget "city council" Porter', user="U7")
    _command(running_app, "digest time 07:15", user="U7")
    running_app.event({"type": "app_home_opened", "user": "U7", "channel": "D1", "tab": "home",
                       "event_ts": "1700000003.1"}, event_id="EvHomeSchedule")  # fmt: skip
    running_app.wait_until_idle()
    view = json.dumps(running_app.stub.calls_to("views.publish")[-1].params["view"])
    assert "<#C1>" in view and "at 07:15" in view and "budget" in view

"""Hostile and malformed Slack payloads, signed correctly: the app never answers 500 and never
leaves a "Reading…" placeholder without its report or an explanation."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
slackish_text = st.lists(
    st.sampled_from(
        [
            "analyze",
            "auto",
            "help",
            "on",
            "<@UCOPYDESK>",
            "<https://exa mple|x>",
            "<#C1|news>",
            "&amp;",
            "```",
            "&gt; ",
            "<!here>",
            "\n",
            "<mailto:a@b.c|mail>",
            "<http://127.0.0.1:1/x>",
            "track",
        ]
    )
    | st.text(max_size=20),
    max_size=12,
).map(" ".join)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _no_placeholder_left_behind(running_app) -> None:  # noqa: ANN001
    running_app.wait_until_idle()
    for ts, text in running_app.stub.final_texts().items():
        assert not text.startswith(":hourglass_flowing_sand: Reading"), (ts, text)


@FUZZ
@given(text=slackish_text, channel=st.text(min_size=0, max_size=12))
def test_fuzzed_slash_commands(running_app, text, channel):
    assert running_app.command(text, channel=channel or "C1").status_code < 500
    _no_placeholder_left_behind(running_app)


@FUZZ
@given(
    event=st.dictionaries(
        st.sampled_from(["type", "text", "ts", "channel", "user", "thread_ts", "subtype", "tab"]),
        json_values | slackish_text,
        max_size=8,
    ),
    kind=st.sampled_from(["app_mention", "message", "app_home_opened", None]),
    n=st.integers(0, 10**9),
)
def test_fuzzed_events(running_app, event, kind, n):
    if kind:
        event["type"] = kind
    assert running_app.event(event, event_id=f"EvF{n}").status_code < 500
    _no_placeholder_left_behind(running_app)


@FUZZ
@given(
    payload=st.dictionaries(
        st.sampled_from(
            ["type", "callback_id", "actions", "message", "channel", "user", "trigger_id", "container", "view"]
        ),
        json_values,
        max_size=8,
    ),
    kind=st.sampled_from(["block_actions", "message_action", "shortcut", "view_submission", None]),
    action=st.sampled_from(["mark_checked", "reanalyze", "all_sentences", "track_story", "x"]),
    value=slackish_text,
)
def test_fuzzed_interactions(running_app, payload, kind, action, value):
    if kind:
        payload["type"] = kind
    if kind == "block_actions":
        payload["actions"] = [{"action_id": action, "value": value, "type": "button"}]
    if kind == "message_action":
        payload["callback_id"] = "analyze_message"
    assert running_app.interaction(payload).status_code < 500
    _no_placeholder_left_behind(running_app)


@FUZZ
@given(
    body=st.binary(max_size=300),
    content_type=st.sampled_from(["application/json", "application/x-www-form-urlencoded", "text/plain"]),
)
def test_fuzzed_raw_bodies(running_app, body, content_type):
    text = body.decode("latin-1")
    assert running_app.post(text, content_type).status_code < 500


def test_a_payload_that_is_not_json_is_refused_without_a_500(running_app):
    response = running_app.post(urlencode({"payload": "{not json"}), "application/x-www-form-urlencoded")
    assert response.status_code < 500
    assert json.dumps({}) == "{}"

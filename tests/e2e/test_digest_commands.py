"""`/copydesk digest` over signed HTTP against the Slack stub: the default schedule it describes,
`digest now` with nothing new, and the tracker's Slack timezone (or the default without users:read)."""

from __future__ import annotations

import time

from test_stories_commands import _command

from tests.support.slack_app import ARTICLE, make_settings, serve_app


def digests_posted(stub) -> list:
    return [c for c in stub.calls_to("chat.postMessage") if (c.params.get("metadata") or {}).get("event_type")]


def test_digest_in_a_channel_without_a_schedule_shows_the_configured_time(database_url, slack_stub, warm_model):
    settings = make_settings(database_url, slack_stub, digest_time="07:30")
    with serve_app(settings, slack_stub) as app:
        answer = _command(app, "digest")
    assert "No digest yet" in answer and "daily at 07:30" in answer and "09:00" not in answer


def test_a_second_digest_now_with_nothing_new_is_said_privately_and_not_posted(running_app):
    stub = running_app.stub
    _command(running_app, 'track budget "city council" Porter')
    running_app.command(f"analyze {ARTICLE}")
    running_app.wait_until_idle()
    running_app.command("digest now")
    running_app.wait_until_idle()
    assert len(digests_posted(stub)) == 1
    time.sleep(1.1)  # `digest now` periods are per second: this one is a new request, not a repeat
    answer = _command(running_app, "digest now")
    assert "Nothing new" in answer and "no digest was posted" in answer
    assert stub.calls_to("response_url")[-1].params.get("response_type") == "ephemeral"
    assert len(digests_posted(stub)) == 1, "an empty digest went to the channel"


def test_a_new_schedule_takes_the_trackers_slack_timezone(running_app):
    running_app.stub.set_user_timezone("U1", "Asia/Tokyo")
    assert "tracking *budget*" in _command(running_app, 'track budget "city council"')
    assert "daily at 09:00 (Asia/Tokyo)" in _command(running_app, "digest")


def test_without_users_read_a_new_schedule_takes_the_default_timezone_quietly(database_url, slack_stub, warm_model):
    slack_stub.set_user_timezone("U1", "Asia/Tokyo")
    slack_stub.fail("users.info", "missing_scope", times=5)  # a workspace that installed without users:read
    settings = make_settings(database_url, slack_stub, default_timezone="America/Chicago")
    with serve_app(settings, slack_stub) as app:
        assert "tracking *budget*" in _command(app, 'track budget "city council"')
        assert "daily at 09:00 (America/Chicago)" in _command(app, "digest")
        assert "at 08:15 (America/Chicago)" in _command(app, "digest time 08:15", channel="C2")
    assert len(slack_stub.attempts("users.info")) >= 2, "the timezone was never asked of Slack"

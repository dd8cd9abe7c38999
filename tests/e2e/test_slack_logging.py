"""Log lines written while Slack work runs carry that request's ids, in JSON, and never the
message text at INFO or above: signed slash commands through the real HTTP endpoint, the work
done on the app's pool threads, every line the process logs captured and parsed."""

from __future__ import annotations

import io
import json
import logging

import pytest

from bot.logging_setup import configure_logging
from copydesk_tools.stub_server import TEAM_ID
from tests.support.slack_app import ARTICLE, make_settings, serve_app

# Sentences of the pasted article: user content that must stay out of INFO+ lines.
PASTED_SENTENCES = [line for line in ARTICLE.splitlines()[1:] if line]


@pytest.fixture
def json_log():
    """configure_logging writing JSON (DEBUG and up) into a buffer; the root logger restored after."""
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    buffer = io.StringIO()
    yield buffer
    root.handlers[:] = saved_handlers
    root.setLevel(saved_level)


@pytest.fixture
def logged_app(database_url, slack_stub, warm_model, json_log):
    settings = make_settings(database_url, slack_stub, log_format="json", log_level="DEBUG")
    configure_logging(settings, stream=json_log)
    with serve_app(settings, slack_stub) as running:
        yield running


def records(buffer: io.StringIO) -> list[dict]:
    lines = [line for line in buffer.getvalue().splitlines() if line.strip()]
    assert lines, "nothing was logged"
    return [json.loads(line) for line in lines]  # every line is one JSON object


def test_a_slash_commands_work_logs_its_workspace_and_channel_but_not_its_text(logged_app, json_log):
    logged_app.command(f"analyze {ARTICLE}", channel="C77")
    logged_app.wait_until_idle()
    assert logged_app.stub.calls_to("chat.update"), "the report was not posted"

    logged = records(json_log)
    (command_line,) = [r for r in logged if r["logger"] == "handlers.commands" and r["level"] == "INFO"]
    assert (command_line["workspace_id"], command_line["channel_id"], command_line["request_id"]) == (
        TEAM_ID, "C77", "trig-1",
    )  # fmt: skip
    above_debug = "\n".join(json.dumps(r) for r in logged if r["level"] != "DEBUG")
    for sentence in PASTED_SENTENCES:
        assert sentence not in above_debug
    # the text is there for whoever turns DEBUG on, so the check above could see it
    debug = [r["message"] for r in logged if r["level"] == "DEBUG" and r["logger"] == "handlers.commands"]
    assert any(PASTED_SENTENCES[0] in message for message in debug)
    assert "xoxb-e2e" not in json_log.getvalue()  # the bot token, at no level


def test_a_slack_error_during_the_work_is_logged_with_the_requests_ids(logged_app, json_log):
    logged_app.stub.fail("chat.postMessage", "not_in_channel")
    logged_app.command(f"analyze {ARTICLE}", channel="C88")
    logged_app.wait_until_idle()

    failures = [r for r in records(json_log) if r["level"] == "WARNING" and "not_in_channel" in r["message"]]
    assert failures, "the Slack error was not logged"
    for failure in failures:  # logged by bot/slack on a pool thread, not by the listener
        assert (failure["workspace_id"], failure["channel_id"], failure["request_id"]) == (TEAM_ID, "C88", "trig-1")


def test_a_request_with_a_bad_signature_is_refused_without_logging_its_text(logged_app, json_log):
    # Bolt reports a bad signature at INFO, quoting the whole request body: the text must not follow.
    response = logged_app.command(f"analyze {ARTICLE}", channel="C99", secret="not-the-signing-secret")
    assert response.status_code == 401
    logged = records(json_log)
    refusals = [r for r in logged if "signature" in r["message"].lower() and r["level"] == "INFO"]
    assert refusals, "the refusal itself should still be logged"
    above_debug = "\n".join(json.dumps(r) for r in logged if r["level"] != "DEBUG")
    for sentence in PASTED_SENTENCES:
        assert sentence not in above_debug and sentence.replace(" ", "+") not in above_debug

"""Structured logging: JSON lines with the request's ids, and no tokens or message text at INFO."""

from __future__ import annotations

import io
import json
import logging
import threading

import pytest

from bot.config import Settings
from bot.logging_setup import configure_logging, ids_from_slack_payload, log_context


@pytest.fixture
def capture():
    """configure_logging(...) writing into a buffer; the root logger restored afterwards."""
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    buffer = io.StringIO()

    def configure(**settings) -> io.StringIO:  # noqa: ANN003
        configure_logging(Settings(_env_file=None, **settings), stream=buffer)
        return buffer

    yield configure
    root.handlers[:] = saved_handlers
    root.setLevel(saved_level)


def lines(buffer: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_json_lines_carry_the_workspace_channel_and_request_ids(capture):
    buffer = capture(log_format="json")
    with log_context(workspace_id="T1", channel_id="C1", request_id="Ev1"):
        logging.getLogger("bot.reply").info("report posted", extra={"sentences": 12})
    logging.getLogger("bot.reply").info("outside")
    inside, outside = lines(buffer)
    assert inside["message"] == "report posted" and inside["level"] == "INFO" and inside["logger"] == "bot.reply"
    assert (inside["workspace_id"], inside["channel_id"], inside["request_id"]) == ("T1", "C1", "Ev1")
    assert inside["sentences"] == 12
    assert "workspace_id" not in outside


def test_tokens_are_redacted_at_every_level(capture):
    buffer = capture(log_format="json", log_level="DEBUG")
    log = logging.getLogger("bot.slack")
    log.debug("calling with xoxb-1234-5678-abcdef and xapp-1-A1-99")
    log.warning("bad config signing_secret=s3cr3t token=xoxp-9", extra={"auth": "Bearer xoxb-77-88"})
    text = buffer.getvalue()
    for secret in ("xoxb-1234", "xapp-1-A1", "s3cr3t", "xoxp-9", "xoxb-77"):
        assert secret not in text
    assert text.count("[redacted]") >= 4


def test_message_text_is_dropped_above_debug(capture):
    buffer = capture(log_format="json", log_level="DEBUG")
    log = logging.getLogger("bot.mentions")
    log.info("mention received", extra={"text": "Leaked draft: the minister resigns", "links": 1})
    log.debug("mention body", extra={"text": "visible when debugging"})
    info, debug = lines(buffer)
    assert "text" not in info and info["links"] == 1
    assert debug["text"] == "visible when debugging"


def test_text_format_is_one_readable_line_with_the_ids(capture):
    buffer = capture(log_format="text")
    with log_context(channel_id="C9"):
        logging.getLogger("bot.digest").info("digest posted")
    (line,) = buffer.getvalue().splitlines()
    assert "INFO" in line and "bot.digest: digest posted" in line and "channel_id=C9" in line


def test_the_context_belongs_to_the_thread_that_set_it(capture):
    buffer = capture(log_format="json")
    seen = threading.Event()

    def other_request() -> None:
        with log_context(request_id="other"):
            logging.getLogger("bot").info("from the other thread")
            seen.set()

    with log_context(request_id="mine"):
        thread = threading.Thread(target=other_request)
        thread.start()
        thread.join()
        logging.getLogger("bot").info("from mine")
    assert seen.is_set()
    assert [entry["request_id"] for entry in lines(buffer)] == ["other", "mine"]


def test_configuring_twice_keeps_one_handler(capture):
    buffer = capture(log_format="json")
    capture(log_format="json")
    logging.getLogger("bot").warning("once")
    assert len(buffer.getvalue().splitlines()) == 1


def test_an_unknown_format_is_refused(capture):
    with pytest.raises(ValueError, match="COPYDESK_LOG_FORMAT"):
        capture(log_format="xml")


def test_ids_from_slack_payloads():
    event = {"team_id": "T1", "event_id": "Ev9", "event": {"type": "app_mention", "channel": "C2", "text": "hi"}}
    assert ids_from_slack_payload(event) == {"workspace_id": "T1", "channel_id": "C2", "request_id": "Ev9"}
    command = {"team_id": "T1", "channel_id": "C3", "trigger_id": "tr1", "text": "analyze"}
    assert ids_from_slack_payload(command) == {"workspace_id": "T1", "channel_id": "C3", "request_id": "tr1"}
    action = {"team": {"id": "T4"}, "channel": {"id": "C4"}, "trigger_id": "tr2"}
    assert ids_from_slack_payload(action) == {"workspace_id": "T4", "channel_id": "C4", "request_id": "tr2"}
    assert len(ids_from_slack_payload({})["request_id"]) == 16  # always something to follow


def test_gunicorn_logs_come_out_in_the_same_json_format(capture):
    from gunicorn.config import Config

    from bot.logging_setup import gunicorn_logger_class

    buffer = capture(log_format="json")
    logger = gunicorn_logger_class()(Config())
    try:
        logger.info("Listening at: http://127.0.0.1:3000")
    finally:
        for name in ("gunicorn.error", "gunicorn.access"):
            logging.getLogger(name).propagate = False  # as gunicorn leaves them for other tests
    (line,) = lines(buffer)
    assert line["logger"] == "gunicorn.error" and line["message"] == "Listening at: http://127.0.0.1:3000"

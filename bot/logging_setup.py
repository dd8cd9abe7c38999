"""Structured logging for every Copydesk process: `configure_logging(settings)` once at start.

Two formats: readable text for a terminal (the default) and one JSON object per line when
COPYDESK_LOG_FORMAT=json, for a log pipeline. Every line carries the workspace, channel and
request ids of the work it belongs to, taken from a context variable that listeners and jobs set
with `log_context(...)`, so an operator can follow one Slack request across threads.

What never reaches the logs at INFO or above: Slack tokens and secrets (redacted wherever they
appear, at every level) and message or article text (extra fields named like text are dropped
unless the record is DEBUG). Log ids and counts, not content.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import sys
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from gunicorn import glogging

from bot.config import Settings

CONTEXT_FIELDS = ("workspace_id", "channel_id", "request_id")

# Extra fields that may hold user content: kept only on DEBUG records.
CONTENT_FIELDS = frozenset({"text", "message_text", "article_text", "body", "payload", "blocks", "html"})

# Slack bot/user/app/config tokens, and anything passed as `token=`/`secret=` in a message.
_SECRET_PATTERNS = (
    re.compile(r"\bxox[abeoprs]-[A-Za-z0-9-]+"),
    re.compile(r"\bxapp-[A-Za-z0-9-]+"),
    re.compile(r"(?i)\b((?:client_)?secret|token|signing_secret|encryption_key)=([^\s,&]+)"),
)
REDACTED = "[redacted]"

# Library log lines that quote a request body at INFO: slack_bolt's "Invalid request signature
# detected (signature: ..., timestamp: ..., body: <the whole request>)". The body holds message text.
_BODY_IN_MESSAGE = re.compile(r"(,?\s*body:\s*)(.*?)(\)?)$", re.S)

# The attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}

_context: contextvars.ContextVar[Mapping[str, str]] = contextvars.ContextVar("copydesk_log_context", default={})  # noqa: B039 - never mutated: log_context() sets a new mapping


# --- context -------------------------------------------------------------------------------


@contextmanager
def log_context(**fields: Any) -> Iterator[None]:
    """Attach ids (workspace_id, channel_id, request_id, ...) to every log line inside the block.

    Context variables do not cross into executor threads by themselves: set the context inside
    the function the thread runs (the listener or job), not around its submission.
    """
    token = _context.set({**_context.get(), **{k: str(v) for k, v in fields.items() if v is not None}})
    try:
        yield
    finally:
        _context.reset(token)


def current_log_context() -> dict[str, str]:
    return dict(_context.get())


def new_request_id() -> str:
    return uuid.uuid4().hex[:16]


def ids_from_slack_payload(body: Mapping[str, Any]) -> dict[str, str]:
    """Workspace, channel and request ids from a Slack request body (events, commands, actions).

    A plain dict walk, so bot/ stays free of Slack types; the request id prefers Slack's own
    event_id or trigger_id so a log line can be matched with Slack's delivery.
    """
    event = body.get("event") if isinstance(body.get("event"), Mapping) else {}
    team = body.get("team") if isinstance(body.get("team"), Mapping) else {}
    channel = body.get("channel") if isinstance(body.get("channel"), Mapping) else {}
    ids = {
        "workspace_id": body.get("team_id") or team.get("id") or event.get("team"),
        "channel_id": body.get("channel_id") or channel.get("id") or event.get("channel"),
        "request_id": body.get("event_id") or body.get("trigger_id") or new_request_id(),
    }
    return {k: str(v) for k, v in ids.items() if v}


# --- filters and formatters ----------------------------------------------------------------


def redact(text: str) -> str:
    for pattern in _SECRET_PATTERNS:
        if pattern.groups:
            text = pattern.sub(lambda m: f"{m.group(1)}={REDACTED}", text)
        else:
            text = pattern.sub(REDACTED, text)
    return text


class ContextFilter(logging.Filter):
    """Copies the current ids onto the record, and drops content fields above DEBUG."""

    def filter(self, record: logging.LogRecord) -> bool:
        for key, value in _context.get().items():
            if not hasattr(record, key):
                setattr(record, key, value)
        if record.levelno > logging.DEBUG:
            for key in CONTENT_FIELDS & vars(record).keys():
                delattr(record, key)
            _withhold_quoted_body(record)
        return True


def _withhold_quoted_body(record: logging.LogRecord) -> None:
    """Replace a request body quoted inside a library's message by its length."""
    if not record.name.startswith("slack_bolt"):
        return
    message = record.getMessage()
    match = _BODY_IN_MESSAGE.search(message)
    if match and match.group(2):
        withheld = f"[{len(match.group(2))} characters withheld]"
        record.msg, record.args = message[: match.start(2)] + withheld + match.group(3), None


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in vars(record).items() if k not in _STANDARD_ATTRS and not k.startswith("_")}


def _safe_value(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    return redact(str(value))


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, message, the ids, extras, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        entry.update({k: _safe_value(v) for k, v in _extras(record).items()})
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """`time level logger: message key=value ...` for people reading a terminal."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = redact(super().format(record))
        extras = _extras(record)
        if extras:
            line += " " + " ".join(f"{k}={_safe_value(v)}" for k, v in sorted(extras.items()))
        return line


# --- set-up ----------------------------------------------------------------------------------

_HANDLER_NAME = "copydesk"


def configure_logging(settings: Settings, stream: Any = None) -> None:
    """Install Copydesk's handler on the root logger (idempotent: a second call replaces it).

    `settings` is the process's Settings (log_level, log_format), passed by the command that starts it.
    """
    log_format = (getattr(settings, "log_format", "text") or "text").lower()
    if log_format not in ("text", "json"):
        raise ValueError(f"COPYDESK_LOG_FORMAT must be 'text' or 'json', not {log_format!r}")
    level = logging.getLevelName((getattr(settings, "log_level", "INFO") or "INFO").upper())
    if not isinstance(level, int):
        raise ValueError(f"COPYDESK_LOG_LEVEL {settings.log_level!r} is not a logging level")

    handler = logging.StreamHandler(stream or sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    handler.addFilter(ContextFilter())

    root = logging.getLogger()
    for existing in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level)


def gunicorn_logger_class() -> type:
    """A gunicorn `logger_class` whose error and access logs go through Copydesk's handler.

    Gunicorn installs its own plain-text handlers; in json mode that mixes two formats on one
    stream. Use it in the server config: `cfg.set("logger_class", gunicorn_logger_class())`.
    """
    class CopydeskGunicornLogger(glogging.Logger):
        def setup(self, cfg) -> None:  # noqa: ANN001
            super().setup(cfg)
            for log in (self.error_log, self.access_log):
                for handler in list(log.handlers):
                    log.removeHandler(handler)
                log.propagate = True  # to the root logger, where configure_logging put our handler

    return CopydeskGunicornLogger

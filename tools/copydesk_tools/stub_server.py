"""A Slack Web API stand-in on 127.0.0.1, for tests, benchmarks and local runs.

It answers the methods Copydesk calls with Slack-shaped responses, records every call (method,
parameters, time), and can be told to fail: a 429 with Retry-After, a 500, or a Slack error code
such as not_in_channel, for the next N calls of a method. conversations.history lists the
top-level messages the bot posted in a channel (newest first, with their blocks and metadata, as
Slack returns them with include_all_metadata), unless told to strip the metadata as some
workspaces' retention settings do. users.info answers with the timezone a test gave the user.
Point the app at it with
COPYDESK_SLACK_API_URL=<stub.api_url>. Response URLs it hands out (stub.response_url(...)) are
recorded as calls to the pseudo-method "response_url".
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl
from zoneinfo import ZoneInfo

BOT_USER_ID = "UCOPYDESK"
BOT_ID = "BCOPYDESK"
TEAM_ID = "T0TEST"


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    status: int = 200


@dataclass
class _Fault:
    status: int
    error: str | None
    retry_after: int | None
    remaining: int


class SlackStub:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.thread_parents: dict[tuple[str, str], dict[str, Any]] = {}
        self.socket_url: str | None = None
        self.strip_history_metadata = False  # conversations.history answers without message metadata
        self.user_timezones: dict[str, str] = {}
        self._faults: dict[str, list[_Fault]] = {}
        self._ts = itertools.count(1)
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="slack-stub", daemon=True)

    # --- lifecycle -------------------------------------------------------------------------
    def start(self) -> SlackStub:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    def response_url(self, name: str = "r") -> str:
        return f"{self.base_url}/response/{name}"

    # --- scripting -------------------------------------------------------------------------
    def fail(self, method: str, error: str, times: int = 1) -> None:
        """The next `times` calls of `method` answer {"ok": false, "error": error}."""
        self._faults.setdefault(method, []).append(_Fault(200, error, None, times))

    def rate_limit(self, method: str, retry_after: int = 1, times: int = 1) -> None:
        self._faults.setdefault(method, []).append(_Fault(429, "ratelimited", retry_after, times))

    def server_error(self, method: str, times: int = 1) -> None:
        self._faults.setdefault(method, []).append(_Fault(500, None, None, times))

    def set_thread_parent(self, channel: str, ts: str, text: str, user: str = "UAUTHOR") -> None:
        self.thread_parents[(channel, ts)] = {"type": "message", "ts": ts, "user": user, "text": text}

    def set_user_timezone(self, user: str, tz: str) -> None:
        self.user_timezones[user] = tz

    # --- inspection ------------------------------------------------------------------------
    def calls_to(self, method: str) -> list[Call]:
        with self._changed:
            return [call for call in self.calls if call.method == method and call.status == 200]

    def attempts(self, method: str) -> list[Call]:
        with self._changed:
            return [call for call in self.calls if call.method == method]

    def wait_for(self, predicate, timeout: float = 30.0) -> bool:  # noqa: ANN001
        """Block until predicate(stub) is true (re-checked after every call), or the timeout."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not predicate(self):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._changed.wait(remaining)
        return True

    def final_texts(self, channel: str | None = None) -> dict[str, str]:
        """The latest text of every message the bot posted, by ts (chat.update applied)."""
        messages: dict[str, str] = {}
        for call in list(self.calls):
            if call.status != 200 or call.method not in ("chat.postMessage", "chat.update"):
                continue
            if channel and call.params.get("channel") != channel:
                continue
            if call.method == "chat.postMessage":
                messages[call.params["_ts"]] = call.params.get("text", "")
            elif call.params.get("ts") in messages:
                messages[call.params["ts"]] = call.params.get("text", "")
        return messages

    # --- HTTP ------------------------------------------------------------------------------
    def _take_fault(self, method: str) -> _Fault | None:
        queue = self._faults.get(method) or []
        while queue:
            fault = queue[0]
            if fault.remaining > 0:
                fault.remaining -= 1
                if fault.remaining == 0:
                    queue.pop(0)
                return fault
            queue.pop(0)
        return None

    def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, str], dict[str, Any]]:
        with self._changed:
            fault = self._take_fault(method)
        if fault is not None:
            headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
            if fault.status == 500:
                return 500, headers, {"ok": False, "error": "internal_error"}
            return fault.status, headers, {"ok": False, "error": fault.error}
        return 200, {}, self._success(method, params)

    def _success(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        channel = params.get("channel")
        if method == "auth.test":
            # Tokens the stub issued through oauth.v2.access ("xoxb-<team>") belong to that team.
            token = params.get("_token") or ""
            team = token[len("xoxb-") :] if token.startswith("xoxb-T") else TEAM_ID
            return {
                "ok": True,
                "url": "https://stub.slack.test/",
                "team": "Stub",
                "user": "copydesk",
                "team_id": team,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
            }
        if method == "oauth.v2.access":
            team = str(params.get("code", "")).removeprefix("code-") or TEAM_ID
            return {
                "ok": True,
                "app_id": "A1",
                "access_token": f"xoxb-{team}",
                "token_type": "bot",
                "scope": "chat:write,commands",
                "bot_user_id": BOT_USER_ID,
                "team": {"id": team, "name": team},
                "enterprise": None,
                "is_enterprise_install": False,
                "authed_user": {"id": "UINSTALLER"},
            }
        if method == "chat.postMessage":
            ts = params["_ts"]
            return {"ok": True, "channel": channel, "ts": ts, "message": {"ts": ts, "text": params.get("text", "")}}
        if method == "chat.update":
            return {"ok": True, "channel": channel, "ts": params.get("ts"), "text": params.get("text", "")}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"{time.time():.6f}"}
        if method == "conversations.history":
            return {"ok": True, "messages": self._history(channel), "has_more": False}
        if method == "users.info":
            return {"ok": True, "user": self._user(str(params.get("user", "")))}
        if method == "conversations.replies":
            parent = self.thread_parents.get((channel, params.get("ts")))
            if parent is None:
                return {"ok": False, "error": "thread_not_found"}
            return {"ok": True, "messages": [parent], "has_more": False}
        if method in ("views.open", "views.publish", "views.update"):
            return {"ok": True, "view": {"id": "VSTUB", "type": "modal"}}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.socket_url} if self.socket_url else {"ok": False, "error": "no_socket"}
        if method == "response_url":
            return {"ok": True}
        return {"ok": True}

    def _history(self, channel: str | None) -> list[dict[str, Any]]:
        with self._changed:
            posted = [c.params for c in self.calls if c.method == "chat.postMessage" and c.status == 200]
        messages = []
        for params in reversed(posted):
            if params.get("channel") != channel or params.get("thread_ts"):
                continue
            message = {"type": "message", "ts": params["_ts"], "bot_id": BOT_ID, "text": params.get("text", "")}
            if params.get("blocks"):
                message["blocks"] = params["blocks"]
            if params.get("metadata") and not self.strip_history_metadata:
                message["metadata"] = params["metadata"]
            messages.append(message)
        return messages

    def _user(self, user: str) -> dict[str, Any]:
        """A users.info user; Slack sends tz, tz_label and tz_offset, here only once a test set them."""
        found: dict[str, Any] = {"id": user, "team_id": TEAM_ID, "name": user.lower(), "is_bot": False}
        tz = self.user_timezones.get(user)
        if tz:
            offset = datetime.now(ZoneInfo(tz)).utcoffset() or timedelta(0)
            found.update(tz=tz, tz_label=tz, tz_offset=int(offset.total_seconds()))
        return found

    def _handler_class(self):  # noqa: ANN202
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8", "replace")
                if self.path.startswith("/api/"):
                    method = self.path[len("/api/") :].split("?", 1)[0]
                elif self.path.startswith("/response/"):
                    method = "response_url"
                else:
                    self.send_error(404)
                    return
                params = _parse_params(raw, self.headers.get("Content-Type", ""))
                if method == "response_url":
                    params["_path"] = self.path
                auth = self.headers.get("Authorization", "")
                params["_token"] = auth.removeprefix("Bearer ") or params.get("token")
                if method == "chat.postMessage":
                    params["_ts"] = f"1700000000.{next(stub._ts):06d}"
                status, headers, body = stub._answer(method, params)
                with stub._changed:  # recorded before answering, so calls keep the client's order
                    stub.calls.append(Call(method, params, status=status))
                    stub._changed.notify_all()
                data = json.dumps(body).encode()
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST  # noqa: N815 - some clients GET simple methods

        return Handler


def _parse_params(raw: str, content_type: str) -> dict[str, Any]:
    if "json" in content_type:
        try:
            value = json.loads(raw or "{}")
        except json.JSONDecodeError:
            return {"_raw": raw}
        return value if isinstance(value, dict) else {"_raw": value}
    params: dict[str, Any] = dict(parse_qsl(raw, keep_blank_values=True))
    for key in ("blocks", "view", "attachments"):
        if isinstance(params.get(key), str):
            try:
                params[key] = json.loads(params[key])
            except json.JSONDecodeError:
                pass
    return params

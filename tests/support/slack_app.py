"""The Slack app as the e2e tests drive it: served on loopback (HTTP) or over Socket Mode.

Requests are signed with slack_sdk's SignatureVerifier exactly as Slack signs them; assertions are
made on the calls the stub received. The fixtures that use these live in tests/e2e/conftest.py.
"""

from __future__ import annotations

import json
import queue
import re
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from socketserver import ThreadingMixIn
from urllib.parse import urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import requests
from cryptography.fernet import Fernet
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.signature import SignatureVerifier
from websockets.sync.server import serve

from bot.app import build_app
from bot.cli.serve import make_wsgi_app
from bot.config import Settings
from copydesk_tools.stub_server import BOT_USER_ID, TEAM_ID, SlackStub
from tests.support.slack_payloads import http_body, socket_envelope

SIGNING_SECRET = "e2e-signing-secret"


ARTICLE = (
    "City council approves new budget\n"
    "The city council approved a budget of 40 million dollars on Tuesday, Mayor Jane Porter said.\n"
    "Unnamed officials said the plan would cut bus services in the north of the city.\n"
    "Critics argue that the cuts will hurt the poorest residents.\n"
    "Crime fell by 12 percent last year.\n"
    "The council will meet again in March to review the spending plan and hear from residents."
)


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args) -> None:  # noqa: ANN002
        pass


@dataclass
class RunningApp:
    url: str
    stub: SlackStub
    settings: object
    services: object

    # --- signed requests -------------------------------------------------------------------
    def post(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: int | None = None,
        secret: str = SIGNING_SECRET,
        headers: dict | None = None,
    ) -> requests.Response:
        timestamp = int(time.time()) if timestamp is None else timestamp
        signature = SignatureVerifier(secret).generate_signature(timestamp=str(timestamp), body=body)
        all_headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": str(timestamp),
            "X-Slack-Signature": signature,
            **(headers or {}),
        }
        return requests.post(f"{self.url}/slack/events", data=body.encode(), headers=all_headers, timeout=30)

    def command(
        self, text: str, *, channel: str = "C1", user: str = "U1", team: str = TEAM_ID, **kw
    ) -> requests.Response:  # noqa: ANN003
        form = {
            "token": "legacy",
            "team_id": team,
            "team_domain": "stub",
            "channel_id": channel,
            "channel_name": "news",
            "user_id": user,
            "user_name": "reporter",
            "command": "/copydesk",
            "text": text,
            "response_url": self.stub.response_url(f"cmd-{channel}-{user}"),
            "trigger_id": "trig-1",
            "api_app_id": "A1",
        }
        return self.post(urlencode(form), "application/x-www-form-urlencoded", **kw)

    def event(
        self, event: dict, *, event_id: str, team: str = TEAM_ID, retry_num: int | None = None, **kw
    ) -> requests.Response:  # noqa: ANN003
        envelope = {
            "token": "legacy",
            "team_id": team,
            "api_app_id": "A1",
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": event,
            "authorizations": [{"team_id": team, "user_id": BOT_USER_ID, "is_bot": True}],
        }
        headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"} if retry_num else None
        return self.post(json.dumps(envelope), "application/json", headers=headers, **kw)

    def interaction(self, payload: dict, **kw) -> requests.Response:  # noqa: ANN003
        payload.setdefault("team", {"id": TEAM_ID, "domain": "stub"})
        payload.setdefault("api_app_id", "A1")
        payload.setdefault("token", "legacy")
        return self.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded", **kw)

    def click(
        self, action_id: str, value: str, *, channel: str = "C1", message_ts: str, user: str = "U2"
    ) -> requests.Response:
        return self.interaction(
            {
                "type": "block_actions",
                "user": {"id": user},
                "channel": {"id": channel},
                "container": {"type": "message", "channel_id": channel, "message_ts": message_ts},
                "message": {"ts": message_ts, "text": "report"},
                "trigger_id": "trig-2",
                "response_url": self.stub.response_url(f"act-{action_id}"),
                "actions": [{"action_id": action_id, "block_id": "b", "type": "button", "value": value}],
            }
        )

    def wait_until_idle(self, timeout: float = 60.0) -> None:
        """Wait until every reply the app started has finished."""
        assert self.services.wait_idle(timeout), "the app's work did not finish in time"


def install_workspace(app: RunningApp, team: str) -> None:
    """Install the app in `team` through the real OAuth flow (install page, state cookie, redirect)."""
    browser = requests.Session()
    page = browser.get(f"{app.url}/slack/install", timeout=10)
    assert page.status_code == 200
    state = re.search(r"state=([\w-]+)", page.text).group(1)
    assert "client_id=111.222" in page.text
    cookie = page.headers["Set-Cookie"].split(";", 1)[0]  # Secure: a browser on https sends it back
    done = browser.get(
        f"{app.url}/slack/oauth_redirect",
        params={"code": f"code-{team}", "state": state},
        headers={"Cookie": cookie},
        timeout=30,
    )
    assert done.status_code == 200, done.text


def oauth_settings(database_url: str, stub: SlackStub):  # noqa: ANN201
    """Settings for multi-workspace installs through OAuth, tokens encrypted at rest."""
    return make_settings(
        database_url,
        stub,
        slack_bot_token=None,
        slack_client_id="111.222",
        slack_client_secret="oauth-secret",
        encryption_key=Fernet.generate_key().decode(),
    )


def buttons(blocks: list, action_id: str) -> list[dict]:
    """The buttons with `action_id` in a message's blocks (section accessories and action rows)."""
    found = []
    for block in blocks:
        accessory = block.get("accessory") or {}
        if accessory.get("action_id") == action_id:
            found.append(accessory)
        found += [e for e in block.get("elements", []) if isinstance(e, dict) and e.get("action_id") == action_id]
    return found


def make_settings(database_url: str, stub: SlackStub, **overrides):  # noqa: ANN003, ANN201
    values = dict(
        database_url=database_url,
        slack_bot_token="xoxb-e2e",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=stub.api_url,
        fetch_allow_private=True,
        slack_client_id=None,
        slack_app_token=None,
        slack_analysis_in_processes=False,  # the session's loaded model; one test covers the process pool
    )
    values.update(overrides)
    return Settings(_env_file=None, **values)


@contextmanager
def serve_app(settings, stub: SlackStub):  # noqa: ANN001
    """Build the app from `settings` and serve it on a loopback port for the duration."""
    app, services = build_app(settings)
    server = make_server(
        "127.0.0.1", 0, make_wsgi_app(app, services), server_class=_ThreadingWSGIServer, handler_class=_QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    running = RunningApp(f"http://127.0.0.1:{server.server_port}", stub, settings, services)
    try:
        yield running
        running.wait_until_idle()
    finally:
        server.shutdown()
        server.server_close()
        services.worker.shutdown(wait=True)
        services.listener_pool.shutdown(wait=True)


# --- one payload, either transport ---------------------------------------------------------
# tests/support/slack_payloads.py builds payloads shaped like Slack's; these send one through the
# signed HTTP endpoint or as a Socket Mode envelope, and answer with what Slack would get back.


class HttpTransport:
    name = "http"

    def __init__(self, running: RunningApp):
        self.running, self.stub, self.services = running, running.stub, running.services

    def send(self, payload) -> int:  # noqa: ANN001
        """The HTTP status Slack would see."""
        return self.running.post(*http_body(payload)).status_code

    def wait_until_idle(self) -> None:
        self.running.wait_until_idle()


class SocketTransport:
    """The app in Socket Mode, connected to a WebSocket stub on loopback that plays Slack's side."""

    name = "socket"

    def __init__(self, services, stub: SlackStub, to_send, acks):  # noqa: ANN001
        self.services, self.stub, self._to_send, self._acks = services, stub, to_send, acks

    def send(self, payload, timeout: float = 10.0) -> int:  # noqa: ANN001
        """200 once the app acknowledges the envelope; 0 if it never does (Slack then retries or fails)."""
        envelope = socket_envelope(payload)
        self._to_send.put(envelope)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._acks["lock"]:
                if envelope["envelope_id"] in self._acks["ids"]:
                    return 200
            time.sleep(0.02)
        return 0

    def wait_until_idle(self) -> None:
        assert self.services.wait_idle(60), "the app's work did not finish in time"


@contextmanager
def socket_mode_app(settings, stub: SlackStub):  # noqa: ANN001
    """The app connected over Socket Mode to a local WebSocket server; yields a SocketTransport."""
    to_send: queue.Queue = queue.Queue()
    acks = {"lock": threading.Lock(), "ids": set()}

    def session(connection) -> None:  # noqa: ANN001
        connection.send(json.dumps({"type": "hello", "num_connections": 1}))

        def forward() -> None:
            while (envelope := to_send.get()) is not None:
                connection.send(json.dumps(envelope))

        threading.Thread(target=forward, daemon=True).start()
        for message in connection:  # acks come back on the same socket
            with acks["lock"]:
                acks["ids"].add(json.loads(message).get("envelope_id"))

    server = serve(session, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stub.socket_url = f"ws://127.0.0.1:{server.socket.getsockname()[1]}/link"
    app, services = build_app(settings, socket_mode=True)
    handler = SocketModeHandler(app, settings.slack_app_token)
    handler.connect()
    try:
        yield SocketTransport(services, stub, to_send, acks)
        services.wait_idle(60)
    finally:
        to_send.put(None)
        handler.close()
        server.shutdown()
        services.worker.shutdown(wait=True)
        services.listener_pool.shutdown(wait=True)

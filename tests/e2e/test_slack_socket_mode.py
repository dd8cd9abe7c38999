"""Socket Mode: apps.connections.open returns a local WebSocket stub's URL; the stub delivers an
app_mention envelope and checks the app acknowledges it and replies in the thread."""

from __future__ import annotations

import json
import queue
import threading

import pytest

from copydesk_tools.stub_server import BOT_USER_ID, TEAM_ID
from tests.support.slack_app import ARTICLE, make_settings

websockets_sync = pytest.importorskip("websockets.sync.server")


@pytest.fixture
def socket_stub(slack_stub):
    received: queue.Queue = queue.Queue()
    to_send: queue.Queue = queue.Queue()

    def session(connection) -> None:  # noqa: ANN001
        connection.send(json.dumps({"type": "hello", "num_connections": 1}))
        envelope = to_send.get(timeout=60)
        connection.send(json.dumps(envelope))
        for message in connection:  # acks come back on the same socket
            received.put(json.loads(message))

    server = websockets_sync.serve(session, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    slack_stub.socket_url = f"ws://127.0.0.1:{server.socket.getsockname()[1]}/link"
    yield to_send, received
    server.shutdown()


def test_socket_mode_acks_an_app_mention_and_replies_in_its_thread(database_url, slack_stub, socket_stub, warm_model):
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.app import build_app

    to_send, received = socket_stub
    settings = make_settings(database_url, slack_stub, slack_signing_secret=None, slack_app_token="xapp-e2e")
    app, services = build_app(settings, socket_mode=True)
    handler = SocketModeHandler(app, settings.slack_app_token)
    event = {
        "type": "app_mention",
        "user": "U1",
        "text": f"<@{BOT_USER_ID}> {ARTICLE}",
        "ts": "1699999999.002000",
        "channel": "C1",
        "event_ts": "1699999999.002000",
    }
    to_send.put(
        {
            "envelope_id": "env-1",
            "type": "events_api",
            "accepts_response_payload": False,
            "retry_attempt": 0,
            "payload": {
                "team_id": TEAM_ID,
                "api_app_id": "A1",
                "type": "event_callback",
                "event_id": "EvSock",
                "event_time": 1,
                "event": event,
            },
        }
    )
    handler.connect()
    try:
        ack = received.get(timeout=30)
        assert ack["envelope_id"] == "env-1"
        assert slack_stub.wait_for(lambda s: any(c.params.get("blocks") for c in s.calls_to("chat.update")), 60)
        services.wait_idle()
        (opened,) = slack_stub.calls_to("apps.connections.open")
        assert opened.params["_token"] == "xapp-e2e"
        (placeholder,) = slack_stub.calls_to("chat.postMessage")
        assert placeholder.params["thread_ts"] == "1699999999.002000"
    finally:
        handler.close()
        services.worker.shutdown(wait=True)

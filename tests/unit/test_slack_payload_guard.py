"""The malformed-payload guard accepts every shape Slack sends and still refuses what Bolt trips over."""

from __future__ import annotations

import pytest

from bot.slack.payload import parse_body, well_formed, workspace_of
from tests.support import slack_payloads as p

URL = "http://127.0.0.1:1/response"


def _every_shape(ws: p.Workspace) -> dict[str, p.Payload]:
    return {
        "slash_command": p.slash_command("analyze x", response_url=URL, ws=ws),
        "app_mention": p.app_mention("<@U> x", ts="1.1", ws=ws),
        "message": p.message("x", ts="1.2", ws=ws),
        "bot_message": p.bot_message("x", ts="1.3", ws=ws),
        "message_changed": p.message_changed("x", ts="1.4", edited_ts="1.5", ws=ws),
        "thread_broadcast": p.thread_broadcast("x", ts="1.6", thread_ts="1.0", ws=ws),
        "file_share": p.file_share("x", ts="1.7", ws=ws),
        "app_home_opened": p.app_home_opened(ws=ws),
        "url_verification": p.url_verification("c"),
        "app_uninstalled": p.app_uninstalled(ws=ws),
        "tokens_revoked": p.tokens_revoked(bot=["U"], ws=ws),
        "block_actions_message": p.block_actions_in_message(
            "mark_checked", "1:2", message_ts="1.8", response_url=URL, ws=ws
        ),
        "block_actions_view": p.block_actions_in_view("mark_checked", "1:2", ws=ws),
        "message_action": p.message_action("x", message_ts="1.9", response_url=URL, ws=ws),
        "view_submission": p.view_submission(ws=ws),
        "view_closed": p.view_closed(ws=ws),
    }


SHAPES = [(f"{ws_name}-{name}", payload) for ws_name, ws in (("workspace", p.ORDINARY), ("grid-org", p.GRID_ORG_INSTALL))
          for name, payload in _every_shape(ws).items()]  # fmt: skip


@pytest.mark.parametrize("payload", [s[1] for s in SHAPES], ids=[s[0] for s in SHAPES])
def test_every_payload_slack_sends_passes_the_guard_as_the_endpoint_parses_it(payload):
    body, content_type = p.http_body(payload)
    assert well_formed(parse_body(body.encode(), content_type))


@pytest.mark.parametrize(
    "body",
    [
        [],
        "text",
        {"type": "block_actions", "actions": "x"},
        {"type": "block_actions", "actions": []},
        {"type": "block_actions", "actions": [1]},
        {"type": "event_callback", "event": None},
        {"type": "event_callback", "event": "app_mention"},
        {"type": "view_submission", "view": None},
        {"type": "block_actions", "actions": [{}], "team": ["T1"]},
        {"type": "block_actions", "actions": [{}], "user": "U1"},
        {"type": "event_callback", "event": {"type": "x"}, "authorizations": [None]},
    ],
)
def test_bodies_bolt_would_trip_over_are_refused(body):
    assert not well_formed(body)


def test_the_workspace_is_the_authorized_one_else_the_requests_own():
    connect = p.app_mention("x", ts="1.1", ws=p.Workspace(team_id="TOTHER"), authorized_team="TOURS").body
    assert workspace_of({"team_id": "TOURS"}, connect) == "TOURS"
    org_click = p.block_actions_in_view("a", "v", ws=p.GRID_ORG_INSTALL).body
    assert org_click["team"] is None
    assert workspace_of({"team_id": None, "enterprise_id": p.ENTERPRISE_ID}, org_click) == p.GRID_ORG_INSTALL.team_id

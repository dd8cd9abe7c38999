"""Payloads shaped like the ones Slack really sends, for every surface Copydesk answers.

Written from Slack's reference pages (api.slack.com/reference/interaction-payloads, the Events API
event pages, the slash-command guide) and from the shapes Slack's own SDKs declare and capture in
their tests: the fields a real payload carries are all here, including the ones that are `null`
in an ordinary workspace (`"enterprise": null`, `authorizations[].enterprise_id: null`) and the
Enterprise Grid org-install variant (`"team": null`, `enterprise` an object). Nothing is copied;
ids and texts are our own.

Each builder returns a `Payload`: what kind of request it is ("command", "event" or
"interactive") and its body. `send_http` and `socket_envelope` turn one into a signed HTTP
request or a Socket Mode envelope, so one fixture runs through both transports.
"""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from copydesk_tools.stub_server import BOT_ID, BOT_USER_ID, TEAM_ID

APP_ID = "A0COPYDESK"
ENTERPRISE_ID = "E0GRID"
ENTERPRISE = {"id": ENTERPRISE_ID, "name": "Grid Newsroom"}
_ids = itertools.count(1)


@dataclass(frozen=True)
class Workspace:
    """Who a payload comes from: an ordinary workspace, or a workspace of an Enterprise Grid org install."""

    team_id: str = TEAM_ID
    domain: str = "stub"
    enterprise: dict | None = None  # the org object on Grid, null elsewhere
    org_install: bool = False  # installed at org level: interaction payloads carry "team": null

    @property
    def enterprise_id(self) -> str | None:
        return self.enterprise["id"] if self.enterprise else None


ORDINARY = Workspace()
GRID_ORG_INSTALL = Workspace(enterprise=ENTERPRISE, org_install=True)


@dataclass
class Payload:
    kind: str  # "command" | "event" | "interactive"
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


def _event_id() -> str:
    return f"Ev0{next(_ids):08d}"


def _trigger_id() -> str:
    return f"{next(_ids)}.{int(time.time())}.0f4e2b6b7c9d"


def _team_object(ws: Workspace) -> dict | None:
    return None if ws.org_install else {"id": ws.team_id, "domain": ws.domain}


def _user_object(ws: Workspace, user: str) -> dict:
    return {
        "id": user,
        "username": f"reporter.{user.lower()}",
        "name": f"reporter.{user.lower()}",
        "team_id": ws.team_id,
    }


def _interaction_common(ws: Workspace, user: str) -> dict:
    return {
        "user": _user_object(ws, user),
        "api_app_id": APP_ID,
        "token": "verification-token-unused",
        "team": _team_object(ws),
        "enterprise": ws.enterprise,
        "is_enterprise_install": ws.org_install,
    }


def _rich_text(text: str) -> list[dict]:
    # Messages typed in a Slack client carry their text again as rich_text blocks.
    return [
        {
            "type": "rich_text",
            "block_id": "rt1",
            "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": text[:200]}]}],
        }
    ]


# --- slash command ---------------------------------------------------------------------------


def slash_command(text: str, *, response_url: str, channel: str = "C1", user: str = "U1", ws: Workspace = ORDINARY):
    form = {
        "token": "verification-token-unused",
        "team_id": ws.team_id,
        "team_domain": ws.domain,
        "channel_id": channel,
        "channel_name": "news-desk",
        "user_id": user,
        "user_name": f"reporter.{user.lower()}",
        "command": "/copydesk",
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "true" if ws.org_install else "false",
        "response_url": response_url,
        "trigger_id": _trigger_id(),
    }
    if ws.enterprise:
        form |= {"enterprise_id": ws.enterprise_id, "enterprise_name": ws.enterprise["name"]}
    return Payload("command", form)


# --- Events API ------------------------------------------------------------------------------


def event_callback(
    event: dict, *, ws: Workspace = ORDINARY, authorized_team: str | None = None, ext_shared: bool = False
) -> Payload:
    """The Events API envelope. `authorized_team` differs from the envelope's team in a Slack
    Connect channel: the event happened in the other workspace, Copydesk is installed in this one."""
    authorized = authorized_team or ws.team_id
    return Payload(
        "event",
        {
            "token": "verification-token-unused",
            "team_id": ws.team_id,
            "context_team_id": ws.team_id,
            "context_enterprise_id": ws.enterprise_id,
            "api_app_id": APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": _event_id(),
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": ws.enterprise_id,
                    "team_id": None if ws.org_install else authorized,  # an org install is the org's
                    "user_id": BOT_USER_ID,
                    "is_bot": True,
                    "is_enterprise_install": ws.org_install,
                }
            ],
            "is_ext_shared_channel": ext_shared,
            "event_context": f"4-eyJldCI6Im1lc3NhZ2UiLCJ0aWQiOiJ{next(_ids)}In0",
        },
    )


def _message_fields(text: str, ts: str, channel: str, user: str, ws: Workspace) -> dict:
    return {
        "user": user,
        "type": "message",
        "ts": ts,
        "client_msg_id": f"5f0c{next(_ids):04d}-7a0b-4c5e-9d1e-0a9b8c7d6e5f",
        "text": text,
        "team": ws.team_id,
        "blocks": _rich_text(text),
        "channel": channel,
        "event_ts": ts,
    }


def app_mention(text: str, *, ts: str, channel: str = "C1", user: str = "U1", thread_ts: str | None = None,
                ws: Workspace = ORDINARY, **envelope) -> Payload:  # fmt: skip
    event = _message_fields(text, ts, channel, user, ws) | {"type": "app_mention"}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event_callback(event, ws=ws, **envelope)


def message(text: str, *, ts: str, channel: str = "C1", user: str = "U1", ws: Workspace = ORDINARY, **envelope):
    """A plain message a person posted in a channel (message.channels)."""
    return event_callback(_message_fields(text, ts, channel, user, ws) | {"channel_type": "channel"}, ws=ws, **envelope)


def thread_broadcast(text: str, *, ts: str, thread_ts: str, channel: str = "C1", user: str = "U1",
                     ws: Workspace = ORDINARY) -> Payload:  # fmt: skip
    """A thread reply also sent to the channel ("Also send to #channel")."""
    event = _message_fields(text, ts, channel, user, ws) | {
        "subtype": "thread_broadcast",
        "thread_ts": thread_ts,
        "root": {"type": "message", "user": "U9", "text": "root", "ts": thread_ts, "thread_ts": thread_ts},
        "channel_type": "channel",
    }
    return event_callback(event, ws=ws)


def file_share(text: str, *, ts: str, channel: str = "C1", user: str = "U1", ws: Workspace = ORDINARY) -> Payload:
    """A message with an uploaded file; its text is the comment typed with it."""
    event = _message_fields(text, ts, channel, user, ws) | {
        "subtype": "file_share",
        "upload": False,
        "display_as_bot": False,
        "files": [
            {
                "id": f"F0{next(_ids):08d}",
                "created": int(time.time()),
                "name": "notes.txt",
                "title": "notes.txt",
                "mimetype": "text/plain",
                "filetype": "text",
                "user": user,
                "user_team": ws.team_id,
                "mode": "hosted",
                "is_external": False,
                "is_public": True,
                "size": 120,
            }
        ],
        "channel_type": "channel",
    }
    return event_callback(event, ws=ws)


def bot_message(text: str, *, ts: str, channel: str = "C1", ws: Workspace = ORDINARY) -> Payload:
    """Another app's post (an RSS app, a bot): no `user`, a `bot_id`."""
    event = {
        "type": "message",
        "subtype": "bot_message",
        "text": text,
        "ts": ts,
        "username": "Wire Feed",
        "bot_id": "B0WIREFEED",
        "app_id": "A0WIREFEED",
        "channel": channel,
        "event_ts": ts,
        "channel_type": "channel",
    }
    return event_callback(event, ws=ws)


def message_changed(text: str, *, ts: str, edited_ts: str, channel: str = "C1", user: str = "U1",
                    ws: Workspace = ORDINARY) -> Payload:  # fmt: skip
    """An edit: the new message is nested, the envelope has no `user` and no `text`."""
    new = _message_fields(text, ts, channel, user, ws) | {"edited": {"user": user, "ts": edited_ts}}
    old = _message_fields("draft", ts, channel, user, ws)
    for nested in (new, old):
        nested.pop("channel"), nested.pop("event_ts")
    event = {
        "type": "message",
        "subtype": "message_changed",
        "message": new,
        "previous_message": old,
        "channel": channel,
        "hidden": True,
        "ts": edited_ts,
        "event_ts": edited_ts,
        "channel_type": "channel",
    }
    return event_callback(event, ws=ws)


def app_home_opened(*, user: str = "U1", ws: Workspace = ORDINARY, **envelope) -> Payload:
    event = {
        "type": "app_home_opened",
        "user": user,
        "channel": "D0HOME",
        "tab": "home",
        "view": {"id": "V0HOME", "team_id": ws.team_id, "type": "home", "blocks": [], "private_metadata": "",
                 "callback_id": "", "state": {"values": {}}, "hash": "1700000000.abc", "title": None,
                 "clear_on_close": False, "notify_on_close": False, "close": None, "submit": None,
                 "previous_view_id": None, "root_view_id": "V0HOME", "app_id": APP_ID, "external_id": "",
                 "app_installed_team_id": ws.team_id, "bot_id": BOT_ID},
        "event_ts": f"{time.time():.6f}",
    }  # fmt: skip
    return event_callback(event, ws=ws, **envelope)


def url_verification(challenge: str) -> Payload:
    return Payload("event", {"token": "verification-token-unused", "challenge": challenge, "type": "url_verification"})


def app_uninstalled(*, ws: Workspace = ORDINARY) -> Payload:
    return event_callback({"type": "app_uninstalled"}, ws=ws)


def tokens_revoked(*, bot: list[str] | None = None, oauth: list[str] | None = None, ws: Workspace = ORDINARY):
    return event_callback({"type": "tokens_revoked", "tokens": {"oauth": oauth or [], "bot": bot or []}}, ws=ws)


# --- interactivity ---------------------------------------------------------------------------


def block_actions_in_message(action_id: str, value: str, *, message_ts: str, response_url: str,
                             channel: str = "C1", user: str = "U2", ws: Workspace = ORDINARY,
                             text: str = "report") -> Payload:  # fmt: skip
    """A button clicked in a message the bot posted."""
    body = _interaction_common(ws, user) | {
        "type": "block_actions",
        "container": {"type": "message", "message_ts": message_ts, "channel_id": channel, "is_ephemeral": False},
        "trigger_id": _trigger_id(),
        "channel": {"id": channel, "name": "news-desk"},
        "message": {
            "bot_id": BOT_ID,
            "type": "message",
            "text": text,
            "user": BOT_USER_ID,
            "ts": message_ts,
            "app_id": APP_ID,
            "blocks": [],
            "team": ws.team_id,
        },
        "state": {"values": {}},
        "response_url": response_url,
        "actions": [
            {
                "action_id": action_id,
                "block_id": "b0",
                "text": {"type": "plain_text", "text": action_id, "emoji": True},
                "value": value,
                "type": "button",
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }
    return Payload("interactive", body)


def _view(ws: Workspace, *, callback_id: str = "", state: dict | None = None) -> dict:
    return {
        "id": f"V0{next(_ids):08d}",
        "team_id": ws.team_id,
        "type": "modal",
        "blocks": [],
        "private_metadata": "",
        "callback_id": callback_id,
        "state": {"values": state or {}},
        "hash": f"{int(time.time())}.xyz",
        "title": {"type": "plain_text", "text": "All sentences", "emoji": True},
        "clear_on_close": False,
        "notify_on_close": False,
        "close": {"type": "plain_text", "text": "Close", "emoji": True},
        "submit": None,
        "previous_view_id": None,
        "root_view_id": None,
        "app_id": APP_ID,
        "external_id": "",
        "app_installed_team_id": ws.team_id,
        "bot_id": BOT_ID,
    }


def block_actions_in_view(action_id: str, value: str, *, user: str = "U2", ws: Workspace = ORDINARY) -> Payload:
    """A button clicked in a modal: no channel, no message, no response_url."""
    view = _view(ws)
    body = _interaction_common(ws, user) | {
        "type": "block_actions",
        "container": {"type": "view", "view_id": view["id"]},
        "trigger_id": _trigger_id(),
        "view": view,
        "actions": [
            {"action_id": action_id, "block_id": "b0", "value": value, "type": "button",
             "text": {"type": "plain_text", "text": action_id}, "action_ts": f"{time.time():.6f}"}
        ],
    }  # fmt: skip
    return Payload("interactive", body)


def message_action(text: str, *, message_ts: str, response_url: str, channel: str = "C1", user: str = "U1",
                   author: str = "UAUTHOR", callback_id: str = "analyze_message",
                   ws: Workspace = ORDINARY) -> Payload:  # fmt: skip
    """The message shortcut ("Analyze with Copydesk")."""
    body = _interaction_common(ws, user) | {
        "type": "message_action",
        "callback_id": callback_id,
        "trigger_id": _trigger_id(),
        "action_ts": f"{time.time():.6f}",
        "message_ts": message_ts,
        "channel": {"id": channel, "name": "news-desk"},
        "message": {
            "type": "message",
            "user": author,
            "text": text,
            "ts": message_ts,
            "client_msg_id": f"9a8b{next(_ids):04d}-1c2d-4e3f-8a9b-0c1d2e3f4a5b",
            "team": ws.team_id,
            "blocks": _rich_text(text),
        },
        "response_url": response_url,
    }
    return Payload("interactive", body)


def view_submission(*, callback_id: str = "copydesk_modal", user: str = "U2", ws: Workspace = ORDINARY) -> Payload:
    state = {"b0": {"note": {"type": "plain_text_input", "value": "checked with the council press office"}}}
    body = _interaction_common(ws, user) | {
        "type": "view_submission",
        "trigger_id": _trigger_id(),
        "view": _view(ws, callback_id=callback_id, state=state),
        "response_urls": [],
    }
    return Payload("interactive", body)


def view_closed(*, callback_id: str = "copydesk_modal", user: str = "U2", ws: Workspace = ORDINARY) -> Payload:
    body = _interaction_common(ws, user) | {
        "type": "view_closed",
        "view": _view(ws, callback_id=callback_id),
        "is_cleared": False,
    }
    return Payload("interactive", body)


# --- transports ------------------------------------------------------------------------------


def http_body(payload: Payload) -> tuple[str, str]:
    """(body, content type) exactly as Slack posts it to the request URL."""
    if payload.kind == "event":
        return json.dumps(payload.body), "application/json"
    if payload.kind == "command":
        return urlencode(payload.body), "application/x-www-form-urlencoded"
    return urlencode({"payload": json.dumps(payload.body)}), "application/x-www-form-urlencoded"


_SOCKET_TYPES = {"event": "events_api", "command": "slash_commands", "interactive": "interactive"}


def socket_envelope(payload: Payload) -> dict:
    """The Socket Mode envelope Slack sends for the same payload."""
    envelope = {
        "envelope_id": f"env-{next(_ids)}",
        "payload": payload.body,
        "type": _SOCKET_TYPES[payload.kind],
        "accepts_response_payload": payload.kind != "event",
    }
    if payload.kind == "event":
        envelope["retry_attempt"], envelope["retry_reason"] = 0, ""
    return envelope

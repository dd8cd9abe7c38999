"""Reading fields out of Slack payloads that may be malformed: a wrong type is a missing value."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

from slack_bolt.response import BoltResponse


def string(value: Any, max_len: int = 64) -> str | None:
    """`value` if it is a non-empty string of at most `max_len` characters, else None."""
    return value if isinstance(value, str) and value and len(value) <= max_len else None


def text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def nested_id(container: Any, key: str) -> str | None:
    """body["team"]["id"]-style lookups that tolerate any shape."""
    return string(mapping(mapping(container).get(key)).get("id"))


def workspace_of(context: Any, body: Any) -> str:
    """The workspace whose data a request reads and writes, and whose token answers it.

    Bolt's context: the authorized workspace (authorizations[0] for events, which differs from
    the envelope's team_id in a Slack Connect channel; the interaction's team, else its user's).
    An org-wide Enterprise Grid install authorizes the org with no workspace; the envelope's
    team_id (or the user's team) is then the workspace the request came from.
    """
    body = mapping(body)
    return (
        string(mapping(context).get("team_id"))
        or string(body.get("team_id"))
        or nested_id(body, "team")
        or string(mapping(body.get("user")).get("team_id"))
        or ""
    )


# What Slack really sends, and what Bolt's own matchers need. Slack sends `null` for an absent
# object in ordinary payloads ("enterprise": null; "team": null on org-wide installs;
# authorizations[].enterprise_id: null), so null is always an absent object; a wrong type is not.
_OBJECT_KEYS = ("event", "view", "message", "channel", "user", "container")
_OBJECT_OR_ID_KEYS = ("team", "enterprise")  # Bolt also reads a bare id string here
_LIST_OF_OBJECT_KEYS = ("actions", "authorizations")
# Keys Bolt dereferences without checking, for the payload types that carry them.
_REQUIRED_OBJECTS = {"event_callback": "event", "view_submission": "view", "view_closed": "view"}
_REQUIRED_LISTS = {"block_actions": "actions"}


def _object_or_null(value: Any) -> bool:
    return value is None or isinstance(value, dict)


def _objects_or_null(value: Any) -> bool:
    return value is None or (isinstance(value, list) and all(isinstance(v, dict) for v in value))


def well_formed(body: Any) -> bool:
    """False for a payload no Slack client would send (it would trip Bolt's own parsing)."""
    if not isinstance(body, dict):
        return False
    if not all(_object_or_null(body.get(key)) for key in _OBJECT_KEYS):
        return False
    if not all(_object_or_null(body.get(key)) or isinstance(body[key], str) for key in _OBJECT_OR_ID_KEYS):
        return False
    if not all(_objects_or_null(body.get(key)) for key in _LIST_OF_OBJECT_KEYS):
        return False
    kind = body.get("type") if isinstance(body.get("type"), str) else None
    required_object = _REQUIRED_OBJECTS.get(kind)
    if required_object and not isinstance(body.get(required_object), dict):
        return False
    required_list = _REQUIRED_LISTS.get(kind)
    return not required_list or bool(body.get(required_list))


def reject_malformed(req, resp, next):  # noqa: ANN001, ANN201, A002
    """Bolt global middleware: a malformed (but correctly signed) payload gets 400, not a 500."""
    if not well_formed(req.body):
        return BoltResponse(status=400, body="malformed payload")
    return next()


def parse_body(raw: bytes, content_type: str) -> Any:
    """The payload Bolt will see: JSON for events, the `payload` field for interactions, else the form."""
    text_body = raw.decode("utf-8", "replace")
    try:
        if "json" in content_type:
            return json.loads(text_body or "{}")
        form = parse_qs(text_body, keep_blank_values=True)
        if "payload" in form:
            return json.loads(form["payload"][0])
        return {key: values[0] for key, values in form.items()}
    except ValueError:
        return None

"""Reading fields out of Slack payloads that may be malformed: a wrong type is a missing value."""

from __future__ import annotations

from typing import Any


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


# Keys whose value must be an object when present, and keys that must be a list of objects.
_OBJECT_KEYS = ("event", "view", "message", "channel", "user", "team", "container", "enterprise")
_LIST_OF_OBJECT_KEYS = ("actions", "authorizations")


def well_formed(body: Any) -> bool:
    """False for a payload no Slack client would send (it would trip Bolt's own parsing)."""
    if not isinstance(body, dict):
        return False
    # `null` is an absent object: Slack sends "enterprise": null from every ordinary workspace.
    if any(body.get(key) is not None and not isinstance(body[key], dict) for key in _OBJECT_KEYS):
        return False
    for key in _LIST_OF_OBJECT_KEYS:
        if key in body and not (isinstance(body[key], list) and all(isinstance(v, dict) for v in body[key])):
            return False
    return True


def reject_malformed(req, resp, next):  # noqa: ANN001, ANN201, A002
    """Bolt global middleware: a malformed (but correctly signed) payload gets 400, not a 500."""
    from slack_bolt.response import BoltResponse

    if not well_formed(req.body):
        return BoltResponse(status=400, body="malformed payload")
    return next()


def parse_body(raw: bytes, content_type: str) -> Any:
    """The payload Bolt will see: JSON for events, the `payload` field for interactions, else the form."""
    import json
    from urllib.parse import parse_qs

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

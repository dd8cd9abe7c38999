"""What a report's buttons carry: encoded here when the blocks are built, decoded here when clicked.

A clicked value comes back from Slack untrusted (a client can send anything), so decoding never
raises: a value that is not ours reads as no report.
"""

from __future__ import annotations

from typing import Any

from bot.slack import payload

MAX_VALUE = 200  # longer than any value we send; a longer one is forged
_MAX_ID_DIGITS = 11  # a forged huge id is simply unknown


def report_value(report_id: int) -> str:
    """Track this story, All sentences, Re-analyze: the report."""
    return str(report_id)


def claim_value(report_id: int, sentence: int) -> str:
    """Mark checked: the report and the claim's sentence index."""
    return f"{report_id}:{sentence}"


def clicked_value(body: Any) -> str:
    """The value of the clicked button in a block_actions payload, or ''."""
    actions = payload.mapping(body).get("actions")
    first = payload.mapping(actions[0]) if isinstance(actions, list) and actions else {}
    return payload.string(first.get("value"), MAX_VALUE) or ""


def report_id_of(value: str) -> int | None:
    head = value.split(":", 1)[0]
    return int(head) if head.isdigit() and len(head) <= _MAX_ID_DIGITS else None


def sentence_of(value: str) -> int | None:
    """The sentence index of a claim_value, or None."""
    sentence = value.split(":", 1)[1] if ":" in value else ""
    return int(sentence) if sentence.isdigit() else None

"""Modal submissions and closes: acknowledged, so Slack never shows the person an error.

Copydesk's own modal (All sentences) is read-only and asks for no close notice, but Slack still
delivers a view_submission or view_closed for any modal of the app (an older view kept open
across a deploy, a client that submits anyway); unanswered, Slack shows "We had some trouble
connecting" inside the modal. An empty ack closes it.
"""

from __future__ import annotations

import re

from slack_bolt import App

ANY_CALLBACK = re.compile(".*")


def register(app: App) -> None:
    app.view_submission(ANY_CALLBACK)(acknowledge)
    app.view_closed(ANY_CALLBACK)(acknowledge)


def acknowledge(ack) -> None:  # noqa: ANN001
    ack()

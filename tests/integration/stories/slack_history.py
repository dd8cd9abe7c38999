"""The Slack engineer's Web API stub (its conversations.history lists what the bot posted), plus a
helper that picks out the digests."""

from __future__ import annotations

from copydesk_tools.stub_server import SlackStub


class HistorySlackStub(SlackStub):
    def digests_posted(self, channel: str | None = None) -> list[dict]:
        return [
            call.params
            for call in self.calls_to("chat.postMessage")
            if (call.params.get("metadata") or {}).get("event_type") == "copydesk_digest"
            and (channel is None or call.params.get("channel") == channel)
        ]

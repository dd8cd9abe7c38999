"""The Slack engineer's Web API stub, plus conversations.history over what the bot posted (with metadata)."""

from __future__ import annotations

from bot.slack.stub_server import SlackStub


class HistorySlackStub(SlackStub):
    def _success(self, method, params):
        if method == "conversations.history":
            with self._changed:
                posted = [c.params for c in self.calls if c.method == "chat.postMessage" and c.status == 200]
            messages = [
                {
                    "type": "message",
                    "ts": p["_ts"],
                    "text": p.get("text", ""),
                    **({"metadata": p["metadata"]} if p.get("metadata") else {}),
                }
                for p in reversed(posted)
                if p.get("channel") == params.get("channel") and not p.get("thread_ts")
            ]
            return {"ok": True, "messages": messages, "has_more": False}
        return super()._success(method, params)

    def digests_posted(self, channel: str | None = None) -> list[dict]:
        return [
            call.params
            for call in self.calls_to("chat.postMessage")
            if (call.params.get("metadata") or {}).get("event_type") == "copydesk_digest"
            and (channel is None or call.params.get("channel") == channel)
        ]

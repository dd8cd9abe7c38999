"""`copydesk bench slack`: the Slack app's ack latency and time to report, against the Web API stub.

Runs `copydesk serve --http` (gunicorn, the production path) in a subprocess pointed at the stub
on loopback, then sends signed slash commands carrying a 1,000-word article:
- a burst of 50 at once: ack latency p50/p99 (Slack allows 3,000 ms; target p99 < 300 ms) and
  the time from each command to its final report message (queueing included);
- one at a time: the time from command to final report for a lone request (target p50 < 1.5 s).
A report is "final" when the stub receives the chat.update carrying its blocks.
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import requests
from slack_sdk.signature import SignatureVerifier

from copydesk_tools.serve_process import start_serve_http
from copydesk_tools.stub_server import TEAM_ID, SlackStub

SEED = Path(__file__).resolve().parents[3] / "seeds" / "000_80fdf597179271c2.txt"
SECRET = "bench-signing-secret"
ARTICLE_WORDS = 1000


def article(words: int = ARTICLE_WORDS) -> str:
    """A news article of about `words` words, built from the sample article's paragraphs."""
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n") if p.strip()]
    out: list[str] = []
    count = 0
    while count < words:
        for paragraph in paragraphs:
            out.append(paragraph)
            count += len(paragraph.split())
            if count >= words:
                break
    return "\n".join(out)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


class _Client:
    def __init__(self, url: str, stub: SlackStub):
        self.url, self.stub = url, stub
        self.session = requests.Session()

    def command(self, text: str, channel: str) -> tuple[float, float]:
        """Send one signed /copydesk command; (monotonic send time, ack latency in ms)."""
        body = urlencode(
            {
                "team_id": TEAM_ID,
                "channel_id": channel,
                "user_id": "UBENCH",
                "command": "/copydesk",
                "text": text,
                "response_url": self.stub.response_url(channel),
                "trigger_id": "t",
            }
        )
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=timestamp, body=body),
        }
        sent = time.monotonic()
        response = requests.post(f"{self.url}/slack/events", data=body.encode(), headers=headers, timeout=30)
        latency = (time.monotonic() - sent) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"command answered {response.status_code}")
        return sent, latency


def _report_times(stub: SlackStub, sent: dict[str, float]) -> dict[str, float]:
    """Per channel: ms from sending the command to the chat.update that carried the report."""
    done: dict[str, float] = {}
    for call in stub.calls_to("chat.update"):
        channel = call.params.get("channel")
        if channel in sent and call.params.get("blocks") and channel not in done:
            done[channel] = (call.at - sent[channel]) * 1000
    return done


def _start_server(stub: SlackStub, workdir: str) -> tuple[subprocess.Popen, str]:
    settings = {
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": SECRET,
        "COPYDESK_SLACK_API_URL": stub.api_url,
        "COPYDESK_DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
        "COPYDESK_LOG_LEVEL": "WARNING",
    }
    return start_serve_http(settings, workdir)


def _wait_reports(stub: SlackStub, sent: dict[str, float], timeout: float) -> dict[str, float]:
    stub.wait_for(lambda s: len(_report_times(s, sent)) == len(sent), timeout)
    return _report_times(stub, sent)


def run(quick: bool = False) -> int:
    burst, lone = (10, 3) if quick else (50, 10)
    text = article()
    stub = SlackStub().start()
    with tempfile.TemporaryDirectory(prefix="copydesk-bench-") as workdir:
        process, url = _start_server(stub, workdir)
        try:
            client = _Client(url, stub)
            client.command(f"analyze Warm-up.\n{text}", "CWARM")  # first-request costs out of the figures
            _wait_reports(stub, {"CWARM": time.monotonic()}, 120)

            sent: dict[str, float] = {}
            acks: list[float] = []
            gate = threading.Barrier(burst)

            def fire(i: int) -> None:
                gate.wait()
                channel = f"CBURST{i}"
                at, latency = client.command(f"analyze Bulletin {i}.\n{text}", channel)
                sent[channel] = at
                acks.append(latency)

            threads = [threading.Thread(target=fire, args=(i,)) for i in range(burst)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            burst_reports = list(_wait_reports(stub, sent, 600).values())

            lone_reports: list[float] = []
            for i in range(lone):
                channel = f"CLONE{i}"
                at, _latency = client.command(f"analyze Edition {i}.\n{text}", channel)
                lone_reports += list(_wait_reports(stub, {channel: at}, 120).values())
        finally:
            process.terminate()
            process.wait(timeout=30)
            stub.stop()

    words = len(text.split())
    print(
        "copydesk bench slack: `copydesk serve --http` (gunicorn) against the Web API stub on loopback; "
        f"{words}-word article"
    )
    print(
        f"  ack latency, {burst} concurrent signed slash commands: p50 {_percentile(acks, 50):.0f} ms, "
        f"p99 {_percentile(acks, 99):.0f} ms, max {max(acks):.0f} ms  (target p99 < 300 ms)"
    )
    print(
        "  command -> final report, same burst (queued behind each other): "
        f"p50 {_percentile(burst_reports, 50):.0f} ms, "
        f"p99 {_percentile(burst_reports, 99):.0f} ms  ({len(burst_reports)}/{burst} reports)"
    )
    print(
        f"  command -> final report, one at a time (n={lone}): p50 {statistics.median(lone_reports):.0f} ms, "
        f"max {max(lone_reports):.0f} ms  (target p50 < 1.5 s)"
    )
    print(f"  Slack Web API calls recorded by the stub: {len(stub.calls)}")
    return 0 if len(burst_reports) == burst and len(lone_reports) == lone else 1

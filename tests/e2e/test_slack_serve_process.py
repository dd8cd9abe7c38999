"""`copydesk serve --http` as a real process (gunicorn): routes answer, a signed command is served."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import requests
from conftest import ARTICLE, SIGNING_SECRET, RunningApp

from bot.benchmarks.slack import _free_port


@pytest.mark.slow
def test_copydesk_serve_http_end_to_end(database_url, slack_stub, tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-proc",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "COPYDESK_SLACK_API_URL": slack_stub.api_url,
        "COPYDESK_DATABASE_URL": database_url,
        "COPYDESK_SLACK_ANALYSIS_WORKERS": "1",
    }
    env.pop("SLACK_CLIENT_ID", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "serve",
            "--http",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-scheduler",
        ],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert process.poll() is None, process.stderr.read().decode()[-2000:]
            try:
                if requests.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.3)
        assert requests.get(f"{url}/healthz", timeout=5).status_code == 200
        client = RunningApp(url, slack_stub, None, None)
        assert client.command(f"analyze {ARTICLE}").status_code == 200
        assert client.command("help", secret="wrong").status_code == 401
        assert slack_stub.wait_for(lambda s: any(c.params.get("blocks") for c in s.calls_to("chat.update")), 60)
        assert "copydesk_analyses_total" in requests.get(f"{url}/metrics", timeout=5).text
    finally:
        process.terminate()
        process.wait(timeout=30)

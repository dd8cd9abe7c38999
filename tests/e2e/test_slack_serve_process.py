"""`copydesk serve --http` as a real process (gunicorn): routes answer, a signed command is served."""

from __future__ import annotations

import pytest
import requests

from copydesk_tools.serve_process import start_serve_http
from tests.support.slack_app import ARTICLE, SIGNING_SECRET, RunningApp


@pytest.mark.slow
def test_copydesk_serve_http_end_to_end(database_url, slack_stub, tmp_path):
    settings = {
        "SLACK_BOT_TOKEN": "xoxb-proc",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "COPYDESK_SLACK_API_URL": slack_stub.api_url,
        "COPYDESK_DATABASE_URL": database_url,
        "COPYDESK_SLACK_ANALYSIS_WORKERS": "1",
    }
    process, url = start_serve_http(settings, tmp_path)
    try:
        assert requests.get(f"{url}/healthz", timeout=5).status_code == 200
        client = RunningApp(url, slack_stub, None, None)
        assert client.command(f"analyze {ARTICLE}").status_code == 200
        assert client.command("help", secret="wrong").status_code == 401
        assert slack_stub.wait_for(lambda s: any(c.params.get("blocks") for c in s.calls_to("chat.update")), 60)
        assert "copydesk_analyses_total" in requests.get(f"{url}/metrics", timeout=5).text
    finally:
        process.terminate()
        process.wait(timeout=30)

"""`copydesk serve --http` as a real subprocess on loopback, for benchmarks and end-to-end tests.

Both need the production path (gunicorn, worker processes), started the same way and waited
for until `/readyz` answers, so it lives here once.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import requests

# Inherited variables that would switch the app to OAuth or Socket Mode.
_MODE_VARIABLES = ("SLACK_CLIENT_ID", "COPYDESK_SLACK_CLIENT_ID", "SLACK_APP_TOKEN")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_serve_http(
    settings: Mapping[str, str], cwd: str | os.PathLike, *, ready_timeout: float = 120
) -> tuple[subprocess.Popen, str]:
    """Start `copydesk serve --http --no-scheduler` with `settings` added to the environment.

    Returns the process and its base URL once `/readyz` answers 200; raises RuntimeError with
    the tail of its log if it exits or is not ready in time. The log goes to a file in `cwd`,
    not a pipe: nobody reads a pipe while the server runs, and a full one would stall it.
    """
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in _MODE_VARIABLES}
    env.update(settings)
    command = [sys.executable, "-m", "bot.cli", "serve", "--http", "--host", "127.0.0.1", "--port", str(port)]
    log_path = Path(cwd) / "copydesk-serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [*command, "--no-scheduler"], env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=log
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + ready_timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log_path.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"copydesk serve exited with {process.returncode}:\n{tail}")
        try:
            if requests.get(f"{url}/readyz", timeout=2).status_code == 200:
                return process, url
        except requests.ConnectionError:
            pass
        time.sleep(0.3)
    process.terminate()
    raise RuntimeError(f"copydesk serve did not become ready in {ready_timeout:.0f} s")

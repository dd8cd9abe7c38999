"""The container's entry commands exist and start, run as the image runs them: the installed
`copydesk` console script (this virtualenv's; the image installs the same package with
`pip install .`), as separate processes, against PostgreSQL and the Slack API stub.

Covered: `db upgrade` (the compose/Job migration step), `doctor`, `serve --http` answering
/healthz and /readyz, and the Dockerfile's own HEALTHCHECK command against that server;
`worker` with the task queue compose and the ConfigMap set, probed by compose's healthcheck.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support.deploy import DEPLOY, load_documents


pytestmark = pytest.mark.postgres
START_TIMEOUT_S = 180  # a cold spaCy load on a busy 2-core machine


def console_script() -> str:
    script = Path(sys.executable).parent / "copydesk"
    assert script.exists(), f"the console script is not installed at {script}: `pip install -e .`"
    return str(script)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_for_status(url: str, status: int, process: subprocess.Popen) -> bytes:
    deadline = time.monotonic() + START_TIMEOUT_S
    last = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}: {process.stderr.read()[-3000:]}")
        try:
            code, body = get(url)
            if code == status:
                return body
            last = (code, body)
        except OSError as exc:  # not listening yet
            last = exc
        time.sleep(0.5)
    pytest.fail(f"{url} never answered {status}; last: {last}")


@pytest.fixture
def container_env(postgres_url, slack_stub, tmp_path) -> dict[str, str]:
    """What deploy/.env plus compose's environment give the container."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COPYDESK_", "SLACK_"))}
    env.update(
        COPYDESK_DATABASE_URL=postgres_url,
        COPYDESK_DATA_DIR=str(tmp_path / "data"),
        COPYDESK_LOG_FORMAT="json",
        COPYDESK_SLACK_API_URL=slack_stub.api_url,
        SLACK_BOT_TOKEN="xoxb-container-test",
        SLACK_SIGNING_SECRET="container-signing-secret",
        PYTHONUNBUFFERED="1",
    )
    return env


def run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([console_script(), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_the_migration_command_is_idempotent_and_leaves_the_schema_at_head(container_env, tmp_path):
    from alembic.script import ScriptDirectory

    from bot.store.migrate import alembic_config

    for _ in range(2):  # every deploy runs it, whether or not there is anything to do
        result = run(["db", "upgrade"], container_env, tmp_path)
        assert result.returncode == 0, result.stderr
    current = run(["db", "current"], container_env, tmp_path)
    heads = ScriptDirectory.from_config(alembic_config(container_env["COPYDESK_DATABASE_URL"])).get_heads()
    assert set(current.stdout.strip().split(",")) == set(heads)


def test_doctor_passes_in_the_container_configuration(container_env, slack_stub, tmp_path):
    result = run(["doctor"], container_env, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Healthy." in result.stdout
    assert slack_stub.calls_to("auth.test")


def test_serve_http_answers_health_and_readiness_and_the_image_healthcheck(container_env, tmp_path):
    port = free_port()
    server = subprocess.Popen(
        [console_script(), "serve", "--http", "--host", "127.0.0.1", "--port", str(port), "--no-scheduler"],
        env=container_env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for_status(f"{base}/healthz", 200, server).strip() == b"ok"
        readiness = json.loads(wait_for_status(f"{base}/readyz", 200, server))
        assert readiness["ready"] is True and readiness["database"] == "ok"
        assert healthcheck(port).returncode == 0
        status, metrics = get(f"{base}/metrics")
        assert status == 200 and b"# TYPE" in metrics
    finally:
        server.send_signal(signal.SIGTERM)  # what docker stop and Kubernetes send
        _, stderr = server.communicate(timeout=60)
    assert server.returncode == 0, stderr[-2000:]
    # Every line is JSON (COPYDESK_LOG_FORMAT=json): Copydesk's own and gunicorn's, which serve.py
    # routes through bot.logging_setup.gunicorn_logger_class() instead of "[date] [pid] [LEVEL]".
    log_lines = [line for line in stderr.splitlines() if line.strip()]
    assert log_lines and all(line.startswith("{") for line in log_lines), stderr[-2000:]
    records = [json.loads(line) for line in log_lines]
    assert all(record["level"] and record["message"] for record in records)
    gunicorn = [record["message"] for record in records if record["logger"].startswith("gunicorn")]
    assert any(message.startswith("Booting worker") for message in gunicorn), stderr[-2000:]
    assert "xoxb-container-test" not in stderr and "container-signing-secret" not in stderr
    assert healthcheck(port).returncode != 0  # and the check notices a stopped server


def healthcheck(port: int) -> subprocess.CompletedProcess:
    """The Dockerfile's HEALTHCHECK command, run as written (only the port changed)."""
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    instruction = next(line for line in text.splitlines() if line.startswith("HEALTHCHECK"))
    command = json.loads(instruction[instruction.index("CMD") + 3 :])
    assert command[0] == "python"
    code = command[2].replace(":3000/", f":{port}/")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=30)


def test_the_worker_starts_answers_its_healthcheck_and_stops_cleanly_on_sigterm(container_env, tmp_path):
    worker_service = load_documents(DEPLOY / "compose.yaml")[0]["services"]["worker"]
    env = {**container_env, "COPYDESK_TASK_QUEUE": worker_service["environment"]["COPYDESK_TASK_QUEUE"]}
    upgrade = run(["db", "upgrade"], env, tmp_path)  # the migrate service: adds the queue's tables
    assert upgrade.returncode == 0, upgrade.stderr
    port = free_port()
    worker = subprocess.Popen(
        [console_script(), *worker_service["command"]], env={**env, "COPYDESK_WORKER_METRICS_PORT": str(port)},
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert wait_for_status(f"http://127.0.0.1:{port}/healthz", 200, worker).strip() == b"ok"
        assert compose_healthcheck(worker_service, port).returncode == 0
        status, metrics = get(f"http://127.0.0.1:{port}/metrics")
        assert status == 200 and b"copydesk_task_run_seconds" in metrics
    finally:
        worker.send_signal(signal.SIGTERM)
        _, stderr = worker.communicate(timeout=60)
    assert worker.returncode == 0, stderr[-2000:]
    assert compose_healthcheck(worker_service, port).returncode != 0  # and the check notices it is gone


def compose_healthcheck(service: dict, port: int) -> subprocess.CompletedProcess:
    """A compose service's healthcheck command, run as written (only the port changed)."""
    command = service["healthcheck"]["test"]
    assert command[:3] == ["CMD", "python", "-c"]
    configured = service["environment"]["COPYDESK_WORKER_METRICS_PORT"]
    code = command[3].replace(f":{configured}/", f":{port}/")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=30)

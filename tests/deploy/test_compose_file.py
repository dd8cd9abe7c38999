"""deploy/compose.yaml: valid against the Compose Specification's JSON schema (vendored in
check-jsonschema, Apache-2.0, so the check runs offline), and ordered the way a restart needs:
PostgreSQL healthy, then migrations to completion, then web, scheduler and workers."""

from __future__ import annotations

import subprocess

import pytest

from tests.support.deploy import DEPLOY, cli_accepts, load_documents

COMPOSE = DEPLOY / "compose.yaml"


def compose() -> dict:
    return load_documents(COMPOSE)[0]


@pytest.fixture(scope="module")
def check_compose_spec(executable):
    command = executable("check-jsonschema")

    def check(path) -> subprocess.CompletedProcess:  # noqa: ANN001
        return subprocess.run(
            [command, "--builtin-schema", "vendor.compose-spec", str(path)],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    return check


def test_the_compose_file_matches_the_compose_specification(check_compose_spec):
    result = check_compose_spec(COMPOSE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_an_invalid_dependency_condition(check_compose_spec, tmp_path):
    broken = tmp_path / "compose.yaml"
    broken.write_text(
        COMPOSE.read_text().replace("service_completed_successfully", "service_finished", 1), encoding="utf-8"
    )
    result = check_compose_spec(broken)
    assert result.returncode != 0
    assert "service_finished" in result.stdout + result.stderr


def test_postgres_16_keeps_its_data_in_a_named_volume():
    spec = compose()
    db = spec["services"]["db"]
    assert db["image"].startswith("postgres:16")
    volume = db["volumes"][0].split(":")[0]
    assert volume in spec["volumes"]
    assert "healthcheck" in db


def test_migrations_run_once_before_web_scheduler_and_workers_start():
    services = compose()["services"]
    assert services["migrate"]["command"] == ["db", "upgrade"]
    assert services["migrate"]["restart"] == "no"
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    for name in ("web", "scheduler", "worker"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_every_service_runs_a_real_command_with_secrets_from_the_env_file():
    services = compose()["services"]
    assert services["web"]["command"][:2] == ["serve", "--http"]
    assert services["scheduler"]["command"] == ["scheduler"]
    for name, service in services.items():
        if name == "db":
            continue
        accepted, output = cli_accepts(service["command"])
        assert accepted, f"{name}: copydesk {' '.join(service['command'])}: {output}"
        assert service["env_file"] == ".env"  # deploy/.env, copied from .env.example
        assert service["environment"]["COPYDESK_DATABASE_URL"].startswith("postgresql://")
        assert "@db:5432/" in service["environment"]["COPYDESK_DATABASE_URL"]


def test_healthchecks_probe_what_each_service_serves():
    services = compose()["services"]
    assert "healthcheck" not in services["web"]  # the Dockerfile's /healthz check applies
    for name in ("migrate", "socket"):  # no web port: the image's check would always fail
        assert services[name]["healthcheck"] == {"disable": True}
    # The scheduler serves /healthz on its metrics port, which compose turns on.
    scheduler = services["scheduler"]
    port = scheduler["environment"]["COPYDESK_SCHEDULER_METRICS_PORT"]
    assert f"127.0.0.1:{port}/healthz" in " ".join(scheduler["healthcheck"]["test"])
    # So does each worker, on its own setting; the model loads before the first check counts.
    worker = services["worker"]
    port = worker["environment"]["COPYDESK_WORKER_METRICS_PORT"]
    assert f"127.0.0.1:{port}/healthz" in " ".join(worker["healthcheck"]["test"])
    assert _seconds(worker["healthcheck"]["start_period"]) >= 60


def test_the_worker_service_runs_the_queued_jobs_that_every_service_agrees_on():
    services = compose()["services"]
    worker = services["worker"]
    assert worker["command"] == ["worker"]
    assert worker["depends_on"]["db"]["condition"] == "service_healthy"
    # Every Copydesk service uses the queue the workers serve: with the default (inline) the
    # scheduler would poll and analyse in-process and the workers would refuse to start.
    queues = {name: service["environment"].get("COPYDESK_TASK_QUEUE") for name, service in services.items()}
    del queues["db"]
    assert set(queues.values()) == {"procrastinate"}, queues
    # docker stop gives a worker time to finish a feed fetch (COPYDESK_FETCH_TOTAL_TIMEOUT, 15 s).
    assert _seconds(worker["stop_grace_period"]) > 15
    assert "ports" not in worker  # nothing reaches a worker from outside; it scales with --scale


def _seconds(duration: str) -> int:
    assert duration.endswith("s") and duration[:-1].isdigit(), duration
    return int(duration[:-1])

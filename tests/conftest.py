"""Shared fixtures. The spaCy model is loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_DATA = Path(os.environ.get("COPYDESK_DATA", ROOT.parent / "shared" / "data"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def nlp():
    from bot.analysis import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (SEEDS / "000_80fdf597179271c2.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_report(nlp, seed_text):
    from bot.analysis import analyze

    return analyze(seed_text, id="seed-000")


def require_shared_data(*parts: str) -> Path:
    """The development corpus at ../shared/data/PARTS; skipped when absent, except in CI."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        message = f"development data not found at {path}"
        if IN_CI:
            pytest.fail(message + " (CI must have ../shared/data)")
        pytest.skip(message)
    return path

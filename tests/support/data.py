"""Where the test data lives, and the CI rule for data or tools that are missing.

A test that needs something absent skips on a developer's machine and fails under CI=true, so CI can
never go green without having run it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SHARED_DATA = Path(os.environ.get("COPYDESK_DATA", ROOT.parent / "shared" / "data"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_shared_data(*parts: str) -> Path:
    """The development corpus at ../shared/data/PARTS; skipped when absent, except in CI."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        message = f"development data not found at {path}"
        if IN_CI:
            pytest.fail(message + " (CI must have ../shared/data)")
        pytest.skip(message)
    return path

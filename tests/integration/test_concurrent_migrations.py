"""Several processes start at once (a rollout: web replicas, the scheduler, the migration Job) and
each runs `upgrade()` on the same empty database. They must take turns, all succeed, and leave
the schema at heads. Real processes, released together once each has imported everything."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.store.db import dispose_all, get_engine
from bot.store.migrate import alembic_config, current

PROCESSES = 3
UPGRADE_WHEN_RELEASED = """
import sys, time
from pathlib import Path
from bot.store.migrate import upgrade
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.01)
upgrade(url=sys.argv[1])
"""


def heads(url: str) -> set[str]:
    from alembic.script import ScriptDirectory

    return set(ScriptDirectory.from_config(alembic_config(url)).get_heads())


def upgrade_together(url: str, tmp_path: Path) -> list[subprocess.CompletedProcess]:
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", UPGRADE_WHEN_RELEASED, url, str(go)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        for _ in range(PROCESSES)
    ]
    time.sleep(3)  # let every process finish its imports, so they really start together
    go.touch()
    results = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr))
    return results


@pytest.mark.postgres
def test_processes_upgrading_one_fresh_postgres_schema_at_once_all_succeed(empty_postgres_url, tmp_path):
    results = upgrade_together(empty_postgres_url, tmp_path)
    assert [r.returncode for r in results] == [0] * PROCESSES, "\n".join(r.stderr[-2000:] for r in results)
    assert set(current(empty_postgres_url).split(",")) == heads(empty_postgres_url)
    tables = set(sa.inspect(get_engine(empty_postgres_url)).get_table_names())
    assert {"articles", "slack_message_claims", "slack_bots"} <= tables


def test_processes_upgrading_one_fresh_sqlite_file_at_once_all_succeed(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    results = upgrade_together(url, tmp_path)
    assert [r.returncode for r in results] == [0] * PROCESSES, "\n".join(r.stderr[-2000:] for r in results)
    assert set(current(url).split(",")) == heads(url)
    dispose_all()

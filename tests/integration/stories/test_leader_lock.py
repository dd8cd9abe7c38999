"""The scheduler's leader lock: one holder per database, free again when the holder lets go."""

from __future__ import annotations

import subprocess
import sys

from bot.scheduler import FileLeaderLock, PostgresLeaderLock, leader_lock


def test_one_leader_per_database_and_the_lock_frees_when_released(database_url):
    first, second = leader_lock(database_url), leader_lock(database_url)
    assert type(first) is (FileLeaderLock if database_url.startswith("sqlite") else PostgresLeaderLock)
    assert first.acquire()
    try:
        assert first.healthy()
        assert not second.acquire()
    finally:
        first.release()
    assert second.acquire()
    second.release()


def test_a_sqlite_lock_held_by_a_dead_process_is_free(tmp_path):
    url = f"sqlite:///{tmp_path / 'copydesk.sqlite3'}"
    code = (
        "import os, sys; from bot.scheduler import leader_lock; "
        f"assert leader_lock({url!r}).acquire(); print('held', flush=True); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, timeout=60)
    lock = leader_lock(url)
    assert lock.acquire()
    assert (tmp_path / "copydesk.sqlite3.scheduler.lock").exists()
    lock.release()

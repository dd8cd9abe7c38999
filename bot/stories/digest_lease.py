"""A digest's lease: renewed while this process posts it, and never taken over by this process.

A pending digest row belongs to whoever claimed it last, until its lease runs out
(Settings.digest_lease_seconds); then another sweep may take it over, as it would after a crash.
A post can take longer than the lease when Slack is slow (three 429s with Retry-After: 45 is more
than two minutes of waiting inside slack_sdk's retry handler), so while a post is in flight a
thread renews the claim every third of the lease, and this process's own sweeps see the digest
in `in_flight()` and leave it alone. The lease then only runs out when the poster is gone.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from bot.store.db import session_scope
from bot.store.stories_models import Digest

log = logging.getLogger(__name__)

_posting: set[int] = set()  # digest ids this process is posting (one process, many scheduler threads)
_posting_lock = threading.Lock()


def in_flight(digest_id: int) -> bool:
    with _posting_lock:
        return digest_id in _posting


class LeaseKeeper:
    """`with LeaseKeeper(...)`: the digest counts as in flight here, and its claim stays fresh."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        digest_id: int,
        lease: timedelta,
        clock: Callable[[], datetime],
    ):
        self.session_factory = session_factory
        self.digest_id = digest_id
        self.every = lease.total_seconds() / 3  # two renewals may fail before the lease runs out
        self.clock = clock
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._renew_until_stopped, name=f"digest-lease-{digest_id}", daemon=True)

    def __enter__(self) -> LeaseKeeper:
        with _posting_lock:
            _posting.add(self.digest_id)
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stopped.set()
        self._thread.join()
        with _posting_lock:
            _posting.discard(self.digest_id)

    def _renew_until_stopped(self) -> None:
        while not self._stopped.wait(self.every):
            try:
                self.renew()
            except Exception:  # noqa: BLE001 - a missed renewal is retried; the post goes on
                log.warning("could not renew the lease of digest %s", self.digest_id, exc_info=True)

    def renew(self) -> bool:
        with session_scope(self.session_factory) as session:
            renewed = session.execute(
                update(Digest)
                .where(Digest.id == self.digest_id, Digest.status == "pending")
                .values(claimed_at=self.clock())
            ).rowcount
        return bool(renewed)

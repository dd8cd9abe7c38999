"""`copydesk scheduler`: run the digest and feed scheduler alone, standing by while another process leads."""

from __future__ import annotations

import logging
import signal

from bot.config import get_settings
from bot.logging_setup import configure_logging
from bot.metrics_server import start_metrics_server
from bot.scheduler import LeaderElection
from bot.store.migrate import upgrade_embedded

log = logging.getLogger("bot.scheduler")


def run_scheduler() -> int:
    """Stand by or lead until SIGINT/SIGTERM."""
    settings = get_settings()
    configure_logging(settings)
    if settings.scheduler_metrics_port:
        start_metrics_server(settings.scheduler_metrics_port)
    upgrade_embedded(settings.resolved_database_url)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # one line per job run is noise
    election = LeaderElection(settings)
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: election.stop())
    election.run()
    log.info("scheduler stopped")
    return 0

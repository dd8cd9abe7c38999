"""Use case: read one article for a workspace channel, and store the report.

No Slack types here: callers pass plain ids and get a ReadOutcome back. The same article is not
analysed twice in the same channel within Settings.reanalysis_window_hours: the earlier report is
returned with the time it was made, unless the caller forces a fresh analysis ("Re-analyze").
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot import metrics
from bot.analysis import ENGINE_VERSION, Report
from bot.analysis.errors import InputError
from bot.reports.analysis_runner import run_analysis
from bot.config import Settings
from bot.fetch.errors import FetchError
from bot.reports import repository as reports_repo
from bot.store.db import session_scope

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReadRequest:
    team_id: str
    channel_id: str
    user_id: str | None
    url: str | None = None
    text: str | None = None
    surface: str = "command"  # command | mention | shortcut | auto | reanalyze


@dataclass
class ReadOutcome:
    report: Report | None = None
    report_id: int | None = None
    reused_from: datetime | None = None  # set when an earlier report in this channel was reused
    user_error: str | None = None  # the user's input cannot be read: say why
    failed: bool = False  # our fault: logged; the user gets one apology

    @property
    def ok(self) -> bool:
        return self.report is not None


Analyzer = Callable[[Settings, str | None, str | None], Report]  # (settings, url, text) -> Report


def read_article(
    request: ReadRequest,
    *,
    settings: Settings,
    session_factory: sessionmaker[Session],
    force: bool = False,
    analyzer: Analyzer | None = None,
) -> ReadOutcome:
    if not force:
        try:
            earlier = _earlier_report(request, settings, session_factory)
        except Exception:  # noqa: BLE001 - the database is failing: logged, apologised for
            metrics.ANALYSES.labels("failed", request.surface).inc()
            log.exception("looking up an earlier report failed (%s)", _describe(request))
            return ReadOutcome(failed=True)
        if earlier is not None:
            metrics.ANALYSES.labels("reused", request.surface).inc()
            return earlier
    started = time.perf_counter()
    try:
        report = (analyzer or run_analysis)(settings, request.url, request.text)
    except (InputError, FetchError) as exc:
        metrics.ANALYSES.labels("refused", request.surface).inc()
        log.info("input refused: %s (%s)", getattr(exc, "code", type(exc).__name__), _describe(request))
        return ReadOutcome(user_error=exc.user_message)
    except Exception:  # noqa: BLE001 - our failure: log it with context, apologise once
        metrics.ANALYSES.labels("failed", request.surface).inc()
        log.exception("analysis failed (%s)", _describe(request))
        return ReadOutcome(failed=True)
    metrics.ANALYSIS_SECONDS.observe(time.perf_counter() - started)
    try:
        with session_scope(session_factory) as session:
            row = reports_repo.save_report(
                session,
                report,
                team_id=request.team_id,
                channel_id=request.channel_id,
                user_id=request.user_id,
                engine_version=ENGINE_VERSION,
                requested_url=request.url,
            )
            report_id = row.id
    except Exception:  # noqa: BLE001
        metrics.ANALYSES.labels("failed", request.surface).inc()
        log.exception("storing the report failed (%s)", _describe(request))
        return ReadOutcome(failed=True)
    metrics.ANALYSES.labels("analysed", request.surface).inc()
    return ReadOutcome(report=report, report_id=report_id)


def _earlier_report(
    request: ReadRequest, settings: Settings, session_factory: sessionmaker[Session]
) -> ReadOutcome | None:
    window = timedelta(hours=settings.reanalysis_window_hours)
    if window <= timedelta(0):
        return None
    with session_scope(session_factory) as session:
        article = reports_repo.find_article(session, url=request.url, text=None if request.url else request.text)
        if article is None:
            return None
        row = reports_repo.recent_report(
            session, request.team_id, request.channel_id, article.id, window, engine_version=ENGINE_VERSION
        )
        if row is None or row.report is None:
            return None
        return ReadOutcome(report=Report.from_dict(row.report), report_id=row.id, reused_from=row.created_at)


def load_report(session_factory: sessionmaker[Session], report_id: int, team_id: str) -> tuple[Report, dict] | None:
    """A stored report of this workspace with its row facts (channel, user, message ts), or None."""
    with session_scope(session_factory) as session:
        row = reports_repo.get_report(session, report_id, team_id=team_id)
        if row is None or row.report is None:
            return None
        facts = {
            "channel_id": row.channel_id,
            "user_id": row.user_id,
            "message_ts": row.message_ts,
            "thread_ts": row.thread_ts,
            "created_at": row.created_at,
            "url": (row.report.get("article") or {}).get("url"),
        }
        return Report.from_dict(row.report), facts


def report_in_message(session_factory: sessionmaker[Session], team_id: str, channel_id: str, ts: str) -> Report | None:
    """The report Copydesk posted as message `ts` of this channel, or None."""
    with session_scope(session_factory) as session:
        row = reports_repo.report_in_message(session, team_id, channel_id, ts)
        return Report.from_dict(row.report) if row is not None and row.report else None


def remember_message(
    session_factory: sessionmaker[Session], report_id: int, message_ts: str, thread_ts: str | None
) -> None:
    with session_scope(session_factory) as session:
        reports_repo.set_report_message(session, report_id, message_ts, thread_ts)


def _describe(request: ReadRequest) -> str:
    what = f"url={request.url}" if request.url else f"text={len(request.text or '')} chars"
    return (
        f"team={request.team_id} channel={request.channel_id} user={request.user_id} surface={request.surface} {what}"
    )


def carry_checks(session_factory: sessionmaker[Session], from_report_id: int, to_report_id: int) -> int:
    """A re-analysis keeps the claims the desk already checked (see reports_repo.carry_checks)."""
    if from_report_id == to_report_id:
        return 0
    with session_scope(session_factory) as session:
        return reports_repo.carry_checks(session, from_report_id, to_report_id)

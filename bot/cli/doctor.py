"""`copydesk doctor`: is this installation ready to serve, and if not, exactly what is wrong.

Checks, in the order an operator would fix them: Python, spaCy and the model (loaded and run on
a sentence), the configuration, the database (reachable, migrations applied), and the Slack bot
token (auth.test against the configured Web API URL). Each line is `ok`, `warn` or `FAIL`
with the fix, then one line each for the command line and Slack (ready, not ready, not configured).
The exit code is 0 when nothing failed, 1 otherwise; warnings do not fail, but with `--serve` a
set-up that cannot serve Slack (no token) is a failure.
"""

from __future__ import annotations

import platform
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from bot.config import Settings

MIN_PYTHON = (3, 11)
TEST_SENTENCE = "The mayor of Leeds said on Monday that the bridge would reopen in March."
DB_CONNECT_TIMEOUT_S = 5
SLACK_TIMEOUT_S = 10


@dataclass(frozen=True)
class Finding:
    status: str  # "ok" | "warn" | "FAIL"
    subject: str
    detail: str

    @property
    def failed(self) -> bool:
        return self.status == "FAIL"


def ok(subject: str, detail: str = "") -> Finding:
    return Finding("ok", subject, detail)


def warn(subject: str, detail: str) -> Finding:
    return Finding("warn", subject, detail)


def fail(subject: str, detail: str) -> Finding:
    return Finding("FAIL", subject, detail)


# --- runtime ---------------------------------------------------------------------------------


def check_python() -> Iterable[Finding]:
    version = platform.python_version()
    if sys.version_info[:2] < MIN_PYTHON:
        yield fail("Python", f"{version} is too old: Copydesk needs {'.'.join(map(str, MIN_PYTHON))} or newer")
    else:
        yield ok("Python", version)


def check_model(settings: Settings) -> Iterable[Finding]:
    try:
        import spacy
    except ImportError as exc:  # a broken install, not a configuration problem
        yield fail("spaCy", f"cannot import spaCy ({exc}); reinstall Copydesk")
        return
    yield ok("spaCy", spacy.__version__)

    from bot.analysis.pipeline import load_nlp, resolve_model_name

    try:
        name = resolve_model_name(settings.spacy_model)
        nlp = load_nlp(name)
        doc = nlp(TEST_SENTENCE)
    except Exception as exc:  # ModelMissing, a corrupt package, an incompatible model
        yield fail("spaCy model", str(exc))
        return
    meta = nlp.meta
    described = f"{name} {meta.get('version', '?')} (for spaCy {meta.get('spacy_version', '?')})"
    sentences, entities = len(list(doc.sents)), len(doc.ents)
    if not len(doc) or not sentences:
        yield fail("spaCy model", f"{described} loaded but parsed nothing from a test sentence")
    elif not entities:
        yield warn("spaCy model", f"{described} found no named entity in {TEST_SENTENCE!r}: actors will be poor")
    else:
        yield ok("spaCy model", f"{described}: parsed a test sentence ({len(doc)} tokens, {entities} entities)")


# --- configuration ---------------------------------------------------------------------------

_SETTING_CHECKS: list[Callable[[Settings], Iterable[Finding]]] = []


def _setting_check(function: Callable[[Settings], Iterable[Finding]]) -> Callable[[Settings], Iterable[Finding]]:
    _SETTING_CHECKS.append(function)
    return function


@_setting_check
def _logging(settings: Settings) -> Iterable[Finding]:
    if settings.log_format.lower() not in ("text", "json"):
        yield fail("COPYDESK_LOG_FORMAT", f"{settings.log_format!r} is not 'text' or 'json'")
    import logging

    if not isinstance(logging.getLevelName(settings.log_level.upper()), int):
        yield fail("COPYDESK_LOG_LEVEL", f"{settings.log_level!r} is not DEBUG, INFO, WARNING or ERROR")


@_setting_check
def _schedule(settings: Settings) -> Iterable[Finding]:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(settings.default_timezone)
    except (ZoneInfoNotFoundError, ValueError):
        yield fail("COPYDESK_DEFAULT_TIMEZONE", f"{settings.default_timezone!r} is not an IANA zone like Europe/London")
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", settings.digest_time.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        yield fail("COPYDESK_DIGEST_TIME", f"{settings.digest_time!r} is not a time like 09:00")
    for name in ("feed_poll_minutes", "digest_grace_minutes", "max_chars", "scheduler_standby_seconds"):
        if getattr(settings, name, 1) <= 0:
            yield fail(f"COPYDESK_{name.upper()}", f"must be a positive number, not {getattr(settings, name)}")
    if settings.retention_days < 0:
        yield fail("COPYDESK_RETENTION_DAYS", f"must be 0 (keep everything) or a number of days, not {settings.retention_days}")


@_setting_check
def _slack(settings: Settings) -> Iterable[Finding]:
    if settings.encryption_key:
        from cryptography.fernet import Fernet

        from bot.store.slack_install import parse_keys

        for position, key in enumerate(parse_keys(settings.encryption_key), start=1):
            try:
                Fernet(key.encode())
            except ValueError:
                yield fail(
                    "COPYDESK_ENCRYPTION_KEY",
                    f"key {position} is not a Fernet key (32 url-safe base64 bytes); make one with "
                    "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`",
                )
    token = settings.slack_bot_token
    if token and not token.startswith("xoxb-"):
        yield fail("SLACK_BOT_TOKEN", "is not a bot token (it should start with xoxb-)")
    if settings.slack_app_token and not settings.slack_app_token.startswith("xapp-"):
        yield fail("SLACK_APP_TOKEN", "is not an app-level token (it should start with xapp-)")
    if bool(settings.slack_client_id) != bool(settings.slack_client_secret):
        yield fail("SLACK_CLIENT_ID/SLACK_CLIENT_SECRET", "OAuth needs both; only one is set")
    oauth = bool(settings.slack_client_id and settings.slack_client_secret)
    if not token and not oauth:
        yield warn("Slack", "neither SLACK_BOT_TOKEN nor SLACK_CLIENT_ID/SECRET is set: the bot cannot talk to Slack")
    if (token or oauth) and not settings.slack_signing_secret and not settings.slack_app_token:
        yield fail(
            "SLACK_SIGNING_SECRET",
            "is not set: HTTP mode rejects every request without it (Socket Mode needs SLACK_APP_TOKEN instead)",
        )
    if oauth and not settings.encryption_key:
        yield warn("COPYDESK_ENCRYPTION_KEY", "is not set: OAuth installations' bot tokens are stored unencrypted")


def check_configuration() -> tuple[Settings | None, list[Finding]]:
    try:
        settings = Settings()
    except ValidationError as exc:
        findings = [
            fail(f"setting {'.'.join(map(str, error['loc'])) or '?'}", error["msg"]) for error in exc.errors()
        ]
        return None, findings
    findings = [finding for check in _SETTING_CHECKS for finding in check(settings)]
    if not any(f.status != "ok" for f in findings):
        findings.append(ok("configuration", "every setting is valid"))
    return settings, findings


# --- database --------------------------------------------------------------------------------


def _shown_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL: show only its scheme
        return url.split(":", 1)[0] + ":…"


def check_database(settings: Settings) -> Iterable[Finding]:
    import sqlalchemy as sa
    from alembic.script import ScriptDirectory

    from bot.store.db import normalise_url
    from bot.store.migrate import alembic_config, current

    url = settings.resolved_database_url
    shown = _shown_url(url)
    connect_args = {} if url.startswith("sqlite") else {"connect_timeout": DB_CONNECT_TIMEOUT_S}
    sqlite_path = sa.engine.make_url(url).database if url.startswith("sqlite") else None
    if sqlite_path and sqlite_path != ":memory:" and not Path(sqlite_path).exists():
        # Connecting would create an empty file; say what to do instead.
        yield fail("database", f"{sqlite_path} does not exist yet: run `copydesk db upgrade` (or start `copydesk serve`)")
        return
    try:
        probe = sa.create_engine(normalise_url(url), connect_args=connect_args)
        try:
            with probe.connect() as connection:
                connection.execute(sa.text("SELECT 1"))
        finally:
            probe.dispose()
        applied = current(url)
    except Exception as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        yield fail("database", f"cannot connect to {shown}: {reason} (check COPYDESK_DATABASE_URL)")
        return
    yield ok("database", f"{shown} is reachable")

    script = ScriptDirectory.from_config(alembic_config(url))
    expected = set(script.get_heads())
    at = set(applied.split(",")) if applied else set()
    unknown = {revision for revision in at if not _known_revision(script, revision)}
    if not at:
        yield fail("migrations", "the database is empty: run `copydesk db upgrade`")
    elif unknown:
        yield fail(
            "migrations",
            f"the database is at {', '.join(sorted(unknown))}, which this version does not know: "
            "a newer Copydesk migrated it; run that version or restore a backup",
        )
    elif at != expected:
        yield fail(
            "migrations",
            f"pending: the database is at {', '.join(sorted(at))}, this version needs {', '.join(sorted(expected))}: "
            "run `copydesk db upgrade`",
        )
    else:
        yield ok("migrations", f"up to date ({', '.join(sorted(at))})")


def check_task_queue(settings: Settings) -> Iterable[Finding]:
    """COPYDESK_TASK_QUEUE: inline needs nothing; procrastinate needs PostgreSQL and its schema."""
    if settings.task_queue == "inline":
        yield ok("task queue", "inline: the scheduler's process runs polls, analyses and digests")
        return
    import sqlalchemy as sa

    from bot.store.db import get_engine
    from bot.tasks import NotPostgres
    from bot.tasks.procrastinate_app import conninfo

    try:
        conninfo(settings.resolved_database_url)
    except NotPostgres as exc:
        yield fail("task queue", str(exc))
        return
    try:
        with get_engine(settings.resolved_database_url).connect() as connection:
            present = connection.execute(sa.text("SELECT to_regclass('procrastinate_jobs')")).scalar() is not None
    except Exception:  # the database finding already says why
        return
    if present:
        yield ok("task queue", "procrastinate: jobs in PostgreSQL, run by `copydesk worker` processes")
    else:
        yield fail("task queue", "procrastinate's tables are missing: run `copydesk db upgrade`")


def _known_revision(script, revision: str) -> bool:  # noqa: ANN001
    try:
        return script.get_revision(revision) is not None
    except Exception:  # alembic raises ResolutionError/CommandError for an unknown id
        return False


# --- Slack -----------------------------------------------------------------------------------


def check_slack_token(settings: Settings) -> Iterable[Finding]:
    if not settings.slack_bot_token:
        return
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError

    client = WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url, timeout=SLACK_TIMEOUT_S)
    try:
        response = client.auth_test()
    except SlackApiError as exc:
        error = exc.response.get("error", "unknown_error") if exc.response is not None else "unknown_error"
        yield fail("SLACK_BOT_TOKEN", f"auth.test at {settings.slack_api_url} answered {error!r}: {_slack_hint(error)}")
        return
    except Exception as exc:  # DNS, refused connection, timeout, TLS
        yield fail("SLACK_BOT_TOKEN", f"cannot reach {settings.slack_api_url} for auth.test: {exc}")
        return
    team, user = response.get("team") or response.get("team_id"), response.get("user") or response.get("user_id")
    yield ok("SLACK_BOT_TOKEN", f"auth.test ok: workspace {team!s}, bot user {user!s}")


def _slack_hint(error: str) -> str:
    hints = {
        "invalid_auth": "the token is wrong; copy the Bot User OAuth Token again from the app's settings",
        "not_authed": "no token reached Slack",
        "token_revoked": "the token was revoked; reinstall the app to the workspace",
        "token_expired": "the token expired; reinstall, or turn off token rotation",
        "account_inactive": "the app was uninstalled or the workspace deleted; reinstall the app",
    }
    return hints.get(error, "see https://api.slack.com/methods/auth.test for this error")


# --- report ----------------------------------------------------------------------------------


def slack_configured(settings: Settings | None) -> bool:
    """A bot token or an OAuth app: without one, `copydesk serve` cannot talk to Slack."""
    if settings is None:
        return False
    return bool(settings.slack_bot_token or (settings.slack_client_id and settings.slack_client_secret))


def check_serving(settings: Settings | None) -> Iterable[Finding]:
    """`--serve`: what only a serving set-up needs is a failure, not a warning, when missing."""
    if settings is not None and not slack_configured(settings):
        yield fail("Slack", "not configured: set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID/SECRET (OAuth)")


def _readiness(findings: list[Finding], settings: Settings | None) -> list[str]:
    """One line per way of using Copydesk: the command line, and Slack."""
    slack_subjects = ("Slack", "SLACK_", "COPYDESK_ENCRYPTION_KEY")
    cli_failures = [f for f in findings if f.failed and not f.subject.startswith(slack_subjects)]
    slack_failures = [f for f in findings if f.failed and f.subject.startswith(slack_subjects)]
    cli = "ready" if not cli_failures else f"not ready ({len(cli_failures)} problem(s) above)"
    if not slack_configured(settings):
        slack = "not configured (no SLACK_BOT_TOKEN or SLACK_CLIENT_ID/SECRET): `copydesk serve` cannot run"
    elif cli_failures or slack_failures:
        slack = f"not ready ({len(cli_failures) + len(slack_failures)} problem(s) above)"
    else:
        mode = "Socket Mode" if settings is not None and settings.slack_app_token else "HTTP"
        slack = f"ready ({mode})"
    return [f"Command line (copydesk analyze): {cli}", f"Slack (copydesk serve): {slack}"]


def run_doctor(out: TextIO | None = None, *, serve: bool = False) -> int:
    """Print every finding and what is ready. Exit 1 on any failure; with `serve`, a set-up that
    cannot serve Slack (no token, no signing secret) is a failure too."""
    out = out or sys.stdout
    findings: list[Finding] = list(check_python())
    settings, config_findings = check_configuration()
    findings += check_model(settings or Settings.model_construct())
    findings += config_findings
    if settings is not None:
        database = list(check_database(settings))
        findings += database
        if not any(finding.failed for finding in database):
            findings += check_task_queue(settings)
        findings += check_slack_token(settings)
    if serve:
        findings += check_serving(settings)

    print("Copydesk doctor", file=out)
    for finding in findings:
        detail = f": {finding.detail}" if finding.detail else ""
        print(f"  {finding.status:<4}  {finding.subject}{detail}", file=out)
    for line in _readiness(findings, settings):
        print(line, file=out)
    failures = [f for f in findings if f.failed]
    if failures:
        print(f"{len(failures)} problem(s) to fix before Copydesk can run as asked.", file=out)
        return 1
    if slack_configured(settings):
        print("Healthy.", file=out)  # only when every way of using it is ready
    return 0

"""`copydesk serve`: the Slack app in Socket Mode, or over HTTP behind gunicorn.

HTTP routes: POST /slack/events (Events API, commands, interactivity), GET /healthz (the process
answers), GET /readyz (database reachable and spaCy loaded), GET /metrics (Prometheus), and with
OAuth (SLACK_CLIENT_ID set) GET /slack/install and GET /slack/oauth_redirect.
"""

from __future__ import annotations

import io
import json
import logging
import threading
from typing import Any

from gunicorn.app.base import BaseApplication
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import text

from bot.analysis import load_nlp
from bot.app import ConfigurationError, build_app
from bot.config import Settings, get_settings
from bot.logging_setup import configure_logging, gunicorn_logger_class
from bot.reports import analysis_runner
from bot.scheduler import LeaderElection, start_in_process
from bot.slack import payload
from bot.slack.services import Services
from bot.store.db import dispose_all
from bot.store.migrate import upgrade

log = logging.getLogger(__name__)
_model_ready = threading.Event()


def warm_up_model(settings: Settings) -> threading.Thread:
    """Load spaCy in the background so the first report is fast and /readyz can tell."""

    def load() -> None:
        try:
            if settings.slack_analysis_in_processes:
                for started in analysis_runner.warm_up(settings):
                    started.result()
            else:
                load_nlp(settings.spacy_model)
            _model_ready.set()
        except Exception:  # noqa: BLE001 - /readyz stays 503 and says why in the log
            log.exception("could not load the spaCy model")

    thread = threading.Thread(target=load, name="copydesk-warmup", daemon=True)
    thread.start()
    return thread


def _plain(start_response, status: str, body: bytes, content_type: str = "text/plain; charset=utf-8") -> list[bytes]:  # noqa: ANN001
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]


def _read_body(environ) -> bytes:  # noqa: ANN001
    """Read the request body and put it back, so the next reader sees it whole."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    raw = environ["wsgi.input"].read(length) if length > 0 else b""
    environ["wsgi.input"] = io.BytesIO(raw)
    environ["CONTENT_LENGTH"] = str(len(raw))
    return raw


def make_wsgi_app(app, services) -> Any:  # noqa: ANN001
    """The WSGI callable: Bolt's handler for Slack's paths, our own for health and metrics."""
    slack = SlackRequestHandler(app, path="/slack/events")

    def readiness() -> tuple[bool, dict[str, str]]:
        checks = {"model": "ok" if _model_ready.is_set() else "loading"}
        try:
            with services.session_factory() as session:
                session.execute(text("SELECT 1"))
            checks["database"] = "ok"
        except Exception as exc:  # noqa: BLE001
            checks["database"] = f"error: {type(exc).__name__}"
        return all(value == "ok" for value in checks.values()), checks

    def wsgi(environ, start_response):  # noqa: ANN001, ANN202
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == "/healthz":
            return _plain(start_response, "200 OK", b"ok\n")
        if path == "/readyz":
            ready, checks = readiness()
            body = json.dumps({"ready": ready, **checks}).encode()
            return _plain(start_response, "200 OK" if ready else "503 Service Unavailable", body, "application/json")
        if path == "/metrics" and method == "GET":
            return _plain(start_response, "200 OK", generate_latest(), CONTENT_TYPE_LATEST)
        if path == "/slack/events" and method == "POST":
            raw = _read_body(environ)
            if not payload.well_formed(payload.parse_body(raw, environ.get("CONTENT_TYPE", ""))):
                # Bolt's own matchers trip over such bodies (500s) before any listener runs.
                return _plain(start_response, "400 Bad Request", b"malformed payload\n")
        try:
            return slack(environ, start_response)
        except Exception:  # noqa: BLE001 - Bolt can trip over a malformed body before any listener
            log.warning("malformed Slack request refused (%s %s)", method, path, exc_info=True)
            return _plain(start_response, "400 Bad Request", b"malformed request\n")

    return wsgi


def start_scheduler(settings: Settings, services: Services) -> LeaderElection:
    """Run the scheduler in this process and hand its listeners the handle that applies schedule edits."""
    election = start_in_process(settings)
    services.schedules_changed = election.schedules_changed
    return election


def run_serve(socket_mode: bool, host: str, port: int, with_scheduler: bool) -> int:
    settings = get_settings()
    configure_logging(settings)
    try:
        upgrade("heads", url=settings.resolved_database_url)  # before any worker starts
        if socket_mode:
            return _run_socket_mode(settings, with_scheduler)
        return _run_http(settings, host, port, with_scheduler)
    except ConfigurationError as exc:
        log.error("%s", exc)
        return 2


def _run_socket_mode(settings: Settings, with_scheduler: bool) -> int:
    if not settings.slack_app_token:
        raise ConfigurationError("Socket Mode needs SLACK_APP_TOKEN (an xapp- token with connections:write).")
    app, services = build_app(settings, socket_mode=True)
    warm_up_model(settings)
    if with_scheduler:
        start_scheduler(settings, services)
    handler = SocketModeHandler(app, settings.slack_app_token)
    try:
        handler.start()  # blocks; reconnects by itself
    except KeyboardInterrupt:
        pass
    finally:
        services.worker.shutdown(wait=False)
    return 0


def _run_http(settings: Settings, host: str, port: int, with_scheduler: bool) -> int:
    _app, services = build_app(settings)  # fail fast on configuration errors, in the master
    services.worker.shutdown(wait=False)
    dispose_all()  # no pooled database connection may cross the fork into the workers

    class CopydeskServer(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", max(1, settings.web_workers))
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", max(2, settings.web_threads))
            self.cfg.set("timeout", 60)
            self.cfg.set("accesslog", None)
            # gunicorn's own lines ("Booting worker", "Worker timeout") in our format, on our handler
            self.cfg.set("logger_class", gunicorn_logger_class())
            self.cfg.set("post_worker_init", _post_worker_init)
            if "control_socket_disable" in self.cfg.settings:  # gunicorn >= 24: no socket in $HOME
                self.cfg.set("control_socket_disable", True)

        def load(self):  # noqa: ANN202 - runs in each worker after fork
            app, services = build_app(settings)
            self.services = services  # the worker's own, for _post_worker_init
            warm_up_model(settings)
            return make_wsgi_app(app, services)

    def _post_worker_init(worker) -> None:  # noqa: ANN001
        # The scheduler holds its own leader lock, so one worker (or process) runs it at a time.
        if with_scheduler:
            start_scheduler(settings, worker.app.services)

    CopydeskServer().run()
    return 0

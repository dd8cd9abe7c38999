"""End-to-end fixtures: the app behind a real HTTP server on loopback, or over Socket Mode.

The helpers they use (serving the app, signing requests, the transports) are in tests/support/slack_app.py.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.analysis import load_nlp
from tests.support.slack_app import (
    ARTICLE,
    HttpTransport,
    make_settings,
    oauth_settings,
    serve_app,
    socket_mode_app,
)


@pytest.fixture(scope="session")
def warm_model():
    return load_nlp()  # once per session: every e2e test reuses the loaded model


@pytest.fixture
def running_app(database_url, slack_stub, warm_model):
    with serve_app(make_settings(database_url, slack_stub), slack_stub) as running:
        yield running


@pytest.fixture
def oauth_app(database_url, slack_stub, warm_model):
    """The app serving workspaces installed through OAuth (see install_workspace)."""
    with serve_app(oauth_settings(database_url, slack_stub), slack_stub) as running:
        yield running


@pytest.fixture
def article_server():
    """A news page server on loopback; returns a function path -> URL of an article page."""
    paragraphs = "".join(f"<p>{line}</p>" for line in ARTICLE.split("\n")[1:])

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # noqa: ANN002
            pass

        def do_GET(self) -> None:  # noqa: N802
            title = f"City council approves new budget {self.path.strip('/')}"
            page = (
                f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                f"{paragraphs}</article></body></html>"
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield lambda path: f"http://127.0.0.1:{server.server_port}{path}"
    server.shutdown()
    server.server_close()


@pytest.fixture(params=["http", "socket"])
def transport(request, database_url, slack_stub, warm_model):
    """The app behind each transport Slack uses: signed HTTP requests, then Socket Mode."""
    if request.param == "http":
        with serve_app(make_settings(database_url, slack_stub), slack_stub) as running:
            yield HttpTransport(running)
        return
    settings = make_settings(database_url, slack_stub, slack_signing_secret=None, slack_app_token="xapp-e2e")
    with socket_mode_app(settings, slack_stub) as socket:
        yield socket

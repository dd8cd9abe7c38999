"""/metrics and /healthz for a process without a web server: `copydesk scheduler`.

`copydesk serve --http` answers these on its own port; a standalone scheduler has none, so
COPYDESK_SCHEDULER_METRICS_PORT (0 = off) starts this small threaded server beside it. It
answers from daemon threads and never touches the database: a probe stays cheap whatever the
scheduler is doing.
"""

from __future__ import annotations

import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

log = logging.getLogger(__name__)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path.split("?", 1)[0]
        if path == "/metrics":
            self._answer(200, generate_latest(REGISTRY), CONTENT_TYPE_LATEST)
        elif path == "/healthz":
            self._answer(200, b"ok\n", "text/plain; charset=utf-8")
        else:
            self._answer(404, b"not found\n", "text/plain; charset=utf-8")

    def _answer(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - probes every few seconds are noise
        log.debug("metrics server: " + format, *args)


def start_metrics_server(port: int, host: str = "0.0.0.0") -> ThreadingHTTPServer:
    """Serve /metrics and /healthz on `port` (0 picks a free one: see server.server_port)."""
    server = ThreadingHTTPServer((host, port), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="copydesk-metrics", daemon=True).start()
    log.info("metrics and health on port %d (/metrics, /healthz)", server.server_port)
    return server

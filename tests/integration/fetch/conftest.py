"""A real HTTP server on 127.0.0.1 that misbehaves in every way the fetcher must survive.

Each path is one behaviour: an article, redirects (to anywhere, in a loop, in a chain),
oversized and slow bodies, a gzip bomb, a PDF, a 404, conditional GET. The server runs in a
thread for the test session; each request gets its own thread so a slow drip never blocks
the next test.
"""

from __future__ import annotations

import gzip
import http.server
import threading
import time
from urllib.parse import parse_qs, urlsplit

import pytest

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour council approves night ferry trial - The Coastal Ledger</title>
<meta property="og:site_name" content="The Coastal Ledger">
<meta name="author" content="Mara Quinlan">
<meta property="article:published_time" content="2025-06-12T08:30:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour council approves night ferry trial</h1>
<p>The harbour council voted 9-2 on Wednesday to run a six-month trial of a night ferry between
Port Alder and the island of Wend, council minutes show.</p>
<p>"Shift workers have waited a decade for this," said councillor Ines Varga, who proposed the
trial. The service will cost 1.4 million euros, according to the council's budget office.</p>
<p>Critics argue the money would be better spent on the existing day boats, which are often late.</p>
</article>
<footer>Copyright 2025 The Coastal Ledger. All rights reserved.</footer>
</body></html>
"""
ARTICLE_ETAG = '"ferry-v1"'
GZIP_BOMB_SIZE = 20_000_000  # decompressed bytes; the tests cap bodies far below this


def _gzip_bomb() -> bytes:
    return gzip.compress(b"<html><body><p>" + b" " * GZIP_BOMB_SIZE, compresslevel=9)


class MisbehavingHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # the body ends when the connection closes: no length needed
    bomb = _gzip_bomb()

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        parts = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        route = getattr(self, "route_" + parts.path.strip("/").split("/")[0].replace("-", "_"), None)
        if route is None:
            self.send(404, "text/html", b"<html><body>not here</body></html>")
            return
        try:
            route(query)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the fetcher hung up on us, as it should

    def send(self, status: int, content_type: str | None, body: bytes, **headers: str) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302) -> None:
        self.send(status, "text/html", b"", Location=location)

    # --- routes ----------------------------------------------------------------------------

    def route_article(self, query) -> None:
        self.send(200, "text/html; charset=utf-8", ARTICLE_HTML.encode("utf-8"))

    def route_redirect(self, query) -> None:
        self.redirect(query["to"], int(query.get("status", 302)))

    def route_loop(self, query) -> None:
        self.redirect("/loop")

    def route_chain(self, query) -> None:
        hops = int(query["hops"])
        self.redirect(f"/chain?hops={hops - 1}" if hops > 1 else "/article")

    def route_big(self, query) -> None:
        self.send(200, "text/html", b"<html><body>" + b"<p>word</p>" * 200_000)

    def route_big_unannounced(self, query) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()  # no Content-Length: only counting the stream can stop it
        for _ in range(400):
            self.wfile.write(b"<p>" + b"x" * 10_000 + b"</p>")

    def route_slow(self, query) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html><body><p>")
        for _ in range(600):  # one byte every 50 ms for half a minute: each read is quick
            self.wfile.write(b"x")
            self.wfile.flush()
            time.sleep(0.05)

    def route_pdf(self, query) -> None:
        self.send(200, "application/pdf", b"%PDF-1.4 not really")

    def route_gzip_bomb(self, query) -> None:
        self.send(200, "text/html", self.bomb, Content_Encoding="gzip")

    def route_gzipped_article(self, query) -> None:
        self.send(200, "text/html; charset=utf-8", gzip.compress(ARTICLE_HTML.encode()), Content_Encoding="gzip")

    def route_latin1_article(self, query) -> None:
        # Declared in the header only; the bytes are not valid UTF-8.
        body = ARTICLE_HTML.replace('<meta charset="utf-8">', "").replace("Varga", "Varga Müller")
        self.send(200, "text/html; charset=windows-1252", body.encode("cp1252"))

    def route_untyped_article(self, query) -> None:
        self.send(200, None, ARTICLE_HTML.encode())

    def route_conditional(self, query) -> None:
        if self.headers.get("If-None-Match") == ARTICLE_ETAG:
            self.send(304, None, b"", ETag=ARTICLE_ETAG)
        else:
            self.send(200, "application/rss+xml", b"<?xml version='1.0'?><rss><channel/></rss>", ETag=ARTICLE_ETAG)

    def route_status(self, query) -> None:
        self.send(int(query["code"]), "text/html", b"<html><body>error</body></html>")

    def route_echo_host(self, query) -> None:
        host = self.headers.get("Host", "")
        self.send(200, "text/html", f"<html><body><p id='host'>{host}</p></body></html>".encode())

    def route_empty_page(self, query) -> None:
        self.send(200, "text/html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>")


@pytest.fixture(scope="session")
def server_url():
    """Base URL (http://127.0.0.1:PORT) of the misbehaving server."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), MisbehavingHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="fetch-test-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def allow_private_setting(monkeypatch):
    """Set COPYDESK_FETCH_ALLOW_PRIVATE for one test, with the settings cache cleared around it."""
    from bot.config import get_settings

    def apply(value: str | None) -> None:
        if value is None:
            monkeypatch.delenv("COPYDESK_FETCH_ALLOW_PRIVATE", raising=False)
        else:
            monkeypatch.setenv("COPYDESK_FETCH_ALLOW_PRIVATE", value)
        get_settings.cache_clear()

    yield apply
    monkeypatch.undo()
    get_settings.cache_clear()

"""A real HTTP server on loopback serving feeds and article pages for the poller's tests."""

from __future__ import annotations

import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser

SAMPLE_FEED = Path(__file__).resolve().parents[3] / "seeds" / "sample-feed.xml"
SAMPLE_HOST = "https://news.example.org"
ETAG = '"sample-v1"'
LAST_MODIFIED = "Tue, 24 Nov 2026 10:00:00 GMT"


def sample_feed(base: str) -> bytes:
    return SAMPLE_FEED.read_text(encoding="utf-8").replace(SAMPLE_HOST, base).encode()


def atom_feed(base: str) -> bytes:
    # The rally story again (same link as the RSS feed, no tracking parameters), twice, plus one new entry.
    entry = """<entry><title>{title}</title><link href="{base}{path}"/><id>{id}</id>
      <updated>2026-11-24T09:00:00Z</updated><summary>{title}</summary></entry>"""
    entries = [
        entry.format(title="Commuters rally against bridge toll rise", base=base, path="/city/toll-rally", id="atom-1"),
        entry.format(
            title="Commuters rally against bridge toll rise", base=base, path="/city/toll-rally#top", id="atom-1b"
        ),
        entry.format(title="Council clerk sets date for toll vote", base=base, path="/city/toll-vote", id="atom-2"),
    ]
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Bay Courier</title><id>urn:courier</id>
<updated>2026-11-24T09:00:00Z</updated>{"".join(entries)}</feed>""".encode()


def article_pages(base: str) -> dict[str, bytes]:
    """Article pages built from the sample feed's own text."""
    pages = {}
    for entry in feedparser.parse(sample_feed(base)).entries:
        path = entry.link[len(base) :].split("?", 1)[0]
        body = entry.content[0].value
        pages[path] = f"""<!doctype html><html><head><title>{entry.title}</title>
<meta property="og:site_name" content="Harbor Gazette"></head><body><article><h1>{entry.title}</h1>
{body}</article></body></html>""".encode()
    vote = ("<p>The council clerk, Tom Brandt, said the vote on the Harbor Bridge tolls would be held in December.</p>"
            "<p>Brandt said members of the public could speak for three minutes each before the vote.</p>"
            "<p>Mayor Elena Ruiz has said the toll rise is needed to repair the bridge deck.</p>"
            "<p>Union leader Sam Okafor said his members would attend the meeting in large numbers.</p>")  # fmt: skip
    pages["/city/toll-vote"] = f"""<!doctype html><html><head><title>Council clerk sets date for toll vote</title>
</head><body><article><h1>Council clerk sets date for toll vote</h1>{vote}</article></body></html>""".encode()
    return pages


class FeedServer:
    def __init__(self):
        self.requests: list[tuple[str, dict]] = []
        self.broken = False  # /rss.xml answers 500 while True
        self.failing_pages: set[str] = set()  # article pages that answer 500
        self.page_delay = 0.0  # seconds every article page waits before answering
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.pages = article_pages(self.base)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                path = self.path.split("?", 1)[0]
                server.requests.append((path, dict(self.headers)))
                if path == "/rss.xml":
                    if server.broken:
                        return self._send(500, b"down", "text/plain")
                    if self.headers.get("If-None-Match") == ETAG:
                        return self._send(304, b"", None, {"ETag": ETAG})
                    return self._send(200, sample_feed(server.base), "application/rss+xml",
                                      {"ETag": ETAG, "Last-Modified": LAST_MODIFIED})  # fmt: skip
                if path == "/atom.xml":
                    return self._send(200, atom_feed(server.base), "application/atom+xml")
                if path == "/malformed.xml":
                    return self._send(200, b"<rss><channel><title>Oops</tit", "application/rss+xml")
                if path == "/half-broken.xml":  # an unescaped ampersand: bozo, yet its item is readable
                    body = re.sub(rb"</item>.*</channel>", b"</item><item><title>Fish & chips</title></item></channel>",
                                  sample_feed(server.base), count=1, flags=re.DOTALL)  # fmt: skip
                    return self._send(200, body, "application/rss+xml")
                if path == "/slow.xml":
                    time.sleep(4)
                    return self._send(200, sample_feed(server.base), "application/rss+xml")
                if path == "/huge.xml":
                    return self._send(
                        200, b"<rss><channel>" + b"<item><title>x</title></item>" * 200_000, "application/rss+xml"
                    )
                if path in server.pages:
                    if path in server.failing_pages:
                        return self._send(500, b"internal error", "text/plain")
                    time.sleep(server.page_delay)
                    return self._send(200, server.pages[path], "text/html; charset=utf-8")
                return self._send(404, b"not found", "text/plain")

            def _send(self, status, body, content_type, headers=None):
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    self.wfile.write(body)

        return Handler

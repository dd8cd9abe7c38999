"""The feed farm's HTTP server: RSS/Atom feeds, article pages, and the stamps a benchmark reads.

Routes (GET, on 127.0.0.1):
- /feed/N.xml   feed N as its plan says: healthy, slow (headers at once, then the body dripped
                over 5-10 s), dead (connection reset, 404 or 500) or malformed (cut off mid-entry,
                or not XML at all). Conditional GET with the feed's ETag answers 304.
- /a/I.html     item I's article page (newstext.article), a news site's usual markup.
- /_farm/plan   the plan as JSON: each feed's kind, way of failing, delay and item count.
- /_farm/stamps when each feed was first requested (Unix time, this machine's clock), request
                counts per feed, and how many article pages were served.

One thread per connection (ThreadingHTTPServer with a deep listen backlog): the slow feeds hold
their connections for seconds each, and none of them may hold up another.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from email.utils import formatdate
from html import escape as html_escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape as xml_escape

from copydesk_tools.feed_farm.newstext import article
from copydesk_tools.feed_farm.plan import DEAD, MALFORMED, SLOW, FeedPlan

DRIP_CHUNKS = 20
PUBLISHED = 1_795_000_000  # a fixed Unix time, so a feed's bytes never change between requests


class FarmState:
    """What the farm serves and what it has seen; shared by the request threads."""

    def __init__(self, plans: list[FeedPlan]):
        self.plans = plans
        self.first_request: dict[int, float] = {}
        self.requests: dict[int, int] = {}
        self.articles_served = 0
        self._lock = threading.Lock()

    def record_feed(self, number: int, when: float) -> None:
        with self._lock:
            self.first_request.setdefault(number, when)
            self.requests[number] = self.requests.get(number, 0) + 1

    def record_article(self) -> None:
        with self._lock:
            self.articles_served += 1

    def stamps(self) -> dict:
        with self._lock:
            return {
                "first_request": {str(k): v for k, v in self.first_request.items()},
                "requests": {str(k): v for k, v in self.requests.items()},
                "articles_served": self.articles_served,
            }

    def plan_json(self) -> list[dict]:
        return [
            {"number": p.number, "kind": p.kind, "way": p.way, "delay": p.delay, "items": p.item_count}
            for p in self.plans
        ]


class FarmServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 2048  # hundreds of feeds are requested at once when they fall due together

    def __init__(self, address: tuple[str, int], state: FarmState):
        super().__init__(address, FarmHandler)
        self.state = state


class FarmHandler(BaseHTTPRequestHandler):
    server: FarmServer

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        arrived = time.time()
        path = self.path.split("?", 1)[0]
        state = self.server.state
        if path.startswith("/feed/") and path.endswith(".xml"):
            number = _number(path[len("/feed/") : -len(".xml")], len(state.plans))
            if number is None:
                return self._answer(404, b"no such feed\n", "text/plain")
            state.record_feed(number, arrived)
            return self._feed(state.plans[number])
        if path.startswith("/a/") and path.endswith(".html"):
            total = state.plans[-1].first_item + state.plans[-1].item_count
            number = _number(path[len("/a/") : -len(".html")], total)
            if number is None:
                return self._answer(404, b"no such article\n", "text/plain")
            state.record_article()
            return self._answer(200, article_page(number), "text/html; charset=utf-8")
        if path == "/_farm/plan":
            return self._answer(200, json.dumps(state.plan_json()).encode(), "application/json")
        if path == "/_farm/stamps":
            return self._answer(200, json.dumps(state.stamps()).encode(), "application/json")
        return self._answer(404, b"not found\n", "text/plain")

    def _feed(self, plan: FeedPlan) -> None:
        if plan.kind == DEAD:
            if plan.way == "reset":
                return self._reset()
            return self._answer(int(plan.way), b"gone\n", "text/plain")
        etag = f'"farm-{plan.number}"'
        if self.headers.get("If-None-Match") == etag:
            return self._answer(304, b"", None, etag=etag)
        body = feed_document(plan, self._base())
        if plan.kind == MALFORMED:
            body = body[: len(body) * 3 // 5] if plan.way == "truncated" else b"<rss><channel><title>Oops & <<<"
        content_type = "application/atom+xml" if plan.atom else "application/rss+xml"
        if plan.kind == SLOW:
            return self._drip(body, content_type, plan.delay, etag)
        return self._answer(200, body, content_type, etag=etag)

    def _answer(self, status: int, body: bytes, content_type: str | None, etag: str | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if etag:
            self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _drip(self, body: bytes, content_type: str, seconds: float, etag: str) -> None:
        """Headers at once, then the body in small pieces until `seconds` have passed."""
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        piece = max(1, -(-len(body) // DRIP_CHUNKS))
        for start in range(0, len(body), piece):
            time.sleep(seconds / DRIP_CHUNKS)
            self.wfile.write(body[start : start + piece])

    def _reset(self) -> None:
        # SO_LINGER 0 then close: the kernel sends RST instead of FIN, as a crashed server does.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def _base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - thousands of requests; silence
        pass


def feed_document(plan: FeedPlan, base: str) -> bytes:
    entries = []
    for item in plan.items:
        headline, body = article(item)
        title, summary = xml_escape(headline), xml_escape(body.split("\n\n", 1)[0])
        link, published = f"{base}/a/{item}.html", PUBLISHED + item * 60
        if plan.atom:
            updated = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(published))
            entries.append(
                f'<entry><title>{title}</title><link href="{link}"/><id>urn:farm:item:{item}</id>'
                f"<updated>{updated}</updated><summary>{summary}</summary></entry>"
            )
        else:
            entries.append(
                f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
                f"<pubDate>{formatdate(published, usegmt=True)}</pubDate><description>{summary}</description></item>"
            )
    name = f"Farm News {plan.number}"
    if plan.atom:
        document = (
            f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{name}</title>'
            f"<id>urn:farm:feed:{plan.number}</id><updated>2026-11-30T08:00:00Z</updated>{''.join(entries)}</feed>"
        )
    else:
        document = (
            f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{name}</title>'
            f"<link>{base}/</link><description>{name}</description>{''.join(entries)}</channel></rss>"
        )
    return document.encode()


def article_page(item: int) -> bytes:
    headline, body = article(item)
    paragraphs = "".join(f"<p>{html_escape(p)}</p>" for p in body.split("\n\n"))
    site = f"Farm Courier {item % 50}"
    return (
        f"<!doctype html><html><head><title>{html_escape(headline)} | {site}</title>"
        f'<meta property="og:site_name" content="{site}"></head><body><nav><a href="/">Home</a> '
        f'<a href="/local">Local</a></nav><article><h1>{html_escape(headline)}</h1>{paragraphs}</article>'
        f"<footer>&copy; {site}</footer></body></html>"
    ).encode()


def _number(text: str, limit: int) -> int | None:
    return int(text) if text.isdigit() and int(text) < limit else None

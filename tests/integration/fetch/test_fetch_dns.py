"""The address check happens on what a name resolves to, at connect time.

DNS cannot be made to lie on a test machine, so the resolver is swapped for one that
answers like a rebinding attacker's would; everything else (sockets, HTTP, the local
server) is real.
"""

from __future__ import annotations

import socket

import pytest

from bot.fetch import errors
from bot.fetch.safe_http import fetch_page

REAL_GETADDRINFO = socket.getaddrinfo


@pytest.fixture
def fake_dns(monkeypatch):
    """Make chosen names resolve to chosen addresses; other names resolve normally."""
    answers: dict[str, list[str]] = {}

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            return [
                (socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))
                for ip in answers[host]
            ]
        return REAL_GETADDRINFO(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


def test_a_name_resolving_to_loopback_is_refused_though_the_url_looks_public(server_url, fake_dns):
    fake_dns["news.example.com"] = ["127.0.0.1"]
    port = server_url.rsplit(":", 1)[1]
    with pytest.raises(errors.AddressNotPublic):
        fetch_page(f"http://news.example.com:{port}/article", allow_private=False)


def test_one_private_answer_among_public_ones_is_enough_to_refuse(server_url, fake_dns):
    fake_dns["mixed.example.com"] = ["93.184.215.14", "169.254.169.254"]
    with pytest.raises(errors.AddressNotPublic):
        fetch_page("http://mixed.example.com/", allow_private=True)


def test_the_connection_goes_to_the_checked_address_and_keeps_the_host_name(server_url, fake_dns):
    fake_dns["intranet.example.com"] = ["127.0.0.1"]
    port = server_url.rsplit(":", 1)[1]
    page = fetch_page(f"http://intranet.example.com:{port}/echo-host", allow_private=True)
    assert f"intranet.example.com:{port}".encode() in page.body  # Host header kept, IP pinned

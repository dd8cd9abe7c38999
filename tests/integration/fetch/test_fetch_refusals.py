"""Every way a hostile link is refused, each with the message the user will read.

Requests go to the real local server in conftest.py; private addresses are allowed only
where a test says so, so most refusals here happen before or at connect time.
"""

from __future__ import annotations

import pytest

from bot.fetch import errors
from bot.fetch.safe_http import fetch_page


def refused(url: str, *policy, **options) -> errors.FetchError:
    with pytest.raises(errors.FetchError) as caught:
        fetch_page(url, *policy, **options)
    return caught.value


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.com/story.html", "gopher://example.com/", "javascript:alert(1)",
     "data:text/html,<p>hi</p>"],
)
def test_only_http_and_https_are_read(url):
    error = refused(url, allow_private=True)
    assert isinstance(error, errors.UnsupportedScheme)
    assert error.user_message == "only http and https links can be read"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost/",  # a name: refused on the address it resolves to
        "http://[::1]/",
        "http://2130706433/",  # decimal
        "http://0x7f000001/",  # hex
        "http://0177.0.0.1/",  # octal
        "http://127.1/",  # short form
        "http://[::ffff:127.0.0.1]/",  # IPv4-mapped IPv6
        "http://[64:ff9b::7f00:1]/",  # NAT64 form of 127.0.0.1
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://172.16.5.4/",
        "http://100.64.0.1/",  # shared carrier-grade NAT
        "http://[fd12:3456::1]/",  # unique-local IPv6
    ],
)
def test_loopback_and_private_addresses_are_refused_by_default(url):
    error = refused(url, allow_private=False)
    assert isinstance(error, errors.AddressNotPublic)
    assert error.user_message == "that address is not public"


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://[fd00:ec2::254]/",  # AWS metadata over IPv6
        "http://100.100.100.200/",  # Alibaba metadata
        "http://[::ffff:169.254.169.254]/",
        "http://0.0.0.0/",
        "http://0.1.2.3/",
        "http://[::]/",
        "http://255.255.255.255/",  # broadcast
        "http://240.0.0.1/",  # reserved
        "http://224.0.0.1/",  # multicast
        "http://169.254.10.10/",  # link-local
    ],
)
def test_metadata_unspecified_multicast_and_link_local_stay_refused_even_when_private_is_allowed(url):
    error = refused(url, allow_private=True)
    assert isinstance(error, errors.AddressNotPublic)


def test_a_name_is_checked_on_the_address_it_resolves_to(server_url):
    port = server_url.rsplit(":", 1)[1]
    assert isinstance(refused(f"http://localhost:{port}/article", allow_private=False), errors.AddressNotPublic)
    page = fetch_page(f"http://localhost:{port}/article", allow_private=True)
    assert b"night ferry" in page.body


@pytest.mark.parametrize(
    "target",
    ["http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "http://0.0.0.0:{port}/article"],
)
def test_a_redirect_to_a_forbidden_address_is_refused(server_url, target):
    target = target.format(port=server_url.rsplit(":", 1)[1])
    error = refused(f"{server_url}/redirect?to={target}", allow_private=True)
    assert isinstance(error, errors.AddressNotPublic)
    assert error.user_message == "that address is not public"


def test_a_redirect_to_another_scheme_is_refused(server_url):
    error = refused(f"{server_url}/redirect?to=file:///etc/passwd", allow_private=True)
    assert isinstance(error, errors.UnsupportedScheme)


def test_redirects_are_followed_up_to_the_limit_and_no_further(server_url):
    page = fetch_page(f"{server_url}/chain?hops=3", allow_private=True, max_redirects=3)
    assert page.url == f"{server_url}/article" and b"night ferry" in page.body
    error = refused(f"{server_url}/chain?hops=4", allow_private=True, max_redirects=3)
    assert isinstance(error, errors.TooManyRedirects)


def test_a_redirect_loop_ends_with_too_many_redirects(server_url):
    error = refused(f"{server_url}/loop", allow_private=True)
    assert isinstance(error, errors.TooManyRedirects)
    assert "redirects too many times" in error.user_message


def test_the_default_redirect_limit_comes_from_settings(server_url):
    from bot.config import get_settings
    from bot.fetch import FetchPolicy

    settings = get_settings()
    limit = settings.fetch_max_redirects
    policy = FetchPolicy.from_settings(settings)
    assert fetch_page(f"{server_url}/chain?hops={limit}", policy, allow_private=True).status == 200
    assert isinstance(refused(f"{server_url}/chain?hops={limit + 1}", policy, allow_private=True), errors.TooManyRedirects)


@pytest.mark.parametrize("path", ["/big", "/big-unannounced"])
def test_an_oversized_body_is_refused(server_url, path):
    error = refused(server_url + path, allow_private=True, max_bytes=1_000_000)
    assert isinstance(error, errors.PageTooLarge)
    assert error.user_message == "the page is too large"


def test_a_gzip_bomb_is_refused_on_its_decompressed_size(server_url):
    # The compressed body is a few kilobytes, far under the cap; only its expansion is not.
    error = refused(f"{server_url}/gzip-bomb", allow_private=True, max_bytes=1_000_000)
    assert isinstance(error, errors.PageTooLarge)


def test_a_gzipped_page_within_the_cap_is_decompressed(server_url):
    page = fetch_page(f"{server_url}/gzipped-article", allow_private=True)
    assert page.body.startswith(b"<!DOCTYPE html>") and b"night ferry" in page.body


def test_a_slow_drip_body_is_cut_off_at_the_total_deadline(server_url):
    error = refused(f"{server_url}/slow", allow_private=True, total_timeout=1.0)
    assert isinstance(error, errors.FetchTimeout)
    assert error.user_message == "the site took too long to answer"


def test_a_pdf_is_not_a_web_page(server_url):
    error = refused(f"{server_url}/pdf", allow_private=True)
    assert isinstance(error, errors.NotAWebPage)
    assert error.user_message == "that is not a web page (got application/pdf)"


def test_a_feed_is_refused_unless_feeds_are_accepted(server_url):
    assert isinstance(refused(f"{server_url}/conditional", allow_private=True), errors.NotAWebPage)
    page = fetch_page(f"{server_url}/conditional", allow_private=True, accept=("feed",))
    assert page.content_type == "application/rss+xml" and page.body.startswith(b"<?xml")


@pytest.mark.parametrize("code", [404, 500, 403])
def test_an_error_status_says_what_the_site_answered(server_url, code):
    error = refused(f"{server_url}/status?code={code}", allow_private=True)
    assert isinstance(error, errors.HTTPStatusError) and error.status == code
    assert error.user_message == f"the site answered {code}"


def test_a_closed_port_is_unreachable(server_url):
    import socket

    with socket.socket() as probe:  # a port nobody listens on: bind, note it, close
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error = refused(f"http://127.0.0.1:{port}/", allow_private=True)
    assert isinstance(error, errors.SiteUnreachable)


@pytest.mark.parametrize("url", ["http://", "http:///path", "not a link", "http://user:pw@example.com/"])
def test_malformed_links_are_refused_before_any_request(url):
    assert isinstance(refused(url, allow_private=True), errors.InvalidURL)


@pytest.mark.parametrize(
    "address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "64:ff9b::808:808", "::ffff:8.8.8.8"]
)
def test_public_addresses_are_allowed(address):
    import ipaddress

    from bot.fetch.addresses import AddressPolicy

    assert AddressPolicy(allow_private=False).refusal(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("host", ["example.com", "cafe.de", "1e100.net", "abc1.example"])
def test_host_names_are_not_mistaken_for_numeric_addresses(host):
    from bot.fetch.addresses import literal_address

    assert literal_address(host) is None

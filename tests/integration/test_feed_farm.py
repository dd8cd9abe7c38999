"""The feed farm behind `copydesk bench ingest` serves what the benchmark's figures assume: read with
Copydesk's own fetcher and feed parser, healthy feeds give their planned items, slow ones drip
for their planned seconds without holding up others, dead and malformed ones fail the way a
poll sees, and the farm stamps each feed's first request."""

from __future__ import annotations

import threading
import time
from collections import Counter

import feedparser
import pytest

from bot.fetch.errors import FetchError
from bot.fetch.extract import extract_article
from bot.fetch.safe_http import fetch_page
from copydesk_tools.feed_farm.plan import make_plan
from copydesk_tools.feed_farm.process import FarmProcess

FEEDS, ITEMS = 2000, 20000  # the benchmark's farm


@pytest.fixture(scope="module")
def farm():
    with FarmProcess(FEEDS, ITEMS) as running:
        yield running


def fetch(url: str, accept=("feed",)):
    return fetch_page(url, allow_private=True, accept=accept, total_timeout=15.0)


def feeds_of(farm, kind: str) -> list[dict]:
    return [feed for feed in farm.plan() if feed["kind"] == kind]


def test_the_plan_has_the_issue_shares_and_every_item_once():
    plan = make_plan(2000, 20000)
    assert Counter(feed.kind for feed in plan) == {"healthy": 1660, "slow": 200, "dead": 40, "malformed": 100}
    items = [item for feed in plan for item in feed.items]
    assert items == list(range(20000))
    assert max(feed.item_count for feed in plan) <= 20  # one poll reads a whole feed (feed_max_items)
    assert make_plan(2000, 20000) == plan  # deterministic: every run polls the same farm


def test_a_healthy_feed_lists_its_items_and_each_links_to_a_news_article(farm):
    feed = feeds_of(farm, "healthy")[0]
    parsed = feedparser.parse(fetch(farm.feed_url(feed["number"])).body)
    assert not parsed.bozo and len(parsed.entries) == feed["items"]
    page = fetch(parsed.entries[0].link, accept=("html",))
    article = extract_article(page.body.decode(), url=parsed.entries[0].link)
    assert article.title == parsed.entries[0].title
    assert 200 <= len(article.text.split()) <= 600


def test_slow_feeds_drip_for_their_delay_and_are_served_side_by_side(farm):
    slow = feeds_of(farm, "slow")[:3]
    took: dict[int, float] = {}

    def poll(feed: dict) -> None:
        started = time.monotonic()
        assert feedparser.parse(fetch(farm.feed_url(feed["number"])).body).entries
        took[feed["number"]] = time.monotonic() - started

    started = time.monotonic()
    threads = [threading.Thread(target=poll, args=(feed,)) for feed in slow]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for feed in slow:
        assert took[feed["number"]] >= feed["delay"] - 0.5
    assert time.monotonic() - started < max(feed["delay"] for feed in slow) + 3  # not one after the other


def test_dead_and_malformed_feeds_fail_as_a_poll_sees_them(farm):
    dead = feeds_of(farm, "dead")
    assert {feed["way"] for feed in dead} == {"reset", "404", "500"}
    for feed in dead:
        with pytest.raises(FetchError):
            fetch(farm.feed_url(feed["number"]))
    for feed in feeds_of(farm, "malformed"):
        parsed = feedparser.parse(fetch(farm.feed_url(feed["number"])).body)
        assert parsed.bozo
        assert len([entry for entry in parsed.entries if entry.get("link")]) < feed["items"]  # some lost
    assert {feed["way"] for feed in feeds_of(farm, "malformed")} == {"truncated", "garbage"}


def test_the_farm_stamps_each_feeds_first_request_only(farm):
    feed = feeds_of(farm, "healthy")[1]
    before = time.time()
    fetch(farm.feed_url(feed["number"]))
    first = farm.stamps()["first_request"][str(feed["number"])]
    fetch(farm.feed_url(feed["number"]))
    stamps = farm.stamps()
    assert before <= first <= time.time()
    assert stamps["first_request"][str(feed["number"])] == first
    assert stamps["requests"][str(feed["number"])] == 2

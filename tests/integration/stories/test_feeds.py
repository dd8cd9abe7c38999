"""Feeds polled from a real HTTP server on loopback, analysed with the real engine."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from bot.store.articles import ArticleRow
from bot.store.db import session_scope
from bot.store.stories_models import Feed, FeedItem, Story, StoryArticle
from bot.stories import feeds, tracking
from bot.stories.feed_poller import backoff, due_feed_ids
from bot.tasks import InlineTaskQueue, TaskWork
from tests.integration.stories.conftest import Clock, metric
from tests.integration.stories.test_scheduler_processes import start_scheduler, stop_schedulers, wait_for

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


class NoticeBoard:
    """The publisher's `notify`, kept: what the channels were told."""

    def __init__(self):
        self.notices = []

    def notify(self, team, channel, text):
        self.notices.append((channel, text))


@pytest.fixture
def tasks(story_settings, nlp):
    """The inline task queue, running the real poll and analysis tasks in its threads."""
    board, clock = NoticeBoard(), Clock(NOW)
    settings = story_settings.model_copy(update={"fetch_max_bytes": 300_000})
    queue = InlineTaskQueue(lambda q: TaskWork(settings, q, publisher=board, clock=clock))
    queue.notices, queue.clock_ = board.notices, clock
    yield queue
    queue.close()


@pytest.fixture
def poller(tasks):
    return tasks.work.poller


def poll(tasks, feed_id):
    """Poll now, and wait for the analyses it enqueued."""
    result = tasks.work.poller.poll(feed_id)
    assert tasks.join(), "the feed's analyses did not finish"
    return result


def attached(factory, story_name):
    with session_scope(factory) as session:
        return session.scalars(
            sa.select(StoryArticle.summary).join(Story, Story.id == StoryArticle.story_id).where(Story.name == story_name)
        ).all()


def add(factory, url, story=None, channel="C1"):
    with session_scope(factory) as session:
        added = feeds.add_feed(
            session, team_id="T1", channel_id=channel, url=url, story_name=story, user_id="U1", allow_private=True
        )
        return added[0].id


def test_a_feed_on_a_private_address_is_refused_when_it_is_added(factory):
    with session_scope(factory) as session, pytest.raises(feeds.StoryError, match="not public"):
        feeds.add_feed(session, team_id="T1", channel_id="C1", url="http://169.254.169.254/rss", story_name=None,
                       user_id="U1")  # fmt: skip


def test_rss_and_atom_items_are_one_article_each_and_join_matching_stories(factory, tasks, feed_server):
    with session_scope(factory) as session:
        tracking.track(
            session, team_id="T1", channel_id="C1", name="Bridge", terms=["Harbor Bridge", "toll", "Ruiz"], user_id="U1"
        )
    rss, atom = add(factory, feed_server.url("/rss.xml")), add(factory, feed_server.url("/atom.xml"))
    first = poll(tasks, rss)
    assert first.ok and first.new_items == first.queued == 3
    assert len(attached(factory, "Bridge")) == 2  # the school story item does not match
    second = poll(tasks, atom)  # the rally again (twice in the feed), plus one new article
    assert second.ok and second.new_items == 2
    assert feed_server.hits("/city/toll-rally") == 1  # fetched once across both feeds
    with session_scope(factory) as session:
        urls = session.scalars(sa.select(ArticleRow.canonical_url)).all()
        assert len(urls) == len(set(urls)) == 4
        titles = session.scalars(sa.select(StoryArticle.summary)).all()
        assert sorted(t["title"] for t in titles) == [
            "Commuters rally against bridge toll rise", "Council clerk sets date for toll vote",
            "Harbor Bridge tolls to rise to four dollars in March",
        ]  # fmt: skip
        assert session.scalar(sa.select(sa.func.count()).select_from(FeedItem)) == 5
        assert set(session.scalars(sa.select(FeedItem.status))) == {"done"}


def polls(outcome: str) -> float:
    return metric("copydesk_feed_polls_total", outcome=outcome)


def test_conditional_get_answers_304_and_nothing_is_read_again(factory, tasks, feed_server):
    rss = add(factory, feed_server.url("/rss.xml"))
    ok, not_modified = polls("ok"), polls("not_modified")
    assert poll(tasks, rss).new_items == 3
    again = poll(tasks, rss)
    assert again.ok and again.not_modified and again.new_items == 0
    assert (polls("ok") - ok, polls("not_modified") - not_modified) == (1, 1)
    last_headers = [h for p, h in feed_server.requests if p == "/rss.xml"][-1]
    assert last_headers.get("If-None-Match") == '"sample-v1"'
    assert last_headers.get("If-Modified-Since") == "Tue, 24 Nov 2026 10:00:00 GMT"


def test_a_story_feed_attaches_its_items_to_the_story(factory, tasks, feed_server):
    with session_scope(factory) as session:
        tracking.track(session, team_id="T1", channel_id="C1", name="Schools", terms=["homework"], user_id="U1")
    poll(tasks, add(factory, feed_server.url("/rss.xml"), story="Schools"))
    with session_scope(factory) as session:
        whys = session.scalars(sa.select(StoryArticle.why)).all()
    assert len(whys) == 3 and all(why == ["from the story's feed"] for why in whys)


def test_malformed_slow_and_huge_feeds_fail_without_crashing(factory, poller, feed_server):
    failed, ok = polls("failed"), polls("ok")
    for path in ("/malformed.xml", "/slow.xml", "/huge.xml", "/missing.xml"):
        result = poller.poll(add(factory, feed_server.url(path)))
        assert not result.ok and result.error, path
    half = poller.poll(add(factory, feed_server.url("/half-broken.xml")))
    assert half.ok and half.new_items >= 1
    assert (polls("failed") - failed, polls("ok") - ok) == (4, 1)


def test_a_failing_feed_backs_off_and_tells_the_channel_once(factory, tasks, poller, feed_server):
    feed_id = add(factory, feed_server.url("/rss.xml"))
    feed_server.broken = True
    for _ in range(6):
        with session_scope(factory) as session:
            session.get(Feed, feed_id).next_poll_at = tasks.clock_.now  # due now
        assert tasks.enqueue_poll(feed_id) and tasks.join()
        tasks.clock_.advance(minutes=1)
    with session_scope(factory) as session:
        feed = session.get(Feed, feed_id)
        assert feed.failures == 6 and feed.next_poll_at - feed.last_polled_at == backoff(15, 6) == timedelta(
            minutes=15 * 32
        )
    assert len(tasks.notices) == 1 and "failed 3 times" in tasks.notices[0][1]
    with session_scope(factory) as session:
        assert due_feed_ids(session, tasks.clock_.now) == []  # backed off: not due yet
    hits = feed_server.hits("/rss.xml")
    assert tasks.enqueue_poll(feed_id) and tasks.join()
    assert feed_server.hits("/rss.xml") == hits  # a queued poll of a feed not due does nothing
    feed_server.broken = False
    assert poller.poll(feed_id).ok
    assert len(tasks.notices) == 2 and "works again" in tasks.notices[1][1]


def test_a_lone_scheduler_polls_and_analyses_feeds_with_the_inline_queue(
    database_url, factory, history_stub, feed_server, tmp_path
):
    # The embedded default: no broker, no worker; `copydesk scheduler` (as `copydesk serve` does) runs it all.
    rss = add(factory, feed_server.url("/rss.xml"))
    processes = {"s1": start_scheduler(database_url, history_stub, tmp_path, "s1", FETCH_ALLOW_PRIVATE="true")}
    try:
        def analysed():
            with session_scope(factory) as session:
                return session.scalars(sa.select(FeedItem.status).where(FeedItem.feed_id == rss)).all()

        assert wait_for(lambda: analysed() == ["done"] * 3, 120), analysed()
        with session_scope(factory) as session:
            assert session.scalar(sa.select(sa.func.count()).select_from(ArticleRow)) == 3
    finally:
        stop_schedulers(processes)

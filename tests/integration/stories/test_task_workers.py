"""Feed polls and item analyses through the procrastinate queue: real `copydesk scheduler` and
`copydesk worker` processes on PostgreSQL, the loopback feed server, the real engine.

Always PostgreSQL (the queue lives there); a missing server fails (conftest's postgres_url).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request

import pytest
import sqlalchemy as sa
from prometheus_client.parser import text_string_to_metric_families

from bot.store.db import get_engine, session_factory, session_scope
from bot.store.stories_models import Feed, StoryArticle
from bot.stories import feeds, tracking
from tests.integration.stories.test_scheduler_metrics import free_port
from tests.integration.stories.task_processes import (
    all_final,
    item_states,
    queue_for,
    reports_per_article,
    start_queue_scheduler,
    start_worker,
    stop_processes,
    wait_for,
    worker_ready,
)

pytestmark = pytest.mark.postgres

ARTICLES = ("/city/bridge-tolls", "/city/toll-rally", "/schools/free-lunches")  # the sample feed's three items


def channel_with_feed(factory, url: str, channel: str = "C1") -> int:
    with session_scope(factory) as session:
        tracking.track(session, team_id="T1", channel_id=channel, name="Bridge", terms=["Harbor Bridge", "toll"],
                       user_id="U1")  # fmt: skip
        feed, _created = feeds.add_feed(
            session, team_id="T1", channel_id=channel, url=url, story_name=None, user_id="U1", allow_private=True
        )
        return feed.id


def worker_metrics(port: int) -> dict[tuple[str, str], float]:
    """(sample name, kind) -> value, from a worker's /metrics."""
    body = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    samples = {}
    for family in text_string_to_metric_families(body):
        for sample in family.samples:
            if "kind" in sample.labels:
                samples[(sample.name, sample.labels["kind"])] = sample.value
    return samples


def make_due(factory, feed_id: int) -> None:
    with session_scope(factory) as session:
        session.execute(sa.update(Feed).where(Feed.id == feed_id).values(next_poll_at=sa.func.now(), etag=None))


def test_two_schedulers_and_three_workers_analyse_each_item_once(queue_url, history_stub, feed_server, tmp_path):
    factory = session_factory(queue_url)
    feed_id = channel_with_feed(factory, feed_server.url("/rss.xml"))
    feed_server.page_delay = 0.5  # analyses overlap the repeated polls below
    processes = {}
    try:
        ports = {name: free_port() for name in ("w1", "w2", "w3")}
        for name, port in ports.items():
            processes[name] = start_worker(queue_url, history_stub, tmp_path, name, "--concurrency", "2",
                                           WORKER_METRICS_PORT=str(port))  # fmt: skip
        for name in ("s1", "s2"):
            processes[name] = start_queue_scheduler(queue_url, history_stub, tmp_path, name)
        queue = queue_for(queue_url)
        for _ in range(6):  # polls over and over while the items are analysed: every one re-enqueues pending items
            make_due(factory, feed_id)
            queue.enqueue_poll(feed_id)
            time.sleep(0.5)
        assert wait_for(lambda: all_final(factory, 3), 120), f"items not analysed: {item_states(factory)}"
        time.sleep(3)  # any duplicate job would run now
        queue.close()
        assert sorted(status for _key, status, _attempts in item_states(factory)) == ["done"] * 3
        assert all(feed_server.hits(path) == 1 for path in ARTICLES), [feed_server.hits(p) for p in ARTICLES]
        assert sorted(reports_per_article(factory).values()) == [1, 1, 1]  # one article and one report per item
        with session_scope(factory) as session:
            assert session.scalar(sa.select(sa.func.count()).select_from(StoryArticle)) == 2  # the two toll items
        scraped = [worker_metrics(port) for port in ports.values()]  # each worker's own /metrics
        assert sum(m.get(("copydesk_task_run_seconds_count", "analysis"), 0) for m in scraped) >= 3
        assert sum(m.get(("copydesk_task_wait_seconds_count", "poll"), 0) for m in scraped) >= 1
        assert sum(m.get(("copydesk_task_failures_total", "analysis"), 0) for m in scraped) == 0
    finally:
        stop_processes(processes)


def one_worker_mid_analysis(processes: dict, queue_url, history_stub, feed_server, tmp_path) -> str:
    """Start worker w1 and scheduler s1 (into `processes`) and wait until w1 is analysing one item: its page path."""
    processes["w1"] = start_worker(queue_url, history_stub, tmp_path, "w1")
    assert wait_for(lambda: worker_ready(tmp_path, "w1"), 120), "the worker never got ready"
    processes["s1"] = start_queue_scheduler(queue_url, history_stub, tmp_path, "s1")
    assert wait_for(lambda: sum(feed_server.hits(path) for path in ARTICLES) == 1, 60), "no analysis started"
    (in_flight,) = [path for path in ARTICLES if feed_server.hits(path) == 1]
    return in_flight


def test_a_worker_killed_mid_analysis_hands_its_item_to_another(queue_url, history_stub, feed_server, tmp_path):
    factory = session_factory(queue_url)
    channel_with_feed(factory, feed_server.url("/rss.xml"))
    feed_server.page_delay = 6.0  # the worker is killed while its analysis waits for the page
    processes: dict = {}
    try:
        in_flight = one_worker_mid_analysis(processes, queue_url, history_stub, feed_server, tmp_path)
        processes["w1"][0].send_signal(signal.SIGKILL)
        processes["w1"][0].wait(10)
        feed_server.page_delay = 0.0
        processes["w2"] = start_worker(queue_url, history_stub, tmp_path, "w2")
        assert wait_for(lambda: all_final(factory, 3), 120), f"items not analysed: {item_states(factory)}"
        assert sorted(status for _key, status, _attempts in item_states(factory)) == ["done"] * 3
        assert feed_server.hits(in_flight) == 2  # the killed attempt, then the one handed to w2
        assert "jobs of dead workers back to the queue" in (tmp_path / "s1.log").read_text()
        assert sorted(reports_per_article(factory).values()) == [1, 1, 1]  # the article stored once
    finally:
        stop_processes(processes)


def test_a_poison_item_is_tried_three_times_then_recorded_and_its_feed_goes_on(
    queue_url, history_stub, feed_server, tmp_path
):
    factory = session_factory(queue_url)
    channel_with_feed(factory, feed_server.url("/atom.xml"))  # two items, with no text of their own to fall back on
    feed_server.failing_pages.add("/city/toll-vote")
    processes = {"w1": start_worker(queue_url, history_stub, tmp_path, "w1")}
    try:
        processes["s1"] = start_queue_scheduler(queue_url, history_stub, tmp_path, "s1")
        assert wait_for(lambda: all_final(factory, 2), 120), f"items not final: {item_states(factory)}"
        states = {key.rsplit("/", 1)[-1]: (status, attempts) for key, status, attempts in item_states(factory)}
        assert states == {"toll-rally": ("done", 0), "toll-vote": ("failed", 3)}
        assert feed_server.hits("/city/toll-vote") == 3
        with session_scope(factory) as session:
            error = session.scalar(sa.text("SELECT error FROM feed_items WHERE status = 'failed'"))
        assert error == "the site answered 500"
        time.sleep(4)  # past the last retry delay: nothing picks the failed item up again
        assert feed_server.hits("/city/toll-vote") == 3
    finally:
        stop_processes(processes)


def restart_postgres(url: str) -> None:
    """Restart the test server (the suite runs as root beside it): every connection is cut. A checkpoint
    first keeps the shutdown short, and whatever happens the server is left running."""
    versions = sorted(os.listdir("/etc/postgresql"))
    if not versions:
        pytest.fail("no PostgreSQL cluster under /etc/postgresql to restart")
    with get_engine(url).connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(sa.text("CHECKPOINT"))
    cluster = ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main"]
    environment = {**os.environ, "PGCTLTIMEOUT": "300"}  # pg_ctl gives up after 60 s by default
    try:
        subprocess.run([*cluster, "restart"], check=True, timeout=600, env=environment)
    finally:
        if subprocess.run([*cluster, "status"], capture_output=True, env=environment).returncode != 0:
            subprocess.run([*cluster, "start"], check=True, timeout=600, env=environment)


def test_jobs_queued_through_a_postgres_restart_are_all_done_and_workers_reconnect(
    queue_url, history_stub, feed_server, tmp_path
):
    factory = session_factory(queue_url)
    channel_with_feed(factory, feed_server.url("/rss.xml"))
    feed_server.page_delay = 3.0  # one analysis at a time, slowly: the others wait in the queue
    processes = {"w1": start_worker(queue_url, history_stub, tmp_path, "w1")}
    try:
        processes["s1"] = start_queue_scheduler(queue_url, history_stub, tmp_path, "s1")
        queue = queue_for(queue_url)
        assert wait_for(lambda: queue.depth()["analysis"] >= 2, 120), "the analyses were never queued"
        restart_postgres(queue_url)
        feed_server.page_delay = 0.5
        assert wait_for(lambda: all_final(factory, 3), 180), f"items not analysed: {item_states(factory)}"
        assert sorted(status for _key, status, _attempts in item_states(factory)) == ["done"] * 3
        assert sorted(reports_per_article(factory).values()) == [1, 1, 1]
        # At least two analyses were waiting when the server went down: the one worker, still running
        # (it reconnected, never exited), did them after it came back.
        assert processes["w1"][0].poll() is None
        assert queue.depth() == {"poll": 0, "analysis": 0, "digest": 0}
        queue.close()
    finally:
        stop_processes(processes)


def test_sigterm_lets_the_running_analysis_finish_then_the_worker_exits(queue_url, history_stub, feed_server, tmp_path):
    factory = session_factory(queue_url)
    channel_with_feed(factory, feed_server.url("/rss.xml"))
    feed_server.page_delay = 4.0
    processes: dict = {}
    try:
        in_flight = one_worker_mid_analysis(processes, queue_url, history_stub, feed_server, tmp_path)
        worker = processes["w1"][0]
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(30) == 0
        states = {key.split("?")[0].rsplit("/", 1)[-1]: status for key, status, _attempts in item_states(factory)}
        assert states[in_flight.rsplit("/", 1)[-1]] == "done"  # finished before the exit, not abandoned
        assert sorted(states.values()) == ["done", "pending", "pending"]  # and took nothing more
        assert sum(feed_server.hits(path) for path in ARTICLES) == 1
    finally:
        stop_processes(processes)

"""`copydesk bench digest`: digest composition for 200 stories over 5,000 stored articles, on SQLite
and on PostgreSQL, and again at double the data (400 stories, 10,000 articles).

The data is synthetic and cheap (no spaCy): articles, light reports, and the story articles with
the summaries a real match stores; half the articles are new since the last digest, half older,
and some flagged claims are already checked. Timed: compose (the queries and the folding) and
render to Block Kit, best of seven, the two sizes measured alternately so that both see the
same machine load. Composition must not query per article (the SQL statements per digest are
counted), so doubling the data should at most double the time. The time Python's garbage
collector takes is shown apart: a full collection starts at a heap-size threshold, not per article.
"""

from __future__ import annotations

import gc
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from bot.store.db import dispose_all, session_factory, session_scope
from bot.store.migrate import upgrade
from copydesk_tools.benchmarks.pg_schemas import PostgresSchemas, bench_postgres_url

TEAM, CHANNEL = "TBENCH", "CBENCH"
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
SINCE = NOW - timedelta(days=1)
ROUNDS = 7


def run(quick: bool = False) -> int:
    stories, articles = (40, 1_000) if quick else (200, 5_000)
    print(f"copydesk bench digest: {stories} stories over {articles:,} articles, then double the data")
    header = ("database", "stories", "articles", "queries", "wall", "cpu", "of it gc", "wall×", "cpu×", "cpu-gc×")
    print(f"{header[0]:<11}" + "".join(f"{h:>10}" for h in header[1:]))
    for name, make_url in (("sqlite", _sqlite_url), ("postgresql", _postgres_url)):
        try:
            base_url, cleanup = make_url()
        except Exception as exc:  # noqa: BLE001 - a missing PostgreSQL is reported, not fatal
            print(f"{name:<11}skipped: {exc}")
            continue
        drops = []
        try:
            urls = []
            for factor in (1, 2):
                url, drop = base_url(factor)
                drops.append(drop)
                _load(url, stories * factor, articles * factor)
                urls.append(url)
            small, large = _measure_interleaved(urls)
            for factor, run_ in ((1, small), (2, large)):
                ratios = "".join(
                    f"{ratio:>10.2f}"
                    for ratio in (large.wall / small.wall, large.cpu / small.cpu, large.own_cpu / small.own_cpu)
                ) if factor == 2 else ""  # fmt: skip
                print(f"{name:<11}{stories * factor:>10}{articles * factor:>10,}{run_.queries:>10}"
                      f"{run_.wall:>9.3f}s{run_.cpu:>9.3f}s{run_.gc:>9.3f}s{ratios}")  # fmt: skip
        finally:
            for drop in drops:
                drop()
            cleanup()
    print("target: under 2 s at 200 stories / 5,000 articles; doubling the data at most doubles the time.")
    print("wall: best elapsed; cpu: best CPU time of this process; of it gc: Python's garbage collector in that run;")
    print("cpu-gc×: the ratio without the collector, whose full passes start at a heap-size threshold")
    return 0


def _sqlite_url():
    folder = Path(tempfile.mkdtemp(prefix="copydesk-bench-"))

    def url(factor: int):
        path = folder / f"digest-{factor}.sqlite3"
        return f"sqlite:///{path}", lambda: (dispose_all(), path.unlink(missing_ok=True))

    return url, lambda: None


def _postgres_url():
    schemas = PostgresSchemas(bench_postgres_url())

    def url(_factor: int):
        return schemas.create()

    return url, schemas.close


def _summary(n: int, story: int) -> dict:
    return {
        "title": f"Story {story}: council hears evidence on item {n}",
        "site": f"Site {n % 17}",
        "url": f"https://news{n % 17}.example/{n}",
        "facts": [f"Fact {k} of article {n} about story {story}, with a figure of {n * k} dollars." for k in range(3)],
        "actors": [{"name": f"Person {story}-{(n + k) % 9}", "type": "PERSON"} for k in range(5)],
        "claims": [
            {"sentence": k, "text": f"Claim {k} in article {n}.", "status": "vague", "reason": "vague source"}
            for k in range(2)
        ],
    }


def _story_row(s: int, created: datetime) -> dict:
    return {
        "id": s + 1, "team_id": TEAM, "channel_id": CHANNEL, "name": f"Story {s}", "name_key": f"story {s}",
        "terms": [f"term{s}"], "actors": [{"name": f"Person {s}-0", "aliases": []}], "created_at": created,
    }  # fmt: skip


def _article_row(n: int) -> dict:
    return {
        "id": n + 1, "canonical_url": f"https://news{n % 17}.example/{n}", "text_hash": f"{n:064x}",
        "title": f"Article {n}", "site": "Site", "text": "Body text. " * 40,
        "created_at": NOW - timedelta(hours=n % 48),
    }  # fmt: skip


def _report_row(n: int) -> dict:
    return {
        "id": n + 1, "article_id": n + 1, "team_id": TEAM, "channel_id": CHANNEL, "engine_version": "bench",
        "report": {"id": str(n), "schema": "copydesk.report/1"}, "created_at": NOW - timedelta(hours=n % 48),
    }  # fmt: skip


def _story_article_row(n: int, story: int) -> dict:
    return {
        "story_id": story + 1, "article_id": n + 1, "report_id": n + 1, "score": 3.0, "via": "feed",
        "why": [f"'term{story}' in the headline"], "summary": _summary(n, story),
        "matched_at": NOW - timedelta(hours=1 + (n % 2) * 47, seconds=n),
    }  # fmt: skip


def _load(url: str, stories: int, articles: int) -> None:
    from bot.store.articles import ArticleRow, ReportRow
    from bot.store.slack_state import ClaimCheck
    from bot.store.stories_models import Story, StoryArticle

    upgrade(url=url)
    factory = session_factory(url)
    created = NOW - timedelta(days=30)
    with session_scope(factory) as session:
        session.execute(sa.insert(Story), [_story_row(s, created) for s in range(stories)])
        session.execute(sa.insert(ArticleRow), [_article_row(n) for n in range(articles)])
        session.execute(sa.insert(ReportRow), [_report_row(n) for n in range(articles)])
        # Every article on one story; every other one new since the last digest.
        session.execute(sa.insert(StoryArticle), [_story_article_row(n, n % stories) for n in range(articles)])
        checks = [
            {"report_id": n + 1, "sentence": 0, "checked_by": "UBENCH", "checked_at": NOW}
            for n in range(0, articles, 5)
        ]
        session.execute(sa.insert(ClaimCheck), checks)
    if url.startswith("postgresql"):
        with factory() as session:
            session.execute(sa.text("ANALYZE"))
            session.commit()


@dataclass
class Timing:
    wall: float = float("inf")  # best wall-clock seconds
    cpu: float = float("inf")  # best CPU seconds of this process (not slowed by other load on the machine)
    queries: int = 0  # SQL statements per digest: the same at both sizes, or something queries per article
    gc: float = 0.0  # CPU seconds the garbage collector took in the best-CPU run

    @property
    def own_cpu(self) -> float:
        return self.cpu - self.gc


def _measure_interleaved(urls: list[str]) -> list[Timing]:
    """Best times and statement counts per database, alternating sizes so both see the same load."""
    from bot.store.db import get_engine

    timings = [Timing() for _ in urls]
    for _round in range(ROUNDS):
        for url, timing in zip(urls, timings, strict=True):
            statements: list[str] = []
            engine = get_engine(url)
            listener = _statement_recorder(statements)
            sa.event.listen(engine, "before_cursor_execute", listener)
            try:
                wall, cpu, collecting = _compose_once(url)
            finally:
                sa.event.remove(engine, "before_cursor_execute", listener)
            if cpu < timing.cpu:
                timing.cpu, timing.gc = cpu, collecting
            timing.wall, timing.queries = min(timing.wall, wall), len(statements)
    return timings


def _statement_recorder(statements: list[str]):
    def record(_connection, _cursor, statement, *_rest) -> None:
        statements.append(statement)

    return record


class _GCTimer:
    """CPU seconds spent inside the garbage collector while active (gc.callbacks)."""

    def __init__(self):
        self.total, self._started = 0.0, 0.0

    def __call__(self, phase: str, _info: dict) -> None:
        if phase == "start":
            self._started = time.process_time()
        else:
            self.total += time.process_time() - self._started


def _compose_once(url: str) -> tuple[float, float, float]:
    from bot.slack.digest_blocks import digest_messages
    from bot.stories.digest import compose_digest
    from bot.stories.matching import normalise

    normalise.cache_clear()  # every round starts cold, as a fresh process would
    timer = _GCTimer()
    gc.callbacks.append(timer)
    started, started_cpu = time.perf_counter(), time.process_time()
    try:
        with session_scope(session_factory(url)) as session:
            content = compose_digest(session, TEAM, CHANNEL, since=SINCE, until=NOW)
        digest_messages(content)
    finally:
        elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
        gc.callbacks.remove(timer)
    assert content.news, "the benchmark digest has no news: the data did not load"
    return elapsed, cpu, timer.total

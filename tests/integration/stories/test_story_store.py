"""Stories on a real database: migrations, scoping, matching, digest composition, retention."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from bot.scheduler import CopydeskScheduler
from bot.slack.digest_blocks import SlackDigestPublisher
from bot.reports import repository as reports_repo
from bot.store import slack_repo
from bot.store.db import get_engine, session_scope
from bot.store.retention import purge_expired
from bot.store.slack_state import ClaimCheck, MessageClaim
from bot.store.stories_models import Story, StoryArticle
from bot.stories import attach, tracking
from bot.stories.digest import compose_digest
from tests.integration.stories.conftest import Clock
from tests.integration.stories.reports import BRIDGE, BRIDGE_FOLLOWUP, SCHOOLS

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def save(factory, report, channel="C1", team="T1"):
    with session_scope(factory) as session:
        return reports_repo.save_report(
            session, report, team_id=team, channel_id=channel, user_id="U1", engine_version="1.0.0"
        ).id


def track(factory, name, terms, channel="C1", team="T1"):
    with session_scope(factory) as session:
        result = tracking.track(session, team_id=team, channel_id=channel, name=name, terms=terms, user_id="U1")
        tracking.ensure_schedule(session, team, channel, timezone="UTC", time="09:00")
        attach.backfill_story(session, result.story, 3.0)
        return result.story.id


def sweep(factory, channel="C1", team="T1", now=None):
    with session_scope(factory) as session:
        return attach.match_new_channel_reports(session, team, channel, 3.0, now=now)


def test_migrations_create_the_story_tables(database_url):
    tables = set(sa.inspect(get_engine(database_url)).get_table_names())
    assert {"stories", "story_articles", "feeds", "feed_items", "digest_schedules", "digests"} <= tables


def test_stories_are_scoped_to_channel_and_workspace(factory):
    track(factory, "Bridge", ["Harbor Bridge", "tolls"], channel="C1")
    track(factory, "bridge", ["Harbor Bridge"], channel="C2")
    track(factory, "Bridge", ["Harbor Bridge"], team="T2")
    save(factory, BRIDGE, channel="C2")
    assert sweep(factory, channel="C1") == 0
    assert sweep(factory, channel="C2") == 1
    with session_scope(factory) as session:
        names = [s.name for s in tracking.channel_stories(session, "T1", "C1")]
        assert names == ["Bridge"]
        assert tracking.find_story(session, "T1", "C1", "BRIDGE") is not None  # names are case-insensitive
        attached = session.scalars(sa.select(StoryArticle)).all()
        assert len(attached) == 1
        assert session.get(Story, attached[0].story_id).channel_id == "C2"


def test_reports_in_the_channel_join_matching_stories_once_with_reasons(factory):
    save(factory, BRIDGE)  # before the story: picked up by the backfill
    story_id = track(factory, "Bridge tolls", ["Harbor Bridge", "toll", "Ruiz"])
    save(factory, SCHOOLS)
    save(factory, BRIDGE_FOLLOWUP)
    assert sweep(factory) == 1  # the follow-up; the school story does not match
    assert sweep(factory) == 0  # the sweep moved past them
    save(factory, BRIDGE)  # the same article analysed again: still one story article
    assert sweep(factory) == 0
    with session_scope(factory) as session:
        rows = session.scalars(sa.select(StoryArticle).where(StoryArticle.story_id == story_id)).all()
        assert sorted(r.summary["title"] for r in rows) == [
            "Commuters protest bridge toll rise",
            "Harbor Bridge tolls to rise in March",
        ]
        assert any("actor Elena Ruiz (as 'Ruiz')" in r.why for r in rows)


def test_digest_lists_new_articles_deduplicated_facts_new_actors_and_unchecked_claims(factory):
    save(factory, BRIDGE)
    track(factory, "Bridge tolls", ["Harbor Bridge", "toll", "Ruiz"])
    track(factory, "Schools", ["school board", "lunches"])
    with session_scope(factory) as session:  # the first article is old news for the digest window
        session.execute(sa.update(StoryArticle).values(matched_at=T0 - timedelta(days=2)))
    follow_up = save(factory, BRIDGE_FOLLOWUP)
    sweep(factory, now=T0)
    with session_scope(factory) as session:
        session.add(ClaimCheck(report_id=follow_up, sentence=0, checked_by="U9"))
    with session_scope(factory) as session:
        content = compose_digest(session, "T1", "C1", since=T0 - timedelta(days=1), until=T0 + timedelta(hours=1))
    (news,) = content.news
    assert [a.title for a in news.articles] == ["Commuters protest bridge toll rise"]
    assert news.articles[0].url == "https://courier.example/toll-protest" and news.articles[0].site == "Bay Courier"
    # the follow-up repeats the first article's fact: shown once; Ruiz is followed and known, Okafor is new
    assert len(news.facts) == 2
    assert news.new_actors == ["Sam Okafor"]
    assert news.open_claims == []  # its only flagged claim was checked in Slack
    assert [q.name for q in content.quiet] == ["Schools"]


def test_digest_composition_queries_do_not_grow_with_articles(factory, database_url):
    track(factory, "Bridge tolls", ["Harbor Bridge", "toll", "Ruiz"])
    statements = []
    engine = get_engine(database_url)
    def listener(*args):
        return statements.append(args[2])
    for count in (1, 3):
        for n in range(count):
            save(
                factory,
                BRIDGE.__class__.from_dict(
                    {
                        **BRIDGE_FOLLOWUP.to_dict(),
                        "article": {**BRIDGE_FOLLOWUP.to_dict()["article"], "url": f"https://c.example/{count}-{n}"},
                    }
                ),
            )
        sweep(factory)
        statements.clear()
        sa.event.listen(engine, "before_cursor_execute", listener)
        with session_scope(factory) as session:
            compose_digest(session, "T1", "C1", since=None, until=datetime.now(UTC))
        sa.event.remove(engine, "before_cursor_execute", listener)
        if count == 1:
            first = len(statements)
    assert len(statements) == first


def test_retention_purges_text_and_reports_but_keeps_story_history(factory):
    save(factory, BRIDGE)
    track(factory, "Bridge tolls", ["Harbor Bridge", "toll"])
    with session_scope(factory) as session:
        purged = purge_expired(session, 30, now=datetime.now(UTC) + timedelta(days=31))
    assert purged.articles == 1 and purged.reports == 1
    with session_scope(factory) as session:
        article = session.scalars(sa.select(reports_repo.ArticleRow)).one()
        assert article.text is None and article.title == "Harbor Bridge tolls to rise in March"
        assert session.scalars(sa.select(reports_repo.ReportRow)).one().report is None
        overview_row = session.scalars(sa.select(StoryArticle)).one()
        assert overview_row.summary["facts"] and overview_row.report_id is not None
        content = compose_digest(session, "T1", "C1", since=None, until=datetime.now(UTC) + timedelta(days=1))
        assert content.news[0].articles[0].title == "Harbor Bridge tolls to rise in March"


def test_the_nightly_retention_job_also_purges_old_slack_reply_claims(story_settings, factory):
    save(factory, BRIDGE)
    assert slack_repo.claim_message(factory, "T1", "C1", "100.1", "shortcut", "U1")
    clock = Clock(datetime.now(UTC) + timedelta(days=31))
    assert slack_repo.claim_message(factory, "T1", "C1", "100.2", "shortcut", "U1")
    with session_scope(factory) as session:  # the second claim was made a month after the first
        claim = session.scalar(sa.select(MessageClaim).where(MessageClaim.message_ts == "100.2"))
        claim.claimed_at = clock.now - timedelta(days=1)
    settings = story_settings.model_copy(update={"retention_days": 30})
    CopydeskScheduler(settings, publisher=SlackDigestPublisher(settings), clock=clock).purge()
    assert slack_repo.existing_claim(factory, "T1", "C1", "100.1") is None  # older than 30 days: gone
    assert slack_repo.existing_claim(factory, "T1", "C1", "100.2") is not None  # recent: still answered once
    with session_scope(factory) as session:
        assert session.scalars(sa.select(reports_repo.ReportRow)).one().report is None  # purged with it

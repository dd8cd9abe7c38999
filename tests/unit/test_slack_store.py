"""The Slack-side tables and the reports repository, on a real migrated database."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from bot.analysis.report import Article, Report
from bot.reports import repository as reports_repo
from bot.store import slack_repo
from bot.store.db import get_engine, session_factory, session_scope


def _report(text="Some article text.", url=None) -> Report:  # noqa: ANN001
    return Report(id="x", article=Article(text=text, url=url, title="T", word_count=3))


def test_canonical_url_strips_tracking_and_noise_but_keeps_identity():
    canonical = reports_repo.canonical_url
    assert canonical("HTTPS://www.Example.com:443/News/Story/?utm_source=x&b=2&a=1&fbclid=9#top") == (
        "https://example.com/News/Story?a=1&b=2"
    )
    assert canonical("http://example.com/story?id=7") != canonical("http://example.com/story?id=8")


def test_an_article_is_stored_once_per_canonical_url_and_text(database_url):
    factory = session_factory(database_url)
    with session_scope(factory) as session:
        a = reports_repo.save_report(
            session,
            _report(url="https://ex.com/a?utm_medium=s"),
            team_id="T1",
            channel_id="C1",
            user_id="U1",
            engine_version="1",
        )
        b = reports_repo.save_report(
            session, _report(url="https://ex.com/a"), team_id="T1", channel_id="C2", user_id="U1", engine_version="1"
        )
        c = reports_repo.save_report(
            session, _report("Same  TEXT."), team_id="T1", channel_id="C1", user_id=None, engine_version="1"
        )
        d = reports_repo.save_report(
            session, _report("same text."), team_id="T1", channel_id="C1", user_id=None, engine_version="1"
        )
        assert a.article_id == b.article_id
        assert c.article_id == d.article_id != a.article_id


def test_recent_report_is_scoped_to_workspace_channel_window_and_engine(database_url):
    factory = session_factory(database_url)
    with session_scope(factory) as session:
        row = reports_repo.save_report(
            session, _report(url="https://ex.com/b"), team_id="T1", channel_id="C1", user_id="U1", engine_version="1.0"
        )
        article_id = row.article_id
    with session_scope(factory) as session:
        window = timedelta(hours=24)
        assert reports_repo.recent_report(session, "T1", "C1", article_id, window).id == row.id
        assert reports_repo.recent_report(session, "T2", "C1", article_id, window) is None
        assert reports_repo.recent_report(session, "T1", "C2", article_id, window) is None
        assert reports_repo.recent_report(session, "T1", "C1", article_id, window, engine_version="2.0") is None
        later = datetime.now(UTC) + timedelta(hours=25)
        assert reports_repo.recent_report(session, "T1", "C1", article_id, window, now=later) is None
        assert reports_repo.get_report(session, row.id, team_id="T2") is None


def test_events_and_messages_are_claimed_once(database_url):
    factory = session_factory(database_url)
    assert slack_repo.record_event(factory, "T1", "Ev1", "app_mention")
    assert not slack_repo.record_event(factory, "T1", "Ev1", "app_mention")
    assert slack_repo.record_event(factory, "T2", "Ev1", "app_mention")  # ids are per workspace
    assert slack_repo.claim_message(factory, "T1", "C1", "1.1", "mention", "U1")
    assert not slack_repo.claim_message(factory, "T1", "C1", "1.1", "shortcut", "U2")
    slack_repo.release_claim(factory, "T1", "C1", "1.1")
    assert slack_repo.claim_message(factory, "T1", "C1", "1.1", "shortcut", "U2")


def test_auto_mode_and_checks(database_url):
    factory = session_factory(database_url)
    assert not slack_repo.auto_mode(factory, "T1", "C1")
    slack_repo.set_auto_mode(factory, "T1", "C1", True, "U1")
    assert slack_repo.auto_mode(factory, "T1", "C1") and not slack_repo.auto_mode(factory, "T2", "C1")
    slack_repo.set_auto_mode(factory, "T1", "C1", False, "U1")
    assert not slack_repo.auto_mode(factory, "T1", "C1")
    with session_scope(factory) as session:
        report_id = reports_repo.save_report(
            session, _report(), team_id="T1", channel_id="C1", user_id="U1", engine_version="1"
        ).id
    first = slack_repo.record_check(factory, report_id, 2, "U5")
    again = slack_repo.record_check(factory, report_id, 2, "U6")
    assert first.checked_by == again.checked_by == "U5"


@pytest.mark.parametrize("key", [None, "generate"])
def test_installation_store_round_trips_and_encrypts_tokens_at_rest(database_url, key):
    from cryptography.fernet import Fernet
    from slack_sdk.oauth.installation_store import Installation

    from bot.store.slack_install import EncryptedInstallationStore

    key = Fernet.generate_key().decode() if key else None
    store = EncryptedInstallationStore("CLIENT", get_engine(database_url), key)
    store.save(
        Installation(
            app_id="A1",
            enterprise_id=None,
            team_id="T1",
            user_id="U1",
            bot_token="xoxb-secret-1",
            bot_id="B1",
            bot_user_id="UB",
            bot_scopes="chat:write",
            user_token="xoxp-secret-2",
        )
    )
    assert store.find_bot(enterprise_id=None, team_id="T1").bot_token == "xoxb-secret-1"
    assert store.find_installation(enterprise_id=None, team_id="T1").user_token == "xoxp-secret-2"
    assert store.find_bot(enterprise_id=None, team_id="T2") is None
    with get_engine(database_url).connect() as connection:
        stored = connection.execute(sa.text("SELECT bot_token FROM slack_bots")).scalar_one()
        stored_user = connection.execute(sa.text("SELECT user_token FROM slack_installations")).scalar_one()
    if key:
        assert "xoxb" not in stored and stored.startswith("enc:") and "xoxp" not in stored_user
        with pytest.raises(RuntimeError, match="COPYDESK_ENCRYPTION_KEY"):
            EncryptedInstallationStore("CLIENT", get_engine(database_url), None).find_bot(
                enterprise_id=None, team_id="T1"
            )
    else:
        assert stored == "xoxb-secret-1"


def test_oauth_state_store_tables_exist(database_url):
    from bot.store.slack_install import oauth_state_store

    store = oauth_state_store(get_engine(database_url))
    state = store.issue()
    assert store.consume(state) and not store.consume(state)


def test_old_event_ids_are_purged_and_recent_ones_kept(database_url):
    from bot.store.slack_state import ProcessedEvent

    factory = session_factory(database_url)
    slack_repo.record_event(factory, "T1", "EvOld", "message")
    slack_repo.record_event(factory, "T1", "EvNew", "message")
    with session_scope(factory) as session:
        old = session.scalar(sa.select(ProcessedEvent).where(ProcessedEvent.event_id == "EvOld"))
        old.received_at = datetime.now(UTC) - timedelta(days=3)
    assert slack_repo.purge_events(factory) == 1
    assert slack_repo.record_event(factory, "T1", "EvOld", "message")  # forgotten: long past any retry
    assert not slack_repo.record_event(factory, "T1", "EvNew", "message")

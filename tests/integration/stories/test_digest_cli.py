"""`copydesk digest CHANNEL` prints the channel's digest from the configured database."""

from __future__ import annotations

from typer.testing import CliRunner

from bot.cli import app
from bot.stories import attach, tracking
from bot.reports import repository as reports_repo
from bot.store.db import session_factory, session_scope
from tests.integration.stories.reports import BRIDGE


def test_the_digest_command_prints_news_per_story(database_url, monkeypatch):
    factory = session_factory(database_url)
    with session_scope(factory) as session:
        reports_repo.save_report(session, BRIDGE, team_id="T1", channel_id="C1", user_id="U1", engine_version="1.0.0")
    with session_scope(factory) as session:
        tracked = tracking.track(session, team_id="T1", channel_id="C1", name="Bridge", terms=["tolls"], user_id="U1")
        story = tracked.story
        tracking.ensure_schedule(session, "T1", "C1", timezone="UTC", time="09:00")
        attach.backfill_story(session, story, 3.0)
    monkeypatch.setenv("COPYDESK_DATABASE_URL", database_url)
    from bot.config import get_settings

    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["digest", "C1"])
        missing = CliRunner().invoke(app, ["digest", "CNONE"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "== Bridge: 1 new article(s)" in result.output
    assert "Harbor Bridge tolls to rise in March (Harbor Gazette)" in result.output
    assert "Critics argue the toll hurts commuters." in result.output
    assert missing.exit_code == 1

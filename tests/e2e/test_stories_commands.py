"""Story tracking over signed HTTP against the Slack stub: commands, "Track this story", the digest."""

from __future__ import annotations


from tests.integration.stories.feed_server import FeedServer
from tests.support.slack_app import ARTICLE


def _texts(stub) -> list[str]:
    return [call.params.get("text", "") for call in stub.calls_to("response_url")]


def _command(running_app, text: str, **kw) -> str:
    before = len(_texts(running_app.stub))
    running_app.command(text, **kw)
    running_app.wait_until_idle()
    answers = _texts(running_app.stub)[before:]
    assert len(answers) == 1, answers
    return answers[0]


def _track_button(running_app) -> tuple[str, str]:
    running_app.command(f"analyze {ARTICLE}")
    running_app.wait_until_idle()
    update = [c for c in running_app.stub.calls_to("chat.update") if c.params.get("blocks")][-1]
    (button,) = [e for e in update.params["blocks"][-1]["elements"] if e["action_id"] == "track_story"]
    return update.params["ts"], button["value"]


def test_track_this_story_seeds_a_story_from_the_report(running_app):
    ts, value = _track_button(running_app)
    running_app.click("track_story", value, message_ts=ts, user="U7")
    running_app.wait_until_idle()
    (answer,) = [c.params["text"] for c in running_app.stub.calls_to("chat.postMessage") if "tracking" in c.params["text"]]
    assert "Jane Porter" in answer
    name = answer.split("*")[1]
    listing = _command(running_app, "stories")
    assert name in listing and "1 article" in listing
    detail = _command(running_app, f"story {name}")
    assert "why: actor Jane Porter" in detail
    assert "Unnamed officials said the plan would cut bus services" in detail  # an open flagged claim


def test_track_story_untrack_and_the_reasons_it_matched(running_app):
    started = _command(running_app, 'track budget "city council" Porter')
    assert "tracking *budget*" in started
    running_app.command(f"analyze {ARTICLE}")
    running_app.wait_until_idle()
    detail = _command(running_app, "story budget")
    assert "City council approves new budget" in detail and "why:" in detail and "Porter" in detail
    assert "in another channel" not in _command(running_app, "stories", channel="C9")
    assert "No stories are tracked" in _command(running_app, "stories", channel="C9")
    assert "Stopped tracking *budget*" in _command(running_app, "untrack budget")
    assert "No story called" in _command(running_app, "untrack budget")


def test_digest_settings_preview_and_now(running_app):
    _command(running_app, 'track budget "city council" Porter')
    running_app.command(f"analyze {ARTICLE}")
    running_app.wait_until_idle()
    assert "daily at 09:00 (UTC)" in _command(running_app, "digest")
    assert "at 07:15" in _command(running_app, "digest time 7:15")
    assert "Europe/London" in _command(running_app, "digest tz Europe/London")
    assert "Mon, Wed, Fri at 07:15 (Europe/London)" in _command(running_app, "digest days mon,wed,fri")
    assert "not a timezone" in _command(running_app, "digest tz Mars/Base")
    assert "is off" in _command(running_app, "digest off")
    stub = running_app.stub
    _command(running_app, "digest preview")
    preview = stub.calls_to("response_url")[-1].params
    assert preview.get("response_type") == "ephemeral" and "budget" in str(preview["blocks"])
    running_app.command("digest now")
    running_app.wait_until_idle()
    (posted,) = [c for c in stub.calls_to("chat.postMessage") if (c.params.get("metadata") or {}).get("event_type")]
    assert posted.params["metadata"]["event_type"] == "copydesk_digest"
    assert posted.params["metadata"]["event_payload"]["channel"] == "C1"
    blocks = str(posted.params["blocks"])
    assert (
        "City council approves new budget" in blocks
        and "Unchecked claims" in blocks
        and len(posted.params["blocks"]) <= 50
    )


def test_feed_add_list_remove(running_app):
    server = FeedServer()  # feed add reads the feed at once: a real feed on loopback
    try:
        _command(running_app, "track budget council")
        assert "Added the feed" in _command(running_app, f"feed add {server.url('/rss.xml')} budget")
        assert "No story called" in _command(running_app, f"feed add {server.url('/atom.xml')} nosuch")
    finally:
        server.stop()
    listing = _command(running_app, "feed list")
    assert f"1. <{server.url('/rss.xml')}" in listing and "→ budget" in listing
    assert "Removed the feed" in _command(running_app, "feed remove 1")
    assert "No feeds" in _command(running_app, "feed list")


def test_track_this_story_on_another_workspaces_report_tracks_nothing(running_app):
    from bot.analysis.report import Article, Report
    from bot.reports import repository as reports_repo
    from bot.store.db import session_factory, session_scope

    factory = session_factory(running_app.settings.resolved_database_url)
    with session_scope(factory) as session:
        foreign = reports_repo.save_report(
            session, Report(id="x", article=Article(text="Secret council plans.", title="Secret"), ),
            team_id="TOTHER", channel_id="C1", user_id="U9", engine_version="1.0.0",
        ).id  # fmt: skip
    running_app.click("track_story", str(foreign), message_ts="1700000000.000001")
    running_app.click("track_story", "not-a-number", message_ts="1700000000.000001")
    running_app.wait_until_idle()
    answers = _texts(running_app.stub)
    assert len(answers) == 2 and all("can't find that report" in text for text in answers)
    assert "No stories are tracked" in _command(running_app, "stories")

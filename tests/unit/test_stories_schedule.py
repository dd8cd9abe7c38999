from datetime import UTC, datetime

import pytest

from bot.scheduler import digest_trigger
from bot.slack.digest_blocks import digest_messages
from bot.stories.digest import ArticleLine, DigestContent, QuietStory, StoryNews
from bot.stories.schedule import (
    ScheduleError,
    latest_occurrence,
    next_occurrence,
    parse_days,
    parse_time,
    parse_timezone,
    period_of,
)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("8:30", "08:30"), ("08:30", "08:30"), ("8am", "08:00"), ("5:15pm", "17:15"), ("12am", "00:00")],
)
def test_times_editors_type(typed, stored):
    assert parse_time(typed) == stored


@pytest.mark.parametrize("bad", ["25:00", "8:75", "noon", "13pm"])
def test_bad_times_are_refused_with_the_form(bad):
    with pytest.raises(ScheduleError, match="time"):
        parse_time(bad)


def test_days_and_timezones():
    assert parse_days("mon-fri") == "mon,tue,wed,thu,fri"
    assert parse_days("Weekends") == "sat,sun"
    assert parse_days("fri-mon") == "mon,fri,sat,sun"
    assert parse_days("monday, wed") == "mon,wed"
    assert parse_timezone("Europe/London") == "Europe/London"
    with pytest.raises(ScheduleError):
        parse_days("someday")
    with pytest.raises(ScheduleError, match="IANA"):
        parse_timezone("Mars/Olympus")


def test_the_same_instant_is_a_different_local_day_in_different_timezones():
    now = utc(2026, 11, 24, 2, 0)  # Tuesday 02:00 UTC = Monday 18:00 in Los Angeles, Tuesday 11:00 in Tokyo
    tokyo = latest_occurrence("09:00", "Asia/Tokyo", "mon,tue,wed,thu,fri,sat,sun", now)
    la = latest_occurrence("09:00", "America/Los_Angeles", "mon,tue,wed,thu,fri,sat,sun", now)
    assert tokyo == utc(2026, 11, 24, 0, 0) and period_of(tokyo) == "2026-11-24"
    assert la == utc(2026, 11, 23, 17, 0) and period_of(la) == "2026-11-23"


def test_weekday_schedules_skip_the_weekend():
    saturday = utc(2026, 11, 28, 12, 0)
    assert period_of(latest_occurrence("09:00", "UTC", "mon,tue,wed,thu,fri", saturday)) == "2026-11-27"
    assert next_occurrence("09:00", "UTC", "mon,tue,wed,thu,fri", saturday) == utc(2026, 11, 30, 9, 0)


def test_wall_clock_time_holds_across_daylight_saving():
    # London: 09:00 is 08:00 UTC in summer and 09:00 UTC in winter.
    assert latest_occurrence("09:00", "Europe/London", "mon,tue,wed,thu,fri,sat,sun", utc(2026, 10, 24, 12)) == utc(
        2026, 10, 24, 8
    )
    assert latest_occurrence("09:00", "Europe/London", "mon,tue,wed,thu,fri,sat,sun", utc(2026, 10, 26, 12)) == utc(
        2026, 10, 26, 9
    )


def test_the_cron_trigger_fires_at_the_local_time():
    trigger = digest_trigger("08:30", "America/New_York", "mon,tue,wed,thu,fri")
    fired = trigger.get_next_fire_time(None, utc(2026, 11, 27, 14, 0))  # Friday 09:00 in New York: next is Monday
    assert fired.astimezone(UTC) == utc(2026, 11, 30, 13, 30)


def _news(index: int) -> StoryNews:
    articles = [
        ArticleLine(f"Title {index}-{n}", "Site", f"https://x.example/{index}/{n}", ["'x' in the text"])
        for n in range(8)
    ]
    facts = ["A fact " * 200] * 3
    return StoryNews(index, f"Story {index}", articles=articles, article_count=12, facts=facts,
                     new_actors=[f"Person {n}" for n in range(6)], more_actors=3)  # fmt: skip


def test_a_long_digest_stays_inside_slack_limits_and_continues_in_the_thread():
    content = DigestContent("T", "C", utc(2026, 11, 23), utc(2026, 11, 24), news=[_news(i) for i in range(30)],
                            quiet=[QuietStory("Quiet one", None)])  # fmt: skip
    messages = digest_messages(content)
    assert len(messages) > 1
    for blocks in messages:
        assert len(blocks) <= 50
        for block in blocks:
            data = block.to_dict()
            assert len(data.get("text", {}).get("text", "")) <= 3000
    rendered = str([b.to_dict() for m in messages for b in m])
    assert all(f"Story {i}" in rendered for i in range(30)) and "Quiet one" in rendered
    assert "12 new articles" in rendered and "and 4 more" in rendered and "Person 5 and 3 more" in rendered

"""Slack text for the story commands: the story list, one story, feeds, the digest settings."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, HeaderBlock, MarkdownTextObject, SectionBlock

from bot.slack.blocks import clip, slack_date
from bot.slack.text import escape, link
from bot.stories.overview import StoryOverview
from bot.stories.schedule import describe_days
from bot.stories.tracking import StoryListing

MAX_LINES_TEXT = 3900  # one message's text, inside Slack's 4,000


def story_list(stories: list[StoryListing]) -> str:
    if not stories:
        return "No stories are tracked in this channel. Start one: `/copydesk track <name> [terms...]`."
    lines = ["*Stories tracked in this channel*"]
    for story in stories:
        follows = ", ".join(escape(t) for t in [*story.actors, *story.terms])
        last = f", latest {slack_date(story.last_article_at)}" if story.last_article_at else ""
        count = f"{story.articles} article{'s' if story.articles != 1 else ''}"
        lines.append(f"• *{escape(story.name)}*: {count}{last} — follows {follows}")
    return clip("\n".join(lines), MAX_LINES_TEXT)


def story_detail(overview: StoryOverview) -> str:
    follows = ", ".join(escape(t) for t in [*overview.followed_actors, *overview.terms])
    count = overview.total_articles
    lines = [f"*{escape(overview.name)}* — {count} article{'s' if count != 1 else ''}; follows {follows}"]
    if overview.recent:
        lines.append("*Recent articles*")
        for when, article in overview.recent:
            title = link(article.url, article.title) if article.url else escape(article.title)
            site = f" — {escape(article.site)}" if article.site else ""
            why = f"\n    _why: {escape('; '.join(article.why))}_" if article.why else ""
            lines.append(f"• {title}{site} ({slack_date(when)}){why}")
    else:
        lines.append(
            "No articles yet. Articles analysed in this channel, and items from its feeds, join when they match."
        )
    if overview.actors:
        lines.append("*Actors:* " + ", ".join(f"{escape(name)} ({count})" for name, count in overview.actors))
    if overview.open_claims:
        lines.append("*Open flagged claims*")
        for claim in overview.open_claims:
            source = f" ({link(claim.url, 'article')})" if claim.url else ""
            lines.append(f"• “{escape(clip(claim.text, 250))}” — {escape(claim.reason)}{source}")
    return clip("\n".join(lines), MAX_LINES_TEXT)


def home_stories(stories: list, schedules: dict) -> list[Block]:  # Story rows; DigestSchedule by channel
    """Your stories, by channel, each channel with its digest schedule."""
    blocks: list[Block] = [HeaderBlock(text="Stories you track")]
    if not stories:
        text = "None yet. In a channel: `/copydesk track <name> [terms...]`, or *Track this story* on a report."
        return [*blocks, SectionBlock(text=MarkdownTextObject(text=text))]
    by_channel: dict[str, list[str]] = {}
    for story in stories:
        by_channel.setdefault(story.channel_id, []).append(escape(story.name))
    for channel_id, names in by_channel.items():
        text = f"<#{channel_id}> · {schedule_summary(schedules.get(channel_id))}\n" + "\n".join(
            f"• *{n}*" for n in names
        )
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(text, 3000))))
    return blocks


def schedule_summary(schedule) -> str:  # noqa: ANN001 - a DigestSchedule or None
    if schedule is None:
        return "no digest schedule yet"
    if not schedule.enabled:
        return "digest off"
    return f"digest {describe_days(schedule.days)} at {schedule.time} ({escape(schedule.timezone)})"


def feed_list(feeds: list, story_names: dict[int, str]) -> str:
    if not feeds:
        return "No feeds in this channel. Add one: `/copydesk feed add <url> [story]`."
    lines = ["*Feeds in this channel*"]
    for number, feed in enumerate(feeds, start=1):
        story = f" → {escape(story_names[feed.story_id])}" if feed.story_id in story_names else ""
        state = f" :warning: failing ({escape(feed.last_error or 'error')})" if feed.failures else ""
        lines.append(f"{number}. {link(feed.url, feed.title or feed.url)}{story}{state}")
    lines.append("Remove one with `/copydesk feed remove <number or url>`.")
    return clip("\n".join(lines), MAX_LINES_TEXT)


def feed_added(checked, created: bool) -> str:  # a bot.stories.feed_check.CheckedFeed
    name = link(checked.url, checked.title) if checked.title else link(checked.url)
    found = f"{link(checked.found_on)} is a web page; it names this feed, so I used that. " if checked.found_on else ""
    items = f"{checked.items} item{'s' if checked.items != 1 else ''} in it now"
    if not created:
        return f"{found}The feed {name} was already here ({items}); updated."
    return f"{found}Added the feed {name} ({items}): new items are read within a few minutes."


def schedule_text(schedule, *, default_time: str) -> str:
    if schedule is None:
        return f"No digest yet: it starts with the first tracked story (daily at {escape(default_time)})."
    if not schedule.enabled:
        return "The daily digest is off in this channel. Turn it on with `/copydesk digest time HH:MM`."
    return (
        f"Digest: {describe_days(schedule.days)} at {schedule.time} ({escape(schedule.timezone)}). "
        "Change with `/copydesk digest time|tz|days|off|now|preview`."
    )

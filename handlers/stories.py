"""Story tracking in Slack: /copydesk track, stories, untrack, story, feed, digest; "Track this story".

Thin: parse the arguments, call bot.stories use cases inside a unit of work, render the answer.
"""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from bot.slack import buttons, digest_blocks, payload, story_messages
from bot.slack.blocks import TRACK_STORY
from bot.slack.errors import error_code, log_api_error
from bot.slack.home import HomeContext, HomeSections
from bot.slack.router import CommandContext, Subcommands, UserFacingError
from bot.slack.services import services_of
from bot.slack.text import escape, unescape
from bot.store.base import utcnow
from bot.store.db import session_scope
from bot.stories import attach, channel_settings, feeds, flows, tracking
from bot.stories.feed_check import check_feed
from bot.stories.digest_delivery import DigestDelivery
from bot.stories.matching import parse_terms
from bot.stories.overview import story_overview
from bot.stories.schedule import ScheduleError, manual_period
from bot.stories.tracking import StoryError
from handlers.log_ids import with_log_ids
from handlers.notify import by_response_url

log = logging.getLogger(__name__)


def register(app: App, subcommands: Subcommands, home_sections: HomeSections) -> None:
    subcommands.add(
        "track", track, '`/copydesk track <name> [terms...]`: follow a story (quote phrases: "Harbor Bridge")'
    )
    subcommands.add("stories", stories, "`/copydesk stories`: the stories this channel tracks")
    subcommands.add("story", story, "`/copydesk story <name>`: a story's articles, actors and open flagged claims")
    subcommands.add("untrack", untrack, "`/copydesk untrack <name>`: stop following a story")
    subcommands.add(
        "feed", feed, "`/copydesk feed add <url> [story]` · `feed list` · `feed remove <n|url>`: RSS/Atom feeds"
    )
    subcommands.add("digest", digest, "`/copydesk digest time 08:30|tz Europe/London|days mon-fri|off|now|preview`")
    app.action(TRACK_STORY)(with_log_ids(on_track_story))
    home_sections.add(tracked_stories_home)


def tracked_stories_home(ctx: HomeContext) -> list:
    with session_scope(ctx.services.session_factory) as session:
        followed = tracking.stories_followed_by(session, ctx.team_id, ctx.user_id)
        schedules = tracking.channel_schedules(session, ctx.team_id, {story.channel_id for story in followed})
        return story_messages.home_stories(followed, schedules)


def _typed(ctx: CommandContext) -> str:
    """The arguments as the user typed them: names are stored unescaped and escaped on output."""
    return unescape(ctx.args)


def _say(ctx: CommandContext, text: str, *, public: bool = False) -> None:
    ctx.respond(text=text, response_type="in_channel" if public else "ephemeral")


def _user_timezone(client, user_id: str, default: str) -> str:
    """The tracker's Slack timezone for the channel's first schedule, else the configured default."""
    try:
        tz = ((client.users_info(user=user_id) or {}).get("user") or {}).get("tz")
    except Exception as exc:  # noqa: BLE001 - users:read may not be granted (missing_scope): the default is right
        log.info("no Slack timezone for the tracker (%s); digests use %s", error_code(exc), default)
        tz = None
    return tz or default


def track(ctx: CommandContext) -> None:
    words = parse_terms(_typed(ctx))
    if not words:
        raise UserFacingError(
            'Usage: `/copydesk track <name> [terms...]`, e.g. `/copydesk track bridge "Harbor Bridge" toll Ruiz`.'
        )
    settings = ctx.services.settings
    try:
        tracked = flows.start_tracking(
            ctx.services.session_factory, team_id=ctx.team_id, channel_id=ctx.channel_id, name=words[0], terms=words[1:],
            user_id=ctx.user_id, timezone=_user_timezone(ctx.client, ctx.user_id, settings.default_timezone),
            digest_time=settings.digest_time, threshold=settings.story_match_threshold,
        )  # fmt: skip
    except StoryError as exc:
        raise UserFacingError(str(exc)) from None
    follows = _follows(tracked)
    name, found = tracked.name, tracked.found
    if tracked.created:
        earlier = f" {found} article{'s' if found != 1 else ''} from the past week already match." if found else ""
        _say(ctx, f":pushpin: <@{ctx.user_id}> is tracking *{escape(name)}* here (follows {follows}).{earlier} "
                  "New coverage goes into the daily digest.", public=True)  # fmt: skip
    else:
        _say(ctx, f"Updated *{escape(name)}*: now follows {follows}.")


def _follows(tracked: flows.Tracked) -> str:
    return ", ".join(escape(item) for item in [*tracked.actor_names, *tracked.terms])


def _catch_up(ctx: CommandContext) -> None:
    """Attach the channel's latest analyses first, so what the user sees is current."""
    with session_scope(ctx.services.session_factory) as session:
        attach.match_new_channel_reports(session, ctx.team_id, ctx.channel_id, ctx.services.settings.story_match_threshold)


def stories(ctx: CommandContext) -> None:
    _catch_up(ctx)
    with session_scope(ctx.services.session_factory) as session:
        listing = tracking.list_stories(session, ctx.team_id, ctx.channel_id)
    _say(ctx, story_messages.story_list(listing))


STORY_USAGE = "Usage: `/copydesk story <name>`; `/copydesk stories` lists the names."
UNTRACK_USAGE = "Usage: `/copydesk untrack <name>`; `/copydesk stories` lists the names."


def story(ctx: CommandContext) -> None:
    typed = _typed(ctx)
    name = " ".join(parse_terms(typed)) if typed.startswith(('"', "'")) else typed.strip()
    if not name:
        raise UserFacingError(STORY_USAGE)
    _catch_up(ctx)
    with session_scope(ctx.services.session_factory) as session:
        found = tracking.find_story(session, ctx.team_id, ctx.channel_id, name)
        if found is None:
            raise UserFacingError(f"No story called “{escape(name)}” here. `/copydesk stories` lists them.")
        overview = story_overview(session, found)
    _say(ctx, story_messages.story_detail(overview))


def untrack(ctx: CommandContext) -> None:
    name = _typed(ctx).strip().strip("\"'“”")
    if not name:
        raise UserFacingError(UNTRACK_USAGE)
    with session_scope(ctx.services.session_factory) as session:
        removed = tracking.untrack(session, ctx.team_id, ctx.channel_id, name)
    if not removed:
        raise UserFacingError(f"No story called “{escape(name)}” here. `/copydesk stories` lists them.")
    _say(ctx, f"Stopped tracking *{escape(name)}* in this channel.", public=True)


def feed(ctx: CommandContext) -> None:
    action, _, rest = _typed(ctx).partition(" ")
    action, rest = action.lower(), rest.strip()
    try:
        if action == "add" and rest:
            return _say(ctx, _add_feed(ctx, rest))
        with session_scope(ctx.services.session_factory) as session:
            if action == "list":
                listed = feeds.channel_feeds(session, ctx.team_id, ctx.channel_id)
                names = feeds.story_names(session, {f.story_id for f in listed if f.story_id})
                return _say(ctx, story_messages.feed_list(listed, names))
            if action == "remove" and rest:
                removed = feeds.remove_feed(session, ctx.team_id, ctx.channel_id, rest)
                if removed is None:
                    raise UserFacingError(f"No feed “{escape(rest)}” here. `/copydesk feed list` shows their numbers.")
                return _say(ctx, f"Removed the feed {removed.url}.")
    except StoryError as exc:
        raise UserFacingError(str(exc)) from None
    raise UserFacingError(
        "Usage: `/copydesk feed add <url> [story]`, `/copydesk feed list`, `/copydesk feed remove <n|url>`."
    )


def _add_feed(ctx: CommandContext, rest: str) -> str:
    """Read the feed first (outside any transaction), then record it; StoryError says what is wrong."""
    url, _, story_name = rest.partition(" ")
    checked = check_feed(feeds.feed_address(url, ctx.services.settings.fetch_allow_private), ctx.services.settings)
    with session_scope(ctx.services.session_factory) as session:
        added, created = feeds.add_feed(
            session, team_id=ctx.team_id, channel_id=ctx.channel_id, url=checked.url,
            story_name=story_name.strip().strip("\"'“”") or None, user_id=ctx.user_id,
            allow_private=ctx.services.settings.fetch_allow_private,
        )  # fmt: skip
        return story_messages.feed_added(checked, created)


def digest(ctx: CommandContext) -> None:
    what, _, value = ctx.args.partition(" ")
    what, value = what.lower(), value.strip()
    if what == "now":
        return _digest_now(ctx)
    if what == "preview":
        return _digest_preview(ctx)
    needs_value = what in ("time", "tz", "timezone", "days")
    if (needs_value and not value) or (not needs_value and what not in ("", "off", "on")):
        raise UserFacingError("Usage: `/copydesk digest time 08:30`, `digest tz Europe/London`, `digest days mon-fri`, "
                              "`digest off`, `digest now`, `digest preview`.")  # fmt: skip
    settings = ctx.services.settings
    with session_scope(ctx.services.session_factory) as session:
        if what == "":
            schedule = channel_settings.get_schedule(session, ctx.team_id, ctx.channel_id)
            return _say(ctx, story_messages.schedule_text(schedule, default_time=settings.digest_time))
        try:
            schedule = channel_settings.change_schedule(
                session, ctx.team_id, ctx.channel_id, what, value,
                default_timezone=_user_timezone(ctx.client, ctx.user_id, settings.default_timezone),
                default_time=settings.digest_time,
            )  # fmt: skip
        except ScheduleError as exc:
            raise UserFacingError(str(exc)) from None
        text = story_messages.schedule_text(schedule, default_time=settings.digest_time)
    ctx.services.schedules_changed()
    _say(ctx, text)


def _digest_now(ctx: CommandContext) -> None:
    publisher = digest_blocks.SlackDigestPublisher(ctx.services.settings, clients={ctx.team_id: ctx.client})
    delivery = DigestDelivery.from_settings(ctx.services.session_factory, publisher, ctx.services.settings)
    result = delivery.deliver(ctx.team_id, ctx.channel_id, manual_period(utcnow()), require_news=True)
    if result.status == "empty":
        _say(ctx, "No stories are tracked here yet: `/copydesk track <name> [terms...]`.")
    elif result.status == "nothing_new":
        _say(ctx, digest_blocks.nothing_new_text(result.content))


def _digest_preview(ctx: CommandContext) -> None:
    content = flows.preview_digest(
        ctx.services.session_factory, ctx.team_id, ctx.channel_id, ctx.services.settings.story_match_threshold, utcnow()
    )
    if not content.has_stories:
        return _say(ctx, "No stories are tracked here yet: `/copydesk track <name> [terms...]`.")
    first, *rest = digest_blocks.digest_messages(content)
    note = (
        f" (preview; the posted digest continues in {len(rest)} thread message(s))"
        if rest
        else " (preview, only you see this)"
    )
    ctx.respond(
        text=digest_blocks.fallback_text(content) + note, blocks=[b.to_dict() for b in first], response_type="ephemeral"
    )


def on_track_story(ack, body, client, respond, context) -> None:
    ack()
    services = services_of(context)
    team_id = payload.workspace_of(context, body)  # "team" is null on Enterprise Grid org installs
    services.worker.submit(_track_from_report, services, team_id, body, client, by_response_url(respond))


def _field(body: dict, outer: str, inner: str) -> str:
    """body[outer][inner] from an untrusted payload, or ''."""
    value = body.get(outer)
    return (value.get(inner) or "") if isinstance(value, dict) else ""


def _track_from_report(services, team_id: str, body: dict, client, notify) -> None:
    channel_id = str(_field(body, "channel", "id") or _field(body, "container", "channel_id"))
    user_id = str(_field(body, "user", "id"))
    settings = services.settings
    tracked = flows.track_from_report(
        services.session_factory, team_id=team_id, channel_id=channel_id,
        report_id=buttons.report_id_of(buttons.clicked_value(body)), user_id=user_id,
        timezone=_user_timezone(client, user_id, settings.default_timezone),
        digest_time=settings.digest_time, threshold=settings.story_match_threshold,
    )  # fmt: skip
    if tracked is None:
        return notify("I can't find that report any more; ask me again with the link or text.")
    name, follows, story_channel = tracked.name, _follows(tracked), tracked.channel_id
    if not tracked.created:
        return notify(f"*{escape(name)}* is already tracked here (follows {follows}).")
    text = (
        f":pushpin: <@{user_id}> is tracking *{escape(name)}* here (follows {follows}); new coverage goes into "
        f'the daily digest. Edit it with `/copydesk track "{escape(name)}" <terms...>`.'
    )
    try:  # the channel follows the story, so the channel hears about it, as with `/copydesk track`
        client.chat_postMessage(channel=story_channel, text=text)
    except SlackApiError as exc:
        log_api_error("chat.postMessage", exc, team=team_id, channel=story_channel)
        notify(text)

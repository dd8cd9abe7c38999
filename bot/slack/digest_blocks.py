"""A digest as Slack messages (Block Kit, inside Slack's limits) and the WebClient that posts it.

One message holds at most 50 blocks and 3,000 characters a section: the first message carries
the header and as many stories as fit; the rest continue in its thread, whole stories at a time.
Only the first message carries the digest's metadata (see bot/stories/digest_delivery.py).
"""

from __future__ import annotations

import logging
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from bot.config import Settings
from bot.slack.blocks import MAX_MESSAGE_BLOCKS, MAX_TEXT, clip, slack_date
from bot.slack.client import web_client
from bot.slack.text import escape, link
from bot.store.db import get_engine
from bot.store.slack_install import EncryptedInstallationStore
from bot.stories.digest import DigestContent, StoryNews
from bot.stories.digest_delivery import EVENT_TYPE, digest_marker

log = logging.getLogger(__name__)

STATUS_ICONS = {"anonymous": ":bust_in_silhouette:", "vague": ":grey_question:", "unsourced": ":warning:"}
HISTORY_PAGES = 5  # conversations.history pages searched for an already-posted digest


def _md(text: str) -> MarkdownTextObject:
    return MarkdownTextObject(text=clip(text, MAX_TEXT))


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=_md(text))


def fallback_text(content: DigestContent) -> str:
    if not content.news:
        return f"Copydesk digest: no news on {len(content.quiet)} tracked stories"
    names = ", ".join(news.name for news in content.news)
    return clip(
        f"Copydesk digest: news on {len(content.news)} of {len(content.news) + len(content.quiet)} stories ({names})",
        300,
    )


def nothing_new_text(content: DigestContent) -> str:
    """`digest now` with no new article on any story: said only to the person who asked."""
    since = f"since {slack_date(content.since)}" if content.since else "recently"  # the last digest's end
    count = len(content.quiet)
    stories = f"{count} tracked stor{'ies' if count != 1 else 'y'}"
    return f"Nothing new on this channel's {stories} {since}, so no digest was posted."


def story_blocks(news: StoryNews) -> list[Block]:
    count = news.article_count
    blocks: list[Block] = [_section(f"*{escape(news.name)}* · {count} new article{'s' if count != 1 else ''}")]
    lines = []
    for article in news.articles:
        title = link(article.url, article.title) if article.url else escape(article.title)
        site = f" — {escape(article.site)}" if article.site else ""
        why = f" _(matched: {escape('; '.join(article.why[:2]))})_" if article.why else ""
        lines.append(f"• {title}{site}{why}")
    if count > len(news.articles):
        lines.append(f"…and {count - len(news.articles)} more: `/copydesk story {escape(news.name)}`")
    blocks.append(_section("\n".join(lines)))
    if news.facts:
        facts = "\n".join(f"• {escape(clip(fact, 400))}" for fact in news.facts)
        blocks.append(_section(f"*New facts*\n{facts}"))
    if news.new_actors:
        more = f" and {news.more_actors} more" if news.more_actors else ""
        names = ", ".join(escape(name) for name in news.new_actors) + more
        blocks.append(_section(f"*New actors:* {names}"))
    if news.open_claims:
        claims = []
        for claim in news.open_claims:
            source = f" ({link(claim.url, 'article')})" if claim.url else ""
            icon = STATUS_ICONS.get(claim.status, ":warning:")
            claims.append(f"{icon} “{escape(clip(claim.text, 300))}” — {escape(claim.reason)}{source}")
        if news.more_claims:
            claims.append(f"…and {news.more_claims} more unchecked: `/copydesk story {escape(news.name)}`")
        blocks.append(_section("*Unchecked claims*\n" + "\n".join(claims)))
    blocks.append(DividerBlock())
    return blocks


def quiet_line(content: DigestContent) -> str | None:
    if not content.quiet:
        return None
    parts = []
    for story in content.quiet:
        when = f"last news {story.last_article_at:%d %b}" if story.last_article_at else "no articles yet"
        parts.append(f"{escape(story.name)} ({when})")
    return "*No news:* " + "; ".join(parts)


def digest_messages(content: DigestContent, marker: str | None = None) -> list[list[Block]]:
    """The digest as messages: the first for the channel (its header's block_id is `marker`), the others
    for its thread."""
    header: list[Block] = [HeaderBlock(text=clip("Copydesk digest", 150), block_id=marker)]
    since = f"since {slack_date(content.since)}" if content.since else "recent coverage"
    header.append(ContextBlock(elements=[_md(f"What is new on this channel's tracked stories, {since}.")]))
    groups = [story_blocks(news) for news in content.news]
    quiet = quiet_line(content)
    if quiet:
        groups.append([ContextBlock(elements=[_md(quiet)])])
    messages: list[list[Block]] = [header]
    for group in groups:
        if len(messages[-1]) + len(group) > MAX_MESSAGE_BLOCKS:
            messages.append([])
        messages[-1].extend(group[:MAX_MESSAGE_BLOCKS])
    if len(messages) > 1:
        messages[0].append(ContextBlock(elements=[_md(f"Continued in the thread ({len(messages) - 1} more).")]))
    return messages


def digest_client(settings: Settings, team_id: str) -> WebClient:
    """A WebClient for the workspace: the bot token, or the installation stored by OAuth."""
    if settings.slack_bot_token and not settings.slack_client_id:
        return web_client(settings, settings.slack_bot_token)
    store = EncryptedInstallationStore(
        settings.slack_client_id or "", get_engine(settings.resolved_database_url), settings.encryption_key
    )
    bot = store.find_bot(enterprise_id=None, team_id=team_id or None)
    if bot is None:
        raise RuntimeError(f"Copydesk is not installed in workspace {team_id!r}")
    return web_client(settings, bot.bot_token)


def is_digest(message: dict, metadata: dict) -> bool:
    """Whether a message from conversations.history is the digest that `metadata` describes."""
    wanted = metadata["event_payload"]
    found = message.get("metadata") or {}
    payload = found.get("event_payload") or {}
    if found.get("event_type") == EVENT_TYPE:
        return payload.get("period") == wanted["period"] and payload.get("channel") == wanted["channel"]
    marker = digest_marker(wanted["digest_id"])
    return any(isinstance(block, dict) and block.get("block_id") == marker for block in message.get("blocks") or ())


class SlackDigestPublisher:
    """Posts digests with chat.postMessage and finds earlier ones by their message metadata."""

    def __init__(self, settings: Settings, clients: dict[str, WebClient] | None = None):
        self.settings = settings
        self._clients = clients or {}

    def client(self, team_id: str) -> WebClient:
        if team_id not in self._clients:
            self._clients[team_id] = digest_client(self.settings, team_id)
        return self._clients[team_id]

    def publish(self, team_id: str, channel_id: str, content: DigestContent, metadata: dict) -> str:
        client = self.client(team_id)
        first, *rest = digest_messages(content, marker=digest_marker(metadata["event_payload"]["digest_id"]))
        text = fallback_text(content)
        response = client.chat_postMessage(
            channel=channel_id, text=text, blocks=first, metadata=metadata, unfurl_links=False, unfurl_media=False
        )
        ts = response["ts"]
        for index, blocks in enumerate(rest, start=2):
            try:
                client.chat_postMessage(
                    channel=channel_id, thread_ts=ts, text=f"{text} (part {index})", blocks=blocks, unfurl_links=False
                )
            except Exception:
                log.exception("digest continuation %d in %s failed", index, channel_id)
        return ts

    def find_posted(self, team_id: str, channel_id: str, metadata: dict, oldest: datetime) -> str | None:
        """The ts of the digest `metadata` describes, if it is in the channel: by its metadata, or by the
        marker block_id of its first block when history comes back without metadata."""
        client = self.client(team_id)
        cursor = None
        for _page in range(HISTORY_PAGES):
            response = client.conversations_history(
                channel=channel_id,
                oldest=f"{oldest.timestamp():.6f}",
                include_all_metadata=True,
                limit=200,
                cursor=cursor,
            )
            for message in response.get("messages") or []:
                if is_digest(message, metadata):
                    return message.get("ts")
            cursor = (response.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return None
        return None

    def notify(self, team_id: str, channel_id: str, text: str) -> None:
        """A plain notice in the channel (a feed that keeps failing, or works again)."""
        try:
            self.client(team_id).chat_postMessage(channel=channel_id, text=text, unfurl_links=False)
        except Exception:
            log.exception("notice to %s failed", channel_id)

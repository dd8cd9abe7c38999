"""The App Home tab: the user's recent analyses, plus sections other features add.

Each app build makes its own HomeSections (it lives in the app's Services); listener modules add
their sections to it explicitly when handlers.register_all wires them, without touching this file:

    from bot.slack.home import HomeContext, HomeSections

    def tracked_stories(ctx: HomeContext) -> list[Block]:
        ...  # query with ctx.services.session_factory, scoped to ctx.team_id

    def register(app: App, home_sections: HomeSections) -> None:
        home_sections.add(tracked_stories)

A section builder that raises is logged and skipped: one broken section never blanks the tab.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View

from bot.analysis.report import Report
from bot.slack.blocks import clip, report_title, slack_date
from bot.slack.text import escape, link
from bot.reports import repository as reports_repo
from bot.store.db import session_scope

if TYPE_CHECKING:  # for the annotation only: services.py holds this module's HomeSections
    from bot.slack.services import Services

log = logging.getLogger(__name__)
MAX_HOME_BLOCKS = 100
RECENT_LIMIT = 10


@dataclass
class HomeContext:
    """Whose Home tab is being built, beside the app's Services."""

    services: Services
    team_id: str
    user_id: str


HomeSection = Callable[[HomeContext], list[Block]]


class HomeSections:
    """One app's extra Home tab sections, shown after the recent analyses in the order added."""

    def __init__(self) -> None:
        self._builders: list[HomeSection] = []

    def add(self, builder: HomeSection) -> None:
        """Append a section builder (adding the same function again changes nothing)."""
        if builder not in self._builders:
            self._builders.append(builder)

    def __iter__(self) -> Iterator[HomeSection]:
        return iter(list(self._builders))


def recent_analyses(ctx: HomeContext) -> list[Block]:
    with session_scope(ctx.services.session_factory) as session:
        rows = reports_repo.recent_reports_for_user(session, ctx.team_id, ctx.user_id, limit=RECENT_LIMIT)
        items = [(row.channel_id, row.created_at, row.report or {}) for row in rows]
    blocks: list[Block] = [HeaderBlock(text="Your recent analyses")]
    if not items:
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(
                    text="Nothing yet. Try `/copydesk analyze <link>`, mention me in a thread, "
                    "or use the *Analyze with Copydesk* message shortcut."
                )
            )
        )
        return blocks
    for channel_id, created_at, data in items:
        article = data.get("article") or {}
        # link() escapes its label itself: escaping first would show "Q&amp;A" to the reader.
        title = link(article["url"], _title(data)) if article.get("url") else escape(_title(data))
        flagged = len(data.get("claims") or [])
        where = f"<#{channel_id}>" if channel_id else "a direct message"
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(
                    text=clip(
                        f"*{title}*\n{flagged} claim{'s' if flagged != 1 else ''} to check"
                        f" · in {where} · {slack_date(created_at)}"
                    )
                )
            )
        )
    return blocks


def _title(data: dict) -> str:
    try:
        return report_title(Report.from_dict(data))
    except (KeyError, TypeError, IndexError):  # a report stored by an older schema
        return " ".join(((data.get("article") or {}).get("title") or "").split()) or "Untitled article"


def home_view(ctx: HomeContext) -> View:
    """The tab: the recent analyses, then each section the app's HomeSections hold."""
    blocks: list[Block] = []
    for builder in [recent_analyses, *ctx.services.home_sections]:
        try:
            section = builder(ctx)
        except Exception:  # noqa: BLE001 - a broken section is logged and left out
            log.exception(
                "home section %s failed (team=%s user=%s)",
                getattr(builder, "__name__", builder),
                ctx.team_id,
                ctx.user_id,
            )
            continue
        if section:
            if blocks:
                blocks.append(DividerBlock())
            blocks.extend(section)
    if len(blocks) > MAX_HOME_BLOCKS:
        blocks = blocks[: MAX_HOME_BLOCKS - 1]
        blocks.append(
            ContextBlock(elements=[MarkdownTextObject(text="More is hidden: Slack shows 100 blocks at most.")])
        )
    return View(type="home", blocks=blocks)

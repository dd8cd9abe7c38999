"""Block Kit rendering of reports. STUB: minimal, to be completed by the Slack work."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, HeaderBlock, SectionBlock

from bot.analysis.report import Report


def report_blocks(report: Report) -> list[Block]:
    title = (report.article.title or "Copydesk report")[:150]
    blocks: list[Block] = [HeaderBlock(text=title)]
    facts = "\n".join(f"{k.rank}. {k.text}" for k in report.key_facts)[:2900]
    if facts:
        blocks.append(SectionBlock(text=f"*Key facts*\n{facts}"))
    return blocks

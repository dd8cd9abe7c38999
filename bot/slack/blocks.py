"""Block Kit rendering of reports, built with slack_sdk.models.blocks, inside Slack's limits.

A message holds at most 50 blocks and 3,000 characters a text; a long report shows its most
important items (key facts, main actors, the first flagged claims) and puts every sentence
behind the "All sentences" button (a modal, up to 100 blocks).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.analysis.report import ANONYMOUS, NONE, SOURCED, UNSOURCED, VAGUE, Report
from bot.slack.text import escape, link

MAX_MESSAGE_BLOCKS = 50
MAX_MODAL_BLOCKS = 100
MAX_TEXT = 3000
MAX_HEADER = 150
SHOWN_CLAIMS = 8  # flagged claims on the message itself; the rest are in "All sentences"
SHOWN_FACTS = 3
SHOWN_ACTORS = 5
MAX_SENTENCE_CHARS = 500

# Action ids: handlers/actions.py listens for these; the tracking feature answers TRACK_STORY.
TRACK_STORY = "track_story"
ALL_SENTENCES = "all_sentences"
MARK_CHECKED = "mark_checked"
REANALYZE = "reanalyze"

STATUS_MARKERS = {
    UNSOURCED: ":red_circle:",
    ANONYMOUS: ":large_orange_circle:",
    VAGUE: ":large_yellow_circle:",
    SOURCED: ":large_green_circle:",
    NONE: ":white_circle:",
}
STATUS_LABELS = {
    UNSOURCED: "Unsourced",
    ANONYMOUS: "Anonymous source",
    VAGUE: "Vague source",
    SOURCED: "Sourced",
    NONE: "Nothing to source",
}


def clip(text: str, limit: int = MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def slack_date(moment: datetime) -> str:
    """A date Slack shows in each reader's own time zone, with a plain fallback."""
    fallback = moment.strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(moment.timestamp())}^{{date_short_pretty}} at {{time}}|{fallback}>"


def _emphasise_cue(sentence: str, cue: str | None) -> str:
    """The sentence escaped for mrkdwn, with its attribution cue words in bold."""
    if cue:
        at = sentence.lower().find(cue.lower())
        if at >= 0:
            before, words, after = sentence[:at], sentence[at : at + len(cue)], sentence[at + len(cue) :]
            return f"{escape(before)}*{escape(words.strip())}*{' ' if words.endswith(' ') else ''}{escape(after)}"
    return escape(sentence)


def _sentence(report: Report, index: int) -> str:
    return clip(" ".join(report.sentence_text(index).split()), MAX_SENTENCE_CHARS)


def reading_text(url: str | None) -> str:
    return f":hourglass_flowing_sand: Reading {link(url) if url else 'the pasted text'}…"


def report_title(report: Report) -> str:
    title = " ".join((report.article.title or "").split())
    if not title and report.sentences:  # a paste has no title: its first line usually is one
        first = " ".join(report.sentence_text(0).split())
        title = first if len(first) <= MAX_HEADER else ""
    return clip(title or "Copydesk report", MAX_HEADER)


def _summary_line(report: Report, requested_by: str | None, reused_from: datetime | None) -> str:
    parts = []
    article = report.article
    if article.url:
        parts.append(link(article.url, article.site or None))
    elif article.site:
        parts.append(escape(article.site))
    parts.append(f"{article.word_count:,} words")
    parts.append(f"{len(report.claims)} of {len(report.sentences)} sentences flagged")
    if requested_by:
        parts.append(f"requested by <@{requested_by}>")
    line = " · ".join(parts)
    if reused_from is not None:
        line += (
            f"\n:recycle: Already analysed here {slack_date(reused_from)}: this is that report. "
            "Use *Re-analyze* for a fresh one."
        )
    return clip(line)


def _claim_block(report: Report, report_id: int | None, claim, check) -> SectionBlock:  # noqa: ANN001
    sentence_info = report.sentences[claim.sentence]
    text = (
        f"{STATUS_MARKERS.get(claim.status, '•')} *{STATUS_LABELS.get(claim.status, claim.status)}*: "
        f"{escape(claim.reason)}\n>{_emphasise_cue(_sentence(report, claim.sentence), sentence_info.cue)}"
    )
    if check is not None:
        text += f"\n:white_check_mark: Checked by <@{check.checked_by}> {slack_date(check.checked_at)}"
        return SectionBlock(text=MarkdownTextObject(text=clip(text)))
    if report_id is None:  # not stored (a CLI preview): nothing for a button to point at
        return SectionBlock(text=MarkdownTextObject(text=clip(text)))
    button = ButtonElement(text="Mark checked", action_id=MARK_CHECKED, value=f"{report_id}:{claim.sentence}")
    return SectionBlock(text=MarkdownTextObject(text=clip(text)), accessory=button)


def report_actions(report_id: int) -> ActionsBlock:
    value = str(report_id)
    return ActionsBlock(
        block_id="copydesk_report_actions",
        elements=[
            ButtonElement(text="Track this story", action_id=TRACK_STORY, value=value, style="primary"),
            ButtonElement(text="All sentences", action_id=ALL_SENTENCES, value=value),
            ButtonElement(text="Re-analyze", action_id=REANALYZE, value=value),
        ],
    )


def report_blocks(
    report: Report,
    *,
    report_id: int | None,
    checks: Mapping[int, object] | None = None,
    requested_by: str | None = None,
    reused_from: datetime | None = None,
    notice: str | None = None,
) -> list[Block]:
    checks = checks or {}
    blocks: list[Block] = [
        HeaderBlock(text=report_title(report)),
        ContextBlock(elements=[MarkdownTextObject(text=_summary_line(report, requested_by, reused_from))]),
    ]
    if report.key_facts:
        facts = "\n".join(
            f"{fact.rank}. {escape(' '.join(fact.text.split()))}" for fact in report.key_facts[:SHOWN_FACTS]
        )
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(f"*Key facts*\n{facts}"))))
    if report.actors:
        actors = ", ".join(
            f"*{escape(actor.name)}*" + (f" ({escape(actor.role)})" if actor.role else "")
            for actor in report.actors[:SHOWN_ACTORS]
        )
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(f"*Who is in it*\n{actors}"))))
    blocks.append(DividerBlock())
    if report.claims:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f"*Claims to check* ({len(report.claims)} flagged)")))
        for claim in report.claims[:SHOWN_CLAIMS]:
            blocks.append(_claim_block(report, report_id, claim, checks.get(claim.sentence)))
        hidden = len(report.claims) - SHOWN_CLAIMS
        if hidden > 0:
            more = f"…and {hidden} more flagged claim{'s' if hidden != 1 else ''}: open *All sentences* to see them."
            blocks.append(ContextBlock(elements=[MarkdownTextObject(text=more)]))
    else:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=":white_check_mark: No weakly sourced claims found.")))
    if notice:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=clip(notice))]))
    if report_id is not None:
        blocks.append(report_actions(report_id))
    assert len(blocks) <= MAX_MESSAGE_BLOCKS
    return blocks


def report_fallback_text(report: Report) -> str:
    """The notification and screen-reader text of a report message."""
    return clip(f"Copydesk: {report_title(report)}: {len(report.claims)} claims to check")


def _sentence_line(report: Report, index: int) -> str:
    info = report.sentences[index]
    line = f"{STATUS_MARKERS.get(info.status, '•')} {_emphasise_cue(_sentence(report, index), info.cue)}"
    if info.status == SOURCED and info.source:
        line += f" _(source: {escape(info.source)})_"
    return line


def sentences_modal(report: Report) -> View:
    """Every sentence with its sourcing status, packed into sections of at most 3,000 characters."""
    legend = " ".join(f"{STATUS_MARKERS[s]} {STATUS_LABELS[s]}" for s in (UNSOURCED, ANONYMOUS, VAGUE, SOURCED, NONE))
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=f"*{escape(report_title(report))}*")),
        ContextBlock(elements=[MarkdownTextObject(text=legend)]),
    ]
    chunk = ""
    shown = 0
    for index in range(len(report.sentences)):
        line = _sentence_line(report, index)
        if chunk and len(chunk) + len(line) + 1 > MAX_TEXT:
            if len(blocks) >= MAX_MODAL_BLOCKS - 2:
                break
            blocks.append(SectionBlock(text=MarkdownTextObject(text=chunk)))
            chunk = ""
        chunk = f"{chunk}\n{line}" if chunk else line
        shown = index + 1
    if chunk:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(chunk))))
    if shown < len(report.sentences):
        rest = (
            f"The last {len(report.sentences) - shown} sentences do not fit in Slack: run `copydesk analyze` for all."
        )
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=rest)]))
    return View(type="modal", title="All sentences", close="Close", blocks=blocks)

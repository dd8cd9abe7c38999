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
from bot.slack import buttons
from bot.slack.text import escape, link
from bot.stories.matching import headline

MAX_MESSAGE_BLOCKS = 50
MAX_MODAL_BLOCKS = 100
MAX_TEXT = 3000
MAX_HEADER = 150
SHOWN_CLAIMS = 5  # open flagged claims on the message itself (a ten-second read); the rest in "All sentences"
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
    """The article's title; a paste's headline line; else its site and date. Never its first sentence,
    which the report already shows as a key fact or a claim."""
    article = report.article
    title = " ".join((article.title or "").split()) or headline(article.text if not article.url else "")
    if not title:
        title = " · ".join(part for part in (article.site, (article.published or "")[:10]) if part)
    return clip(title or "Pasted text", MAX_HEADER)


def open_claims(report: Report, checks: Mapping[int, object]) -> list:
    """The flagged claims nobody has checked yet: what "N flagged" and "N claims to check" count."""
    return [claim for claim in report.claims if claim.sentence not in checks]


def _summary_line(
    report: Report, checks: Mapping[int, object], requested_by: str | None, reused_from: datetime | None
) -> str:
    parts = []
    article = report.article
    if article.url:
        parts.append(link(article.url, article.site or None))
    elif article.site:
        parts.append(escape(article.site))
    parts.append(f"{article.word_count:,} words")
    remaining = len(open_claims(report, checks))
    counts = f"{remaining} of {len(report.sentences)} sentences flagged"
    if len(report.claims) > remaining:
        counts += f" ({len(report.claims) - remaining} checked)"
    parts.append(counts)
    if requested_by:
        parts.append(f"requested by <@{requested_by}>")
    line = " · ".join(parts)
    if reused_from is not None:
        line += (
            f"\n:recycle: Already analysed here {slack_date(reused_from)}: this is that report. "
            "Use *Re-analyze* for a fresh one."
        )
    return clip(line)


def _reason(label: str, reason: str) -> str:
    """The reason without its own label in front ("anonymous source: 'X'" under *Anonymous source*)."""
    if reason.lower().startswith(label.lower() + ":"):
        return reason[len(label) + 1 :].lstrip()
    return reason


def _claim_block(report: Report, report_id: int | None, claim, check, fact_rank: int | None) -> SectionBlock:  # noqa: ANN001
    label = STATUS_LABELS.get(claim.status, claim.status)
    head = f"{STATUS_MARKERS.get(claim.status, '•')} *{label}*"
    if fact_rank is not None:  # the sentence is already on screen as a key fact: say where, not again
        text = f"{head} (key fact {fact_rank}): {escape(_reason(label, claim.reason))}"
    else:
        sentence = _emphasise_cue(_sentence(report, claim.sentence), report.sentences[claim.sentence].cue)
        text = f"{head}: {escape(_reason(label, claim.reason))}\n>{sentence}"
    if check is not None:
        text += f"\n:white_check_mark: Checked by <@{check.checked_by}> {slack_date(check.checked_at)}"
        return SectionBlock(text=MarkdownTextObject(text=clip(text)))
    if report_id is None:  # not stored (a CLI preview): nothing for a button to point at
        return SectionBlock(text=MarkdownTextObject(text=clip(text)))
    button = ButtonElement(text="Mark checked", action_id=MARK_CHECKED, value=buttons.claim_value(report_id, claim.sentence))
    return SectionBlock(text=MarkdownTextObject(text=clip(text)), accessory=button)


def report_actions(report_id: int) -> ActionsBlock:
    value = buttons.report_value(report_id)
    return ActionsBlock(
        block_id="copydesk_report_actions",
        elements=[
            ButtonElement(text="Track this story", action_id=TRACK_STORY, value=value, style="primary"),
            ButtonElement(text="All sentences", action_id=ALL_SENTENCES, value=value),
            ButtonElement(text="Re-analyze", action_id=REANALYZE, value=value),
        ],
    )


def _notices(report: Report, notice: str | None) -> list[str]:
    """What the reader must know about the input itself: a cut paste, links left out."""
    found = [f":warning: {escape(text)}" for text in report.stats.get("notices") or []]
    return [*found, notice] if notice else found


def _key_facts_block(report: Report, flagged: Mapping[int, str]) -> SectionBlock:
    lines = []
    for fact in report.key_facts[:SHOWN_FACTS]:
        marker = f"{STATUS_MARKERS[flagged[fact.sentence]]} " if fact.sentence in flagged else ""
        lines.append(f"{fact.rank}. {marker}{escape(' '.join(fact.text.split()))}")
    return SectionBlock(text=MarkdownTextObject(text=clip("*Key facts*\n" + "\n".join(lines))))


def report_blocks(
    report: Report,
    *,
    report_id: int | None,
    checks: Mapping[int, object] | None = None,
    requested_by: str | None = None,
    reused_from: datetime | None = None,
    notice: str | None = None,
) -> list[Block]:
    """The first screen: title, counts, notices, top key facts, actors, top open claims, buttons."""
    checks = checks or {}
    blocks: list[Block] = [
        HeaderBlock(text=report_title(report)),
        ContextBlock(elements=[MarkdownTextObject(text=_summary_line(report, checks, requested_by, reused_from))]),
    ]
    for text in _notices(report, notice):
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=clip(text))]))
    remaining = open_claims(report, checks)
    flagged = {claim.sentence: claim.status for claim in remaining}
    shown_facts = {fact.sentence: fact.rank for fact in report.key_facts[:SHOWN_FACTS]}
    if report.key_facts:
        blocks.append(_key_facts_block(report, flagged))
    if report.actors:
        actors = ", ".join(
            f"*{escape(actor.name)}*" + (f" ({escape(actor.role)})" if actor.role else "")
            for actor in report.actors[:SHOWN_ACTORS]
        )
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(f"*Who is in it*\n{actors}"))))
    blocks.append(DividerBlock())
    if remaining:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f"*Claims to check* ({len(remaining)} flagged)")))
        for claim in remaining[:SHOWN_CLAIMS]:
            blocks.append(_claim_block(report, report_id, claim, None, shown_facts.get(claim.sentence)))
        hidden = len(remaining) - SHOWN_CLAIMS
        if hidden > 0:
            more = f"…and {hidden} more flagged claim{'s' if hidden != 1 else ''}: open *All sentences* to see them."
            blocks.append(ContextBlock(elements=[MarkdownTextObject(text=more)]))
    elif report.claims:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=":white_check_mark: Every flagged claim is checked.")))
    else:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=":white_check_mark: No weakly sourced claims found.")))
    checked = [claim for claim in report.claims if claim.sentence in checks][:SHOWN_CLAIMS]
    for claim in checked:
        blocks.append(_claim_block(report, report_id, claim, checks[claim.sentence], shown_facts.get(claim.sentence)))
    if report_id is not None:
        blocks.append(report_actions(report_id))
    assert len(blocks) <= MAX_MESSAGE_BLOCKS
    return blocks


def report_fallback_text(report: Report, checks: Mapping[int, object] | None = None) -> str:
    """The notification and screen-reader text: "Title: 12 claims to check", escaped like all user text."""
    remaining = len(open_claims(report, checks or {}))
    return clip(f"{escape(report_title(report))}: {remaining} claim{'s' if remaining != 1 else ''} to check")


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

"""The readable terminal report for `copydesk analyze --format text`."""

from __future__ import annotations

import textwrap

from bot.analysis.report import Report

_STATUS_MARK = {"anonymous": "ANON", "vague": "VAGUE", "unsourced": "UNSOURCED"}
_COLOURS = {"heading": "1", "anonymous": "35", "vague": "33", "unsourced": "31", "dim": "2"}


def render_text(report: Report, *, color: bool = False, width: int = 100) -> str:
    def paint(text: str, style: str) -> str:
        return f"\033[{_COLOURS[style]}m{text}\033[0m" if color else text

    article = report.article
    lines = [paint(article.title or report.id, "heading")]
    meta = [m for m in (article.site, article.published, ", ".join(article.authors), article.url) if m]
    if meta:
        lines.append(paint(" | ".join(meta), "dim"))
    lines.append(
        paint(f"{article.word_count} words, {len(report.sentences)} sentences, {len(report.claims)} flagged", "dim")
    )
    for notice in report.stats.get("notices", []):
        lines.append(f"! {notice}")

    lines += ["", paint("KEY FACTS", "heading")]
    for fact in report.key_facts:
        lines.append(_wrap(f"{fact.rank}. {fact.text}", width, "   "))

    lines += ["", paint("ACTORS", "heading")]
    for actor in report.actors:
        extra = []
        if actor.role:
            extra.append(actor.role)
        if actor.aliases:
            extra.append("also " + ", ".join(actor.aliases))
        suffix = f" ({'; '.join(extra)})" if extra else ""
        lines.append(_wrap(f"- {actor.name} [{actor.type}] x{actor.mentions}{suffix}", width, "  "))

    lines += ["", paint("FLAGGED CLAIMS", "heading")]
    if not report.claims:
        lines.append("none")
    for claim in report.claims:
        mark = paint(f"[{_STATUS_MARK.get(claim.status, claim.status.upper())}]", claim.status)
        lines.append(_wrap(f"{mark} {claim.text}", width, "   "))
        lines.append(paint(_wrap(f"   -> {claim.reason}", width, "      "), "dim"))
    return "\n".join(lines)


def _wrap(text: str, width: int, indent: str) -> str:
    return textwrap.fill(text, width=width, subsequent_indent=indent, break_long_words=False)

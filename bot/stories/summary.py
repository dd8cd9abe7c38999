"""What a digest shows of one article, kept beside the story when it matches.

Stored on the story article (not read back from the report) so that composing a digest is one
query over small rows, and so story history survives retention purging article text and reports.
"""

from __future__ import annotations

from bot.analysis.report import Report

FACTS_KEPT = 3
ACTORS_KEPT = 8
CLAIMS_KEPT = 5
MAX_CLAIM_CHARS = 300


def article_summary(report: Report, *, url: str | None = None) -> dict:
    article = report.article
    return {
        "title": article.title or _first_line(article.text),
        "site": article.site,
        "url": url or article.url,
        "facts": [fact.text for fact in sorted(report.key_facts, key=lambda f: f.rank)[:FACTS_KEPT]],
        "actors": [{"name": actor.name, "type": actor.type} for actor in report.actors[:ACTORS_KEPT]],
        "claims": [
            {
                "sentence": claim.sentence,
                "text": claim.text[:MAX_CLAIM_CHARS],
                "status": claim.status,
                "reason": claim.reason,
            }
            for claim in report.claims[:CLAIMS_KEPT]
        ],
    }


def _first_line(text: str) -> str:
    line = (text or "").strip().split("\n", 1)[0]
    return line[:120] + ("…" if len(line) > 120 else "")

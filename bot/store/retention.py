"""Retention: after COPYDESK_RETENTION_DAYS, article text and reports are purged.

Purged means emptied, not deleted: the article row keeps its URL, title and site, the report
row keeps who asked and when, and story and digest history (story_articles with their short
summaries, digests) is kept whole, so a story's timeline outlives the text it was built from.
Slack reply claims (slack_message_claims: which message was answered, by whom) go with them:
once the report they point at is purged they only record who asked what, and when.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import null, update
from sqlalchemy.orm import Session

from bot.store import slack_repo
from bot.store.articles import ArticleRow, ReportRow
from bot.store.base import utcnow

log = logging.getLogger(__name__)


@dataclass
class Purged:
    articles: int
    reports: int
    message_claims: int = 0


def purge_expired(session: Session, retention_days: int, *, now: datetime | None = None) -> Purged:
    if retention_days <= 0:  # 0 keeps everything
        return Purged(0, 0)
    now = now or utcnow()
    cutoff = now - timedelta(days=retention_days)
    articles = session.execute(
        update(ArticleRow).where(ArticleRow.created_at < cutoff, ArticleRow.text.is_not(None)).values(text=None)
    ).rowcount
    reports = session.execute(
        update(ReportRow)
        .where(ReportRow.created_at < cutoff, ReportRow.report.is_not(None))
        .values(report=null())  # SQL NULL, not JSON 'null'
    ).rowcount
    claims = slack_repo.purge_message_claims(session, retention_days, now=now)
    log.info(
        "retention: purged the text of %d articles and %d reports, and %d Slack reply claims, older than %s",
        articles, reports, claims, cutoff,
    )  # fmt: skip
    return Purged(articles or 0, reports or 0, claims)

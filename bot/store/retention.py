"""Retention: after COPYDESK_RETENTION_DAYS, article text and reports are purged.

Purged means emptied, not deleted: the article row keeps its URL, title and site, the report
row keeps who asked and when, and story and digest history (story_articles with their short
summaries, digests) is kept whole, so a story's timeline outlives the text it was built from.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import null, update
from sqlalchemy.orm import Session

from bot.store.articles import ArticleRow, ReportRow
from bot.store.base import utcnow

log = logging.getLogger(__name__)


@dataclass
class Purged:
    articles: int
    reports: int


def purge_expired(session: Session, retention_days: int, *, now: datetime | None = None) -> Purged:
    if retention_days <= 0:  # 0 keeps everything
        return Purged(0, 0)
    cutoff = (now or utcnow()) - timedelta(days=retention_days)
    articles = session.execute(
        update(ArticleRow).where(ArticleRow.created_at < cutoff, ArticleRow.text.is_not(None)).values(text=None)
    ).rowcount
    reports = session.execute(
        update(ReportRow)
        .where(ReportRow.created_at < cutoff, ReportRow.report.is_not(None))
        .values(report=null())  # SQL NULL, not JSON 'null'
    ).rowcount
    log.info("retention: purged the text of %d articles and %d reports older than %s", articles, reports, cutoff)
    return Purged(articles or 0, reports or 0)

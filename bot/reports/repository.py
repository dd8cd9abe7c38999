"""Articles stored once (per canonical URL, else per text hash) and the reports made of them.

A report belongs to a workspace and channel: `recent_report` looks only inside that scope, so
the same article analysed in two workspaces gives two reports and neither sees the other's.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.analysis.report import Report
from bot.store.articles import ArticleRow, ReportRow
from bot.store.base import utcnow
from bot.store.slack_state import ClaimCheck

# Query parameters that only say where a click came from: the same article with or without them.
TRACKING_PARAMS = {
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "ref",
    "ref_src",
    "ref_url",
    "referrer",
    "cmpid",
    "cmp",
    "ocid",
    "smid",
    "smtyp",
    "_ga",
    "_gl",
    "spm",
    "share",
    "s_cid",
    "at_medium",
    "at_campaign",
    "guccounter",
    "mkt_tok",
    "ito",
    "sr_share",
}
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "at_", "oly_")


def canonical_url(url: str) -> str:
    """The URL's identity: lower-case scheme and host, no default port, fragment or tracking params."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in TRACKING_PARAMS and not key.lower().startswith(TRACKING_PREFIXES)
    ]
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def text_hash(text: str) -> str:
    # Whitespace and case differences from copy-pasting do not make a different article.
    normalised = re.sub(r"\s+", " ", text).strip().lower()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def find_article(session: Session, *, url: str | None = None, text: str | None = None) -> ArticleRow | None:
    if url:
        return session.scalar(select(ArticleRow).where(ArticleRow.canonical_url == canonical_url(url)))
    if text:
        return session.scalar(
            select(ArticleRow)
            .where(ArticleRow.text_hash == text_hash(text), ArticleRow.canonical_url.is_(None))
            .order_by(ArticleRow.id)
            .limit(1)
        )
    return None


def upsert_article(session: Session, report: Report, *, requested_url: str | None = None) -> ArticleRow:
    """The article row for this report, created once; concurrent creators converge on one row."""
    url = requested_url or report.article.url
    text = report.article.text
    existing = find_article(session, url=url, text=None if url else text)
    if existing is not None:
        _refresh(existing, report)
        return existing
    row = ArticleRow(canonical_url=canonical_url(url) if url else None, text_hash=text_hash(text))
    _refresh(row, report)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:  # another worker stored the same canonical URL first
        existing = find_article(session, url=url)
        assert existing is not None
        return existing
    return row


def _refresh(row: ArticleRow, report: Report) -> None:
    article = report.article
    row.text_hash = text_hash(article.text)
    row.title = (article.title or None) and article.title[:1000]
    row.site = (article.site or None) and article.site[:300]
    row.published = (article.published or None) and str(article.published)[:64]
    row.text = article.text


def save_report(
    session: Session,
    report: Report,
    *,
    team_id: str,
    channel_id: str,
    user_id: str | None,
    engine_version: str,
    requested_url: str | None = None,
    thread_ts: str | None = None,
) -> ReportRow:
    article = upsert_article(session, report, requested_url=requested_url)
    row = ReportRow(
        article_id=article.id,
        team_id=team_id or "",
        channel_id=channel_id or "",
        user_id=user_id,
        engine_version=engine_version,
        report=report.to_dict(),
        thread_ts=thread_ts,
    )
    session.add(row)
    session.flush()
    return row


def recent_report(
    session: Session,
    team_id: str,
    channel_id: str,
    article_id: int,
    window: timedelta,
    *,
    engine_version: str | None = None,
    now: datetime | None = None,
) -> ReportRow | None:
    """The latest report on this article in this channel made within `window` (by this engine version)."""
    since = (now or utcnow()) - window
    query = select(ReportRow).where(
        ReportRow.team_id == (team_id or ""),
        ReportRow.channel_id == (channel_id or ""),
        ReportRow.article_id == article_id,
        ReportRow.created_at >= since,
        ReportRow.report.is_not(None),
    )
    if engine_version:
        query = query.where(ReportRow.engine_version == engine_version)
    return session.scalar(query.order_by(ReportRow.created_at.desc(), ReportRow.id.desc()).limit(1))


def get_report(session: Session, report_id: int, *, team_id: str | None = None) -> ReportRow | None:
    row = session.get(ReportRow, report_id)
    if row is None or (team_id is not None and row.team_id != (team_id or "")):
        return None  # a report id from another workspace is treated as unknown
    return row


def set_report_message(session: Session, report_id: int, message_ts: str, thread_ts: str | None) -> None:
    row = session.get(ReportRow, report_id)
    if row is not None:
        row.message_ts = message_ts
        row.thread_ts = thread_ts


def report_in_message(session: Session, team_id: str, channel_id: str, message_ts: str) -> ReportRow | None:
    """The report Copydesk posted as this message, if any."""
    return session.scalar(
        select(ReportRow)
        .where(
            ReportRow.team_id == (team_id or ""), ReportRow.channel_id == channel_id, ReportRow.message_ts == message_ts
        )
        .order_by(ReportRow.id.desc())
        .limit(1)
    )


def recent_reports_for_user(session: Session, team_id: str, user_id: str, limit: int = 10) -> list[ReportRow]:
    return list(
        session.scalars(
            select(ReportRow)
            .where(ReportRow.team_id == (team_id or ""), ReportRow.user_id == user_id, ReportRow.report.is_not(None))
            .order_by(ReportRow.created_at.desc(), ReportRow.id.desc())
            .limit(limit)
        )
    )


def _sentence_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _sentence_texts(data: dict) -> list[str]:
    text = (data.get("article") or {}).get("text") or ""
    return [_sentence_key(text[s["start"] : s["end"]]) for s in data.get("sentences") or []]


def carry_checks(session: Session, from_report_id: int, to_report_id: int) -> int:
    """Copy the desk's checks from a report to its re-analysis, matched by sentence text (the
    sentence numbers move when the engine splits differently). Returns how many were carried."""
    old, new = session.get(ReportRow, from_report_id), session.get(ReportRow, to_report_id)
    if old is None or new is None or not old.report or not new.report:
        return 0
    old_texts = _sentence_texts(old.report)
    new_index: dict[str, int] = {}
    for index, key in enumerate(_sentence_texts(new.report)):
        new_index.setdefault(key, index)
    already = set(session.scalars(select(ClaimCheck.sentence).where(ClaimCheck.report_id == to_report_id)))
    carried = 0
    for check in session.scalars(select(ClaimCheck).where(ClaimCheck.report_id == from_report_id)).all():
        if check.sentence >= len(old_texts):
            continue
        target = new_index.get(old_texts[check.sentence])
        if target is None or target in already:
            continue
        session.add(
            ClaimCheck(
                report_id=to_report_id, sentence=target, checked_by=check.checked_by, checked_at=check.checked_at
            )
        )
        already.add(target)
        carried += 1
    return carried

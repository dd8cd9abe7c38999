"""Every table, imported in one place so Alembic and tests see the whole schema."""

from __future__ import annotations

from bot.store.articles import ArticleRow, ReportRow
from bot.store.base import Base

metadata = Base.metadata

__all__ = ["ArticleRow", "Base", "ReportRow", "metadata"]

"""Article analysis: text or HTML in, Report out. Pure: no Slack, no database, no network."""

from bot.analysis.pipeline import ENGINE_VERSION, ItemError, analyze, analyze_many, load_nlp
from bot.analysis.report import Report

__all__ = ["ENGINE_VERSION", "ItemError", "Report", "analyze", "analyze_many", "load_nlp"]

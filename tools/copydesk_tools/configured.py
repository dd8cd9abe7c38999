"""The analysis options a tool takes from Settings, as the product's commands do.

bot.analysis reads no environment: the model name and the character limit are arguments, so the
benchmarks and evaluations pass COPYDESK_SPACY_MODEL and COPYDESK_MAX_CHARS in explicitly.
"""

from __future__ import annotations

from typing import Any

from bot.config import get_settings


def model() -> str | None:
    return get_settings().spacy_model


def analysis_options() -> dict[str, Any]:
    """Keyword arguments for bot.analysis.analyze / analyze_many."""
    settings = get_settings()
    return {"model": settings.spacy_model, "max_chars": settings.max_chars}

"""Typed fetch and extraction errors, each with a message for the user who sent the link."""

from __future__ import annotations


class FetchError(Exception):
    code = "fetch_failed"

    def __init__(self, user_message: str, *, detail: str | None = None):
        super().__init__(detail or user_message)
        self.user_message = user_message
        self.detail = detail


class NoArticleText(FetchError):
    code = "no_article_text"

"""How far a fetch may go: one small frozen value built from Settings by the caller.

The fetcher reads no settings of its own; whoever holds a Settings builds the policy and passes it
down, so a Settings made in a test takes full effect. Frozen and plain, it crosses process
boundaries (the analysis pool) as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.config import Settings

_DEFAULTS = Settings.model_fields


@dataclass(frozen=True)
class FetchPolicy:
    allow_private: bool = _DEFAULTS["fetch_allow_private"].default  # only for tests and intranet set-ups
    max_bytes: int = _DEFAULTS["fetch_max_bytes"].default  # counted after decompression
    max_redirects: int = _DEFAULTS["fetch_max_redirects"].default
    connect_timeout: float = _DEFAULTS["fetch_connect_timeout"].default
    total_timeout: float = _DEFAULTS["fetch_total_timeout"].default  # resolution, redirects and body together
    user_agent: str = _DEFAULTS["fetch_user_agent"].default

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchPolicy:
        return cls(
            allow_private=settings.fetch_allow_private,
            max_bytes=settings.fetch_max_bytes,
            max_redirects=settings.fetch_max_redirects,
            connect_timeout=settings.fetch_connect_timeout,
            total_timeout=settings.fetch_total_timeout,
            user_agent=settings.fetch_user_agent,
        )

    def but(self, **changes: object) -> FetchPolicy:
        """This policy with some fields changed (None leaves a field as it is)."""
        return replace(self, **{name: value for name, value in changes.items() if value is not None})

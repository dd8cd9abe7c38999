"""merge the Slack and stories branches; widen stored Slack tokens

Encrypted tokens outgrow slack_sdk's VARCHAR(200): a Fernet token of a ~150-character
refresh token (token rotation) is ~290 characters, which PostgreSQL would refuse.

Revision ID: 0004
Revises: 0002, 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = ("0002", "0003")
branch_labels = None
depends_on = None

TOKEN_COLUMNS = {
    "slack_installations": ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token"),
    "slack_bots": ("bot_token", "bot_refresh_token"),
}


def upgrade() -> None:
    for table, columns in TOKEN_COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.alter_column(column, type_=sa.Text(), existing_type=sa.String(200), existing_nullable=True)


def downgrade() -> None:
    for table, columns in TOKEN_COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.alter_column(column, type_=sa.String(200), existing_type=sa.Text(), existing_nullable=True)

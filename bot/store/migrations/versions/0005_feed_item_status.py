"""feed items analysed by their own task: status, attempts, last error and the entry to analyse

Rows recorded before this revision were analysed inline by the poll that saw them: they are
`done` (the server default fills them in; new rows always set their status).

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("feed_items") as batch:
        batch.add_column(sa.Column("status", sa.String(length=16), nullable=False, server_default="done"))
        batch.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("error", sa.Text(), nullable=True))
        batch.add_column(sa.Column("entry", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("feed_items") as batch:
        for column in ("entry", "error", "attempts", "status"):
            batch.drop_column(column)

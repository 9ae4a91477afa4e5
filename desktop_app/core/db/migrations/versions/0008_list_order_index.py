"""list order index: the activity list's sort order (deleted, date_from DESC, sort_key, id)
as one covering index, so a page, the end of every page and the first matches of a search
are read from the index without touching the rows (the first drag of the scroll bar over
100,000 activities took about a second; a search's first page sorted every match's row)

Revision ID: 0008_list_order_index
Revises: 0004_sync_trust
Create Date: 2026-12-01 17:20:00
"""

from alembic import op
import sqlalchemy as sa


revision = "0008_list_order_index"
down_revision = "0004_sync_trust"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.create_index(
            "ix_activity_list_order", ["deleted", sa.text("date_from DESC"), "sort_key", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_index("ix_activity_list_order")

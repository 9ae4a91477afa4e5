"""drop the search key's B-tree index: no query reads it (a search goes through the FTS5
trigram index of the same key, or a LIKE '%phrase%' that no B-tree serves; the duplicate
check narrows by unit and day first), while every activity written pays for it -- the
folded key averages 120 characters, the largest index of the table, written at random
places by an import of 100,000 activities

Revision ID: 0009_drop_search_key_index
Revises: 0008_list_order_index
Create Date: 2026-12-01 21:55:00
"""

from alembic import op


revision = "0009_drop_search_key_index"
down_revision = "0008_list_order_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_index("ix_activity_search_key")


def downgrade() -> None:
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.create_index("ix_activity_search_key", ["search_key"], unique=False)

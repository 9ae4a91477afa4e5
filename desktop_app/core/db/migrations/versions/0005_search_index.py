"""search index: an FTS5 trigram index over the activities' folded search key, kept in
step with the table by triggers (SQLite only; see desktop_app.core.db.dialect)

Revision ID: 0005_search_index
Revises: 0002
Create Date: 2026-12-01 14:10:00
"""

from alembic import op

from desktop_app.core.db import dialect

revision = "0005_search_index"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    dialect.create_search_index(op.get_bind())


def downgrade() -> None:
    dialect.drop_search_index(op.get_bind())

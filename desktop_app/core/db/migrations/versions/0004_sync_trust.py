"""sync trust: a rejection remembers the origin of the version it refused

A record relayed by a district centre and refused at the province is reported back to the
commune that made it (its receipt goes through the centre), found by the version's origin.

Revision ID: 0004_sync_trust
Revises: 0007_keys_at_rest
Create Date: 2026-12-01 14:20:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0004_sync_trust'
down_revision = '0007_keys_at_rest'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('rejection', schema=None) as batch_op:
        batch_op.add_column(sa.Column('origin_id', sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f('ix_rejection_origin_id'), ['origin_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('rejection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rejection_origin_id'))
        batch_op.drop_column('origin_id')

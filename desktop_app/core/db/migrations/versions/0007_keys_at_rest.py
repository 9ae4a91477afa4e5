"""keys at rest, personal attachments, per-installation package log

Private keys get a protected form (``local_key.sealed``, by ``protection``); they are
sealed at the next start (the protector lives outside the database). Attachments can be
marked as holding personal data. Every package logged here names the local installation
that wrote or read it, so a copied data folder that becomes a new installation numbers
its packages from 1.

Revision ID: 0007_keys_at_rest
Revises: 0003_report_plan_targets
Create Date: 2026-12-01 13:57:43.699958
"""

from alembic import op
import sqlalchemy as sa


revision = '0007_keys_at_rest'
down_revision = '0003_report_plan_targets'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('personal', sa.Boolean(), server_default='0', nullable=False))

    with op.batch_alter_table('installation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('previous_installation_id', sa.String(length=36), nullable=True))

    with op.batch_alter_table('local_key', schema=None) as batch_op:
        batch_op.add_column(sa.Column('protection', sa.String(length=16), server_default='clear', nullable=False))
        batch_op.add_column(sa.Column('sealed', sa.Text(), nullable=True))
        batch_op.alter_column('sign_private',
               existing_type=sa.VARCHAR(length=64),
               nullable=True)
        batch_op.alter_column('box_private',
               existing_type=sa.VARCHAR(length=64),
               nullable=True)

    with op.batch_alter_table('package_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('installation_id', sa.String(length=36), nullable=True))

    # Everything logged so far was written or read by the one installation there is.
    op.execute("UPDATE package_log SET installation_id = (SELECT installation_id FROM installation WHERE id = 1)")


def downgrade() -> None:
    with op.batch_alter_table('package_log', schema=None) as batch_op:
        batch_op.drop_column('installation_id')

    with op.batch_alter_table('local_key', schema=None) as batch_op:
        batch_op.alter_column('box_private',
               existing_type=sa.VARCHAR(length=64),
               nullable=False)
        batch_op.alter_column('sign_private',
               existing_type=sa.VARCHAR(length=64),
               nullable=False)
        batch_op.drop_column('sealed')
        batch_op.drop_column('protection')

    with op.batch_alter_table('installation', schema=None) as batch_op:
        batch_op.drop_column('previous_installation_id')

    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_column('personal')


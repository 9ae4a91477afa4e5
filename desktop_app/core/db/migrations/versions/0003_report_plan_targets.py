"""reports: the plan's issue date, the events that carry out a task, the direction text per period

Revision ID: 0003_report_plan_targets
Revises: 0006_office_input
Create Date: 2026-12-01 14:05:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0003_report_plan_targets'
down_revision = '0006_office_input'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('issued_on', sa.Date(), nullable=True))
    with op.batch_alter_table('plan_task', schema=None) as batch_op:
        batch_op.add_column(sa.Column('event_ids', sa.JSON(), nullable=True))
    op.create_table('report_direction',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('unit_id', sa.String(length=36), nullable=False),
    sa.Column('period', sa.String(length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_report_direction_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_direction')),
    sa.UniqueConstraint('unit_id', 'period', name=op.f('uq_report_direction_unit_id_period'))
    )


def downgrade() -> None:
    op.drop_table('report_direction')
    with op.batch_alter_table('plan_task', schema=None) as batch_op:
        batch_op.drop_column('event_ids')
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_column('issued_on')

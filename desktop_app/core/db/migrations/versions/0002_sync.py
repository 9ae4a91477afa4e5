"""sync: keys, peers, acks, received ranges, package history, conflicts, rejections, reviews

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 11:24:38.071027
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('local_key',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sign_private', sa.String(length=64), nullable=False),
    sa.Column('box_private', sa.String(length=64), nullable=False),
    sa.Column('sign_pub', sa.String(length=64), nullable=False),
    sa.Column('box_pub', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_local_key_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_local_key'))
    )
    op.create_table('missing_blob',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('attachment_id', sa.String(length=36), nullable=False),
    sa.Column('since', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_missing_blob'))
    )
    op.create_table('package_log',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('package_id', sa.String(length=36), nullable=False),
    sa.Column('set_id', sa.String(length=36), nullable=False),
    sa.Column('direction', sa.String(length=8), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('peer_id', sa.String(length=36), nullable=True),
    sa.Column('peer_unit_id', sa.String(length=36), nullable=True),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('volume_index', sa.Integer(), nullable=False),
    sa.Column('volume_count', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=500), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('size', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('summary', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_package_log'))
    )
    with op.batch_alter_table('package_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_package_log_direction_peer_id'), ['direction', 'peer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_package_log_package_id'), ['package_id'], unique=False)

    op.create_table('peer_ack',
    sa.Column('peer_id', sa.String(length=36), nullable=False),
    sa.Column('origin_id', sa.String(length=32), nullable=False),
    sa.Column('counter', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('peer_id', 'origin_id', name=op.f('pk_peer_ack'))
    )
    op.create_table('received_range',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('origin_id', sa.String(length=32), nullable=False),
    sa.Column('lo', sa.Integer(), nullable=False),
    sa.Column('hi', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_received_range'))
    )
    with op.batch_alter_table('received_range', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_received_range_origin_id'), ['origin_id'], unique=False)

    op.create_table('rejection',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('package_id', sa.String(length=36), nullable=False),
    sa.Column('peer_id', sa.String(length=36), nullable=True),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.String(length=64), nullable=True),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('params', sa.JSON(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rejection'))
    )
    with op.batch_alter_table('rejection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rejection_peer_id'), ['peer_id'], unique=False)

    op.create_table('sync_conflict',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('ver_origin', sa.String(length=32), nullable=False),
    sa.Column('ver_counter', sa.Integer(), nullable=False),
    sa.Column('vv', sa.JSON(), nullable=False),
    sa.Column('record', sa.JSON(), nullable=False),
    sa.Column('detected_at', sa.DateTime(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflict')),
    sa.UniqueConstraint('table_name', 'row_id', 'ver_origin', 'ver_counter', name=op.f('uq_sync_conflict_table_name_row_id_ver_origin_ver_counter'))
    )
    op.create_table('peer',
    sa.Column('installation_id', sa.String(length=36), nullable=False),
    sa.Column('unit_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('sign_pub', sa.String(length=64), nullable=False),
    sa.Column('box_pub', sa.String(length=64), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('registered_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('last_seen_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_peer_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('installation_id', name=op.f('pk_peer'))
    )
    op.create_table('review',
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.Column('activity_version', sa.String(length=64), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('reviewer', sa.String(length=200), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_id', sa.String(length=32), nullable=False),
    sa.Column('ver_origin', sa.String(length=32), nullable=False),
    sa.Column('ver_counter', sa.Integer(), nullable=False),
    sa.Column('vv', sa.JSON(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_review_activity_id_activity')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review'))
    )
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_ver_origin_ver_counter'), ['ver_origin', 'ver_counter'], unique=False)

    with op.batch_alter_table('origin', schema=None) as batch_op:
        batch_op.add_column(sa.Column('installation_id', sa.String(length=36), nullable=True))

    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sealed', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('personal_withheld', sa.Boolean(), server_default='0', nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_column('personal_withheld')
        batch_op.drop_column('sealed')

    with op.batch_alter_table('origin', schema=None) as batch_op:
        batch_op.drop_column('installation_id')

    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_ver_origin_ver_counter'))
        batch_op.drop_index(batch_op.f('ix_review_activity_id'))

    op.drop_table('review')
    op.drop_table('peer')
    op.drop_table('sync_conflict')
    with op.batch_alter_table('rejection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rejection_peer_id'))

    op.drop_table('rejection')
    with op.batch_alter_table('received_range', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_received_range_origin_id'))

    op.drop_table('received_range')
    op.drop_table('peer_ack')
    with op.batch_alter_table('package_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_package_log_package_id'))
        batch_op.drop_index(batch_op.f('ix_package_log_direction_peer_id'))

    op.drop_table('package_log')
    op.drop_table('missing_blob')
    op.drop_table('local_key')

"""Initial schema: installation, units, catalogs, the plan, activities, participants,
attachments, unit reports and the audit history, with the sync fields on every synced
row (UUID, creating origin, version, version vector, tombstone, unknown fields kept).

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 11:18:38.268049
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=True),
    sa.Column('origin_id', sa.String(length=32), nullable=True),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_table_name_row_id'), ['table_name', 'row_id'], unique=False)

    op.create_table('blob',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_blob'))
    )
    op.create_table('catalog_item',
    sa.Column('catalog', sa.String(length=32), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name_vi', sa.String(length=500), nullable=False),
    sa.Column('name_en', sa.String(length=500), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_id', sa.String(length=32), nullable=False),
    sa.Column('ver_origin', sa.String(length=32), nullable=False),
    sa.Column('ver_counter', sa.Integer(), nullable=False),
    sa.Column('vv', sa.JSON(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalog_item')),
    sa.UniqueConstraint('catalog', 'code', name=op.f('uq_catalog_item_catalog_code'))
    )
    with op.batch_alter_table('catalog_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_catalog_item_ver_origin_ver_counter'), ['ver_origin', 'ver_counter'], unique=False)

    op.create_table('content_state',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('applied_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_content_state'))
    )
    op.create_table('org_unit',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('gso_code', sa.String(length=16), nullable=True),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('short_name', sa.String(length=100), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('parent_id', sa.String(length=36), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('search_key', sa.String(length=300), nullable=False),
    sa.Column('sort_key', sa.String(length=900), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_id', sa.String(length=32), nullable=False),
    sa.Column('ver_origin', sa.String(length=32), nullable=False),
    sa.Column('ver_counter', sa.Integer(), nullable=False),
    sa.Column('vv', sa.JSON(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['org_unit.id'], name=op.f('fk_org_unit_parent_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_org_unit')),
    sa.UniqueConstraint('code', name=op.f('uq_org_unit_code'))
    )
    with op.batch_alter_table('org_unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_org_unit_gso_code'), ['gso_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_org_unit_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_org_unit_ver_origin_ver_counter'), ['ver_origin', 'ver_counter'], unique=False)

    op.create_table('installation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('installation_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('unit_id', sa.String(length=36), nullable=False),
    sa.Column('origin_id', sa.String(length=32), nullable=False),
    sa.Column('counter', sa.Integer(), nullable=False),
    sa.Column('officer_name', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_installation_single_row')),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_installation_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_installation'))
    )
    op.create_table('origin',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('unit_id', sa.String(length=36), nullable=True),
    sa.Column('is_local', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('retired_at', sa.DateTime(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_origin_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_origin'))
    )
    op.create_table('plan',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=100), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('issuer_unit_id', sa.String(length=36), nullable=True),
    sa.Column('legal_refs', sa.Text(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('funding', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_id', sa.String(length=32), nullable=False),
    sa.Column('ver_origin', sa.String(length=32), nullable=False),
    sa.Column('ver_counter', sa.Integer(), nullable=False),
    sa.Column('vv', sa.JSON(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['issuer_unit_id'], ['org_unit.id'], name=op.f('fk_plan_issuer_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan'))
    )
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_ver_origin_ver_counter'), ['ver_origin', 'ver_counter'], unique=False)

    op.create_table('unit_report',
    sa.Column('unit_id', sa.String(length=36), nullable=False),
    sa.Column('period', sa.String(length=32), nullable=False),
    sa.Column('difficulties', sa.Text(), nullable=True),
    sa.Column('proposals', sa.Text(), nullable=True),
    sa.Column('nothing_to_report', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_id', sa.String(length=32), nullable=False),
    sa.Column('ver_origin', sa.String(length=32), nullable=False),
    sa.Column('ver_counter', sa.Integer(), nullable=False),
    sa.Column('vv', sa.JSON(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_unit_report_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_report')),
    sa.UniqueConstraint('unit_id', 'period', name=op.f('uq_unit_report_unit_id_period'))
    )
    with op.batch_alter_table('unit_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_report_ver_origin_ver_counter'), ['ver_origin', 'ver_counter'], unique=False)

    op.create_table('unit_succession',
    sa.Column('predecessor_id', sa.String(length=36), nullable=False),
    sa.Column('successor_id', sa.String(length=36), nullable=False),
    sa.Column('effective_date', sa.Date(), nullable=False),
    sa.Column('change', sa.String(length=16), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_id', sa.String(length=32), nullable=False),
    sa.Column('ver_origin', sa.String(length=32), nullable=False),
    sa.Column('ver_counter', sa.Integer(), nullable=False),
    sa.Column('vv', sa.JSON(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['predecessor_id'], ['org_unit.id'], name=op.f('fk_unit_succession_predecessor_id_org_unit')),
    sa.ForeignKeyConstraint(['successor_id'], ['org_unit.id'], name=op.f('fk_unit_succession_successor_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_succession')),
    sa.UniqueConstraint('predecessor_id', 'successor_id', name=op.f('uq_unit_succession_predecessor_id_successor_id'))
    )
    with op.batch_alter_table('unit_succession', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_succession_ver_origin_ver_counter'), ['ver_origin', 'ver_counter'], unique=False)

    op.create_table('plan_task',
    sa.Column('plan_id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('lead_unit_id', sa.String(length=36), nullable=True),
    sa.Column('time_from', sa.Date(), nullable=True),
    sa.Column('time_to', sa.Date(), nullable=True),
    sa.Column('time_text', sa.String(length=200), nullable=True),
    sa.Column('budget', sa.Integer(), nullable=True),
    sa.Column('products_text', sa.Text(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_id', sa.String(length=32), nullable=False),
    sa.Column('ver_origin', sa.String(length=32), nullable=False),
    sa.Column('ver_counter', sa.Integer(), nullable=False),
    sa.Column('vv', sa.JSON(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['lead_unit_id'], ['org_unit.id'], name=op.f('fk_plan_task_lead_unit_id_org_unit')),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_task_plan_id_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_task')),
    sa.UniqueConstraint('plan_id', 'code', name=op.f('uq_plan_task_plan_id_code'))
    )
    with op.batch_alter_table('plan_task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_task_ver_origin_ver_counter'), ['ver_origin', 'ver_counter'], unique=False)

    op.create_table('activity',
    sa.Column('unit_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('plan_task_id', sa.String(length=36), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('date_from', sa.Date(), nullable=False),
    sa.Column('date_to', sa.Date(), nullable=True),
    sa.Column('product_type_id', sa.String(length=36), nullable=True),
    sa.Column('event_type_id', sa.String(length=36), nullable=True),
    sa.Column('product_id', sa.String(length=36), nullable=True),
    sa.Column('place', sa.String(length=300), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('copies', sa.Integer(), nullable=True),
    sa.Column('minutes', sa.Float(), nullable=True),
    sa.Column('times_aired', sa.Integer(), nullable=True),
    sa.Column('audience', sa.Integer(), nullable=True),
    sa.Column('cost', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('recorded_by', sa.String(length=200), nullable=True),
    sa.Column('search_key', sa.Text(), nullable=False),
    sa.Column('sort_key', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_id', sa.String(length=32), nullable=False),
    sa.Column('ver_origin', sa.String(length=32), nullable=False),
    sa.Column('ver_counter', sa.Integer(), nullable=False),
    sa.Column('vv', sa.JSON(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('coalesce(quantity, 0) >= 0 AND coalesce(copies, 0) >= 0 AND coalesce(minutes, 0) >= 0 AND coalesce(times_aired, 0) >= 0 AND coalesce(audience, 0) >= 0 AND coalesce(cost, 0) >= 0', name=op.f('ck_activity_non_negative')),
    sa.ForeignKeyConstraint(['event_type_id'], ['catalog_item.id'], name=op.f('fk_activity_event_type_id_catalog_item')),
    sa.ForeignKeyConstraint(['plan_task_id'], ['plan_task.id'], name=op.f('fk_activity_plan_task_id_plan_task')),
    sa.ForeignKeyConstraint(['product_id'], ['activity.id'], name=op.f('fk_activity_product_id_activity')),
    sa.ForeignKeyConstraint(['product_type_id'], ['catalog_item.id'], name=op.f('fk_activity_product_type_id_catalog_item')),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_activity_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity'))
    )
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_date_from'), ['date_from'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_plan_task_id'), ['plan_task_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_product_type_id'), ['product_type_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_search_key'), ['search_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_sort_key'), ['sort_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_unit_id_date_from'), ['unit_id', 'date_from'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_ver_origin_ver_counter'), ['ver_origin', 'ver_counter'], unique=False)

    op.create_table('plan_target',
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('metric', sa.String(length=32), nullable=False),
    sa.Column('target_value', sa.Float(), nullable=False),
    sa.Column('product_type_id', sa.String(length=36), nullable=True),
    sa.Column('theme_id', sa.String(length=36), nullable=True),
    sa.Column('category_id', sa.String(length=36), nullable=True),
    sa.Column('unit_id', sa.String(length=36), nullable=True),
    sa.Column('period', sa.String(length=32), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_id', sa.String(length=32), nullable=False),
    sa.Column('ver_origin', sa.String(length=32), nullable=False),
    sa.Column('ver_counter', sa.Integer(), nullable=False),
    sa.Column('vv', sa.JSON(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['catalog_item.id'], name=op.f('fk_plan_target_category_id_catalog_item')),
    sa.ForeignKeyConstraint(['product_type_id'], ['catalog_item.id'], name=op.f('fk_plan_target_product_type_id_catalog_item')),
    sa.ForeignKeyConstraint(['task_id'], ['plan_task.id'], name=op.f('fk_plan_target_task_id_plan_task')),
    sa.ForeignKeyConstraint(['theme_id'], ['catalog_item.id'], name=op.f('fk_plan_target_theme_id_catalog_item')),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_plan_target_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_target'))
    )
    with op.batch_alter_table('plan_target', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_target_ver_origin_ver_counter'), ['ver_origin', 'ver_counter'], unique=False)

    op.create_table('plan_task_partner',
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.String(length=36), nullable=True),
    sa.Column('name', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['task_id'], ['plan_task.id'], name=op.f('fk_plan_task_partner_task_id_plan_task'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_plan_task_partner_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('task_id', 'position', name=op.f('pk_plan_task_partner'))
    )
    op.create_table('plan_task_product_type',
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('item_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['catalog_item.id'], name=op.f('fk_plan_task_product_type_item_id_catalog_item')),
    sa.ForeignKeyConstraint(['task_id'], ['plan_task.id'], name=op.f('fk_plan_task_product_type_task_id_plan_task'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('task_id', 'item_id', name=op.f('pk_plan_task_product_type'))
    )
    op.create_table('plan_task_theme',
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('item_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['catalog_item.id'], name=op.f('fk_plan_task_theme_item_id_catalog_item')),
    sa.ForeignKeyConstraint(['task_id'], ['plan_task.id'], name=op.f('fk_plan_task_theme_task_id_plan_task'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('task_id', 'item_id', name=op.f('pk_plan_task_theme'))
    )
    op.create_table('activity_channel',
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.Column('item_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_activity_channel_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['item_id'], ['catalog_item.id'], name=op.f('fk_activity_channel_item_id_catalog_item')),
    sa.PrimaryKeyConstraint('activity_id', 'item_id', name=op.f('pk_activity_channel')),
    sqlite_with_rowid=False
    )
    with op.batch_alter_table('activity_channel', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_channel_item_id'), ['item_id'], unique=False)

    op.create_table('activity_language',
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.Column('item_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_activity_language_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['item_id'], ['catalog_item.id'], name=op.f('fk_activity_language_item_id_catalog_item')),
    sa.PrimaryKeyConstraint('activity_id', 'item_id', name=op.f('pk_activity_language')),
    sqlite_with_rowid=False
    )
    with op.batch_alter_table('activity_language', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_language_item_id'), ['item_id'], unique=False)

    op.create_table('activity_theme',
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.Column('item_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_activity_theme_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['item_id'], ['catalog_item.id'], name=op.f('fk_activity_theme_item_id_catalog_item')),
    sa.PrimaryKeyConstraint('activity_id', 'item_id', name=op.f('pk_activity_theme')),
    sqlite_with_rowid=False
    )
    with op.batch_alter_table('activity_theme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_theme_item_id'), ['item_id'], unique=False)

    op.create_table('attachment',
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('original_name', sa.String(length=500), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('mime_type', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_id', sa.String(length=32), nullable=False),
    sa.Column('ver_origin', sa.String(length=32), nullable=False),
    sa.Column('ver_counter', sa.Integer(), nullable=False),
    sa.Column('vv', sa.JSON(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_attachment_activity_id_activity')),
    sa.ForeignKeyConstraint(['sha256'], ['blob.sha256'], name=op.f('fk_attachment_sha256_blob')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_ver_origin_ver_counter'), ['ver_origin', 'ver_counter'], unique=False)

    op.create_table('participant',
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('gender', sa.String(length=16), nullable=True),
    sa.Column('ethnicity_id', sa.String(length=36), nullable=True),
    sa.Column('birth_year', sa.Integer(), nullable=True),
    sa.Column('position', sa.String(length=300), nullable=True),
    sa.Column('organization', sa.String(length=300), nullable=True),
    sa.Column('unit_id', sa.String(length=36), nullable=True),
    sa.Column('category_id', sa.String(length=36), nullable=True),
    sa.Column('phone', sa.String(length=32), nullable=True),
    sa.Column('search_key', sa.String(length=600), nullable=False),
    sa.Column('sort_key', sa.String(length=900), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('origin_id', sa.String(length=32), nullable=False),
    sa.Column('ver_origin', sa.String(length=32), nullable=False),
    sa.Column('ver_counter', sa.Integer(), nullable=False),
    sa.Column('vv', sa.JSON(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=True),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100', name=op.f('ck_participant_birth_year')),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_participant_activity_id_activity')),
    sa.ForeignKeyConstraint(['category_id'], ['catalog_item.id'], name=op.f('fk_participant_category_id_catalog_item')),
    sa.ForeignKeyConstraint(['ethnicity_id'], ['catalog_item.id'], name=op.f('fk_participant_ethnicity_id_catalog_item')),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_participant_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant'))
    )
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participant_ver_origin_ver_counter'), ['ver_origin', 'ver_counter'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_ver_origin_ver_counter'))
        batch_op.drop_index(batch_op.f('ix_participant_activity_id'))

    op.drop_table('participant')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_ver_origin_ver_counter'))
        batch_op.drop_index(batch_op.f('ix_attachment_sha256'))
        batch_op.drop_index(batch_op.f('ix_attachment_activity_id'))

    op.drop_table('attachment')
    with op.batch_alter_table('activity_theme', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_theme_item_id'))

    op.drop_table('activity_theme')
    with op.batch_alter_table('activity_language', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_language_item_id'))

    op.drop_table('activity_language')
    with op.batch_alter_table('activity_channel', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_channel_item_id'))

    op.drop_table('activity_channel')
    op.drop_table('plan_task_theme')
    op.drop_table('plan_task_product_type')
    op.drop_table('plan_task_partner')
    with op.batch_alter_table('plan_target', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_target_ver_origin_ver_counter'))

    op.drop_table('plan_target')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_ver_origin_ver_counter'))
        batch_op.drop_index(batch_op.f('ix_activity_unit_id_date_from'))
        batch_op.drop_index(batch_op.f('ix_activity_sort_key'))
        batch_op.drop_index(batch_op.f('ix_activity_search_key'))
        batch_op.drop_index(batch_op.f('ix_activity_product_type_id'))
        batch_op.drop_index(batch_op.f('ix_activity_plan_task_id'))
        batch_op.drop_index(batch_op.f('ix_activity_date_from'))

    op.drop_table('activity')
    with op.batch_alter_table('plan_task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_task_ver_origin_ver_counter'))

    op.drop_table('plan_task')
    with op.batch_alter_table('unit_succession', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_succession_ver_origin_ver_counter'))

    op.drop_table('unit_succession')
    with op.batch_alter_table('unit_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_report_ver_origin_ver_counter'))

    op.drop_table('unit_report')
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_ver_origin_ver_counter'))

    op.drop_table('plan')
    op.drop_table('origin')
    op.drop_table('installation')
    with op.batch_alter_table('org_unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_org_unit_ver_origin_ver_counter'))
        batch_op.drop_index(batch_op.f('ix_org_unit_parent_id'))
        batch_op.drop_index(batch_op.f('ix_org_unit_gso_code'))

    op.drop_table('org_unit')
    op.drop_table('content_state')
    with op.batch_alter_table('catalog_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_catalog_item_ver_origin_ver_counter'))

    op.drop_table('catalog_item')
    op.drop_table('blob')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_table_name_row_id'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_at'))

    op.drop_table('audit_entry')

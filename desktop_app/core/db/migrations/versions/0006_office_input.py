"""participants: absence flag, note, person key; participant sort by given name

Revision ID: 0006_office_input
Revises: 0005_search_index
Create Date: 2026-12-01 14:30:00
"""

from alembic import op
import sqlalchemy as sa

from desktop_app.core.domain.text import person_identity, person_sort_key


revision = '0006_office_input'
down_revision = '0005_search_index'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('absent', sa.Boolean(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('note', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('person_key', sa.String(length=600), nullable=True))
    # Derived local keys of the rows already there: the person key, and the sort key now
    # by given name first (Vietnamese list order).
    connection = op.get_bind()
    participant = sa.table(
        'participant',
        sa.column('id', sa.String),
        sa.column('name', sa.String),
        sa.column('birth_year', sa.Integer),
        sa.column('organization', sa.String),
        sa.column('sort_key', sa.String),
        sa.column('person_key', sa.String),
    )
    rows = connection.execute(sa.select(participant.c.id, participant.c.name, participant.c.birth_year, participant.c.organization)).all()
    for row_id, name, birth_year, organization in rows:
        connection.execute(
            participant.update()
            .where(participant.c.id == row_id)
            .values(sort_key=person_sort_key(name or ""), person_key=person_identity(name, birth_year, organization))
        )
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.alter_column('person_key', existing_type=sa.String(length=600), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_column('person_key')
        batch_op.drop_column('note')
        batch_op.drop_column('absent')

"""Alembic environment. The program runs migrations itself (desktop_app.core.db.migrate),
passing an open connection whose foreign keys are off; the foreign-key check runs inside
the migration transaction, so a migration that breaks references is rolled back."""

from alembic import context
from sqlalchemy.types import TypeDecorator

from desktop_app.core.db import dialect
from desktop_app.core.db.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - developer use: alembic -x db=PATH revision ...
    from pathlib import Path

    from desktop_app.core.db.engine import make_engine

    engine = make_engine(Path(context.get_x_argument(as_dictionary=True)["db"]), foreign_keys=False)
    connection = engine.connect()



def render_item(kind, obj, autogen_context):
    """Write the program's column types as the plain SQLAlchemy types they store, so a
    migration never depends on code that may change later."""
    if kind == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl!r}"
    return False


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    render_item=render_item,
    include_name=dialect.include_name,
)

with context.begin_transaction():
    context.run_migrations()
    dialect.repair_search_index(connection)  # a rebuilt activity table lost its triggers
    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise RuntimeError(f"foreign key check failed after migration: {problems[:5]}")

"""Alembic's environment, run programmatically by `hbf_desktop.server.database.migrate` (no alembic.ini needed).

The caller passes an open connection in `config.attributes["connection"]`; migrations run inside its transaction.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from hbf_desktop.server.schema import metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


_connection = context.config.attributes.get("connection")
if not isinstance(_connection, Connection):
    raise RuntimeError("hbf-server migrations run through hbf_desktop.server.database.migrate, with a connection")
_run(_connection)

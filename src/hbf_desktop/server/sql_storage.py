"""`SqlStorage`: the storage interface on SQLAlchemy Core, one implementation for SQLite and PostgreSQL."""

from __future__ import annotations

import itertools

from sqlalchemy import Engine

from hbf_desktop.server.database import make_engines, migrate
from hbf_desktop.server.settings import driver_url
from hbf_desktop.server.sql_batches import SqlBatches
from hbf_desktop.server.sql_devices import SqlDevices


class SqlStorage(SqlDevices, SqlBatches):
    def __init__(self, write: Engine, read: Engine) -> None:
        self._write, self._read = write, read
        self._nonce_calls = itertools.count(1)

    @classmethod
    def open(cls, url: str, *, migrate_schema: bool = True) -> SqlStorage:
        write, read = make_engines(driver_url(url))
        if migrate_schema:
            migrate(write)
        return cls(write, read)

    def close(self) -> None:
        self._write.dispose()
        self._read.dispose()

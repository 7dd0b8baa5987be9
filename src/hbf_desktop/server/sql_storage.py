"""`SqlStorage`: the storage interface on SQLAlchemy Core, one implementation for SQLite and PostgreSQL."""

from __future__ import annotations

import itertools

from hbf_desktop.server.database import Engines, make_engines, migrate
from hbf_desktop.server.settings import driver_url
from hbf_desktop.server.sql_batches import SqlBatches
from hbf_desktop.server.sql_devices import SqlDevices


class SqlStorage(SqlDevices, SqlBatches):
    def __init__(self, engines: Engines) -> None:
        self._engines = engines
        self._write, self._read, self._volatile = engines.write, engines.read, engines.volatile
        self._nonce_calls = itertools.count(1)

    @classmethod
    def open(cls, url: str, *, migrate_schema: bool = True) -> SqlStorage:
        engines = make_engines(driver_url(url))
        if migrate_schema:
            migrate(engines.write)
        return cls(engines)

    def close(self) -> None:
        self._engines.dispose()

"""Engines for SQLite and PostgreSQL, and migrations run programmatically.

SQLite: WAL (readers never wait for the writer), `synchronous=FULL` (a 201 means the batch is on disk), a busy
timeout so concurrent uploads queue rather than fail, and write transactions that take the write lock at BEGIN
(`BEGIN IMMEDIATE`), so two uploads never both read a device's chain position and then race to extend it. Reads use
a second engine with ordinary deferred transactions, so downloads do not queue behind uploads.
PostgreSQL: psycopg 3; a write that extends a chain locks the device's row first (`SELECT … FOR UPDATE`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_BUSY_TIMEOUT_MS = 30_000


@dataclass(frozen=True)
class Engines:
    """`write` for what must survive a power cut once answered; `read`; `volatile` for nonces and last-seen times.

    A nonce only has to outlive the 300 s replay window, and losing the last few in a power cut would only let a
    request captured off TLS be replayed within 300 s of the restart, so its commit does not wait for the disk
    (SQLite `synchronous=NORMAL` in WAL, PostgreSQL `synchronous_commit=off`). That halves the fsyncs of an upload.
    """

    write: Engine
    read: Engine
    volatile: Engine

    def dispose(self) -> None:
        for engine in {self.write, self.read, self.volatile}:
            engine.dispose()


def make_engines(url: str) -> Engines:
    if not url.startswith("sqlite"):
        engine = create_engine(url, pool_size=8, max_overflow=8, pool_pre_ping=True, hide_parameters=True)
        volatile = engine.execution_options()
        event.listen(
            volatile, "begin", lambda connection: connection.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
        )
        return Engines(engine, engine, volatile)
    return Engines(
        _sqlite_engine(url, "BEGIN IMMEDIATE", "FULL"),
        _sqlite_engine(url, "BEGIN", "FULL"),
        _sqlite_engine(url, "BEGIN IMMEDIATE", "NORMAL"),
    )


def _sqlite_engine(url: str, begin: str, synchronous: str) -> Engine:
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": _BUSY_TIMEOUT_MS / 1000},
        hide_parameters=True,  # an error logged with its statement must not carry the row's values
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (pysqlite's own is deferred and late)
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            f"synchronous={synchronous}",
            f"busy_timeout={_BUSY_TIMEOUT_MS}",
            "foreign_keys=ON",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)

    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision, in one transaction."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

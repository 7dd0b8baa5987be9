"""Versioned schema migrations, applied in one transaction each at open.

Released migrations never change (a test pins their text): a laptop that missed five releases must step through the
same path as one that took them all. The schema version is SQLite's `user_version`.

Records are documents (`record.body`, JSON of field values) rather than one table per entity: the merge rule works per
field on any entity, and a new field in the domain needs no migration. Queries that must be fast get expression
indexes. See docs/store.md.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlcipher3

from hbf_desktop.store import summary_schema
from hbf_desktop.store.connection import Connection
from hbf_desktop.store.errors import StoreDamagedError

_SCHEMA_1 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE record (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    entity TEXT NOT NULL,
    client_id TEXT,
    body TEXT NOT NULL,
    stamps TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    version INTEGER NOT NULL,
    deleted_at TEXT,
    deleted_stamp TEXT,
    sync_state TEXT NOT NULL CHECK (sync_state IN ('pending', 'synced'))
);
CREATE INDEX record_by_entity ON record (entity, deleted_at);
CREATE INDEX record_by_client ON record (client_id, entity);

CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id TEXT NOT NULL,
    entity TEXT NOT NULL,
    change TEXT NOT NULL,
    created_at TEXT NOT NULL,
    batch_id TEXT
);
CREATE INDEX outbox_unbatched ON outbox (batch_id, seq);

CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT,
    record_id TEXT,
    fields TEXT NOT NULL,
    reason TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
WHEN (SELECT value FROM meta WHERE key = 'audit_truncation') IS NOT 'allowed'
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE VIRTUAL TABLE search USING fts5(
    names, codes, notes,
    client_id UNINDEXED, record_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TABLE attachment_chunk (
    record_id TEXT NOT NULL,
    chunk INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (record_id, chunk)
) WITHOUT ROWID;
"""

_SCHEMA_2 = """
CREATE TABLE conflict (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id TEXT NOT NULL,
    entity TEXT NOT NULL,
    field TEXT NOT NULL,
    kept_value TEXT,
    kept_stamp TEXT NOT NULL,
    lost_value TEXT,
    lost_stamp TEXT NOT NULL,
    detected_at TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by TEXT
);
CREATE INDEX conflict_open ON conflict (resolved_at, record_id);
"""

# Migration 3 belongs to sync (another branch); this empty placeholder keeps the numbering until the lead orders
# the two at merge. Migration 4 is the caseload's summary table (store/summary_schema.py).
_SCHEMA_3 = ""
_SCHEMA_4 = summary_schema.SCHEMA

MIGRATIONS: tuple[str, ...] = (_SCHEMA_1, _SCHEMA_2, _SCHEMA_3, _SCHEMA_4)
LATEST_VERSION = len(MIGRATIONS)


def schema_version(connection: Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    connection: Connection,
    target: int = LATEST_VERSION,
    on_step: Callable[[int], None] | None = None,
) -> None:
    """Bring the schema up to `target`; each step commits on its own so a crash resumes at the next step."""
    current = schema_version(connection)
    if current > LATEST_VERSION:
        raise StoreDamagedError(
            f"This store was written by a newer HBF Desktop (schema {current}); install the newer version to open it."
        )
    for version in range(current + 1, target + 1):
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[version - 1]):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        if on_step is not None:
            on_step(version)


def _statements(script: str) -> list[str]:
    """Split a migration into statements; triggers contain semicolons, so keep BEGIN...END together."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if buffer.strip().endswith(";") and _complete(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def _complete(statement: str) -> bool:
    return bool(sqlcipher3.complete_statement(statement))

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

from hbf_desktop.store import report_schema, summary_schema
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

# Sync (docs/sync.md). The device's private keys, the pinned root key and the held directory live in `meta`, inside
# the encrypted file. `sync_out` keeps each sealed batch until the server acknowledges it, so a retry sends the very
# same bytes. `sync_in` remembers every batch received (applied, waiting for a gap, forked, rejected) by hash, so a
# re-delivery applies nothing and a bad batch is kept aside with its reason. `sync_applied` names the records changed
# by sync: they have no outbox change of ours, and `Store.verify` counts them as accounted for. `sync_assignment`
# (on supervisors) names the worker device a client's changes are also sealed to (down-sync). `sync_attachment`
# tracks each attachment's chunks going up or coming down (resumable); `sync_chunk_out` keeps sealed chunks until
# the server holds them, so a resumed upload sends identical bytes. `sync_escrow` (on supervisors) keeps other
# devices' escrowed data keys, for recovering a store whose passphrase and recovery key are both lost.
_SCHEMA_3 = """
ALTER TABLE record ADD COLUMN erased_at TEXT;

CREATE TABLE sync_out (
    sequence INTEGER PRIMARY KEY,
    batch_id TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL UNIQUE,
    data BLOB NOT NULL,
    change_count INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    uploaded_at TEXT,
    server_cursor INTEGER
);

CREATE TABLE sync_in (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    device_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('applied', 'waiting', 'fork', 'rejected', 'not_addressed')),
    reason TEXT,
    data BLOB,
    change_count INTEGER NOT NULL DEFAULT 0,
    received_at TEXT NOT NULL,
    source TEXT NOT NULL
);
CREATE INDEX sync_in_by_device ON sync_in (device_id, status, sequence);
CREATE INDEX sync_in_by_batch ON sync_in (batch_id, status);

CREATE TABLE sync_peer (
    device_id TEXT PRIMARY KEY,
    user TEXT NOT NULL,
    role TEXT NOT NULL,
    signing_key TEXT NOT NULL,
    recipient_keys TEXT NOT NULL,
    pinned_at TEXT NOT NULL,
    revoked_at TEXT,
    last_sequence INTEGER NOT NULL DEFAULT 0,
    last_hash TEXT
) WITHOUT ROWID;

CREATE TABLE sync_applied (
    record_id TEXT PRIMARY KEY
) WITHOUT ROWID;

CREATE TABLE sync_assignment (
    client_id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    assigned_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE sync_attachment (
    attachment_id TEXT PRIMARY KEY,
    state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'receiving', 'received', 'refused')),
    chunks_done INTEGER NOT NULL DEFAULT 0,
    last_hash TEXT,
    reason TEXT
) WITHOUT ROWID;

CREATE TABLE sync_escrow (
    device_id TEXT PRIMARY KEY,
    data_key TEXT NOT NULL,
    received_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE sync_chunk_out (
    attachment_id TEXT NOT NULL,
    chunk INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (attachment_id, chunk)
) WITHOUT ROWID;
"""

# The caseload's summary table, kept by triggers (store/summary_schema.py, docs/gui.md).
_SCHEMA_4 = summary_schema.SCHEMA

# Covering partial indexes for the standard reports (store/report_schema.py, docs/reports.md).
_SCHEMA_5 = report_schema.SCHEMA

MIGRATIONS: tuple[str, ...] = (_SCHEMA_1, _SCHEMA_2, _SCHEMA_3, _SCHEMA_4, _SCHEMA_5)
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

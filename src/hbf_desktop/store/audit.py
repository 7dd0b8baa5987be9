"""The append-only, hash-chained audit log: who did what to which record, never what the record says.

Each entry's hash covers the previous entry's hash, so a removed, reordered or edited entry breaks the chain and
`verify` says where. Entries name fields, never values: the audit log must be safe to show an auditor.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from hbf_desktop.store.connection import Connection

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    at: str
    user: str
    action: str
    entity: str | None
    record_id: str | None
    fields: tuple[str, ...]
    reason: str | None = None


def entry_hash(previous_hash: str, entry: AuditEntry) -> str:
    canonical = json.dumps(
        [
            previous_hash,
            entry.at,
            entry.user,
            entry.action,
            entry.entity,
            entry.record_id,
            list(entry.fields),
            entry.reason,
        ],
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def append(connection: Connection, entry: AuditEntry) -> str:
    """Append inside the caller's transaction, so the entry commits or vanishes with the change it records."""
    row = connection.execute("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    previous = row[0] if row else _chain_start(connection)
    digest = entry_hash(previous, entry)
    connection.execute(
        "INSERT INTO audit (at, user, action, entity, record_id, fields, reason, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry.at,
            entry.user,
            entry.action,
            entry.entity,
            entry.record_id,
            json.dumps(list(entry.fields)),
            entry.reason,
            previous,
            digest,
        ),
    )
    return digest


def _chain_start(connection: Connection) -> str:
    """After retention truncates old entries, the chain restarts from the last removed entry's hash."""
    row = connection.execute("SELECT value FROM meta WHERE key = 'audit_chain_start'").fetchone()
    return str(row[0]) if row else GENESIS_HASH


def verify_chain(connection: Connection) -> list[str]:
    """Every break in the chain, in words; an empty list means the log is whole."""
    problems: list[str] = []
    expected_previous = _chain_start(connection)
    last_seq = 0
    for row in connection.execute(
        "SELECT seq, at, user, action, entity, record_id, fields, reason, prev_hash, hash FROM audit ORDER BY seq"
    ):
        seq, stored_previous, stored_hash = row[0], row[8], row[9]
        entry = _entry_from_row(row)
        if stored_previous != expected_previous:
            problems.append(f"audit entry {seq}: does not follow entry {last_seq}")
        if entry_hash(stored_previous, entry) != stored_hash:
            problems.append(f"audit entry {seq}: its content was altered")
        expected_previous, last_seq = stored_hash, seq
    return problems


def _entry_from_row(row: Sequence[object]) -> AuditEntry:
    return AuditEntry(
        at=str(row[1]),
        user=str(row[2]),
        action=str(row[3]),
        entity=None if row[4] is None else str(row[4]),
        record_id=None if row[5] is None else str(row[5]),
        fields=tuple(json.loads(str(row[6]))),
        reason=None if row[7] is None else str(row[7]),
    )

"""Reviewing the conflict log: concurrent edits whose losing value merging kept aside (`store/merging.py`).

Settling a conflict is an ordinary edit. Choosing the value merging kept writes nothing (every device already
converged on it); choosing the other value, or typing a new one, saves it through `Writer.save` in the same
transaction that marks the entries resolved, so the choice gets a fresh stamp and travels like any edit, and a
failure (a value the entity's rules refuse) changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from hbf_desktop.domain.model import JsonValue
from hbf_desktop.store.connection import Connection
from hbf_desktop.store.errors import StoreError
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import utc_now


class ConflictGoneError(StoreError):
    """The conflict was settled meanwhile (on this laptop) or its record erased."""


@dataclass(frozen=True)
class Side:
    value: JsonValue
    stamp: str
    device_id: str
    user: str
    at: str  # ISO UTC time of the edit, from its stamp


@dataclass(frozen=True)
class OpenConflict:
    seq: int
    record_id: str
    entity: str
    field: str
    client_code: str | None
    kept: Side
    lost: Side
    detected_at: str


def stamp_time(stamp: str) -> str:
    """A stamp is `<wall ms, hex>.<counter>.<device>`; its wall clock part is when the edit was made."""
    milliseconds = int(stamp.split(".", 1)[0], 16)
    return datetime.fromtimestamp(milliseconds / 1000, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def stamp_device(stamp: str) -> str:
    return stamp.split(".", 2)[2] if stamp.count(".") >= 2 else ""


_OPEN = (
    "SELECT c.seq, c.record_id, c.entity, c.field, c.kept_value, c.kept_stamp, c.lost_value, c.lost_stamp,"
    " c.detected_at, json_extract(k.body, '$.pseudonym_code') FROM conflict c"
    " LEFT JOIN record r ON r.id = c.record_id LEFT JOIN record k ON k.id = r.client_id AND k.entity = 'client'"
    " WHERE c.resolved_at IS NULL"
)


def open_conflicts(connection: Connection, limit: int = 500) -> list[OpenConflict]:
    users = {str(row[0]): str(row[1]) for row in connection.execute("SELECT device_id, user FROM sync_peer")}
    rows = connection.execute(_OPEN + " ORDER BY c.seq LIMIT ?", (limit,)).fetchall()
    return [_conflict(row, users, connection) for row in rows]


def _conflict(row: tuple[object, ...], users: dict[str, str], connection: Connection) -> OpenConflict:
    own = _own_device(connection)

    def side(value: object, stamp: object) -> Side:
        device = stamp_device(str(stamp))
        user = users.get(device) or (own[1] if device == own[0] else "unknown device")
        return Side(None if value is None else json.loads(str(value)), str(stamp), device, user, stamp_time(str(stamp)))

    code = row[9]
    return OpenConflict(
        int(str(row[0])), str(row[1]), str(row[2]), str(row[3]), None if code is None else str(code),
        side(row[4], row[5]), side(row[6], row[7]), str(row[8]),
    )  # fmt: skip


def _own_device(connection: Connection) -> tuple[str, str]:
    rows = dict(connection.execute("SELECT key, value FROM meta WHERE key IN ('device_id', 'user')").fetchall())
    return str(rows.get("device_id", "")), str(rows.get("user", ""))


def resolve(store: Store, seq: int, value: JsonValue) -> bool:
    """Settle conflict `seq` (and any other open entry for the same field) with `value`, in one transaction.
    Returns whether an edit was saved (False when `value` is what the record already holds)."""
    with store.records.writing() as writer:
        connection = writer.connection
        row = connection.execute(
            "SELECT record_id, entity, field FROM conflict WHERE seq = ? AND resolved_at IS NULL", (seq,)
        ).fetchone()
        if row is None:
            raise ConflictGoneError("This conflict has already been settled.")
        record_id, entity, name = str(row[0]), str(row[1]), str(row[2])
        record = store.records.get(record_id)
        if record is None:
            raise ConflictGoneError("The record of this conflict has been deleted or erased.")
        saved = record.values.get(name) != value
        if saved:
            writer.save(entity, {name: value}, record_id)
        now = utc_now()
        connection.execute(
            "UPDATE conflict SET resolved_at = ?, resolved_by = ? WHERE record_id = ? AND field = ?"
            " AND resolved_at IS NULL",
            (now, store.author.user, record_id, name),
        )
        writer.audit("update", entity, record_id, (name,), now, reason="conflict settled")
    return saved

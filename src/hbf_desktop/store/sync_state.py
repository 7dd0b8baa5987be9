"""The store's side of sync: sealed outgoing batches, received batches, pinned peers (tables of migration 3).

Only SQL lives here; the sync engine (`hbf_desktop.sync`) decides what to seal, verify and merge. Every function runs
on the caller's connection inside the caller's transaction, so a batch's application and its bookkeeping commit
together (docs/sync.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from hbf_desktop.store.connection import Connection
from hbf_desktop.store.transactions import utc_now

APPLIED, WAITING, FORK, REJECTED, NOT_ADDRESSED = "applied", "waiting", "fork", "rejected", "not_addressed"
FINAL_STATUSES = frozenset({APPLIED, NOT_ADDRESSED})
_LEFT_UPTO = "sync_out_left_upto"  # meta: the highest sequence whose bytes may have left this laptop
EVERY_WORKER = "*"  # the audience of an erased record's changes


@dataclass(frozen=True)
class OutgoingBatch:
    sequence: int
    batch_id: str
    hash: str
    data: bytes
    change_count: int
    uploaded: bool


@dataclass(frozen=True)
class Peer:
    """Another device whose signing key we pinned on first sight; a different key later is an alarm."""

    device_id: str
    user: str
    role: str
    signing_key: str
    recipient_keys: list[dict[str, object]]
    revoked_at: str | None
    last_sequence: int
    last_hash: str | None


@dataclass(frozen=True)
class HeldBatch:
    """A received batch as the store remembers it."""

    batch_id: str
    hash: str
    device_id: str
    sequence: int
    status: str
    reason: str | None
    received_at: str
    source: str


# --- outgoing -------------------------------------------------------------------------------------------------------


def unbatched_changes(
    connection: Connection, max_changes: int, max_bytes: int
) -> tuple[str | None, list[tuple[int, str]]]:
    """The oldest changes not yet in a batch that share one audience, at most `max_changes` and about `max_bytes`
    (at least one). The audience is the worker device a supervisor assigned the change's client to (None: only
    supervisors), so that a batch never carries one worker's client to another worker; an erased record's changes
    (emptied of values, the client link gone) go to every worker, so that whichever holds it purges it."""
    rows = connection.execute(
        "SELECT o.seq, o.change, CASE WHEN r.erased_at IS NOT NULL THEN ? ELSE a.device_id END FROM outbox AS o"
        " LEFT JOIN record AS r ON r.id = o.record_id LEFT JOIN sync_assignment AS a ON a.client_id = r.client_id"
        " WHERE o.batch_id IS NULL ORDER BY o.seq LIMIT ?",
        (EVERY_WORKER, max_changes),
    ).fetchall()
    taken: list[tuple[int, str]] = []
    audience = None if not rows else rows[0][2]
    size = 0
    for seq, change, device in rows:
        size += len(change.encode())
        if taken and (size > max_bytes or device != audience):
            break
        taken.append((int(seq), str(change)))
    return audience, taken


def mark_leaving(connection: Connection, sequence: int) -> None:
    """Record, before a batch's bytes may leave this laptop (an upload attempt, a bundle), that they may have: from
    then on it is never re-cut (someone may hold those bytes; other bytes under its sequence would be a fork)."""
    if sequence > left_upto(connection):
        connection.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (_LEFT_UPTO, str(sequence)),
        )


def left_upto(connection: Connection) -> int:
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (_LEFT_UPTO,)).fetchone()
    return 0 if row is None else int(row[0])


def first_batch_to_recut(connection: Connection) -> int | None:
    """The lowest sequence of a kept batch that never left and was sealed no later than the erasure of a record it
    carries (so it may hold that record's old values)."""
    row = connection.execute(
        "SELECT min(s.sequence) FROM sync_out AS s JOIN outbox AS o ON o.batch_id = s.batch_id"
        " JOIN record AS r ON r.id = o.record_id"
        " WHERE r.erased_at IS NOT NULL AND s.created_at <= r.erased_at AND s.sequence > ?",
        (left_upto(connection),),
    ).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def drop_batches_from(connection: Connection, sequence: int) -> bool:
    """Forget the kept batches from `sequence` on (their changes become unbatched, to be sealed again); True if one
    of them was a key escrow (a batch that claims no change), which must then be sealed again too."""
    rows = connection.execute("SELECT batch_id, change_count FROM sync_out WHERE sequence >= ?", (sequence,)).fetchall()
    connection.executemany("UPDATE outbox SET batch_id = NULL WHERE batch_id = ?", ((row[0],) for row in rows))
    connection.execute("DELETE FROM sync_out WHERE sequence >= ?", (sequence,))
    return any(int(row[1]) == 0 for row in rows)


def last_outgoing(connection: Connection) -> tuple[int, str] | None:
    row = connection.execute("SELECT sequence, hash FROM sync_out ORDER BY sequence DESC LIMIT 1").fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def add_outgoing(
    connection: Connection, sequence: int, batch_id: str, batch_hash: str, data: bytes, seqs: tuple[int, int]
) -> None:
    """Keep a sealed batch and mark its changes as batched (outbox seqs first..last that were unbatched)."""
    first, last = seqs
    cursor = connection.execute(
        "UPDATE outbox SET batch_id = ? WHERE seq BETWEEN ? AND ? AND batch_id IS NULL", (batch_id, first, last)
    )
    connection.execute(
        "INSERT INTO sync_out (sequence, batch_id, hash, data, change_count, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (sequence, batch_id, batch_hash, data, cursor.rowcount, utc_now()),
    )


def outgoing_batches(connection: Connection, *, only_pending: bool = True) -> list[OutgoingBatch]:
    condition = " WHERE uploaded_at IS NULL" if only_pending else ""
    rows = connection.execute(
        "SELECT sequence, batch_id, hash, data, change_count, uploaded_at FROM sync_out" + condition
        + " ORDER BY sequence"
    ).fetchall()  # fmt: skip
    return [OutgoingBatch(int(r[0]), str(r[1]), str(r[2]), bytes(r[3]), int(r[4]), r[5] is not None) for r in rows]


def mark_uploaded(connection: Connection, batch_id: str, server_cursor: int | None) -> None:
    connection.execute(
        "UPDATE sync_out SET uploaded_at = coalesce(uploaded_at, ?), server_cursor = coalesce(server_cursor, ?)"
        " WHERE batch_id = ?",
        (utc_now(), server_cursor, batch_id),
    )


def waiting_change_count(connection: Connection) -> int:
    """Changes saved here that the server has not yet acknowledged: what "N changes waiting" counts."""
    unbatched = connection.execute("SELECT count(*) FROM outbox WHERE batch_id IS NULL").fetchone()[0]
    sealed = connection.execute(
        "SELECT coalesce(sum(change_count), 0) FROM sync_out WHERE uploaded_at IS NULL"
    ).fetchone()[0]
    return int(unbatched) + int(sealed)


# --- peers ----------------------------------------------------------------------------------------------------------


def peer(connection: Connection, device_id: str) -> Peer | None:
    row = connection.execute(
        "SELECT device_id, user, role, signing_key, recipient_keys, revoked_at, last_sequence, last_hash"
        " FROM sync_peer WHERE device_id = ?",
        (device_id,),
    ).fetchone()
    if row is None:
        return None
    return Peer(str(row[0]), str(row[1]), str(row[2]), str(row[3]), json.loads(row[4]), row[5], int(row[6]), row[7])


def pin_peer(
    connection: Connection,
    device_id: str,
    user: str,
    role: str,
    signing_key: str,
    recipient_keys: list[dict[str, object]],
) -> None:
    connection.execute(
        "INSERT INTO sync_peer (device_id, user, role, signing_key, recipient_keys, pinned_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (device_id) DO NOTHING",
        (device_id, user, role, signing_key, json.dumps(recipient_keys, sort_keys=True), utc_now()),
    )


def mark_revoked(connection: Connection, device_id: str, revoked_at: str) -> None:
    connection.execute(
        "UPDATE sync_peer SET revoked_at = coalesce(revoked_at, ?) WHERE device_id = ?", (revoked_at, device_id)
    )


def advance_peer(connection: Connection, device_id: str, sequence: int, batch_hash: str) -> None:
    connection.execute(
        "UPDATE sync_peer SET last_sequence = ?, last_hash = ? WHERE device_id = ? AND last_sequence < ?",
        (sequence, batch_hash, device_id, sequence),
    )


def peers(connection: Connection) -> list[Peer]:
    rows = connection.execute("SELECT device_id FROM sync_peer ORDER BY device_id").fetchall()
    return [found for (device_id,) in rows if (found := peer(connection, str(device_id))) is not None]


# --- assignments (supervisors: which worker a client's changes go to) -------------------------------------------


def assign(connection: Connection, client_id: str, device_id: str, *, replace: bool) -> None:
    verb = (
        "DO UPDATE SET device_id = excluded.device_id, assigned_at = excluded.assigned_at" if replace else "DO NOTHING"
    )
    connection.execute(
        "INSERT INTO sync_assignment (client_id, device_id, assigned_at) VALUES (?, ?, ?) ON CONFLICT (client_id) "
        + verb,
        (client_id, device_id, utc_now()),
    )


def assign_new_clients(connection: Connection, record_ids: list[str], device_id: str) -> None:
    """A worker's records arrived: their clients are that worker's until a supervisor reassigns them."""
    for start in range(0, len(record_ids), 500):
        chunk = record_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        connection.execute(
            "INSERT OR IGNORE INTO sync_assignment (client_id, device_id, assigned_at) SELECT DISTINCT client_id, ?, ?"
            f" FROM record WHERE id IN ({marks}) AND client_id IS NOT NULL",
            (device_id, utc_now(), *chunk),
        )


def assigned_device(connection: Connection, client_id: str) -> str | None:
    row = connection.execute("SELECT device_id FROM sync_assignment WHERE client_id = ?", (client_id,)).fetchone()
    return None if row is None else str(row[0])


# --- incoming -------------------------------------------------------------------------------------------------------


def held_batch(connection: Connection, batch_hash: str) -> HeldBatch | None:
    row = connection.execute(
        "SELECT batch_id, hash, device_id, sequence, status, reason, received_at, source FROM sync_in WHERE hash = ?",
        (batch_hash,),
    ).fetchone()
    return None if row is None else _held(row)


def applied_batch_hash(connection: Connection, batch_id: str) -> str | None:
    """The hash of the batch applied under this id, if any (de-duplication by batch id)."""
    row = connection.execute(
        "SELECT hash FROM sync_in WHERE batch_id = ? AND status IN ('applied', 'not_addressed')", (batch_id,)
    ).fetchone()
    return None if row is None else str(row[0])


def hold_batch(
    connection: Connection,
    held: HeldBatch,
    data: bytes | None,
    change_count: int = 0,
) -> None:
    """Record a received batch; a batch seen before (by hash) takes its new status. Applied batches drop their
    bytes: the records hold what they said, and a supervisor's store would otherwise double in size."""
    connection.execute(
        "INSERT INTO sync_in (batch_id, hash, device_id, sequence, status, reason, data, change_count, received_at,"
        " source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO UPDATE SET status = excluded.status,"
        " reason = excluded.reason, data = excluded.data, change_count = excluded.change_count",
        (held.batch_id, held.hash, held.device_id, held.sequence, held.status, held.reason, data, change_count,
         held.received_at, held.source),
    )  # fmt: skip


def waiting_batches(connection: Connection, device_id: str) -> list[bytes]:
    rows = connection.execute(
        "SELECT data FROM sync_in WHERE device_id = ? AND status = 'waiting' ORDER BY sequence", (device_id,)
    ).fetchall()
    return [bytes(row[0]) for row in rows]


def waiting_devices(connection: Connection) -> list[str]:
    rows = connection.execute("SELECT DISTINCT device_id FROM sync_in WHERE status = 'waiting' ORDER BY device_id")
    return [str(row[0]) for row in rows]


def waiting_count(connection: Connection) -> int:
    return int(connection.execute("SELECT count(*) FROM sync_in WHERE status = 'waiting'").fetchone()[0])


def set_aside(connection: Connection) -> list[HeldBatch]:
    """Batches kept aside (waiting for a gap, forked, rejected), for the import report."""
    rows = connection.execute(
        "SELECT batch_id, hash, device_id, sequence, status, reason, received_at, source FROM sync_in"
        " WHERE status IN ('waiting', 'fork', 'rejected') ORDER BY seq"
    ).fetchall()
    return [_held(row) for row in rows]


def _held(row: tuple[object, ...]) -> HeldBatch:
    reason = row[5]
    return HeldBatch(
        str(row[0]), str(row[1]), str(row[2]), int(str(row[3])), str(row[4]),
        None if reason is None else str(reason), str(row[6]), str(row[7]),
    )  # fmt: skip


# --- escrow (supervisors hold other stores' data keys, sealed to them in transit, inside this store at rest) --------


def keep_escrow(connection: Connection, device_id: str, data_key_hex: str) -> None:
    connection.execute(
        "INSERT INTO sync_escrow (device_id, data_key, received_at) VALUES (?, ?, ?) ON CONFLICT (device_id)"
        " DO UPDATE SET data_key = excluded.data_key, received_at = excluded.received_at",
        (device_id, data_key_hex, utc_now()),
    )


def escrowed_keys(connection: Connection) -> list[tuple[str, str]]:
    return [(str(r[0]), str(r[1])) for r in connection.execute("SELECT device_id, data_key FROM sync_escrow")]

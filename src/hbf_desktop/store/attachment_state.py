"""The store's side of attachment sync: which attachments go up or come down, and how far each has got.

SQL only; `hbf_desktop.sync.attachments` decides what to seal and send. An attachment's metadata is an ordinary
record that travels in change batches; its bytes (`attachment_chunk` rows) travel on their own, chunk by chunk.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from hbf_desktop.store.attachments import CHUNK_BYTES
from hbf_desktop.store.connection import Connection

SENDING, SENT, RECEIVING, RECEIVED, REFUSED = "sending", "sent", "receiving", "received", "refused"


@dataclass(frozen=True)
class Expected:
    """An attachment whose record arrived but whose bytes have not (all) come yet."""

    attachment_id: str
    chunks_done: int
    chunks_total: int
    last_hash: str | None
    sha256: str


def to_send(connection: Connection) -> list[str]:
    """Attachments made on this laptop whose chunks are not yet all held by the server."""
    rows = connection.execute(
        "SELECT DISTINCT c.record_id FROM attachment_chunk AS c JOIN record AS r ON r.id = c.record_id"
        " WHERE r.deleted_at IS NULL AND c.record_id NOT IN"
        " (SELECT attachment_id FROM sync_attachment WHERE state IN ('sent', 'receiving', 'received', 'refused'))"
        " ORDER BY c.record_id"
    ).fetchall()
    return [str(row[0]) for row in rows]


def chunks(connection: Connection, attachment_id: str) -> list[bytes]:
    rows = connection.execute(
        "SELECT data FROM attachment_chunk WHERE record_id = ? ORDER BY chunk", (attachment_id,)
    ).fetchall()
    return [bytes(row[0]) for row in rows]


def sealed_chunks(connection: Connection, attachment_id: str) -> list[bytes]:
    rows = connection.execute(
        "SELECT data FROM sync_chunk_out WHERE attachment_id = ? ORDER BY chunk", (attachment_id,)
    ).fetchall()
    return [bytes(row[0]) for row in rows]


def keep_sealed(connection: Connection, attachment_id: str, sealed: list[bytes]) -> None:
    connection.executemany(
        "INSERT INTO sync_chunk_out (attachment_id, chunk, data) VALUES (?, ?, ?)",
        ((attachment_id, index, data) for index, data in enumerate(sealed)),
    )
    set_state(connection, attachment_id, SENDING)


def mark_sent(connection: Connection, attachment_id: str) -> None:
    connection.execute("DELETE FROM sync_chunk_out WHERE attachment_id = ?", (attachment_id,))
    set_state(connection, attachment_id, SENT)


def set_state(
    connection: Connection, attachment_id: str, state: str, *, done: int = 0, last_hash: str | None = None,
    reason: str | None = None,
) -> None:  # fmt: skip
    connection.execute(
        "INSERT INTO sync_attachment (attachment_id, state, chunks_done, last_hash, reason) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (attachment_id) DO UPDATE SET state = excluded.state, chunks_done = excluded.chunks_done,"
        " last_hash = excluded.last_hash, reason = excluded.reason",
        (attachment_id, state, done, last_hash, reason),
    )


def to_receive(connection: Connection) -> list[Expected]:
    """Attachment records held here (received by sync) whose bytes are not complete yet."""
    rows = connection.execute(
        "SELECT r.id, r.body, a.chunks_done, a.last_hash FROM record AS r"
        " LEFT JOIN sync_attachment AS a ON a.attachment_id = r.id"
        " WHERE r.entity = 'attachment' AND r.deleted_at IS NULL AND r.erased_at IS NULL"
        " AND r.id IN (SELECT record_id FROM sync_applied)"
        " AND (a.state IS NULL OR a.state = 'receiving') ORDER BY r.rowid"
    ).fetchall()
    expected: list[Expected] = []
    for record_id, body, done, last_hash in rows:
        values = json.loads(body)
        size, digest = values.get("size"), values.get("sha256")
        if not isinstance(size, int) or not isinstance(digest, str):
            continue  # the record's size or checksum has not arrived yet
        total = max(1, math.ceil(size / CHUNK_BYTES)) if size else 0
        expected.append(Expected(str(record_id), int(done or 0), total, last_hash, digest))
    return expected


def add_received_chunk(connection: Connection, attachment_id: str, index: int, data: bytes, chunk_hash: str) -> None:
    connection.execute(
        "INSERT OR REPLACE INTO attachment_chunk (record_id, chunk, data) VALUES (?, ?, ?)",
        (attachment_id, index, data),
    )
    set_state(connection, attachment_id, RECEIVING, done=index + 1, last_hash=chunk_hash)


def chunk_count(connection: Connection, attachment_id: str) -> int:
    row = connection.execute("SELECT count(*) FROM attachment_chunk WHERE record_id = ?", (attachment_id,)).fetchone()
    return int(row[0])


def refuse(connection: Connection, attachment_id: str, reason: str) -> None:
    """Throw away what arrived of an attachment that failed a check, and say why."""
    connection.execute("DELETE FROM attachment_chunk WHERE record_id = ?", (attachment_id,))
    set_state(connection, attachment_id, REFUSED, reason=reason)

"""Attachments (decision letters, consent forms, ID documents) kept inside the encrypted store.

The file's bytes live in `attachment_chunk` rows, so they are encrypted like everything else and never exist as a
separate file on disk; the metadata is an ordinary `attachment` record that syncs. Reading back checks the SHA-256,
so a damaged attachment is reported, never shown half-right. Chunks keep memory flat for large scans and let sync
send them piece by piece.
"""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path

from hbf_desktop.domain.model import JsonValue
from hbf_desktop.store.errors import RecordNotFoundError, StoreDamagedError, StoreError
from hbf_desktop.store.files import write_private_file_atomically
from hbf_desktop.store.records import StoredRecord
from hbf_desktop.store.store import Store

CHUNK_BYTES = 256 * 1024
MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024


class AttachmentTooLargeError(StoreError):
    pass


def add_attachment(
    store: Store,
    case_id: str,
    content: bytes,
    *,
    file_name: str,
    kind: str,
    media_type: str | None = None,
) -> StoredRecord:
    """Store `content` and its metadata record in one transaction."""
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise AttachmentTooLargeError(
            f"{file_name} is {len(content) // (1024 * 1024)} MiB; attachments can be at most "
            f"{MAX_ATTACHMENT_BYTES // (1024 * 1024)} MiB. Nothing was saved."
        )
    guessed = media_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
    values: dict[str, JsonValue] = {
        "case_id": case_id,
        "attachment_kind": kind,
        "file_name": file_name,
        "media_type": guessed,
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
    }
    with store.records.writing() as writer:
        record = writer.save("attachment", values)
        writer.connection.executemany(
            "INSERT INTO attachment_chunk (record_id, chunk, data) VALUES (?, ?, ?)",
            (
                (record.id, index, content[offset : offset + CHUNK_BYTES])
                for index, offset in enumerate(range(0, len(content), CHUNK_BYTES))
            ),
        )
    return record


def read_attachment(store: Store, record_id: str) -> bytes:
    """The attachment's bytes, in memory only, after checking them against the recorded SHA-256."""
    record = store.records.get(record_id)
    if record is None or record.entity != "attachment":
        raise RecordNotFoundError("That attachment no longer exists.")
    rows = store.connection.execute(
        "SELECT data FROM attachment_chunk WHERE record_id = ? ORDER BY chunk", (record_id,)
    ).fetchall()
    content = b"".join(bytes(row[0]) for row in rows)
    if hashlib.sha256(content).hexdigest() != record.values.get("sha256"):
        raise StoreDamagedError(
            "This attachment is incomplete or damaged (its checksum does not match). It may still be arriving by sync."
        )
    store.audit_event("view", entity="attachment", record_id=record_id)
    return content


def export_attachment(store: Store, record_id: str, destination: Path) -> None:
    """Write the attachment where the person chose, on purpose; audited as an export."""
    content = read_attachment(store, record_id)
    write_private_file_atomically(destination, content)
    store.audit_event("export", entity="attachment", record_id=record_id, reason="attachment")

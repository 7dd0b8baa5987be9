"""Batches, acknowledgements, the directory and attachment chunks on SQL (the other half of `SqlStorage`).

An upload is one transaction: lock the device's row (its chain position), look for the same batch id, classify the
new batch on the chain with `protocol.classify`, insert the bytes, the recipient key ids and the new position.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, delete, exists, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from hbf_desktop.server.records import (
    Attachment,
    BatchConflictError,
    ChainForkError,
    CursorOutOfRangeError,
    DirectoryConflictError,
    HeldBatch,
    IncomingBatch,
    SequenceGapError,
    ServerStats,
    StoredBatch,
)
from hbf_desktop.server.schema import (
    attachment_chunks,
    attachment_recipients,
    batch_recipients,
    batches,
    devices,
    directory_versions,
    recipient_keys,
)
from hbf_desktop.sync.protocol import ChainPosition, ChainStatus, classify

_STORED_COLUMNS = (
    batches.c.cursor,
    batches.c.batch_id,
    batches.c.device_id,
    batches.c.sequence,
    batches.c.size,
    batches.c.received_at,
)


class SqlBatches:
    """The other half of `SqlStorage`, which sets the engines."""

    _write: Engine
    _read: Engine

    def store_batch(self, batch: IncomingBatch, now: int) -> tuple[StoredBatch, bool]:
        """(the stored batch, True if stored now; False if these very bytes were stored before)."""
        metadata = batch.metadata
        try:
            with self._write.begin() as connection:
                position = _lock_position(connection, metadata.device_id)
                existing = connection.execute(
                    select(*_STORED_COLUMNS, batches.c.batch_hash).where(batches.c.batch_id == str(metadata.batch_id))
                ).first()
                if existing is not None:
                    if existing.batch_hash != batch.batch_hash:
                        raise BatchConflictError(f"Batch {metadata.batch_id} is already held with other bytes.")
                    return StoredBatch(*existing[:6]), False
                _check_chain(position, batch)
                return _insert_batch(connection, batch, now), True
        except IntegrityError:  # another device raced us to this batch id
            raise BatchConflictError(f"Batch {metadata.batch_id} is already held with other bytes.") from None

    def list_batches(self, key_ids: tuple[str, ...], after: int, limit: int) -> list[StoredBatch]:
        for_caller = select(batch_recipients.c.cursor).where(batch_recipients.c.key_id.in_(key_ids))
        query = (
            select(*_STORED_COLUMNS)
            .where(batches.c.cursor > after, batches.c.cursor.in_(for_caller))
            .order_by(batches.c.cursor)
            .limit(limit)
        )
        with self._read.connect() as connection:
            return [StoredBatch(*row) for row in connection.execute(query)]

    def held_batch(self, batch_id: str) -> HeldBatch | None:
        with self._read.connect() as connection:
            row = connection.execute(
                select(batches.c.cursor, batches.c.device_id, batches.c.data).where(batches.c.batch_id == batch_id)
            ).first()
            if row is None:
                return None
            key_ids = connection.execute(
                select(batch_recipients.c.key_id).where(batch_recipients.c.cursor == row.cursor)
            ).scalars()
            return HeldBatch(row.device_id, tuple(key_ids), bytes(row.data))

    def acknowledge(self, device_id: str, cursor: int) -> int:
        """Move the device's acknowledged cursor forward (never back); refuse a cursor no batch has had yet."""
        with self._write.begin() as connection:
            last = connection.execute(select(func.coalesce(func.max(batches.c.cursor), 0))).scalar_one()
            if cursor > last:
                raise CursorOutOfRangeError(f"Cursor {cursor} is beyond the last batch this server has ({last}).")
            connection.execute(
                update(devices)
                .where(devices.c.device_id == device_id, devices.c.acked_cursor < cursor)
                .values(acked_cursor=cursor)
            )
            acknowledged: int = connection.execute(
                select(devices.c.acked_cursor).where(devices.c.device_id == device_id)
            ).scalar_one()
            return acknowledged

    def latest_directory(self) -> bytes | None:
        with self._read.connect() as connection:
            document = connection.execute(
                select(directory_versions.c.document).order_by(directory_versions.c.version.desc()).limit(1)
            ).scalar()
        return None if document is None else bytes(document)

    def add_directory(self, version: int, document: bytes, now: int) -> bool:
        """Keep a new version (True), accept the held one again (False), refuse anything older or different."""
        with self._write.begin() as connection:
            newest = connection.execute(
                select(directory_versions.c.version, directory_versions.c.document)
                .order_by(directory_versions.c.version.desc())
                .limit(1)
            ).first()
            if newest is not None and version == newest.version and bytes(newest.document) == document:
                return False
            if newest is not None and version <= newest.version:
                raise DirectoryConflictError(
                    f"Directory version {version} is not newer than version {newest.version} held: refused."
                )
            connection.execute(insert(directory_versions).values(version=version, document=document, received_at=now))
        return True

    def store_chunk(self, attachment_id: str, index: int, batch: IncomingBatch, now: int) -> bool:
        """Chunk `index` of an attachment: chained like batches (`sequence` = index + 1), one sender per attachment."""
        with self._write.begin() as connection:
            held = _chunk_hashes(connection, attachment_id)
            owner = connection.execute(
                select(attachment_chunks.c.device_id).where(attachment_chunks.c.attachment_id == attachment_id)
            ).first()
            if owner is not None and owner.device_id != batch.metadata.device_id:
                raise BatchConflictError(f"Attachment {attachment_id} belongs to another device.")
            if index < len(held):
                if held[index] != batch.batch_hash:
                    raise BatchConflictError(f"Chunk {index} of attachment {attachment_id} is held with other bytes.")
                return False
            last = ChainPosition(len(held), held[-1]) if held else None
            _check_chain(last, batch)
            _insert_chunk(connection, attachment_id, index, batch, now)
        return True

    def attachment(self, attachment_id: str) -> Attachment | None:
        with self._read.connect() as connection:
            row = connection.execute(
                select(attachment_chunks.c.device_id, func.count())
                .where(attachment_chunks.c.attachment_id == attachment_id)
                .group_by(attachment_chunks.c.device_id)
            ).first()
            if row is None:
                return None
            key_ids = connection.execute(
                select(attachment_recipients.c.key_id).where(attachment_recipients.c.attachment_id == attachment_id)
            ).scalars()
            return Attachment(row[0], tuple(key_ids), int(row[1]))

    def chunk_data(self, attachment_id: str, index: int) -> bytes | None:
        with self._read.connect() as connection:
            data = connection.execute(
                select(attachment_chunks.c.data).where(
                    attachment_chunks.c.attachment_id == attachment_id, attachment_chunks.c.chunk_index == index
                )
            ).scalar()
        return None if data is None else bytes(data)

    def purge(self, received_before: int, now: int) -> int:
        """Delete batches older than the cut-off that every recipient has acknowledged.

        A recipient key with no enrolled device (a supervisor not yet enrolled) keeps the batch: deleting it would lose
        data for that supervisor. Revoked devices do not hold batches back.
        """
        settled = (  # a holder of this key has acknowledged the batch, or was revoked
            select(recipient_keys.c.key_id)
            .join(devices, devices.c.device_id == recipient_keys.c.device_id)
            .where(recipient_keys.c.key_id == batch_recipients.c.key_id)
            .where(or_(devices.c.acked_cursor >= batches.c.cursor, devices.c.revoked_at.is_not(None)))
            .correlate(batch_recipients, batches)
        )
        waiting = (
            select(batch_recipients.c.key_id)
            .where(batch_recipients.c.cursor == batches.c.cursor, ~exists(settled))
            .correlate(batches)
        )
        with self._write.begin() as connection:
            doomed = connection.execute(
                select(batches.c.cursor).where(batches.c.received_at < received_before, ~exists(waiting))
            ).scalars()
            cursors = list(doomed)
            for start in range(0, len(cursors), 500):
                part = cursors[start : start + 500]
                connection.execute(delete(batch_recipients).where(batch_recipients.c.cursor.in_(part)))
                connection.execute(delete(batches).where(batches.c.cursor.in_(part)))
        return len(cursors)

    def stats(self) -> ServerStats:
        with self._read.connect() as connection:
            device_count, revoked = connection.execute(
                select(func.count(), func.count(devices.c.revoked_at)).select_from(devices)
            ).one()
            batch_count, batch_bytes, last_cursor = connection.execute(
                select(
                    func.count(),
                    func.coalesce(func.sum(batches.c.size), 0),
                    func.coalesce(func.max(batches.c.cursor), 0),
                )
            ).one()
            chunk_count, chunk_bytes = connection.execute(
                select(func.count(), func.coalesce(func.sum(attachment_chunks.c.size), 0))
            ).one()
            version = connection.execute(select(func.max(directory_versions.c.version))).scalar()
        return ServerStats(
            int(device_count),
            int(revoked),
            int(batch_count),
            int(batch_bytes),
            int(chunk_count),
            int(chunk_bytes),
            None if version is None else int(version),
            int(last_cursor),
        )


def _lock_position(connection: Connection, device_id: str) -> ChainPosition | None:
    row = connection.execute(
        select(devices.c.last_sequence, devices.c.last_batch_hash)
        .where(devices.c.device_id == device_id)
        .with_for_update()
    ).one()
    return ChainPosition(row.last_sequence, row.last_batch_hash) if row.last_sequence else None


def _check_chain(position: ChainPosition | None, batch: IncomingBatch) -> None:
    status = classify(position, batch.metadata, batch.batch_hash)
    expected = 1 if position is None else position.sequence + 1
    if status is ChainStatus.GAP:
        raise SequenceGapError(
            f"Batch sequence {batch.metadata.sequence} leaves a gap: the server expects {expected} next.", expected
        )
    if status is not ChainStatus.OK:
        raise ChainForkError(
            f"Batch sequence {batch.metadata.sequence} does not continue this device's chain at {expected}: "
            "another batch already holds that place, or it does not link to the last one.",
            expected,
        )


def _insert_batch(connection: Connection, batch: IncomingBatch, now: int) -> StoredBatch:
    metadata = batch.metadata
    cursor = connection.execute(
        insert(batches)
        .returning(batches.c.cursor)
        .values(
            batch_id=str(metadata.batch_id),
            device_id=metadata.device_id,
            sequence=metadata.sequence,
            batch_hash=batch.batch_hash,
            size=len(batch.data),
            padded_size=metadata.padded_size,
            created_at=metadata.created_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            directory_version=metadata.directory_version,
            received_at=now,
            data=batch.data,
        )
    ).scalar_one()
    connection.execute(
        insert(batch_recipients), [{"key_id": key_id, "cursor": cursor} for key_id in metadata.recipient_key_ids]
    )
    connection.execute(
        update(devices)
        .where(devices.c.device_id == metadata.device_id)
        .values(last_sequence=metadata.sequence, last_batch_hash=batch.batch_hash, last_seen_at=now)
    )
    return StoredBatch(cursor, str(metadata.batch_id), metadata.device_id, metadata.sequence, len(batch.data), now)


def _chunk_hashes(connection: Connection, attachment_id: str) -> list[str]:
    return list(
        connection.execute(
            select(attachment_chunks.c.batch_hash)
            .where(attachment_chunks.c.attachment_id == attachment_id)
            .order_by(attachment_chunks.c.chunk_index)
        ).scalars()
    )


def _insert_chunk(connection: Connection, attachment_id: str, index: int, batch: IncomingBatch, now: int) -> None:
    connection.execute(
        insert(attachment_chunks).values(
            attachment_id=attachment_id,
            chunk_index=index,
            device_id=batch.metadata.device_id,
            batch_hash=batch.batch_hash,
            size=len(batch.data),
            received_at=now,
            data=batch.data,
        )
    )
    if index == 0:
        connection.execute(
            insert(attachment_recipients),
            [{"attachment_id": attachment_id, "key_id": key_id} for key_id in batch.metadata.recipient_key_ids],
        )

"""Encrypted backups: one file holding the key file and a page-exact copy of the encrypted database.

SQLite's online backup API does not work on SQLCipher files, so we fold the WAL in (checkpoint TRUNCATE) and copy the
file's ciphertext. Nothing is decrypted on the way, so no clear text ever touches the disk. The backup opens with the
passphrase (or recovery key) that was current when it was made.

The copy is taken under a read transaction begun while the WAL is empty, not under the write lock. Such a reader
holds SQLite's WAL read lock 0 ("reading the database file only"), and no checkpoint can write to the database file
while that lock is held; commits go on landing in the WAL. So the file is frozen for exactly as long as the copy
takes, and saves never wait for a backup (docs/store.md, "Backups", has the measurements that ruled out the write
lock). The copy is streamed in chunks: memory use does not grow with the store, progress is reported per chunk, and
a cancel or failure removes the partial file.

Container: b"HBFBACKUP1\\n", the key file's length (8 bytes, big-endian), the key file, then the database bytes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from hbf_desktop.store.connection import check_cipher_integrity, open_connection
from hbf_desktop.store.errors import OperationCancelledError, StoreDamagedError, StoreError, StoreExistsError
from hbf_desktop.store.files import (
    ensure_private_directory,
    private_file_atomically,
    sync_directory,
    write_private_file_atomically,
)
from hbf_desktop.store.keyfile import MAX_KEY_FILE_BYTES, read_key_file
from hbf_desktop.store.paths import StorePaths
from hbf_desktop.store.rekey_finish import finish_interrupted_rekey
from hbf_desktop.store.store import Store

MAGIC = b"HBFBACKUP1\n"
CHUNK_BYTES = 1024 * 1024
_HEADER_BYTES = len(MAGIC) + 8
# Every SQLite page size is a multiple of 512: a database part that is not was cut short (or padded).
_PAGE_MULTIPLE = 512
_COPY_ATTEMPTS = 20
# Synced as it goes: one fsync of the whole file at the end stalled saves' own fsyncs behind it (0.3 s against 0.07 s
# for the slowest save during a 206 MB backup, benchmarks/backup.py), and the copy got no faster for it.
_SYNC_EVERY_BYTES = 32 * CHUNK_BYTES
_sync_data = getattr(os, "fdatasync", os.fsync)  # fdatasync is not on macOS or Windows

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class BackupDamagedError(StoreError):
    pass


@dataclass(frozen=True)
class BackupContents:
    """Where the parts of a checked backup file are; the database part is left on disk to be streamed."""

    key_file: bytes
    database_offset: int
    database_bytes: int


def write_backup(
    store: Store, destination: Path, *, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> int:
    """Write the backup; returns its size in bytes.

    `progress(bytes_done, bytes_total)` is called once per chunk; `cancelled()` is checked before each chunk and, when
    it answers True, the partial file is removed and OperationCancelledError raised. The store is left as it was.
    """
    frozen = _frozen_database(store, cancelled)
    with private_file_atomically(destination) as out, frozen as (key_file_bytes, database, size):
        header = MAGIC + struct.pack(">Q", len(key_file_bytes)) + key_file_bytes
        out.write(header)
        _copy(database, out, size, progress, cancelled, already=len(header), message=_BACKUP_CANCELLED)
    store.checkpoint_if_large()  # saves made during a long copy piled up in the WAL: fold them now
    store.audit_event("export", reason="backup")
    return len(header) + size


_BACKUP_CANCELLED = "Backup cancelled: no file was written."
_RESTORE_CANCELLED = "Restore cancelled: nothing was changed."


@contextlib.contextmanager
def _frozen_database(store: Store, cancelled: Cancelled | None) -> Iterator[tuple[bytes, BinaryIO, int]]:
    """(key file bytes, the open database file, its size), with no checkpoint able to change the file meanwhile.

    The checkpoint waits (up to the busy timeout) for readers still using the WAL; a cancel meanwhile is honoured."""
    wal = store.paths.sidecars()[0]
    for _ in range(_COPY_ATTEMPTS):
        if cancelled is not None and cancelled():
            raise OperationCancelledError(_BACKUP_CANCELLED)
        store.checkpoint(truncate=True)
        store.connection.execute("BEGIN")
        try:
            store.connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()  # the snapshot starts here
            # Empty now means empty when the snapshot started (a non-empty WAL cannot be truncated under a reader),
            # so this reader holds read lock 0 and checkpoints must wait for it. Otherwise a save slipped in: again.
            if wal.exists() and wal.stat().st_size > 0:
                continue
            key_file_bytes = store.paths.key_file.read_bytes()
            with open(store.paths.database, "rb") as database:
                yield key_file_bytes, database, os.fstat(database.fileno()).st_size
            if store.paths.key_file.read_bytes() != key_file_bytes:
                raise StoreError("The store's keys changed during the backup; nothing was written. Try again.")
            return
        finally:
            store.connection.execute("ROLLBACK")
    raise StoreError("The store was too busy to back up; try again in a moment.")


def _copy(
    source: BinaryIO,
    out: BinaryIO,
    size: int,
    progress: Progress | None,
    cancelled: Cancelled | None,
    *,
    already: int = 0,
    message: str,
) -> None:
    """Copy exactly `size` bytes in chunks; a source that ends early is a damaged one."""
    total = already + size
    copied = 0
    while copied < size:
        if cancelled is not None and cancelled():
            raise OperationCancelledError(message)
        chunk = source.read(min(CHUNK_BYTES, size - copied))
        if not chunk:
            raise BackupDamagedError("The file ended sooner than it said it would; nothing was written.")
        out.write(chunk)
        copied += len(chunk)
        if copied % _SYNC_EVERY_BYTES == 0:
            out.flush()
            _sync_data(out.fileno())
        if progress is not None:
            progress(already + copied, total)


def read_backup(source: Path) -> BackupContents:
    """The key file and where the database is, or BackupDamagedError. Reads only the header, not the database."""
    damaged = BackupDamagedError(f"{source.name} is not an HBF Desktop backup, or it is damaged.")
    with open(source, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        head = stream.read(_HEADER_BYTES)
        if not head.startswith(MAGIC) or len(head) < _HEADER_BYTES:
            raise damaged
        (length,) = struct.unpack(">Q", head[len(MAGIC) :])
        if length > MAX_KEY_FILE_BYTES or _HEADER_BYTES + length >= size:
            raise damaged
        key_file = stream.read(length)
    database_bytes = size - _HEADER_BYTES - length
    if len(key_file) != length or database_bytes % _PAGE_MULTIPLE:
        raise damaged
    return BackupContents(key_file, _HEADER_BYTES + length, database_bytes)


def restore_backup(
    source: Path,
    data_dir: Path,
    passphrase: str,
    *,
    replace: bool,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path | None:
    """Check the backup completely, then put it in place. An existing store is never deleted: it is moved
    aside (still encrypted) into a `replaced-<time>` folder, whose path is returned.

    The database is streamed into a staging folder (progress per chunk, in bytes); a cancel before the swap changes
    nothing."""
    contents = read_backup(source)
    paths = StorePaths(data_dir)
    finish_interrupted_rekey(paths)  # what is moved aside must be a whole store under one key
    if paths.exists() and not replace:
        raise StoreExistsError(
            f"A store already exists in {data_dir}. Nothing was changed. Use --replace to put the "
            "backup in its place (the current store is kept aside, not deleted)."
        )
    ensure_private_directory(data_dir)
    staging = StorePaths(data_dir / f".restore-{_timestamp()}")
    ensure_private_directory(staging.data_dir)
    try:
        write_private_file_atomically(staging.key_file, contents.key_file)
        with open(source, "rb") as stream, private_file_atomically(staging.database) as out:
            stream.seek(contents.database_offset)
            _copy(stream, out, contents.database_bytes, progress, cancelled, message=_RESTORE_CANCELLED)
        _check_staged(staging, passphrase)
        if cancelled is not None and cancelled():
            raise OperationCancelledError(_RESTORE_CANCELLED)
        aside = _move_current_aside(paths) if paths.exists() else None
        for staged, final in (
            (staging.database, paths.database),
            (staging.key_file, paths.key_file),
        ):
            staged.replace(final)
        sync_directory(data_dir)
    finally:
        shutil.rmtree(staging.data_dir, ignore_errors=True)
    return aside


def _check_staged(staging: StorePaths, passphrase: str) -> None:
    try:
        key_file = read_key_file(staging.key_file)
    except StoreError as error:
        raise BackupDamagedError(f"The backup's key file is damaged: {error}") from None
    data_key = key_file.unwrap_with_passphrase(passphrase)
    connection = open_connection(staging.database, data_key, check_integrity=True)
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
        if rows != [("ok",)]:
            raise StoreDamagedError("The backup's database is damaged; nothing was restored.")
        check_cipher_integrity(connection, staging.database)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    for sidecar in staging.sidecars():
        sidecar.unlink(missing_ok=True)


def _move_current_aside(paths: StorePaths) -> Path:
    aside = paths.data_dir / f"replaced-{_timestamp()}"
    aside.mkdir(mode=0o700)
    for path in (paths.database, *paths.sidecars(), paths.key_file):
        if path.exists():
            path.replace(aside / path.name)
    sync_directory(paths.data_dir)
    return aside


def _timestamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")

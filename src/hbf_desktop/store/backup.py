"""Encrypted backups: one file holding the key file and a page-exact copy of the encrypted database.

SQLite's online backup API does not work on SQLCipher files, so we fold the WAL in (checkpoint TRUNCATE), hold the
write lock so no commit can slip in, and copy the file's ciphertext. Nothing is decrypted on the way, so no clear
text ever touches the disk. The backup opens with the passphrase (or recovery key) that was current when it was made.

Container: b"HBFBACKUP1\\n", the key file's length (8 bytes, big-endian), the key file, then the database bytes.
"""

from __future__ import annotations

import shutil
import struct
from datetime import UTC, datetime
from pathlib import Path

from hbf_desktop.store.connection import check_cipher_integrity, open_connection
from hbf_desktop.store.errors import StoreDamagedError, StoreError, StoreExistsError
from hbf_desktop.store.files import (
    ensure_private_directory,
    sync_directory,
    write_private_file_atomically,
)
from hbf_desktop.store.keyfile import MAX_KEY_FILE_BYTES, read_key_file
from hbf_desktop.store.paths import StorePaths
from hbf_desktop.store.rekey_finish import finish_interrupted_rekey
from hbf_desktop.store.store import Store

MAGIC = b"HBFBACKUP1\n"
_COPY_ATTEMPTS = 20


class BackupDamagedError(StoreError):
    pass


def write_backup(store: Store, destination: Path) -> int:
    """Write the backup; returns its size in bytes."""
    key_file_bytes = store.paths.key_file.read_bytes()
    database = _copy_quiescent_database(store)
    header = MAGIC + struct.pack(">Q", len(key_file_bytes)) + key_file_bytes
    write_private_file_atomically(destination, header + database)
    store.audit_event("export", reason="backup")
    return len(header) + len(database)


def _copy_quiescent_database(store: Store) -> bytes:
    wal = store.paths.sidecars()[0]
    for _ in range(_COPY_ATTEMPTS):
        store.checkpoint(truncate=True)
        store.connection.execute("BEGIN IMMEDIATE")
        try:
            if not wal.exists() or wal.stat().st_size == 0:
                return store.paths.database.read_bytes()
        finally:
            store.connection.execute("ROLLBACK")
    raise StoreError("The store was too busy to back up; try again in a moment.")


def read_backup(source: Path) -> tuple[bytes, bytes]:
    """(key file bytes, database bytes), or BackupDamagedError."""
    data = source.read_bytes()
    damaged = BackupDamagedError(f"{source.name} is not an HBF Desktop backup, or it is damaged.")
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 8:
        raise damaged
    (length,) = struct.unpack(">Q", data[len(MAGIC) : len(MAGIC) + 8])
    start = len(MAGIC) + 8
    if length > MAX_KEY_FILE_BYTES or start + length >= len(data):
        raise damaged
    return data[start : start + length], data[start + length :]


def restore_backup(source: Path, data_dir: Path, passphrase: str, *, replace: bool) -> Path | None:
    """Check the backup completely, then put it in place. An existing store is never deleted: it is moved
    aside (still encrypted) into a `replaced-<time>` folder, whose path is returned."""
    key_file_bytes, database = read_backup(source)
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
        write_private_file_atomically(staging.key_file, key_file_bytes)
        write_private_file_atomically(staging.database, database)
        _check_staged(staging, passphrase)
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

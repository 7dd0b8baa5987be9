"""A full re-key: every page of the database re-encrypted under a fresh random data key, crash-safe.

Changing the passphrase only re-wraps the data key (keyfile.py). A re-key is for when the data key itself may have
leaked (a copy of the key file and its passphrase, an escrow held by someone who left): after it, neither the old key
nor the old recovery key opens this store. Old backups carry their own key file, so they keep opening with the
passphrase and recovery key that were current when they were made.

Protocol (docs/store.md, "Full re-key"). The work happens on a closed store: no other connection of ours may be open,
because after the swap it would go on writing into the old, unlinked file. One connection takes the database for
itself (locking_mode EXCLUSIVE), checkpoints the WAL away and copies everything with `sqlcipher_export` into
`.rekey/hbf-store.db` under the new key, which is then checked (page HMACs, integrity, user_version, rows per table)
and given an audit entry. `.rekey/hbf-store.key` wraps the new key with the same passphrase and KDF parameters and a
new recovery key. Both are fsynced, then the commit point: `.rekey/committed`, written atomically. Before it, a crash
or a cancel leaves the old store as it was (the next opening discards `.rekey/`); after it, every path that opens the
store rolls the swap forward first (`finish_interrupted_rekey`), so at no instant is there a store that neither key
opens. The roll-forward deletes the old WAL and shared-memory files first: an old-key WAL beside the new database
would be replayed into it and destroy it.

The new recovery key exists only in memory until the caller shows it. If the process dies after the commit point,
nobody saw it: the roll-forward then leaves a `recovery-key-not-shown` notice (no secret in it), and the CLI and the
window ask the caseworker to make a new recovery key (`hbf-desktop new-recovery-key`), which removes the notice.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path

from hbf_desktop.store.connection import Connection, DatabaseError, open_exclusive
from hbf_desktop.store.errors import OperationCancelledError, StoreDamagedError
from hbf_desktop.store.files import (
    ensure_private_directory,
    sync_directory,
    sync_file,
    write_private_file_atomically,
)
from hbf_desktop.store.keyfile import KeyFile, create_key_file, read_key_file, write_key_file
from hbf_desktop.store.paths import StorePaths
from hbf_desktop.store.recovery import format_recovery_key, new_recovery_key
from hbf_desktop.store.rekey_finish import (
    COMMITTED,
    STAGING,
    discard,
    finish_while_holding,
    holding_rekey_lock,
    pause,
    roll_forward,
)
from hbf_desktop.store.store import Store
from hbf_desktop.store.unlocking import NO_ERASE_POLICY, UnlockPolicy, unlock_with_passphrase

_PROGRESS_EVERY_OPS = 100
_PROGRESS_EVERY_SECONDS = 0.1

Progress = Callable[[int, int], None]


def rekey_store(
    data_dir: Path,
    passphrase: str,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    before_commit: Callable[[Connection], None] | None = None,
    policy: UnlockPolicy = NO_ERASE_POLICY,
) -> str:
    """Re-encrypt the closed store in `data_dir` under a new data key; returns the new recovery key, to show once.

    A wrong passphrase (counted by the unlock delay), a store in use elsewhere, a cancel or any failure before the
    commit point leaves the store exactly as it was. `before_commit` gets a connection to the new database (the
    escrow forgets it was sealed, so the next sync round seals the new key)."""
    paths = StorePaths(data_dir)
    if not paths.exists():
        unlock_with_passphrase(paths, passphrase, policy)  # says there is no store here, and what to do
    with holding_rekey_lock(paths):
        return _rekey_holding_lock(paths, passphrase, progress, cancelled, before_commit, policy)


def _rekey_holding_lock(
    paths: StorePaths,
    passphrase: str,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
    before_commit: Callable[[Connection], None] | None,
    policy: UnlockPolicy,
) -> str:
    finish_while_holding(paths)
    old_key = unlock_with_passphrase(paths, passphrase, policy)
    old_key_file = read_key_file(paths.key_file)
    staging = StorePaths(paths.data_dir / STAGING)
    new_key = bytearray(secrets.token_bytes(32))
    recovery_key = new_recovery_key()
    try:
        old = open_exclusive(paths.database, old_key)  # StoreInUseError if any other connection is open
    except BaseException:
        _wipe(old_key)
        raise
    committed = False
    try:
        ensure_private_directory(staging.data_dir)
        sync_directory(paths.data_dir)
        counts = _copy(old, staging.database, new_key, paths.database.stat().st_size, progress, cancelled)
        pause("copied")
        _finish_new_database(staging, new_key, counts, before_commit)
        write_key_file(staging.key_file, _new_key_file(old_key_file, new_key, passphrase, recovery_key))
        sync_file(staging.database)
        sync_directory(staging.data_dir)
        if cancelled is not None and cancelled():
            raise OperationCancelledError("The re-key was cancelled; the store is unchanged.")
        pause("staged")
        write_private_file_atomically(staging.data_dir / COMMITTED, b"hbf-desktop rekey committed\n")
        committed = True
        pause("committed")
        # From here the old file's content no longer matters. Leaving WAL mode deletes its WAL now, while the name
        # still belongs to it; in rollback mode closing this connection later touches no file by name.
        old.execute("PRAGMA journal_mode = DELETE")
        old_file = os.open(paths.database, os.O_RDWR)
        try:
            roll_forward(paths, staging)
            # A program that opened the old file during the re-key and waited for our lock would otherwise save
            # into a file nobody will read again: an empty file makes it fail loudly instead.
            os.ftruncate(old_file, 0)
            old.close()
        finally:
            os.close(old_file)  # only after SQLite let go: closing any descriptor drops the process's locks
    except BaseException:
        with contextlib.suppress(Exception):
            old.close()
        if not committed:
            discard(paths, staging.data_dir)
        raise
    finally:
        _wipe(old_key)
        _wipe(new_key)
    return format_recovery_key(recovery_key)


def _copy(
    old: Connection,
    destination: Path,
    new_key: bytearray,
    total: int,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
) -> dict[str, int]:
    """Copy every table, index and the user_version into `destination` under `new_key`; returns the rows per
    table, for the check of the copy. (That check needs a fresh connection: this one does not see the virtual
    tables sqlcipher_export made.)"""
    old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    last_report = [0.0]

    def handler() -> int:
        if cancelled is not None and cancelled():
            return 1  # SQLite stops the statement with "interrupted"
        now = time.monotonic()
        if progress is not None and now - last_report[0] >= _PROGRESS_EVERY_SECONDS:
            last_report[0] = now
            with contextlib.suppress(OSError):
                progress(min(destination.stat().st_size, total), total)
        return 0

    old.execute(f"ATTACH DATABASE ? AS rekeyed KEY \"x'{bytes(new_key).hex()}'\"", (str(destination),))
    try:
        old.set_progress_handler(handler, _PROGRESS_EVERY_OPS)
        try:
            old.execute("SELECT sqlcipher_export('rekeyed')").fetchall()
        except DatabaseError as error:
            if cancelled is not None and cancelled():
                raise OperationCancelledError("The re-key was cancelled; the store is unchanged.") from None
            raise StoreDamagedError(f"The store could not be copied ({error}); nothing was changed.") from None
        finally:
            old.set_progress_handler(None, 0)
        version = int(old.execute("PRAGMA main.user_version").fetchone()[0])
        old.execute(f"PRAGMA rekeyed.user_version = {version}")  # sqlcipher_export does not carry it
        if progress is not None:
            progress(total, total)
    finally:
        old.execute("DETACH DATABASE rekeyed")
    return row_counts(old)


def row_counts(connection: Connection) -> dict[str, int]:
    tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")]
    counts: dict[str, int] = {}
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        counts[table] = int(connection.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0])
    return counts


def _finish_new_database(
    staging: StorePaths,
    new_key: bytearray,
    counts: dict[str, int],
    before_commit: Callable[[Connection], None] | None,
) -> None:
    """Open the copy as a store with the new key (every page's HMAC and SQLite's integrity check), record the
    re-key in its audit chain, let the caller add its part, and close it cleanly (no WAL left)."""
    with Store.open_with_key(staging.data_dir, bytearray(new_key)) as new:
        if new.connection.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            raise StoreDamagedError("The re-keyed copy failed its integrity check; nothing was changed.")
        if row_counts(new.connection) != counts:
            raise StoreDamagedError("The re-keyed copy does not hold every row; nothing was changed.")
        new.audit_event("update", reason="rekeyed")
        if before_commit is not None:
            before_commit(new.connection)
    wal, shared_memory = staging.sidecars()
    if wal.exists() and wal.stat().st_size:
        raise StoreDamagedError("The re-keyed copy was not closed cleanly; nothing was changed.")
    wal.unlink(missing_ok=True)
    shared_memory.unlink(missing_ok=True)


def _new_key_file(old: KeyFile, new_key: bytearray, passphrase: str, recovery_key: bytes) -> KeyFile:
    """Same passphrase and Argon2id parameters (the caseworker notices nothing), a new key id and recovery key."""
    return create_key_file(bytes(new_key), passphrase, recovery_key, old.kdf)


def _wipe(key: bytearray) -> None:
    for index in range(len(key)):
        key[index] = 0

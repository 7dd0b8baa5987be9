"""Opening the SQLCipher database with the settings of SYNC-AND-KEYS.md, and refusing anything less.

Every connection (one per thread) goes through `open_connection`. The checks here are what stand between a caseworker's
records and clear text on disk: the key is the first statement, the library must really be SQLCipher, the file must
not be a plain SQLite file, and every page's HMAC must verify before we trust the file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import sqlcipher3

from hbf_desktop.store.errors import NotEncryptedError, StoreDamagedError, StoreInUseError, WrongPassphraseError

Connection = Any  # sqlcipher3.Connection: the module ships no type information
# A page whose HMAC fails when read raises this; the edges (CLI, GUI) show it as a damaged store.
DatabaseError: type[Exception] = sqlcipher3.DatabaseError

_PLAIN_SQLITE_HEADER = b"SQLite format 3\0"
_HEX_KEY = re.compile(r"^[0-9a-f]{64}$")
# Decrypted pages live only in SQLite's page cache; the OS caches ciphertext (PERFORMANCE-NOTES.md). 64 MiB keeps
# 100,000 clients' hot pages decrypted while leaving the GUI's memory target (300 MB) in reach.
CACHE_SIZE_KIB = 64 * 1024
BUSY_TIMEOUT_MS = 10_000


def open_connection(path: Path, data_key: bytes | bytearray, *, check_integrity: bool) -> Connection:
    """Open (or create) the encrypted database at `path` with the raw 256-bit data key."""
    if path.exists() and path.stat().st_size >= 16:
        with open(path, "rb") as stream:
            if stream.read(16) == _PLAIN_SQLITE_HEADER:
                raise NotEncryptedError(
                    f"{path.name} is a plain, unencrypted SQLite file; HBF Desktop will not use it."
                )
    hex_key = bytes(data_key).hex()
    if not _HEX_KEY.match(hex_key):
        raise ValueError("the data key must be exactly 32 bytes")
    connection = sqlcipher3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=True
    )
    try:
        connection.execute(f"PRAGMA key = \"x'{hex_key}'\"")
        _require_sqlcipher(connection)
        _check_key(connection, path)
        _apply_settings(connection)
        if check_integrity:
            check_cipher_integrity(connection, path)
    except BaseException:
        connection.close()
        raise
    return connection


def open_exclusive(path: Path, data_key: bytes | bytearray, *, wait_seconds: float = 2.0) -> Connection:
    """Open the existing database holding its lock until closed, so no other connection, in this process or
    another, can read or write meanwhile (a full re-key copies the whole file and must not miss a save).

    `locking_mode = EXCLUSIVE` before the first access keeps the WAL index in this process's memory and never
    releases the file lock; an idle connection elsewhere is enough to refuse, with StoreInUseError."""
    hex_key = bytes(data_key).hex()
    if not _HEX_KEY.match(hex_key):
        raise ValueError("the data key must be exactly 32 bytes")
    connection = sqlcipher3.connect(str(path), timeout=wait_seconds, isolation_level=None, check_same_thread=True)
    try:
        connection.execute(f"PRAGMA key = \"x'{hex_key}'\"")
        _require_sqlcipher(connection)
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")
        try:
            connection.execute("BEGIN EXCLUSIVE")
            connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()
            connection.execute("COMMIT")
        except sqlcipher3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise StoreInUseError(
                    "The store is in use by another program (another HBF Desktop window, or a command such as "
                    "hbf-desktop sync). Close it and try again. Nothing was changed."
                ) from None
            raise
        except sqlcipher3.DatabaseError:
            raise WrongPassphraseError(
                f"The key does not open {path.name}: the database does not belong to this key file, or it is damaged."
            ) from None
        _apply_settings(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _require_sqlcipher(connection: Connection) -> None:
    version = connection.execute("PRAGMA cipher_version").fetchone()
    if not version or not version[0]:
        raise NotEncryptedError(
            "The database library is not SQLCipher, so records would be written in clear. Reinstall HBF Desktop."
        )


def _check_key(connection: Connection, path: Path) -> None:
    try:
        connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except sqlcipher3.DatabaseError:
        raise WrongPassphraseError(
            f"The key does not open {path.name}: the database does not belong to this key file, or it is damaged."
        ) from None


def _apply_settings(connection: Connection) -> None:
    for pragma in (
        # OFF on purpose: ON tripled bulk-import time (benchmarks/store.py: 1,938 vs 6,104 records/s), beyond the
        # targets; the design allows this when measured. See docs/store.md ("Memory security") for the trade-off.
        "PRAGMA cipher_memory_security = OFF",
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",
        "PRAGMA temp_store = MEMORY",
        "PRAGMA secure_delete = ON",
        "PRAGMA foreign_keys = ON",
        "PRAGMA trusted_schema = OFF",
        # Checkpoints on the save path caused the p99 latency (PERFORMANCE-NOTES.md): we run them ourselves.
        "PRAGMA wal_autocheckpoint = 0",
        f"PRAGMA cache_size = -{CACHE_SIZE_KIB}",
        f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    ):
        connection.execute(pragma)
    mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    if str(mode).lower() != "wal":
        raise StoreDamagedError("The store could not switch to its safe write mode (WAL).")


def check_cipher_integrity(connection: Connection, path: Path) -> None:
    """Verify every page's HMAC: an altered or torn page fails closed here, not halfway through a save."""
    try:
        problems = connection.execute("PRAGMA cipher_integrity_check").fetchall()
    except sqlcipher3.DatabaseError as error:
        raise StoreDamagedError(_damaged_message(path)) from error
    if problems:
        raise StoreDamagedError(_damaged_message(path))


def _damaged_message(path: Path) -> str:
    return (
        f"The store {path.name} is damaged (a page failed its integrity check). Nothing was changed. "
        "Restore from a backup, or ask your supervisor for help."
    )

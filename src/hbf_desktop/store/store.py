"""The store as callers see it: create, unlock, recover, and the open handle everything else goes through.

One `Store` is one keyed connection, used by one thread. A thread that needs the store too (the sync engine, a GUI
worker) calls `open_another()`, which opens its own connection with the same key held in memory.
"""

from __future__ import annotations

import contextlib
import getpass
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from hbf_desktop.domain.ids import new_id
from hbf_desktop.store import audit, search, sync_state
from hbf_desktop.store.connection import CACHE_SIZE_KIB, Connection, check_cipher_integrity, open_connection
from hbf_desktop.store.errors import StoreDamagedError, StoreExistsError, StoreNotFoundError
from hbf_desktop.store.files import ensure_private_directory
from hbf_desktop.store.kdf import KdfParameters, calibrate
from hbf_desktop.store.keyfile import create_key_file, read_key_file, write_key_file
from hbf_desktop.store.migrations import migrate
from hbf_desktop.store.paths import StorePaths
from hbf_desktop.store.records import Author, Records
from hbf_desktop.store.recovery import format_recovery_key, new_recovery_key, parse_recovery_key
from hbf_desktop.store.rekey_finish import clear_not_shown_notice, finish_interrupted_rekey
from hbf_desktop.store.transactions import read_meta, utc_now, write_meta, write_transaction
from hbf_desktop.store.unlocking import NO_ERASE_POLICY, UnlockPolicy, unlock_with_passphrase

# Up to this size every page's HMAC is checked at open (about 0.5 s at 250 MB/s); a larger store (a supervisor's)
# is checked by `verify` and in the background after unlock, and SQLCipher checks each page's HMAC whenever it reads
# it, so a damaged page is never read as data. See docs/store.md.
FULL_CHECK_AT_OPEN_MAX_BYTES = 128 * 1024 * 1024
# Above this size the WAL is folded back into the database at the next chance (about 16 MiB).
WAL_CHECKPOINT_PAGES = 4096


@dataclass(frozen=True)
class StoreStats:
    records_by_entity: dict[str, int]
    pending_changes: int
    database_bytes: int
    schema_version: int


class Store:
    def __init__(self, paths: StorePaths, connection: Connection, data_key: bytearray) -> None:
        self.paths = paths
        self.connection = connection
        self._data_key = data_key
        device = read_meta(connection, "device_id")
        user = read_meta(connection, "user")
        if device is None or user is None:
            raise StoreDamagedError("The store is missing its device identity; it is damaged.")
        self.author = Author(device_id=device, user=user)
        self.records = Records(connection, self.author)

    # --- opening ---------------------------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        data_dir: Path,
        passphrase: str,
        *,
        user: str | None = None,
        kdf: KdfParameters | None = None,
    ) -> tuple[Store, str]:
        """Make a new store; returns it and the recovery key, to be shown once and written down."""
        paths = StorePaths(data_dir)
        if paths.exists():
            raise StoreExistsError(
                f"A store already exists in {data_dir}. Nothing was changed. "
                "Choose another --data-dir, or unlock the existing store."
            )
        ensure_private_directory(data_dir)
        data_key = bytearray(secrets.token_bytes(32))
        recovery_key = new_recovery_key()
        key_file = create_key_file(bytes(data_key), passphrase, recovery_key, kdf or calibrate())
        try:
            connection = open_connection(paths.database, data_key, check_integrity=False)
            migrate(connection)
            with write_transaction(connection):
                write_meta(connection, "device_id", new_id())
                write_meta(connection, "user", user or _login_name())
                write_meta(connection, "created_at", utc_now())
            write_key_file(paths.key_file, key_file)
        except BaseException:
            for path in (paths.database, *paths.sidecars(), paths.key_file):
                path.unlink(missing_ok=True)
            raise
        return cls(paths, connection, data_key), format_recovery_key(recovery_key)

    @classmethod
    def unlock(
        cls,
        data_dir: Path,
        passphrase: str,
        *,
        policy: UnlockPolicy = NO_ERASE_POLICY,
        now: Callable[[], float] = time.time,
    ) -> Store:
        paths = StorePaths(data_dir)
        data_key = unlock_with_passphrase(paths, passphrase, policy, now)
        store = cls.open_with_key(data_dir, data_key)
        store.audit_event("login")
        return store

    @classmethod
    def recover(cls, data_dir: Path, recovery_code: str, new_passphrase: str) -> Store:
        """Open with the recovery key and set a new passphrase (the forgotten one stops working)."""
        paths = StorePaths(data_dir)
        finish_interrupted_rekey(paths)
        key_file = read_key_file(paths.key_file)
        data_key = key_file.unwrap_with_recovery_key(parse_recovery_key(recovery_code))
        store = cls.open_with_key(data_dir, data_key)
        write_key_file(paths.key_file, key_file.with_passphrase(bytes(data_key), new_passphrase, key_file.kdf))
        paths.unlock_attempts.unlink(missing_ok=True)
        store.audit_event("login", reason="recovery_key")
        return store

    @classmethod
    def open_with_key(cls, data_dir: Path, data_key: bytearray, *, check_integrity: bool = True) -> Store:
        paths = StorePaths(data_dir)
        finish_interrupted_rekey(paths)
        if not paths.database.exists():
            raise StoreNotFoundError(f"There is no HBF Desktop store in {data_dir}.")
        small = paths.database.stat().st_size <= FULL_CHECK_AT_OPEN_MAX_BYTES
        connection = open_connection(paths.database, data_key, check_integrity=check_integrity and small)
        try:
            migrate(connection)
            return cls(paths, connection, data_key)
        except BaseException:
            connection.close()
            raise

    def open_another(self) -> Store:
        """A second handle for another thread; the integrity check already ran for this session."""
        return Store.open_with_key(self.paths.data_dir, bytearray(self._data_key), check_integrity=False)

    # --- keys ------------------------------------------------------------------------------------------------

    def change_passphrase(self, current: str, new: str, kdf: KdfParameters | None = None) -> None:
        """Rewrap the data key: instant, the database is untouched. The current passphrase is asked again so
        that someone at an unlocked laptop cannot lock its owner out."""
        key_file = read_key_file(self.paths.key_file)
        key_file.unwrap_with_passphrase(current)
        rewrapped = key_file.with_passphrase(bytes(self._data_key), new, kdf or key_file.kdf)
        write_key_file(self.paths.key_file, rewrapped)
        self.audit_event("update", reason="passphrase_changed")

    def new_recovery_key(self) -> str:
        """Replace the recovery key (the old one stops working); returns the new one to show once."""
        recovery_key = new_recovery_key()
        key_file = read_key_file(self.paths.key_file)
        write_key_file(self.paths.key_file, key_file.with_recovery_key(bytes(self._data_key), recovery_key))
        clear_not_shown_notice(self.paths)  # an interrupted re-key's unseen recovery key no longer opens the store
        self.audit_event("update", reason="recovery_key_replaced")
        return format_recovery_key(recovery_key)

    # --- everyday operations ---------------------------------------------------------------------------------

    def search(self, text: str, *, limit: int = search.DEFAULT_LIMIT) -> list[search.SearchHit]:
        return search.search_clients(self.connection, text, limit=limit)

    def audit_event(
        self,
        action: str,
        *,
        entity: str | None = None,
        record_id: str | None = None,
        fields: tuple[str, ...] = (),
        reason: str | None = None,
    ) -> None:
        with self.records.writing() as writer:
            writer.audit(action, entity, record_id, fields, reason=reason)

    def stats(self) -> StoreStats:
        counts = dict(
            self.connection.execute(
                "SELECT entity, count(*) FROM record WHERE deleted_at IS NULL GROUP BY entity"
            ).fetchall()
        )
        pending = sync_state.waiting_change_count(self.connection)  # unsent, or sealed but not yet acknowledged
        size = sum(path.stat().st_size for path in self._files() if path.exists())
        version = self.connection.execute("PRAGMA user_version").fetchone()[0]
        return StoreStats(counts, int(pending), size, int(version))

    def check_integrity(self) -> None:
        """Every page's HMAC; raises StoreDamagedError. Long on a large store: run it off the GUI thread."""
        check_cipher_integrity(self.connection, self.paths.database)

    def verify(self) -> list[str]:
        """Every problem found by SQLCipher's page check, SQLite's integrity check and the audit chain."""
        problems: list[str] = []
        try:
            check_cipher_integrity(self.connection, self.paths.database)
        except StoreDamagedError as error:
            problems.append(str(error))
        rows = self.connection.execute("PRAGMA integrity_check").fetchall()
        problems.extend(str(row[0]) for row in rows if row[0] != "ok")
        problems.extend(audit.verify_chain(self.connection))
        # NOT IN (subquery): SQLite builds one transient index, where a correlated NOT EXISTS would scan the
        # unindexed outbox once per record. A record that came by sync has no change of ours; its arrival is
        # recorded in sync_applied, in the same transaction as the merge.
        orphans = self.connection.execute(
            "SELECT count(*) FROM record WHERE id NOT IN (SELECT record_id FROM outbox)"
            " AND id NOT IN (SELECT record_id FROM sync_applied)"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} records have neither a change in the outbox nor an applied sync change")
        return problems

    @contextlib.contextmanager
    def larger_cache(self, mebibytes: int = 256) -> Iterator[None]:
        """A bigger page cache for bulk work: imports insert random ids across the indexes, and every cache miss
        costs a page decryption (PERFORMANCE-NOTES.md). Back to the everyday size afterwards, to keep memory low."""
        self.connection.execute(f"PRAGMA cache_size = -{mebibytes * 1024}")
        try:
            yield
        finally:
            self.connection.execute(f"PRAGMA cache_size = -{CACHE_SIZE_KIB}")

    def checkpoint(self, *, truncate: bool = False) -> None:
        """Fold the WAL into the database. Run off the save path (PERFORMANCE-NOTES.md)."""
        mode = "TRUNCATE" if truncate else "PASSIVE"
        self.connection.execute(f"PRAGMA wal_checkpoint({mode})")

    def checkpoint_if_large(self) -> None:
        wal = self.paths.sidecars()[0]
        if wal.exists() and wal.stat().st_size > WAL_CHECKPOINT_PAGES * 4096:
            self.checkpoint()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.checkpoint(truncate=True)
        self.connection.close()
        for index in range(len(self._data_key)):
            self._data_key[index] = 0

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _files(self) -> tuple[Path, ...]:
        return (self.paths.database, *self.paths.sidecars())

    @property
    def raw_data_key(self) -> bytes:
        """The unwrapped data key, for opening further connections elsewhere (tests, key escrow). Handle as a secret."""
        return bytes(self._data_key)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "caseworker"

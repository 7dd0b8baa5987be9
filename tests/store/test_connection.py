"""SQLCipher: a wrong key reads nothing, a damaged page fails closed, a plain SQLite file is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hbf_desktop.store.connection import open_connection
from hbf_desktop.store.errors import NotEncryptedError, StoreDamagedError, WrongPassphraseError
from hbf_desktop.store.paths import StorePaths
from hbf_desktop.store.store import Store
from tests.conftest import StoreTemplate


def test_the_database_file_is_not_plain_sqlite(store_dir: Path) -> None:
    header = StorePaths(store_dir).database.read_bytes()[:16]
    assert header != b"SQLite format 3\0"
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(StorePaths(store_dir).database).execute("SELECT * FROM sqlite_schema").fetchall()


def test_the_settings_of_the_design_are_in_force(store: Store) -> None:
    def pragma(name: str) -> object:
        return store.connection.execute(f"PRAGMA {name}").fetchone()[0]

    assert str(pragma("journal_mode")).lower() == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("temp_store") == 2  # MEMORY
    assert pragma("secure_delete") == 1
    assert pragma("wal_autocheckpoint") == 0
    assert str(pragma("cipher_version")).startswith("4.")
    assert str(pragma("cipher_memory_security")) == "0", "off by measured decision: docs/store.md"


def test_a_wrong_key_reads_nothing(store_dir: Path) -> None:
    with pytest.raises(WrongPassphraseError):
        open_connection(StorePaths(store_dir).database, b"\x42" * 32, check_integrity=True)


def test_an_altered_page_fails_closed_at_open(store_dir: Path, store_template: StoreTemplate) -> None:
    database = StorePaths(store_dir).database
    raw = bytearray(database.read_bytes())
    assert len(raw) >= 3 * 4096, "the template store should span several pages"
    raw[2 * 4096 + 100] ^= 0x01
    database.write_bytes(bytes(raw))
    with pytest.raises(StoreDamagedError, match="damaged"):
        Store.open_with_key(store_dir, bytearray(store_template.data_key))


def test_a_plain_sqlite_file_is_refused(tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(NotEncryptedError):
        open_connection(plain, b"\x01" * 32, check_integrity=False)

"""Backups streamed in chunks: progress, cancel, failure, saves during the copy, the old format, damaged files.

The store here is filled with synthetic clients until its database spans several copy chunks, so that a cancel or a
failure really lands in the middle of a copy.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from hbf_desktop.domain.interchange import records_from_dicts
from hbf_desktop.store.backup import CHUNK_BYTES, MAGIC, read_backup, restore_backup, write_backup
from hbf_desktop.store.casework import create_client
from hbf_desktop.store.errors import OperationCancelledError, StoreError
from hbf_desktop.store.importing import import_records
from hbf_desktop.store.store import Store
from hbf_desktop.synthetic import generate
from tests.conftest import PASSPHRASE, StoreTemplate


@pytest.fixture(scope="module")
def filled_template(store_template: StoreTemplate, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("filled") / "data"
    shutil.copytree(store_template.directory, directory)
    generated = list(generate(clients=30, seed=7, start_date=date(2021, 1, 1), years=2))
    with Store.open_with_key(directory, bytearray(store_template.data_key)) as store:
        import_records(store, records_from_dicts(generated).records)
    return directory


@pytest.fixture
def filled(filled_template: Path, store_template: StoreTemplate, tmp_path: Path) -> Iterator[Store]:
    directory = tmp_path / "data"
    shutil.copytree(filled_template, directory)
    opened = Store.open_with_key(directory, bytearray(store_template.data_key))
    assert opened.paths.database.stat().st_size > 3 * CHUNK_BYTES, "the store must span several chunks"
    yield opened
    opened.close()


def _counts(data_dir: Path, key: bytes) -> dict[str, int]:
    with Store.open_with_key(data_dir, bytearray(key)) as store:
        return store.stats().records_by_entity


def _old_format_backup(store: Store) -> bytes:
    """What the code before streaming wrote: header, key file, then the whole database file read in one go."""
    store.checkpoint(truncate=True)
    store.connection.execute("BEGIN IMMEDIATE")
    try:
        database = store.paths.database.read_bytes()
    finally:
        store.connection.execute("ROLLBACK")
    key_file = store.paths.key_file.read_bytes()
    return MAGIC + struct.pack(">Q", len(key_file)) + key_file + database


def test_progress_rises_to_the_total_and_the_backup_restores(
    filled: Store, store_template: StoreTemplate, tmp_path: Path
) -> None:
    seen: list[tuple[int, int]] = []
    destination = tmp_path / "out" / "store.hbfbackup"
    destination.parent.mkdir()
    size = write_backup(filled, destination, progress=lambda done, total: seen.append((done, total)))
    assert size == destination.stat().st_size
    assert destination.stat().st_mode & 0o777 == 0o600
    assert [name.name for name in destination.parent.iterdir()] == ["store.hbfbackup"], "no temporary file left"
    assert len(seen) >= 4 and {total for _, total in seen} == {size}
    done = [value for value, _ in seen]
    assert done == sorted(set(done)), "strictly increasing"
    assert done[-1] == size
    restored = tmp_path / "restored"
    restore_backup(destination, restored, PASSPHRASE, replace=False)
    assert _counts(restored, store_template.data_key) == filled.stats().records_by_entity


def test_the_container_is_byte_for_byte_the_old_format(filled: Store, tmp_path: Path) -> None:
    old = _old_format_backup(filled)
    destination = tmp_path / "new.hbfbackup"
    write_backup(filled, destination)
    assert destination.read_bytes() == old


def test_a_backup_written_by_the_previous_code_still_restores(
    filled: Store, store_template: StoreTemplate, tmp_path: Path
) -> None:
    source = tmp_path / "old.hbfbackup"
    source.write_bytes(_old_format_backup(filled))
    restored = tmp_path / "restored"
    restore_backup(source, restored, PASSPHRASE, replace=False)
    assert _counts(restored, store_template.data_key) == filled.stats().records_by_entity


@pytest.mark.parametrize("stop", ["cancel", "ctrl-c"])
def test_a_stop_mid_copy_leaves_no_file_and_the_store_writable(filled: Store, tmp_path: Path, stop: str) -> None:
    before = filled.stats().records_by_entity
    audit_before = filled.connection.execute("SELECT count(*) FROM audit").fetchone()[0]
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if stop == "ctrl-c" and len(seen) == 2:
            raise KeyboardInterrupt

    destination = tmp_path / "out" / "store.hbfbackup"
    destination.parent.mkdir()
    error = OperationCancelledError if stop == "cancel" else KeyboardInterrupt
    with pytest.raises(error) as raised:
        write_backup(filled, destination, progress=progress, cancelled=lambda: len(seen) >= 2)
    assert list(destination.parent.iterdir()) == [], "nothing left behind, not even a hidden partial file"
    assert len(seen) == 2 and seen[-1] < filled.paths.database.stat().st_size, "it stopped mid-copy"
    if stop == "cancel":
        assert "no file was written" in str(raised.value)
    assert filled.stats().records_by_entity == before
    assert filled.connection.execute("SELECT count(*) FROM audit").fetchone()[0] == audit_before, "not audited"
    create_client(filled, {}, {"known_as": "After"})
    assert filled.records.count("client") == before["client"] + 1, "still writable: the read transaction ended"


_FILL_THE_DISK = """
import resource, sys
from pathlib import Path
from hbf_desktop.store.backup import write_backup
from hbf_desktop.store.store import Store
store = Store.open_with_key(Path(sys.argv[1]), bytearray(bytes.fromhex(sys.argv[2])))
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[4]), resource.RLIM_INFINITY))
try:
    write_backup(store, Path(sys.argv[3]))
except OSError as error:
    print("failed:", error.strerror)
"""


def test_a_full_disk_mid_copy_leaves_no_partial_file(
    filled: Store, store_template: StoreTemplate, tmp_path: Path
) -> None:
    """A file-size limit in a child process stands in for a full disk: the write fails part way through."""
    filled.close()
    destination = tmp_path / "out" / "store.hbfbackup"
    destination.parent.mkdir()
    limit = 2 * CHUNK_BYTES + 100
    result = subprocess.run(
        [sys.executable, "-c", _FILL_THE_DISK, str(filled.paths.data_dir), store_template.data_key.hex(),
         str(destination), str(limit)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert "failed: File too large" in result.stdout, result.stderr
    assert list(destination.parent.iterdir()) == []
    with Store.open_with_key(filled.paths.data_dir, bytearray(store_template.data_key)) as store:
        assert store.verify() == []


def test_saves_during_a_backup_do_not_wait_and_the_backup_is_one_moment(
    filled: Store, store_template: StoreTemplate, tmp_path: Path
) -> None:
    """Another connection saves (and tries to checkpoint) after every chunk; the copy is of the moment it began."""
    at_start = filled.stats().records_by_entity
    other = filled.open_another()
    waits: list[float] = []

    def save_meanwhile(done: int, total: int) -> None:
        started = time.perf_counter()
        create_client(other, {}, {"known_as": f"Meanwhile {done}"})
        waits.append(time.perf_counter() - started)
        other.checkpoint()  # passive: must not change the file being copied

    destination = tmp_path / "store.hbfbackup"
    try:
        write_backup(filled, destination, progress=save_meanwhile)
    finally:
        other.close()
    assert len(waits) >= 4 and max(waits) < 1.0, "saves never waited for the backup's lock"
    assert filled.records.count("client") == at_start["client"] + len(waits)
    restored = tmp_path / "restored"
    restore_backup(destination, restored, PASSPHRASE, replace=False)  # checks every page and the integrity
    with Store.open_with_key(restored, bytearray(store_template.data_key)) as store:
        assert store.stats().records_by_entity == at_start
        assert store.verify() == []


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {str(path.relative_to(directory)): path.read_bytes() for path in directory.rglob("*") if path.is_file()}


@pytest.mark.parametrize(
    "damage",
    ["empty", "magic only", "cut in the key file", "cut mid-page", "last page missing", "garbled page", "not a backup"],
)
def test_a_damaged_backup_is_refused_and_changes_nothing(
    filled: Store, store_template: StoreTemplate, tmp_path: Path, damage: str
) -> None:
    good = tmp_path / "good.hbfbackup"
    write_backup(filled, good)
    raw = bytearray(good.read_bytes())
    key_length = len(read_backup(good).key_file)
    damaged = {
        "empty": b"",
        "magic only": bytes(raw[: len(MAGIC) + 3]),
        "cut in the key file": bytes(raw[: len(MAGIC) + 8 + key_length // 2]),
        "cut mid-page": bytes(raw[: len(raw) - 1000]),
        "last page missing": bytes(raw[: len(raw) - 4096]),
        "garbled page": bytes(raw[:-5000] + bytes([raw[-5000] ^ 0xFF]) + raw[-4999:]),
        "not a backup": b"SQLite format 3\x00" + bytes(raw[16:]),
    }[damage]
    source = tmp_path / "damaged.hbfbackup"
    source.write_bytes(damaged)
    target = tmp_path / "target"
    shutil.copytree(filled.paths.data_dir, target)
    before = _snapshot(target)
    with pytest.raises(StoreError) as raised:
        restore_backup(source, target, PASSPHRASE, replace=True)
    assert "damaged" in str(raised.value)
    assert _snapshot(target) == before, "nothing changed, nothing moved aside, no staging folder left"
    assert sorted(os.listdir(target)) == sorted(os.listdir(filled.paths.data_dir))


def test_restore_reports_progress_and_a_cancel_changes_nothing(filled: Store, tmp_path: Path) -> None:
    source = tmp_path / "store.hbfbackup"
    write_backup(filled, source)
    contents = read_backup(source)
    seen: list[tuple[int, int]] = []
    with pytest.raises(OperationCancelledError):
        restore_backup(
            source, tmp_path / "cancelled", PASSPHRASE, replace=False,
            progress=lambda done, total: seen.append((done, total)), cancelled=lambda: len(seen) >= 2,
        )  # fmt: skip
    assert list((tmp_path / "cancelled").iterdir()) == []
    seen.clear()
    restore_backup(source, tmp_path / "restored", PASSPHRASE, replace=False, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (contents.database_bytes, contents.database_bytes)
    assert [done for done, _ in seen] == sorted({done for done, _ in seen})

"""The full re-key: a new data key for every page, and at no instant a store that neither key opens."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from hbf_desktop.store import sync_state
from hbf_desktop.store.attachments import add_attachment, read_attachment
from hbf_desktop.store.audit import verify_chain
from hbf_desktop.store.connection import open_connection
from hbf_desktop.store.errors import (
    OperationCancelledError,
    StoreInUseError,
    StoreNotFoundError,
    WrongPassphraseError,
    WrongRecoveryKeyError,
)
from hbf_desktop.store.keyfile import read_key_file
from hbf_desktop.store.paths import StorePaths
from hbf_desktop.store.rekey import rekey_store
from hbf_desktop.store.rekey_finish import (
    NOT_SHOWN_NOTICE,
    PAUSE_ENVIRONMENT,
    STAGING,
    finish_interrupted_rekey,
    recovery_key_not_shown,
)
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import write_meta, write_transaction
from tests.conftest import PASSPHRASE, StoreTemplate
from tests.samples import sample_record

ROOT = Path(__file__).resolve().parents[2]
ATTACHMENT = os.urandom(300_000)  # several chunks


def _fill(store_dir: Path, data_key: bytes) -> None:
    """Records, an attachment, edits (a longer audit chain) and some sync state, closed cleanly."""
    with Store.open_with_key(store_dir, bytearray(data_key)) as store:
        for _ in range(5):
            client = store.records.save("client", sample_record("client", {}, minimal=True))
            case = store.records.save("case", sample_record("case", {"client": client.id}, minimal=True))
            store.records.save("case", {"opened_on": "2024-04-02"}, case.id)
        add_attachment(store, case.id, ATTACHMENT, file_name="letter.pdf", kind="other")
        with write_transaction(store.connection):
            write_meta(store.connection, "sync_device_state", "enrolled-for-test")
            sync_state.keep_escrow(store.connection, "another-device", "ab" * 32)


def _contents(connection: Any) -> dict[str, list[tuple[Any, ...]]]:
    tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")]
    quoted = {table: '"' + table.replace('"', '""') + '"' for table in tables}
    return {
        table: sorted(connection.execute(f"SELECT * FROM {quoted[table]}").fetchall(), key=repr) for table in tables
    }


def _snapshot(store_dir: Path, data_key: bytes) -> dict[str, list[tuple[Any, ...]]]:
    connection = open_connection(StorePaths(store_dir).database, data_key, check_integrity=False)
    try:
        return _contents(connection)
    finally:
        connection.close()


def _files(store_dir: Path) -> dict[str, bytes]:
    paths = StorePaths(store_dir)
    return {path.name: path.read_bytes() for path in (paths.database, paths.key_file)}


@pytest.fixture
def filled(store_dir: Path, store_template: StoreTemplate) -> Path:
    _fill(store_dir, store_template.data_key)
    return store_dir


def test_rekey_puts_a_new_key_in_force_and_keeps_every_row(filled: Path, store_template: StoreTemplate) -> None:
    before = _snapshot(filled, store_template.data_key)
    old_key_file = read_key_file(StorePaths(filled).key_file)
    progress: list[tuple[int, int]] = []

    recovery_code = rekey_store(filled, PASSPHRASE, progress=lambda done, total: progress.append((done, total)))

    paths = StorePaths(filled)
    assert not (filled / STAGING).exists()
    assert not any(sidecar.exists() for sidecar in paths.sidecars())
    with pytest.raises(WrongPassphraseError):
        open_connection(paths.database, store_template.data_key, check_integrity=False)
    new_key_file = read_key_file(paths.key_file)
    assert new_key_file.key_id != old_key_file.key_id
    assert new_key_file.kdf == old_key_file.kdf
    with pytest.raises(WrongRecoveryKeyError):  # the old recovery key cannot have been re-wrapped
        Store.recover(filled, store_template.recovery_key, "a brand new passphrase 42")
    with Store.unlock(filled, PASSPHRASE) as store:
        after = _contents(store.connection)
        assert store.verify() == []
        assert store.stats().schema_version == int(store.connection.execute("PRAGMA user_version").fetchone()[0])
        attachment_id = store.connection.execute("SELECT id FROM record WHERE entity = 'attachment'").fetchone()[0]
        assert read_attachment(store, attachment_id) == ATTACHMENT
        reasons = [row[0] for row in store.connection.execute("SELECT reason FROM audit ORDER BY seq")]
    assert verify_chain_ok(filled)
    # Every table equal; the audit chain equal plus the re-key's entry (and this test's login).
    for table, rows in before.items():
        if table not in {"audit", "sqlite_sequence"}:
            assert after[table] == rows, table
    assert set(before["audit"]) < set(after["audit"])
    assert "rekeyed" in reasons
    assert progress and progress[-1][0] == progress[-1][1] > 0
    # The recovery key returned is the one in force.
    with Store.recover(filled, recovery_code, "a brand new passphrase 42") as recovered:
        assert recovered.stats().records_by_entity["client"] == 5


def verify_chain_ok(store_dir: Path) -> bool:
    with Store.unlock(store_dir, PASSPHRASE) as store:
        return verify_chain(store.connection) == []


def test_a_wrong_passphrase_changes_nothing(filled: Path) -> None:
    before = _files(filled)
    with pytest.raises(WrongPassphraseError):
        rekey_store(filled, "not the passphrase at all")
    assert _files(filled) == before
    assert not (filled / STAGING).exists()


@pytest.mark.parametrize("when", ["first check", "second check", "just before committing"])
def test_cancel_leaves_the_old_store_byte_identical(filled: Path, store_template: StoreTemplate, when: str) -> None:
    before = _files(filled)
    calls = [0]
    staged_key = filled / STAGING / "hbf-store.key"

    def cancelled() -> bool:
        calls[0] += 1
        if when == "just before committing":
            return staged_key.exists()  # the copy is made, checked and its key file written
        answer = calls[0] >= {"first check": 1, "second check": 2}[when]
        if answer:
            during_copy.append(not staged_key.exists())
        return answer

    during_copy: list[bool] = []
    with pytest.raises(OperationCancelledError, match="cancelled"):
        rekey_store(filled, PASSPHRASE, cancelled=cancelled)
    assert when == "just before committing" or during_copy[0]
    assert _files(filled) == before
    assert not (filled / STAGING).exists()
    with Store.open_with_key(filled, bytearray(store_template.data_key)) as store:
        assert store.verify() == []


def test_a_store_open_elsewhere_is_refused_and_unchanged(filled: Path, store_template: StoreTemplate) -> None:
    with Store.open_with_key(filled, bytearray(store_template.data_key)) as open_elsewhere:
        database_before = StorePaths(filled).database.read_bytes()
        key_before = StorePaths(filled).key_file.read_bytes()
        with pytest.raises(StoreInUseError, match="in use by another program"):
            rekey_store(filled, PASSPHRASE)
        assert StorePaths(filled).key_file.read_bytes() == key_before
        assert StorePaths(filled).database.read_bytes() == database_before
        assert not (filled / STAGING).exists()
        assert open_elsewhere.records.get("no-such-id") is None  # still usable


def test_before_commit_sees_the_new_database(filled: Path) -> None:
    seen: list[str] = []

    def before_commit(connection: Any) -> None:
        seen.append(connection.execute("SELECT reason FROM audit ORDER BY seq DESC LIMIT 1").fetchone()[0])
        connection.execute("INSERT INTO meta (key, value) VALUES ('marked_before_commit', 'yes')")

    rekey_store(filled, PASSPHRASE, before_commit=before_commit)
    assert seen == ["rekeyed"]
    with Store.unlock(filled, PASSPHRASE) as store:
        assert store.connection.execute("SELECT value FROM meta WHERE key = 'marked_before_commit'").fetchone() == (
            "yes",
        )


def test_a_failing_before_commit_changes_nothing(filled: Path) -> None:
    before = _files(filled)

    def before_commit(_connection: Any) -> None:
        raise RuntimeError("escrow bookkeeping failed")

    with pytest.raises(RuntimeError):
        rekey_store(filled, PASSPHRASE, before_commit=before_commit)
    assert _files(filled) == before
    assert not (filled / STAGING).exists()


def test_an_uncommitted_staging_folder_is_discarded_at_the_next_unlock(filled: Path) -> None:
    staging = filled / STAGING
    staging.mkdir()
    (staging / "hbf-store.db").write_bytes(os.urandom(4096))
    before = _files(filled)
    with Store.unlock(filled, PASSPHRASE):
        pass
    assert not staging.exists()
    assert _files(filled)["hbf-store.key"] == before["hbf-store.key"]


# --- kill tests -------------------------------------------------------------------------------------------------

_CHILD = """
import sys
from pathlib import Path
from hbf_desktop.store.rekey import rekey_store
print("starting", flush=True)
code = rekey_store(Path(sys.argv[1]), sys.argv[2])
print("done " + code, flush=True)
"""


def _start_child(store_dir: Path, pause: str | None = None) -> subprocess.Popen[str]:
    environment = dict(os.environ)
    environment.pop(PAUSE_ENVIRONMENT, None)
    if pause is not None:
        environment[PAUSE_ENVIRONMENT] = pause
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(store_dir), PASSPHRASE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=environment,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "starting"
    return child


def _kill(child: subprocess.Popen[str]) -> str:
    child.send_signal(signal.SIGKILL)
    out, _ = child.communicate()
    return out


def _check_after_kill(store_dir: Path, before: dict[str, list[tuple[Any, ...]]], old_key_id: str) -> bool:
    """The store opens with the passphrase and holds exactly the same rows; True if the new key is in force.
    Unlocking alone finishes (or undoes) the interrupted re-key: nothing else is called first."""
    committed = (store_dir / STAGING / "committed").exists()
    with Store.unlock(store_dir, PASSPHRASE) as store:
        assert not (store_dir / STAGING).exists()
        after = _contents(store.connection)
        assert store.verify() == []
    for table, rows in before.items():
        if table not in {"audit", "sqlite_sequence"}:
            assert after[table] == rows, table
    assert set(before["audit"]) <= set(after["audit"])
    rekeyed = read_key_file(StorePaths(store_dir).key_file).key_id != old_key_id
    assert rekeyed or not committed
    assert finish_interrupted_rekey(StorePaths(store_dir)) == "none"
    return rekeyed


@pytest.mark.parametrize("pause", ["copied", "staged", "committed", "sidecars_removed", "database_swapped"])
def test_sigkill_at_each_step(filled: Path, store_template: StoreTemplate, pause: str) -> None:
    before = _snapshot(filled, store_template.data_key)
    old_key_id = read_key_file(StorePaths(filled).key_file).key_id
    child = _start_child(filled, pause)
    assert child.stderr is not None
    assert child.stderr.readline().strip() == f"rekey paused at {pause}"
    assert "done" not in _kill(child)
    rekeyed = _check_after_kill(filled, before, old_key_id)
    committed = pause not in {"copied", "staged"}
    assert rekeyed == committed
    # Killed after its commit point, the re-key never showed its recovery key: the store says so until replaced.
    assert recovery_key_not_shown(StorePaths(filled)) == committed
    if committed:
        with Store.unlock(filled, PASSPHRASE) as store:
            store.new_recovery_key()
        assert not (filled / NOT_SHOWN_NOTICE).exists()


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_sigkill_at_random_moments(filled: Path, store_template: StoreTemplate, seed: int) -> None:
    before = _snapshot(filled, store_template.data_key)
    old_key_id = read_key_file(StorePaths(filled).key_file).key_id
    child = _start_child(filled)
    time.sleep(random.Random(seed).uniform(1.0, 5.0))  # the KDF alone takes about 1.5 s here
    out = _kill(child)
    rekeyed = _check_after_kill(filled, before, old_key_id)
    if "done" in out:
        assert rekeyed
        code = out.split("done ", 1)[1].strip()
        with Store.recover(filled, code, "a brand new passphrase 42"):
            pass


def test_recovery_finishes_an_interrupted_rekey_first(filled: Path, store_template: StoreTemplate) -> None:
    """Killed after its commit point: the recovery key path (no passphrase) also puts the new key in force."""
    child = _start_child(filled, "committed")
    assert child.stderr is not None
    assert child.stderr.readline().strip() == "rekey paused at committed"
    _kill(child)
    with pytest.raises(WrongRecoveryKeyError):  # the old recovery key no longer opens the rolled-forward store
        Store.recover(filled, store_template.recovery_key, "a brand new passphrase 42")
    assert not (filled / STAGING).exists() and recovery_key_not_shown(StorePaths(filled))


def test_a_rekey_in_progress_is_neither_discarded_nor_raced(filled: Path) -> None:
    """Another opening while a re-key runs (here paused after its copy, before its commit point) leaves its
    staging folder alone; a second re-key is refused; once the first dies, its copy is discarded."""
    before = _files(filled)
    child = _start_child(filled, "copied")
    assert child.stderr is not None
    assert child.stderr.readline().strip() == "rekey paused at copied"
    try:
        assert finish_interrupted_rekey(StorePaths(filled)) == "running"
        assert (filled / STAGING / "hbf-store.db").exists()
        with pytest.raises(StoreInUseError, match="already running"):
            rekey_store(filled, PASSPHRASE)
        assert (filled / STAGING / "hbf-store.db").exists()
    finally:
        _kill(child)
    assert finish_interrupted_rekey(StorePaths(filled)) == "discarded"
    assert _files(filled) == before


def test_no_store_is_said_plainly(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFoundError, match="no HBF Desktop store"):
        rekey_store(tmp_path / "nothing", PASSPHRASE)
    assert not (tmp_path / "nothing").exists()

"""The key file, recovery keys and unlocking: the locks on a laptop that may be lost."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from hbf_desktop.store.errors import (
    KeyFileDamagedError,
    StoreExistsError,
    StoreNotFoundError,
    UnlockThrottledError,
    WrongPassphraseError,
    WrongRecoveryKeyError,
)
from hbf_desktop.store.kdf import FLOOR_PARAMETERS, KdfParameters, derivation_in_child_process
from hbf_desktop.store.paths import StorePaths
from hbf_desktop.store.recovery import format_recovery_key, new_recovery_key, parse_recovery_key
from hbf_desktop.store.store import Store
from hbf_desktop.store.unlocking import KeyFileErasedError, UnlockPolicy, delay_after
from tests.conftest import PASSPHRASE, StoreTemplate


class FakeTime:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["here", "in a child process"])
def kdf_place(request: pytest.FixtureRequest) -> Iterator[str]:
    """Unlocking behaves the same whichever process derives the key (the GUI's unlock uses a child)."""
    if request.param == "here":
        yield request.param
        return
    with derivation_in_child_process():
        yield request.param


def _fingerprint(directory: Path) -> dict[str, bytes]:
    paths = StorePaths(directory)
    return {path.name: path.read_bytes() for path in (paths.database, paths.key_file)}


@pytest.mark.usefixtures("kdf_place")
def test_unlock_with_the_right_passphrase_opens_the_store(store_dir: Path) -> None:
    with Store.unlock(store_dir, PASSPHRASE) as store:
        assert store.author.user == "test.worker"


@pytest.mark.usefixtures("kdf_place")
def test_a_wrong_passphrase_is_refused_and_changes_nothing(store_dir: Path) -> None:
    before = _fingerprint(store_dir)
    with pytest.raises(WrongPassphraseError, match="not correct"):
        Store.unlock(store_dir, "not the passphrase")
    assert _fingerprint(store_dir) == before


@pytest.mark.usefixtures("kdf_place")
def test_repeated_wrong_passphrases_bring_a_growing_delay(store_dir: Path) -> None:
    clock = FakeTime()
    for _ in range(3):
        with pytest.raises(WrongPassphraseError):
            Store.unlock(store_dir, "wrong", now=clock)
    with pytest.raises(UnlockThrottledError, match="Try again in 1 seconds") as first:
        Store.unlock(store_dir, PASSPHRASE, now=clock)
    clock.now += 1.5
    with pytest.raises(WrongPassphraseError):
        Store.unlock(store_dir, "wrong again", now=clock)
    with pytest.raises(UnlockThrottledError) as second:
        Store.unlock(store_dir, PASSPHRASE, now=clock)
    assert second.value.retry_after_seconds > first.value.retry_after_seconds
    clock.now += 10
    Store.unlock(store_dir, PASSPHRASE, now=clock).close()
    assert not StorePaths(store_dir).unlock_attempts.exists(), "success resets the count"


def test_the_delay_grows_and_is_capped() -> None:
    delays = [delay_after(n) for n in range(0, 20)]
    assert delays[:3] == [0, 0, 0]
    assert delays == sorted(delays)
    assert max(delays) == 300


@pytest.mark.usefixtures("kdf_place")
def test_policy_can_erase_the_key_file_after_n_failures(store_dir: Path) -> None:
    clock = FakeTime()
    policy = UnlockPolicy(erase_after_failed_unlocks=2)
    with pytest.raises(WrongPassphraseError):
        Store.unlock(store_dir, "wrong", policy=policy, now=clock)
    assert StorePaths(store_dir).key_file.exists()
    with pytest.raises(KeyFileErasedError, match="erased"):
        Store.unlock(store_dir, "wrong", policy=policy, now=clock)
    assert not StorePaths(store_dir).key_file.exists()
    with pytest.raises(KeyFileDamagedError, match="missing"):
        Store.unlock(store_dir, PASSPHRASE, now=clock)


def test_erasing_is_off_by_default(store_dir: Path) -> None:
    clock = FakeTime()
    for _ in range(8):
        clock.now += 1000
        with pytest.raises(WrongPassphraseError):
            Store.unlock(store_dir, "wrong", now=clock)
    assert StorePaths(store_dir).key_file.exists()


def test_change_passphrase_rewraps_without_touching_the_database(store_dir: Path) -> None:
    database_before = StorePaths(store_dir).database.read_bytes()
    with Store.unlock(store_dir, PASSPHRASE) as store:
        with pytest.raises(WrongPassphraseError):
            store.change_passphrase("wrong current", "a brand new passphrase")
        store.change_passphrase(PASSPHRASE, "a brand new passphrase")
    with pytest.raises(WrongPassphraseError):
        Store.unlock(store_dir, PASSPHRASE)
    Store.unlock(store_dir, "a brand new passphrase").close()
    assert StorePaths(store_dir).database.read_bytes()[:4096] == database_before[:4096]


def test_recover_with_the_recovery_key_sets_a_new_passphrase(store_dir: Path, store_template: StoreTemplate) -> None:
    Store.recover(store_dir, store_template.recovery_key, "after recovery passphrase").close()
    Store.unlock(store_dir, "after recovery passphrase").close()
    with pytest.raises(WrongPassphraseError):
        Store.unlock(store_dir, PASSPHRASE)


def test_a_wrong_recovery_key_is_refused_and_changes_nothing(store_dir: Path) -> None:
    before = _fingerprint(store_dir)
    other = format_recovery_key(new_recovery_key())
    with pytest.raises(WrongRecoveryKeyError, match="does not open"):
        Store.recover(store_dir, other, "whatever new passphrase")
    assert _fingerprint(store_dir) == before


def test_recovery_keys_survive_sloppy_typing_and_catch_typos() -> None:
    key = new_recovery_key()
    text = format_recovery_key(key)
    assert len(text.split("-")) == 9
    assert parse_recovery_key(text.lower().replace("-", " ")) == key
    assert parse_recovery_key(text.replace("0", "O").replace("1", "I")) == key
    position = 5
    replacement = "2" if text[position] != "2" else "3"
    typo = text[:position] + replacement + text[position + 1 :]
    with pytest.raises(WrongRecoveryKeyError, match="typo"):
        parse_recovery_key(typo)
    with pytest.raises(WrongRecoveryKeyError, match="not a recovery key"):
        parse_recovery_key("hello")


@pytest.mark.parametrize("damage", ["truncate", "flip_wrapped", "weaken_kdf", "garbage", "empty"])
def test_a_damaged_key_file_is_refused_clearly(store_dir: Path, damage: str) -> None:
    key_file = StorePaths(store_dir).key_file
    raw = key_file.read_bytes()
    if damage == "truncate":
        key_file.write_bytes(raw[: len(raw) // 2])
    elif damage == "flip_wrapped":
        content = json.loads(raw)
        wrapped = content["passphrase_slot"]["wrapped"]
        content["passphrase_slot"]["wrapped"] = ("A" if wrapped[0] != "A" else "B") + wrapped[1:]
        key_file.write_text(json.dumps(content))
    elif damage == "weaken_kdf":
        content = json.loads(raw)
        content["kdf"]["iterations"] = 1
        key_file.write_text(json.dumps(content))
    elif damage == "garbage":
        key_file.write_bytes(b"\x00\xff" * 100)
    else:
        key_file.write_bytes(b"")
    database_before = StorePaths(store_dir).database.read_bytes()
    with pytest.raises(KeyFileDamagedError, match="damaged"):
        Store.unlock(store_dir, PASSPHRASE)
    assert StorePaths(store_dir).database.read_bytes() == database_before


def test_a_tampered_slot_with_a_recomputed_checksum_still_fails(store_dir: Path) -> None:
    """An attacker can recompute the checksum; the AES-GCM binding is what really holds."""
    from hbf_desktop.store.keyfile import read_key_file, write_key_file

    key_file = read_key_file(StorePaths(store_dir).key_file)
    weaker = KdfParameters(memory_kib=384 * 1024, iterations=1, lanes=4)
    forged = type(key_file)(key_file.key_id, weaker, key_file.passphrase_slot, key_file.recovery_slot)
    write_key_file(StorePaths(store_dir).key_file, forged)
    with pytest.raises(WrongPassphraseError):
        Store.unlock(store_dir, PASSPHRASE)


def test_kdf_parameters_below_the_floor_are_refused() -> None:
    with pytest.raises(ValueError, match="floor"):
        KdfParameters(memory_kib=64 * 1024, iterations=3)


def test_create_refuses_to_overwrite_an_existing_store(store_dir: Path) -> None:
    before = _fingerprint(store_dir)
    with pytest.raises(StoreExistsError, match="already exists"):
        Store.create(store_dir, PASSPHRASE, kdf=FLOOR_PARAMETERS)
    assert _fingerprint(store_dir) == before


def test_unlocking_where_there_is_no_store_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFoundError, match="no HBF Desktop store"):
        Store.unlock(tmp_path / "nothing-here", PASSPHRASE)


def test_private_files_are_not_readable_by_others(store_dir: Path) -> None:
    paths = StorePaths(store_dir)
    assert paths.key_file.stat().st_mode & 0o077 == 0

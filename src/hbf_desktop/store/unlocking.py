"""Unlocking the data key with a passphrase or recovery key, with a growing delay after wrong guesses.

The delay is a courtesy brake for someone at the keyboard; the real defence against guessing is Argon2id's cost,
because a thief copies the key file and never runs our code. The attempts file is therefore not secret, and deleting
it only resets the brake. An organisation may ask (policy, off by default) for the key file to be erased after N wrong
passphrases: the store becomes unreadable on this laptop, and only the escrowed recovery key on the supervisors' side
(or synced copies) can bring the work back.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from hbf_desktop.store.errors import (
    StoreNotFoundError,
    UnlockThrottledError,
    WrongPassphraseError,
)
from hbf_desktop.store.files import overwrite_and_remove, write_private_file_atomically
from hbf_desktop.store.keyfile import read_key_file
from hbf_desktop.store.paths import StorePaths
from hbf_desktop.store.rekey_finish import finish_interrupted_rekey

FREE_ATTEMPTS = 3
MAX_DELAY_SECONDS = 300.0


class KeyFileErasedError(WrongPassphraseError):
    """The organisation's policy erased the key file after too many wrong passphrases."""


@dataclass(frozen=True)
class UnlockPolicy:
    erase_after_failed_unlocks: int | None = None


NO_ERASE_POLICY = UnlockPolicy()


def delay_after(failures: int) -> float:
    """No delay for the first three mistakes (typos happen), then 1, 2, 4 ... seconds, at most five minutes."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(2.0 ** (failures - FREE_ATTEMPTS), MAX_DELAY_SECONDS)


def unlock_with_passphrase(
    paths: StorePaths,
    passphrase: str,
    policy: UnlockPolicy = NO_ERASE_POLICY,
    now: Callable[[], float] = time.time,
) -> bytearray:
    """The data key, or a typed error saying what to do. A wrong passphrase changes nothing in the store."""
    finish_interrupted_rekey(paths)  # before the key file is read: a committed re-key may hold the key in force
    if not paths.key_file.exists() and not paths.database.exists():
        raise StoreNotFoundError(
            f"There is no HBF Desktop store in {paths.data_dir}. Run set-up first (hbf-desktop init)."
        )
    failures, last_failure = _read_attempts(paths)
    if last_failure > now() + MAX_DELAY_SECONDS:
        # Recorded while the clock ran fast (laptops' clocks can be a year out): the wait would outlast the clock's
        # error, not the delay. Keep the count, forget the time, as for a damaged attempts file.
        last_failure = 0.0
    wait = last_failure + delay_after(failures) - now()
    if wait > 0:
        raise UnlockThrottledError(f"Too many wrong passphrases. Try again in {math.ceil(wait)} seconds.", wait)
    key_file = read_key_file(paths.key_file)
    try:
        data_key = key_file.unwrap_with_passphrase(passphrase)
    except WrongPassphraseError:
        _record_failure(paths, failures + 1, now(), policy)
        raise
    if failures:
        paths.unlock_attempts.unlink(missing_ok=True)
    return data_key


def _record_failure(paths: StorePaths, failures: int, at: float, policy: UnlockPolicy) -> None:
    limit = policy.erase_after_failed_unlocks
    if limit is not None and failures >= limit:
        overwrite_and_remove(paths.key_file)
        paths.unlock_attempts.unlink(missing_ok=True)
        raise KeyFileErasedError(
            f"That passphrase is not correct, and after {failures} wrong passphrases your "
            "organisation's policy has erased this laptop's key. The records here can no longer "
            "be opened; contact your supervisor."
        )
    write_private_file_atomically(
        paths.unlock_attempts, json.dumps({"failures": failures, "last_failure_at": at}).encode()
    )
    wait = delay_after(failures + 1)
    if wait:
        raise WrongPassphraseError(
            "That passphrase is not correct. Nothing was changed. "
            f"After another wrong attempt you will have to wait {math.ceil(wait)} seconds."
        )


def _read_attempts(paths: StorePaths) -> tuple[int, float]:
    try:
        content = json.loads(paths.unlock_attempts.read_text())
        return int(content["failures"]), float(content["last_failure_at"])
    except FileNotFoundError:
        return 0, 0.0
    except (ValueError, KeyError, TypeError):
        # A damaged attempts file must not lock the caseworker out: start counting again.
        return 0, 0.0

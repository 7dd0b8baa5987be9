"""Argon2id parameters: memory-hard, so guessing a stolen laptop's passphrase is slow.

The parameters travel in the key file so that a later release can raise them. Set-up calibrates them on the machine at
hand: a slow laptop gets fewer passes, never below memory x passes = 384 MiB (SYNC-AND-KEYS.md).

Argon2id's working memory (256 MiB by default) counts in the peak of the process that derives. The GUI must stay
under 300 MB, so it derives in a short-lived child process
(`derivation_in_child_process`, kdf_child.py): the memory goes back to the system when the child exits, and only the
32-byte key comes back over a pipe. Which derivation runs is a context variable, so the unlock, delay and erase code
(unlocking.py, keyfile.py) is the same code whichever process does the arithmetic.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

MIN_MEMORY_TIMES_PASSES_KIB = 384 * 1024
DATA_KEY_BYTES = 32


@dataclass(frozen=True)
class KdfParameters:
    memory_kib: int = 256 * 1024
    iterations: int = 2
    lanes: int = 4

    def __post_init__(self) -> None:
        if self.memory_kib * self.iterations < MIN_MEMORY_TIMES_PASSES_KIB:
            raise ValueError("Argon2id parameters below the floor of memory x passes = 384 MiB")
        if self.lanes < 1 or self.memory_kib < 8 * self.lanes:
            raise ValueError("Argon2id lanes out of range")

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        if _IN_CHILD.get():
            from hbf_desktop.store import kdf_child

            return kdf_child.derive_in_child(self, passphrase, salt)
        return self.derive_here(passphrase, salt)

    def derive_here(self, passphrase: str, salt: bytes) -> bytes:
        """In this process, whatever the context: for the child itself, and for calibration (which times it)."""
        return Argon2id(
            salt=salt,
            length=DATA_KEY_BYTES,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        ).derive(passphrase.encode("utf-8"))


_IN_CHILD: ContextVar[bool] = ContextVar("hbf_kdf_in_child", default=False)


@contextmanager
def derivation_in_child_process() -> Iterator[None]:
    """Within this block (on this thread), passphrase derivations run in a child process (see the module's note)."""
    token = _IN_CHILD.set(True)
    try:
        yield
    finally:
        _IN_CHILD.reset(token)


DEFAULT_PARAMETERS = KdfParameters()
# The cheapest parameters the floor allows: for tests and very slow machines.
FLOOR_PARAMETERS = KdfParameters(memory_kib=128 * 1024, iterations=3, lanes=4)


def calibrate(target_seconds: tuple[float, float] = (0.5, 1.0)) -> KdfParameters:
    """Pick parameters taking about 0.5-1 s here: start at the default, add passes if fast, shed memory if slow."""
    low, high = target_seconds
    candidate = DEFAULT_PARAMETERS
    elapsed = _time_one(candidate)
    if elapsed > high:
        return FLOOR_PARAMETERS
    while elapsed < low and candidate.iterations < 8:
        candidate = KdfParameters(candidate.memory_kib, candidate.iterations + 1, candidate.lanes)
        elapsed = _time_one(candidate)
    return candidate


def _time_one(parameters: KdfParameters) -> float:
    started = time.perf_counter()
    parameters.derive_here("calibration", b"\0" * 16)
    return time.perf_counter() - started

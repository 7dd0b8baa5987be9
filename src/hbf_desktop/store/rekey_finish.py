"""Finishing or undoing a full re-key that a crash interrupted (rekey.py has the protocol).

Kept apart from rekey.py because every path that opens the store calls `finish_interrupted_rekey` first (unlocking,
recovery, opening with a key, restore, escrow recovery), and rekey.py itself needs those paths.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from hbf_desktop.store.errors import StoreInUseError
from hbf_desktop.store.files import PRIVATE_FILE_MODE, sync_directory, write_private_file_atomically
from hbf_desktop.store.paths import StorePaths

if sys.platform != "win32":
    import fcntl

STAGING = ".rekey"
# Empty; locked (flock) for the whole of a re-key, so that another opening neither discards nor races one in progress.
RUNNING = ".rekey-running"
COMMITTED = "committed"
NOT_SHOWN_NOTICE = "recovery-key-not-shown"
# Test hook: the kill tests pause at a named step so a SIGKILL lands exactly there; never set in real use.
PAUSE_ENVIRONMENT = "HBF_TEST_REKEY_PAUSE"


def finish_interrupted_rekey(paths: StorePaths) -> str:
    """Complete or undo a re-key a crash interrupted: "none", "discarded" (before its commit point: the old store
    stands) or "finished" (after it: the new key is put in force); "running" if a re-key is in progress (its
    process holds the database too, so the opening fails as busy). Idempotent; called wherever the store opens."""
    if not (paths.data_dir / STAGING).exists():
        return "none"
    if _running_elsewhere(paths):
        return "running"
    return finish_while_holding(paths)


@contextlib.contextmanager
def holding_rekey_lock(paths: StorePaths) -> Iterator[None]:
    """Held by the re-key from before it looks at `.rekey/` until it is done; released by the OS if it dies."""
    descriptor = os.open(paths.data_dir / RUNNING, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
    try:
        if sys.platform != "win32":
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreInUseError(
                    "A re-key of this store is already running. Wait for it to finish; nothing was changed."
                ) from None
        yield
    finally:
        os.close(descriptor)


def _running_elsewhere(paths: StorePaths) -> bool:
    """Windows cannot remove or rename files another process holds open, so no check is needed there."""
    if sys.platform == "win32":
        return False
    try:
        descriptor = os.open(paths.data_dir / RUNNING, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)  # also releases the lock taken just now
    return False


def finish_while_holding(paths: StorePaths) -> str:
    """`finish_interrupted_rekey` for the re-key itself, which holds the lock already."""
    staging = StorePaths(paths.data_dir / STAGING)
    if not staging.data_dir.exists():
        return "none"
    if not (staging.data_dir / COMMITTED).exists():
        discard(paths, staging.data_dir)
        return "discarded"
    roll_forward(paths, staging)
    note_recovery_key_not_shown(paths)  # the process that re-keyed died: nobody may have seen its recovery key
    return "finished"


def note_recovery_key_not_shown(paths: StorePaths) -> None:
    """Leave the notice (no secret in it) that asks for a new recovery key at the next opening."""
    write_private_file_atomically(paths.data_dir / NOT_SHOWN_NOTICE, b"make a new recovery key\n")


def recovery_key_not_shown(paths: StorePaths) -> bool:
    """True when an interrupted re-key put a recovery key in force that nobody saw: make a new one."""
    return (paths.data_dir / NOT_SHOWN_NOTICE).exists()


def clear_not_shown_notice(paths: StorePaths) -> None:
    (paths.data_dir / NOT_SHOWN_NOTICE).unlink(missing_ok=True)


def roll_forward(paths: StorePaths, staging: StorePaths) -> None:
    """Put the committed copy in place; each step only if its source is still there, so a crash mid-way is
    finished by running this again."""
    if staging.database.exists():
        for sidecar in (*paths.sidecars(), *staging.sidecars()):
            sidecar.unlink(missing_ok=True)
        sync_directory(paths.data_dir)
        pause("sidecars_removed")
        os.replace(staging.database, paths.database)
        pause("database_swapped")
    if staging.key_file.exists():
        os.replace(staging.key_file, paths.key_file)
    sync_directory(paths.data_dir)
    shutil.rmtree(staging.data_dir, ignore_errors=True)
    sync_directory(paths.data_dir)


def discard(paths: StorePaths, staging: Path) -> None:
    """Remove an uncommitted copy: it is encrypted under a key nobody kept, but there is no reason to leave it."""
    shutil.rmtree(staging, ignore_errors=True)
    with contextlib.suppress(OSError):
        sync_directory(paths.data_dir)


def pause(point: str) -> None:
    """For the kill tests only: with HBF_TEST_REKEY_PAUSE=<point>, say so on stderr and wait to be killed."""
    if os.environ.get(PAUSE_ENVIRONMENT) == point:
        os.write(2, f"rekey paused at {point}\n".encode())
        time.sleep(60)

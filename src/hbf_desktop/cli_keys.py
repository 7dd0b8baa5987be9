"""The key commands beyond change-passphrase and recover: `rekey` (a full re-key of the database under a new data
key, store/rekey.py) and `new-recovery-key` (replace a lost or unseen recovery key)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType

from hbf_desktop.cli_common import EXIT_OK, open_store, read_passphrase, store_dir
from hbf_desktop.cli_progress import TerminalProgress
from hbf_desktop.config import load_policy
from hbf_desktop.store.unlocking import UnlockPolicy


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], store_options: argparse.ArgumentParser
) -> None:
    commands.add_parser(
        "rekey",
        parents=[store_options],
        help="re-encrypt the whole store under a new data key (a new recovery key is shown)",
        description="Re-encrypt every page of the store under a new random data key. The passphrase stays the "
        "same; a new recovery key is printed, and the old one stops working. The store must not be open in the "
        "window or another command. Ctrl+C cancels and leaves the store unchanged.",
    )
    commands.add_parser(
        "new-recovery-key", parents=[store_options], help="replace the recovery key (the old one stops working)"
    )


def _rekey(arguments: argparse.Namespace) -> int:
    from hbf_desktop.sync.rekeying import rekey

    data_dir = store_dir(arguments)
    passphrase = read_passphrase(arguments)
    policy = UnlockPolicy(load_policy(data_dir).erase_after_failed_unlocks)
    cancel = threading.Event()

    def interrupted(_signal: int, _frame: FrameType | None) -> None:
        cancel.set()  # checked between steps of the copy: SQLite stops, the staged copy is removed

    previous = signal.signal(signal.SIGINT, interrupted)
    print("Re-keying the store; keep the laptop plugged in. Ctrl+C cancels.", file=sys.stderr)
    try:
        with TerminalProgress("Re-keying", in_bytes=True) as progress:
            recovery_key = rekey(data_dir, passphrase, progress, cancel.is_set, policy=policy)
    finally:
        signal.signal(signal.SIGINT, previous)
    print("The store is re-keyed: every page is now encrypted under a new data key. The passphrase is unchanged.")
    print("Your NEW recovery key (shown only now; write it down and keep it somewhere safe):")
    print(f"  {recovery_key}")
    print("The old recovery key no longer opens this store. Backups made before now still open with the passphrase")
    print("and recovery key of their time. Sync soon, so your supervisors' escrow holds the new key.")
    return EXIT_OK


def _new_recovery_key(arguments: argparse.Namespace) -> int:
    with open_store(arguments) as store:
        recovery_key = store.new_recovery_key()
    print("Your new recovery key (shown only now; write it down and keep it somewhere safe):")
    print(f"  {recovery_key}")
    print("The previous recovery key no longer opens this store.")
    return EXIT_OK


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "rekey": _rekey,
    "new-recovery-key": _new_recovery_key,
}

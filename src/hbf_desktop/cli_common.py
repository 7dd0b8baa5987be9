"""What every headless command shares: exit codes, the error a person gets for a wrong command line, and how the
data directory, secrets and the unlocked store are obtained. Command modules (`cli_*.py`) import this, never `cli`."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from hbf_desktop.config import load_policy, resolve_data_dir
from hbf_desktop.domain.model import DomainError
from hbf_desktop.store.rekey_finish import recovery_key_not_shown
from hbf_desktop.store.store import Store
from hbf_desktop.store.unlocking import UnlockPolicy

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
MAX_SECRET_FILE_BYTES = 64 * 1024  # a passphrase or recovery key is one short line


class UsageError(DomainError):
    pass


def fail(message: str) -> None:
    print("hbf-desktop: error: " + " ".join(message.split()), file=sys.stderr)


def store_dir(arguments: argparse.Namespace) -> Path:
    return resolve_data_dir(getattr(arguments, "data_dir", None) or arguments.top_data_dir)


def read_secret(file_option: str | None, environment: str | None, prompt: str, confirm: bool) -> str:
    """A secret from a file (first line), an environment-named file, or the terminal; never from argv."""
    path = file_option or (os.environ.get(environment) if environment else None)
    if path:
        try:
            with open(path, "rb") as stream:  # bounded: a wrong path (a log, /dev/zero) must not hang or fill memory
                data = stream.read(MAX_SECRET_FILE_BYTES + 1)
            if len(data) > MAX_SECRET_FILE_BYTES:
                raise UsageError(f"{path} is not a passphrase file: it is larger than 64 KiB")
            text = data.decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"cannot read {path}: {error}") from None
        secret = text.splitlines()[0] if text.splitlines() else ""
        if not secret:
            raise UsageError(f"{path} is empty")
        return secret
    if not sys.stdin.isatty():
        raise UsageError("no passphrase given: use --passphrase-file FILE or HBF_PASSPHRASE_FILE")
    secret = getpass.getpass(prompt)
    if confirm and getpass.getpass("Type it again: ") != secret:
        raise UsageError("the two passphrases differ; nothing was changed")
    return secret


def read_passphrase(arguments: argparse.Namespace, *, confirm: bool = False) -> str:
    return read_secret(arguments.passphrase_file, "HBF_PASSPHRASE_FILE", "Passphrase: ", confirm)


def open_store(arguments: argparse.Namespace) -> Store:
    data_dir = store_dir(arguments)
    policy = load_policy(data_dir)
    store = Store.unlock(
        data_dir,
        read_passphrase(arguments),
        policy=UnlockPolicy(policy.erase_after_failed_unlocks),
    )
    if recovery_key_not_shown(store.paths):
        print(
            "hbf-desktop: warning: a re-key was interrupted after it took effect, so its new recovery key was never "
            "shown. Run hbf-desktop new-recovery-key now and write the key down.",
            file=sys.stderr,
        )
    return store

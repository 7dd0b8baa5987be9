"""Argon2id in a short-lived child process, so its working memory is returned to the system as soon as it is done.

The child is a fresh interpreter (`python -c`, running `serve` below), not a fork of the GUI: forking a process with
Qt and several threads is unsafe, and would copy the caseworker's decrypted pages besides; multiprocessing's spawn
would re-import the parent's main script. The command line is fixed text and the environment is the parent's: the
parameters, the salt and the passphrase go to the child on its standard input, and the 32-byte key comes back on its
standard output, nothing else. The child opens no file and holds no store.

If the child cannot be started or fails (a frozen build whose executable is not a Python interpreter, an
out-of-memory kill), the derivation runs here instead and says so in the log: an unlock that works with a higher
peak is better for the caseworker than one that cannot happen. Wrong passphrases, the delay and the erase policy are
decided by the caller from the key that comes back, exactly as when it is derived here.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hbf_desktop.store.kdf import KdfParameters

log = logging.getLogger(__name__)

# Longer than any calibrated derivation on a slow laptop (0.5-1 s at set-up) plus an interpreter's start.
TIMEOUT_SECONDS = 120.0
_COMMAND = "from hbf_desktop.store.kdf_child import serve; serve()"
FROZEN_CHILD_FLAG = "--kdf-child"


def derive_in_child(parameters: KdfParameters, passphrase: str, salt: bytes) -> bytes:
    """The Argon2id key for `passphrase`, worked out in a child process (or here, logged, if that fails)."""
    from hbf_desktop.store.kdf import DATA_KEY_BYTES

    request = {
        "memory_kib": parameters.memory_kib,
        "iterations": parameters.iterations,
        "lanes": parameters.lanes,
        "salt": salt.hex(),
        "passphrase": passphrase,
    }
    try:
        answer = subprocess.run(
            child_command(),
            input=json.dumps(request).encode(),
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as error:
        answer = None
        reason = str(error)
    if answer is not None and answer.returncode == 0 and len(answer.stdout) == DATA_KEY_BYTES:
        return answer.stdout
    if answer is not None:
        reason = f"exit {answer.returncode}: {answer.stderr.decode(errors='replace').strip()[-300:]}"
    log.warning("Deriving the key in a child process failed (%s); deriving it in this process.", reason)
    return parameters.derive_here(passphrase, salt)


def child_command() -> list[str]:
    """A frozen build's executable is not a Python interpreter: it runs the child when given `FROZEN_CHILD_FLAG`
    (installers/entry.py), so installed laptops keep the lower peak memory too."""
    if getattr(sys, "frozen", False):
        return [sys.executable, FROZEN_CHILD_FLAG]
    return [sys.executable, "-c", _COMMAND]


def serve() -> None:
    """In the child: read the request from standard input, write the raw key to standard output, exit."""
    from hbf_desktop.store.kdf import KdfParameters

    request = json.loads(sys.stdin.buffer.read())
    parameters = KdfParameters(int(request["memory_kib"]), int(request["iterations"]), int(request["lanes"]))
    key = parameters.derive_here(str(request["passphrase"]), bytes.fromhex(str(request["salt"])))
    sys.stdout.buffer.write(key)
    sys.stdout.buffer.flush()

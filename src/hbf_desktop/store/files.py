"""Writing private files safely: permissions before data, atomic replace, durable on power loss.

Key files and settings must never be seen half-written (a torn key file would lock a caseworker out of their records)
and must never be readable by other local users, even for the instant between create and chmod.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


def ensure_private_directory(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    with contextlib.suppress(OSError):  # not every file system (or OS) supports POSIX modes
        os.chmod(path, PRIVATE_DIR_MODE)


def write_private_file_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new content, never a mix."""
    with private_file_atomically(path) as stream:
        stream.write(data)


@contextlib.contextmanager
def private_file_atomically(path: Path) -> Iterator[BinaryIO]:
    """Stream a large file (a backup, a restored database) into place without holding it in memory.

    It is written beside `path` (so the rename stays on one file system) with mode 0600 from the first byte, synced,
    and renamed over `path` only when the block ends normally: an error, a cancel or Ctrl+C inside the block removes
    the partial file and leaves `path` as it was.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()  # a leftover from a crashed run with our pid: O_EXCL below must not meet its old mode
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    sync_directory(path.parent)


def sync_directory(path: Path) -> None:
    """Make a rename durable: without it a power cut can bring back the old directory entry."""
    if os.name != "posix":
        return
    sync_file(path)


def sync_file(path: Path) -> None:
    """Flush a file written by someone else (SQLite) to the disk, before a step that relies on it being there."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def overwrite_and_remove(path: Path) -> None:
    """Best-effort destruction of a small secret file (the key file): overwrite in place, sync, unlink.

    On SSDs and copy-on-write file systems the old blocks may survive; the key file only holds wrapped keys, so what
    matters is that the file is gone from the directory and its name can no longer be opened.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with open(path, "r+b") as stream:
        stream.write(os.urandom(size))
        stream.flush()
        os.fsync(stream.fileno())
    path.unlink()
    sync_directory(path.parent)

"""Release signing: a `SHA256SUMS` for a folder of artefacts and a detached Ed25519 signature over it.

`SHA256SUMS` is the usual `sha256sum` format ("<hex>  <name>"), so `sha256sum -c SHA256SUMS` works on any Linux
machine. `SHA256SUMS.sig` is the raw 64-byte Ed25519 signature of that file's exact bytes, so `openssl pkeyutl
-verify -rawin` can check it too (docs/installers.md). Verification refuses a bad signature, any changed byte, a
missing file and an extra one: an installer folder is taken or left whole.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from hbf_desktop.admin.errors import ReleaseVerificationError
from hbf_desktop.sync.protocol.keys import SigningPrivateKey, SigningPublicKey

SUMS_FILE = "SHA256SUMS"
SIGNATURE_FILE = "SHA256SUMS.sig"
_LINE = re.compile(r"([0-9a-f]{64})  ([^/\\\n]+)")
_CHUNK = 1024 * 1024
MAX_SUMS_BYTES = 1024 * 1024


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def sign_release(folder: Path, key: SigningPrivateKey) -> list[str]:
    """Write SHA256SUMS and SHA256SUMS.sig for every regular file in `folder` (flat); returns the names signed."""
    names = _artefacts(folder)
    if not names:
        raise ReleaseVerificationError(f"{folder} holds no files to sign.")
    sums = "".join(f"{sha256_file(folder / name)}  {name}\n" for name in names).encode("utf-8")
    (folder / SUMS_FILE).write_bytes(sums)
    (folder / SIGNATURE_FILE).write_bytes(key.sign(sums))
    return names


def verify_release(folder: Path, key: SigningPublicKey) -> list[str]:
    """The names of the verified artefacts; ReleaseVerificationError on any difference from what was signed."""
    try:
        sums = (folder / SUMS_FILE).read_bytes()
        signature = (folder / SIGNATURE_FILE).read_bytes()
    except OSError as error:
        raise ReleaseVerificationError(
            f"{folder} is not a signed release: {error.strerror}: {error.filename}"
        ) from None
    if len(sums) > MAX_SUMS_BYTES or not key.verifies(signature, sums):
        raise ReleaseVerificationError(
            f"The signature on {SUMS_FILE} is not the release key {key.key_id}'s. Do not install these files."
        )
    listed = _parse_sums(sums)
    present = set(_artefacts(folder))
    if missing := sorted(set(listed) - present):
        raise ReleaseVerificationError(f"Files signed for this release are missing: {', '.join(missing)}.")
    if extra := sorted(present - set(listed)):
        raise ReleaseVerificationError(f"Files not signed for this release are present: {', '.join(extra)}.")
    for name, expected in listed.items():
        if sha256_file(folder / name) != expected:
            raise ReleaseVerificationError(f"{name} differs from the signed release. Do not install it.")
    return sorted(listed)


def _artefacts(folder: Path) -> list[str]:
    if not folder.is_dir():
        raise ReleaseVerificationError(f"{folder} is not a folder.")
    skipped = {SUMS_FILE, SIGNATURE_FILE}
    entries = sorted(folder.iterdir())
    if any(entry.is_dir() for entry in entries):
        raise ReleaseVerificationError(f"{folder} holds sub-folders; a release folder holds only files.")
    return [entry.name for entry in entries if entry.name not in skipped]


def _parse_sums(sums: bytes) -> dict[str, str]:
    try:
        lines = sums.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise ReleaseVerificationError(f"{SUMS_FILE} is not text.") from None
    listed: dict[str, str] = {}
    for line in lines:
        match = _LINE.fullmatch(line)
        if match is None or match.group(2) in listed:
            raise ReleaseVerificationError(f"{SUMS_FILE} has a malformed or repeated line: {line[:80]!r}.")
        listed[match.group(2)] = match.group(1)
    return listed

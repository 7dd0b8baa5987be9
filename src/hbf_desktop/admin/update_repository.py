"""The organisation's update repository: TUF metadata signed by the release key, for `hbf_desktop.updates`.

Layout (served read-only by the organisation's server, see docs/installers.md):

    REPOSITORY/metadata/1.root.json, N.root.json   -> SERVER/v1/updates/metadata/N.root.json
    REPOSITORY/metadata/timestamp.json             -> SERVER/v1/updates/metadata/timestamp.json
    REPOSITORY/metadata/N.snapshot.json, N.targets.json
    REPOSITORY/targets/<sha256>.<name>             -> SERVER/v1/updates/targets/<sha256>.<name>

The targets are the release's artefacts plus `release.json`, the release manifest: `{"format": "hbf-release-v1",
"version": "0.2.0", "artefacts": [names]}`. Every run signs new targets, snapshot and timestamp versions with a fresh
expiry, so running it without a release ("refresh") is how an organisation keeps a quiet repository from expiring.
The release key holds all four TUF roles: one offline key is what an organisation of this size can look after;
root metadata can later move roles to other keys, and clients follow it (TUF's root rotation).
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519
from securesystemslib.signer import CryptoSigner, SSlibKey
from tuf.api.metadata import (
    TOP_LEVEL_ROLE_NAMES,
    Metadata,
    MetaFile,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer

from hbf_desktop.admin.errors import OrganisationError
from hbf_desktop.admin.release import verify_release
from hbf_desktop.sync.protocol.keys import SigningPrivateKey

RELEASE_MANIFEST = "release.json"
MANIFEST_FORMAT = "hbf-release-v1"
VERSION_PATTERN = re.compile(r"[0-9]{1,6}(\.[0-9]{1,6}){0,3}")
ROOT_LIFETIME = timedelta(days=5 * 365)
DEFAULT_EXPIRY_DAYS = 30


def publish_release(
    repository: Path,
    key: SigningPrivateKey,
    release: tuple[Path, str] | None,
    *,
    expires_days: int = DEFAULT_EXPIRY_DAYS,
    now: datetime | None = None,
) -> int:
    """Sign the next repository state; `release` is (a verified release folder, its version) or None to refresh.
    Returns the new targets version."""
    now = now or datetime.now(UTC)
    if expires_days < 1:
        raise OrganisationError("--expires-days must be at least 1.")
    signer = _signer(key)
    metadata, targets_dir = repository / "metadata", repository / "targets"
    metadata.mkdir(parents=True, exist_ok=True)
    targets_dir.mkdir(exist_ok=True)
    _ensure_root(metadata, signer, now)
    previous = _latest(metadata, Targets.type)
    version = (previous.signed.version if previous else 0) + 1
    expires = now + timedelta(days=expires_days)
    if release is not None:
        target_files = _add_release(targets_dir, *release, key)
    elif previous is not None:
        target_files = previous.signed.targets
    else:
        raise OrganisationError("The update repository is empty: give a release folder and its version.")
    targets = Metadata(Targets(version=version, expires=expires, targets=target_files))
    snapshot = Metadata(Snapshot(version=version, expires=expires, meta={"targets.json": MetaFile(version)}))
    timestamp = Metadata(Timestamp(version=version, expires=expires, snapshot_meta=MetaFile(version)))
    for document, name in ((targets, f"{version}.targets.json"), (snapshot, f"{version}.snapshot.json")):
        _write(document, signer, metadata / name)
    _write(timestamp, signer, metadata / "timestamp.json")  # last: clients only ever see a complete state
    return version


def _add_release(targets_dir: Path, folder: Path, version: str, key: SigningPrivateKey) -> dict[str, TargetFile]:
    """Copy a signed release folder's artefacts in under their hash names, with the release manifest."""
    if not VERSION_PATTERN.fullmatch(version):
        raise OrganisationError(f"The version {version!r} is not like 1.2.3.")
    names = verify_release(folder, key.public_key())
    manifest = json.dumps({"format": MANIFEST_FORMAT, "version": version, "artefacts": names}, sort_keys=True)
    staged = targets_dir / f".{RELEASE_MANIFEST}.new"
    staged.write_text(manifest + "\n", encoding="utf-8")
    files = {name: TargetFile.from_file(name, str(folder / name)) for name in names}
    files[RELEASE_MANIFEST] = TargetFile.from_file(RELEASE_MANIFEST, str(staged))
    for name, target in files.items():
        source = staged if name == RELEASE_MANIFEST else folder / name
        shutil.copyfile(source, targets_dir / f"{target.hashes['sha256']}.{name}")
    staged.unlink()
    return files


def _ensure_root(metadata: Path, signer: CryptoSigner, now: datetime) -> None:
    """Make root version 1 (every role: the release key) on first use; else check this key is the root's."""
    current = _latest(metadata, Root.type)
    key = signer.public_key
    if current is None:
        root = Metadata(Root(version=1, expires=now + ROOT_LIFETIME, consistent_snapshot=True))
        for role in TOP_LEVEL_ROLE_NAMES:
            root.signed.add_key(key, role)
        _write(root, signer, metadata / "1.root.json")
        shutil.copyfile(metadata / "1.root.json", metadata / "root.json")
        return
    if any(key.keyid not in current.signed.roles[role].keyids for role in TOP_LEVEL_ROLE_NAMES):
        raise OrganisationError("This release key does not hold this update repository's roles; nothing was signed.")


def _latest(metadata: Path, role: str) -> Metadata[Any] | None:
    found = sorted(
        (int(path.name.split(".", 1)[0]), path)
        for path in metadata.glob(f"*.{role}.json")
        if path.name.split(".", 1)[0].isdigit()
    )
    if not found:
        return None
    return Metadata.from_file(str(found[-1][1]))


def _signer(key: SigningPrivateKey) -> CryptoSigner:
    private = ed25519.Ed25519PrivateKey.from_private_bytes(key.private_bytes())
    return CryptoSigner(private, SSlibKey.from_crypto(private.public_key()))


def _write(document: Metadata[Any], signer: CryptoSigner, path: Path) -> None:
    document.sign(signer)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(document.to_bytes(JSONSerializer(compact=False)))
    temporary.replace(path)

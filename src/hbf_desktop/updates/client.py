"""The update check: python-tuf's ngclient over the organisation's update repository, anchored on the release key
pinned in the provisioning file.

TUF refuses metadata that is not signed by the keys the trusted root names (tampering), that has passed its expiry
(a server freezing laptops on an old release), or whose version is lower than one already seen (rollback), and it
checks every downloaded file's length and hash. The only thing taken on trust from the provisioning file is the
release key, which must hold the root role of root version 1; later roots are followed by TUF's own rules.

The result is a verified file in the data folder and a sentence for the person: nothing is run or installed here.
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from tuf.api.exceptions import (
    BadVersionNumberError,
    DownloadError,
    ExpiredMetadataError,
    LengthOrHashMismatchError,
    RepositoryError,
)
from tuf.api.metadata import Metadata, Root
from tuf.ngclient import Updater
from tuf.ngclient.urllib3_fetcher import Urllib3Fetcher

from hbf_desktop.domain.model import DomainError
from hbf_desktop.sync.protocol.keys import SigningPublicKey

METADATA_PATH = "/v1/updates/metadata/"
TARGETS_PATH = "/v1/updates/targets/"
RELEASE_MANIFEST = "release.json"
MANIFEST_FORMAT = "hbf-release-v1"
MAX_ROOT_BYTES = 512 * 1024
_PLATFORM_SUFFIXES = {"linux": (".deb", ".tar.gz"), "win32": ("-setup.exe",), "darwin": (".dmg", "-macos.zip")}


class UpdateCheckError(DomainError):
    """The update information could not be fetched or did not verify; no update was taken."""


@dataclass(frozen=True)
class UpdateStatus:
    current_version: str
    latest_version: str | None
    ready: Path | None  # the verified installer for this platform, when a newer release exists

    @property
    def message(self) -> str:
        if self.ready is not None:
            return (
                f"An update to HBF Desktop {self.latest_version} is ready (verified): {self.ready}. "
                "Install it as your IT team has described."
            )
        return f"HBF Desktop {self.current_version} is up to date."


def check_for_update(
    data_dir: Path, server_url: str, release_key: SigningPublicKey, current_version: str, platform: str | None = None
) -> UpdateStatus:
    """Refresh the update metadata; download (and verify) a newer release's installer for `platform`."""
    base = server_url.rstrip("/")
    folder = data_dir / "updates"
    (folder / "metadata").mkdir(parents=True, exist_ok=True)
    (folder / "downloads").mkdir(exist_ok=True)
    fetcher = Urllib3Fetcher(app_user_agent="hbf-desktop")
    try:
        bootstrap = _bootstrap_root(folder, base + METADATA_PATH + "1.root.json", release_key, fetcher)
        updater = Updater(
            str(folder / "metadata"), base + METADATA_PATH, str(folder / "downloads"), base + TARGETS_PATH, fetcher,
            bootstrap=bootstrap,
        )  # fmt: skip
        updater.refresh()
        latest, artefacts = _manifest(updater)
        if _version_tuple(latest) <= _version_tuple(current_version):
            return UpdateStatus(current_version, latest, None)
        name = _artefact_for(artefacts, platform or sys.platform)
        info = updater.get_targetinfo(name)
        if info is None:
            raise UpdateCheckError(f"The release manifest names {name}, but the signed targets do not list it.")
        path = updater.find_cached_target(info) or updater.download_target(info)
    except (RepositoryError, DownloadError, ValueError, OSError) as error:
        raise UpdateCheckError(_explain(error)) from None
    return UpdateStatus(current_version, latest, Path(path))


def _bootstrap_root(folder: Path, url: str, release_key: SigningPublicKey, fetcher: Urllib3Fetcher) -> bytes:
    """Root version 1, checked against the pinned release key each time; fetched once, then kept.

    A kept root that no longer matches the pinned key means the laptop was provisioned again with another release
    key: the trust state kept for the old key (root, versions seen) is dropped and built afresh on the new one."""
    cached = folder / "root-1.json"
    if cached.is_file():
        data = cached.read_bytes()
        try:
            _check_pinned(data, release_key)
            return data
        except RepositoryError:
            shutil.rmtree(folder / "metadata")
            (folder / "metadata").mkdir()
            cached.unlink()
    data = fetcher.download_bytes(url, MAX_ROOT_BYTES)
    _check_pinned(data, release_key)
    cached.write_bytes(data)
    return data


def _check_pinned(data: bytes, release_key: SigningPublicKey) -> None:
    root = Metadata[Root].from_bytes(data)
    signed = root.signed
    if not isinstance(signed, Root) or signed.version != 1:
        raise UnpinnedRootError("The update repository's first root is not a version-1 root.")
    keys = [signed.keys[key_id] for key_id in signed.roles[Root.type].keyids]
    if [(key.keytype, key.keyval.get("public")) for key in keys] != [("ed25519", release_key.raw.hex())]:
        raise UnpinnedRootError(
            f"The update repository's root key is not the organisation's release key {release_key.key_id}."
        )
    signed.verify_delegate(Root.type, root.signed_bytes, root.signatures)


class UnpinnedRootError(RepositoryError):
    """The repository's root is not anchored on the pinned release key."""


def _manifest(updater: Updater) -> tuple[str, list[str]]:
    """The signed release manifest: (version, artefact names)."""
    info = updater.get_targetinfo(RELEASE_MANIFEST)
    if info is None:
        raise UpdateCheckError("The organisation has not published a release yet.")
    path = updater.find_cached_target(info) or updater.download_target(info)
    try:
        manifest = json.loads(Path(path).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise UpdateCheckError("The signed release manifest is not readable JSON.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise UpdateCheckError(f"The signed release manifest is not an {MANIFEST_FORMAT} document.")
    version, artefacts = manifest.get("version"), manifest.get("artefacts")
    if not isinstance(artefacts, list) or not all(isinstance(name, str) for name in artefacts):
        raise UpdateCheckError("The signed release manifest's artefacts are not a list of names.")
    _version_tuple(version)
    return str(version), artefacts


def _artefact_for(names: list[str], platform: str) -> str:
    key = "linux" if platform.startswith("linux") else platform
    for suffix in _PLATFORM_SUFFIXES.get(key, ()):
        for name in names:
            if name.endswith(suffix):
                return name
    raise UpdateCheckError(f"The new release has no installer for this system ({platform}).")


def _version_tuple(version: object) -> tuple[int, ...]:
    if not isinstance(version, str) or not all(part.isdigit() for part in version.split(".")):
        raise UpdateCheckError(f"The release version {str(version)[:20]!r} is not like 1.2.3.")
    return tuple(int(part) for part in version.split("."))


def _explain(error: Exception) -> str:
    """One sentence per kind of refusal; the TUF message is kept for IT at the end."""
    if isinstance(error, ExpiredMetadataError):
        reason = "it has expired (the server may be holding back newer releases)"
    elif isinstance(error, BadVersionNumberError):
        reason = "it is older than information already seen (a rollback)"
    elif isinstance(error, LengthOrHashMismatchError):
        reason = "a file does not match its signed hash"
    elif isinstance(error, UnpinnedRootError):
        reason = str(error)
    elif isinstance(error, RepositoryError):
        reason = "it is not correctly signed by the organisation's release key"
    elif isinstance(error, DownloadError | OSError):
        reason = "it could not be downloaded"
    else:
        reason = "it is malformed"
    return f"The update information from the server was refused: {reason}. No update was taken. ({error})"

"""Where things live and what the organisation's policy says.

The data directory comes from, in order: `--data-dir`, the HBF_DATA_DIR environment variable, the per-user data
directory of the platform (platformdirs). Policy comes from `policy.json` in the data directory (written from the
organisation's provisioning file or signed directory), else the built-in defaults below.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, fields
from pathlib import Path

import platformdirs

APP_NAME = "HBF Desktop"
APP_AUTHOR = "HBF"
POLICY_FILE = "policy.json"


def default_data_dir() -> Path:
    override = os.environ.get("HBF_DATA_DIR")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME, APP_AUTHOR, roaming=False)


def resolve_data_dir(option: str | Path | None) -> Path:
    return Path(option).expanduser() if option else default_data_dir()


@dataclass(frozen=True)
class Policy:
    """The organisation's settings. Defaults are what a security reviewer would accept with no provisioning."""

    auto_lock_minutes: int = 5
    erase_after_failed_unlocks: int | None = None  # off by default: a tired caseworker must not lose a week's work
    clipboard_clear_seconds: int = 60
    retention_years: int = 6
    suppression_threshold: int = 10
    rounding_base: int = 5


def load_policy(data_dir: Path) -> Policy:
    """The policy in force; an unreadable policy file falls back to the defaults rather than locking people out."""
    try:
        content = json.loads((data_dir / POLICY_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError, UnicodeDecodeError):
        return Policy()
    if not isinstance(content, dict):
        return Policy()
    known = {field.name for field in fields(Policy)}
    values = {key: value for key, value in content.items() if key in known}
    try:
        return Policy(**values)
    except TypeError:
        return Policy()


# --- the organisation's provisioning file (docs/sync-api.md) ------------------------------------------------------

PROVISIONING_FILE = "provisioning.json"
PROVISIONING_FORMAT = "hbf-provisioning-v1"
_PROVISIONING_KEYS = frozenset(
    {"format", "organisation_id", "organisation_name", "server_url", "root_signing_key", "root_key_id"}
)
_PROVISIONING_OPTIONAL_KEYS = frozenset({"release_signing_key", "policy"})
MAX_PROVISIONING_BYTES = 64 * 1024


class ProvisioningError(ValueError):
    """A provisioning file that cannot be used; the message says why, for an IT administrator."""


@dataclass(frozen=True)
class Provisioning:
    """What IT bakes into an installer or hands to first-run set-up: where the server is, which root key to trust,
    and the organisation's policy. Nothing in it is secret; its integrity comes from the signed installer, and a
    person importing it by hand compares `root_key_id` with what IT read out."""

    organisation_id: str
    organisation_name: str
    server_url: str
    root_signing_key: str
    root_key_id: str
    release_signing_key: str | None
    policy: dict[str, object]

    def to_json(self) -> dict[str, object]:
        document: dict[str, object] = {
            "format": PROVISIONING_FORMAT,
            "organisation_id": self.organisation_id,
            "organisation_name": self.organisation_name,
            "server_url": self.server_url,
            "root_signing_key": self.root_signing_key,
            "root_key_id": self.root_key_id,
            "policy": dict(self.policy),
        }
        if self.release_signing_key is not None:
            document["release_signing_key"] = self.release_signing_key
        return document


def parse_provisioning(data: bytes) -> Provisioning:
    """Check a provisioning file strictly: keys, types, and that each key id matches its key."""
    from hbf_desktop.sync.protocol.keys import SigningPublicKey  # keeps config's own import light

    if len(data) > MAX_PROVISIONING_BYTES:
        raise ProvisioningError("The provisioning file is too large to be one (more than 64 KiB).")
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ProvisioningError("The provisioning file is not valid UTF-8 JSON.") from None
    if not isinstance(document, dict) or document.get("format") != PROVISIONING_FORMAT:
        raise ProvisioningError(f"This is not a provisioning file (its format is not {PROVISIONING_FORMAT}).")
    missing = sorted(_PROVISIONING_KEYS - document.keys())
    unknown = sorted(document.keys() - _PROVISIONING_KEYS - _PROVISIONING_OPTIONAL_KEYS)
    if missing or unknown:
        raise ProvisioningError(
            f"The provisioning file lacks {missing or 'nothing'} and has unknown {unknown or 'none'}."
        )
    texts = {key: document[key] for key in _PROVISIONING_KEYS - {"format"}}
    if not all(isinstance(value, str) and value for value in texts.values()):
        raise ProvisioningError("Every field of the provisioning file must be non-empty text.")
    try:
        root = SigningPublicKey.from_text(document["root_signing_key"])
        release = document.get("release_signing_key")
        if release is not None:
            SigningPublicKey.from_text(release)
    except Exception as error:  # MalformedKeyError or a non-string: one sentence either way
        raise ProvisioningError(f"The provisioning file's keys are not valid ({error}).") from None
    if root.key_id != document["root_key_id"]:
        raise ProvisioningError("The provisioning file's root_key_id does not match its root key; it was altered.")
    policy = document.get("policy", {})
    if not isinstance(policy, dict):
        raise ProvisioningError("The provisioning file's policy must be a JSON object.")
    return Provisioning(
        texts["organisation_id"], texts["organisation_name"], texts["server_url"], texts["root_signing_key"],
        texts["root_key_id"], release, policy,
    )  # fmt: skip


def bundled_provisioning_path() -> Path:
    """Where an installer bakes the file in: beside the frozen executable (PyInstaller), else the package."""
    import sys

    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent / PROVISIONING_FILE
    return Path(__file__).resolve().parent / PROVISIONING_FILE


def load_provisioning(data_dir: Path) -> Provisioning | None:
    """The provisioning in force: the data directory's copy (imported at set-up), else the one baked in, else none.
    A damaged file is an error, not a silent fallback: pointing a laptop at the wrong server must be loud."""
    for path in (data_dir / PROVISIONING_FILE, bundled_provisioning_path()):
        if path.is_file():
            try:
                return parse_provisioning(path.read_bytes())
            except ProvisioningError as error:
                raise ProvisioningError(f"{path}: {error}") from None
    return None


def save_provisioning(data_dir: Path, data: bytes) -> Provisioning:
    """Check and keep a provisioning file in the data directory; its policy becomes `policy.json`."""
    from hbf_desktop.store.files import ensure_private_directory, write_private_file_atomically

    provisioning = parse_provisioning(data)
    ensure_private_directory(data_dir)
    encoded = json.dumps(provisioning.to_json(), indent=2, sort_keys=True).encode()
    write_private_file_atomically(data_dir / PROVISIONING_FILE, encoded)
    if provisioning.policy:
        policy = json.dumps(provisioning.policy, indent=2, sort_keys=True).encode()
        write_private_file_atomically(data_dir / POLICY_FILE, policy)
    return provisioning

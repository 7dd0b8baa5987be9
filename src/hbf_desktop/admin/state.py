"""The organisation folder's non-secret state, `organisation.json`: who the supervisors are, which directory version
was signed last, the policy, and the public keys. It is plain JSON so an administrator can read (and back up) it; the
private keys live beside it in their own encrypted files.

The directory version is bumped and saved *before* a directory is signed, so two different documents can never be
signed under one version (devices would refuse the second as a rollback).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from hbf_desktop.admin.errors import OrganisationError
from hbf_desktop.config import Policy
from hbf_desktop.store.files import write_private_file_atomically
from hbf_desktop.sync.protocol.directory import DirectoryMember
from hbf_desktop.sync.protocol.encoding import JsonObject
from hbf_desktop.sync.protocol.errors import ProtocolError

STATE_FILE = "organisation.json"
ROOT_KEY_FILE = "root-key.json"
RELEASE_KEY_FILE = "release-key.json"
STATE_FORMAT = "hbf-organisation-v1"
MAX_STATE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class OrganisationState:
    organisation_id: str
    organisation_name: str
    server_url: str
    root_signing_key: str
    root_key_id: str
    release_signing_key: str | None = None
    directory_version: int = 0
    policy: JsonObject = field(default_factory=dict)
    supervisors: tuple[DirectoryMember, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "format": STATE_FORMAT,
            "organisation_id": self.organisation_id,
            "organisation_name": self.organisation_name,
            "server_url": self.server_url,
            "root_signing_key": self.root_signing_key,
            "root_key_id": self.root_key_id,
            "release_signing_key": self.release_signing_key,
            "directory_version": self.directory_version,
            "policy": self.policy,
            "supervisors": [member.to_json() for member in self.supervisors],
        }

    def with_changes(self, **changes: Any) -> OrganisationState:
        return replace(self, **changes)


def load_state(folder: Path) -> OrganisationState:
    path = folder / STATE_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise OrganisationError(
            f"{folder} is not an organisation folder (no {STATE_FILE}); make one with `hbf-desktop org init`."
        ) from None
    try:
        if len(raw) > MAX_STATE_BYTES:
            raise ValueError("too large")
        content = json.loads(raw.decode("utf-8"))
        if content.get("format") != STATE_FORMAT:
            raise ValueError("format")
        members = tuple(DirectoryMember.from_json(member) for member in content["supervisors"])
        version, policy = content["directory_version"], content["policy"]
        if type(version) is not int or version < 0 or not isinstance(policy, dict):
            raise ValueError("types")
        texts = [content[name] for name in ("organisation_id", "organisation_name", "server_url")]
        keys = [content[name] for name in ("root_signing_key", "root_key_id")]
        release = content["release_signing_key"]
        if not all(isinstance(text, str) for text in [*texts, *keys]) or not isinstance(release, str | None):
            raise ValueError("types")
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, ProtocolError):
        raise OrganisationError(f"{path} is damaged; restore it from your backup of the organisation folder.") from None
    return OrganisationState(
        organisation_id=texts[0], organisation_name=texts[1], server_url=texts[2], root_signing_key=keys[0],
        root_key_id=keys[1], release_signing_key=release, directory_version=version, policy=policy,
        supervisors=members,
    )  # fmt: skip


def save_state(folder: Path, state: OrganisationState) -> None:
    encoded = json.dumps(state.to_json(), indent=2, sort_keys=True).encode("utf-8") + b"\n"
    write_private_file_atomically(folder / STATE_FILE, encoded)


def checked_policy(policy: object) -> JsonObject:
    """A policy with only `config.Policy`'s keys, each a whole number (or null where the default is off): a typo here
    would otherwise reach every laptop and be silently ignored there."""
    if not isinstance(policy, dict):
        raise OrganisationError('The policy must be a JSON object, e.g. {"auto_lock_minutes": 5}.')
    known = {item.name: item.default for item in fields(Policy)}
    unknown = sorted(set(policy) - set(known))
    if unknown:
        raise OrganisationError(f"Unknown policy settings {unknown}; the known ones are {sorted(known)}.")
    for name, value in policy.items():
        may_be_off = known[name] is None
        if not ((type(value) is int and value >= 0) or (value is None and may_be_off)):
            allowed = "a whole number from 0, or null" if may_be_off else "a whole number from 0"
            raise OrganisationError(f"The policy setting {name} must be {allowed}, not {json.dumps(value)}.")
    return dict(policy)

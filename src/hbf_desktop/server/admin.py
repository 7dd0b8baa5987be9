"""The administrator's commands behind `hbf-server init | enrol-code | devices | revoke | purge | stats`.

Each takes an open storage and returns the lines to print; `__main__` does the arguments and the printing.
"""

from __future__ import annotations

import json
from pathlib import Path

from hbf_desktop.server.auth import iso_time
from hbf_desktop.server.enrolment import code_hash, new_code
from hbf_desktop.server.records import ROLES, UnknownDeviceError
from hbf_desktop.server.services import ORGANISATION_ID, ROOT_SIGNING_KEY
from hbf_desktop.server.storage import Storage
from hbf_desktop.sync.protocol import ProtocolError, SigningPublicKey
from hbf_desktop.sync.protocol.header import ORGANISATION_ID as ORGANISATION_ID_FORM

PROVISIONING_FORMAT = "hbf-provisioning-v1"


class AdminError(Exception):
    """A command could not do what was asked; the message says why and what to do."""


def init(storage: Storage, provisioning: Path | None) -> list[str]:
    if provisioning is None:
        organisation = storage.info(ORGANISATION_ID)
        return [f"The database is ready (organisation: {organisation or 'not set yet; use --provisioning FILE'})."]
    organisation_id, root_key = _read_provisioning(provisioning)
    held = storage.info(ROOT_SIGNING_KEY)
    if held is not None and held != root_key.to_text():
        raise AdminError("This server already trusts another organisation root key; use a new data directory.")
    storage.set_info(ORGANISATION_ID, organisation_id)
    storage.set_info(ROOT_SIGNING_KEY, root_key.to_text())
    return [f"The server now serves organisation {organisation_id}, root key id {root_key.key_id}."]


def enrol_code(storage: Storage, user: str, role: str, expires_hours: float, now: int) -> list[str]:
    if role not in ROLES:
        raise AdminError(f"The role must be one of {', '.join(ROLES)}.")
    if not user.strip() or len(user) > 200:
        raise AdminError("The user name must be 1 to 200 characters.")
    if not 0 < expires_hours <= 24 * 365:
        raise AdminError("--expires-hours must be more than 0 and at most a year.")
    code = new_code()
    expires_at = now + int(expires_hours * 3600)
    storage.add_enrolment_code(code_hash(code), user.strip(), role, now, expires_at)
    return [f"One-time enrolment code for {user.strip()} ({role}), valid until {iso_time(expires_at)}: {code}"]


def list_devices(storage: Storage) -> list[str]:
    lines = []
    for device in storage.devices():
        state = f"revoked {iso_time(device.revoked_at)}" if device.revoked_at else "active"
        lines.append(
            f"{device.device_id}  {device.user}  {device.role}  {state}  enrolled {iso_time(device.enrolled_at)}  "
            f"last seen {iso_time(device.last_seen_at) or 'never'}  batches {device.last_sequence}"
        )
    return lines or ["No devices are enrolled yet."]


def revoke(storage: Storage, device_id: str, reason: str, now: int) -> list[str]:
    try:
        device = storage.revoke(device_id, reason, now)
    except UnknownDeviceError as error:
        raise AdminError(str(error)) from None
    return [f"Device {device.device_id} ({device.user}) is revoked since {iso_time(device.revoked_at)}."]


def purge(storage: Storage, older_than_days: float, now: int) -> list[str]:
    if older_than_days < 0:
        raise AdminError("--older-than-days cannot be negative.")
    removed = storage.purge(now - int(older_than_days * 86400), now)
    return [f"Purged {removed} acknowledged batches received more than {older_than_days:g} days ago."]


def stats(storage: Storage) -> list[str]:
    found = storage.stats()
    return [
        f"devices: {found.devices} ({found.revoked_devices} revoked)",
        f"batches: {found.batches} ({found.batch_bytes:,} bytes), last cursor {found.last_cursor}",
        f"attachment chunks: {found.attachment_chunks} ({found.attachment_bytes:,} bytes)",
        f"directory version: {found.directory_version or 'none'}",
    ]


def _read_provisioning(path: Path) -> tuple[str, SigningPublicKey]:
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise AdminError(f"Cannot read the provisioning file {path}: {error.strerror}.") from None
    except (ValueError, UnicodeDecodeError):
        raise AdminError(f"The provisioning file {path} is not JSON.") from None
    if not isinstance(content, dict) or content.get("format") != PROVISIONING_FORMAT:
        raise AdminError(f"The file {path} is not a provisioning file ({PROVISIONING_FORMAT}).")
    organisation_id = content.get("organisation_id")
    if not isinstance(organisation_id, str) or not ORGANISATION_ID_FORM.fullmatch(organisation_id):
        raise AdminError("The provisioning file's organisation_id is missing or not a valid id.")
    try:
        root_key = SigningPublicKey.from_text(str(content.get("root_signing_key", "")))
    except ProtocolError:
        raise AdminError("The provisioning file's root_signing_key is not an Ed25519 public key.") from None
    if content.get("root_key_id") != root_key.key_id:
        raise AdminError("The provisioning file's root_key_id does not match its root_signing_key: it was altered.")
    return organisation_id, root_key
